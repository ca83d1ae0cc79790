"""Load on `communique serve`: many concurrent clients over the main pages and API calls of a big corpus.

    .venv/bin/python benchmarks/web_load.py [--articles 10000] [--db KEPT.db] [--clients 100] [--seconds 60]
                                            [--workers 2] [--cache-mb 64] [--output docs/benchmarks.md]

The database is generated at run time (never committed): the articles of ../shared/corpora/voa.jsonl
are analyzed once, then stored again and again under new ids and dates until there are ``--articles``
of them. The server runs in its own processes (``communique serve --workers N`` on a free loopback
port); the clients are asyncio tasks in this process with one keep-alive connection each, speaking
HTTP/1.1 over raw streams, every one sending its next request as soon as the last one is answered (no
think time: the hardest case for latency). Without ../shared it prints "skipped" and exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import datetime as dt
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

REPOSITORY = Path(__file__).resolve().parents[1]
CORPUS = REPOSITORY.parent / "shared" / "corpora" / "voa.jsonl"
SECTION = "# Web load"
P99_GOAL_MS = 300
WORKERS = 2  # one server process per core of the 2-core machines the project runs on
MEASURED_SEED, WARMUP_SEED = 3, 4  # of the clients' draws (see load)


# ---------------------------------------------------------------- the database


def copies(analyses: list, n: int, seed: int = 1):
    """``n`` analyses: the given ones again and again, each copy with its own id and a date moved over two years."""
    rng = random.Random(seed)
    for i in range(n):
        source = analyses[i % len(analyses)]
        item = copy.deepcopy(source)
        shift = dt.timedelta(days=rng.randrange(-365, 365))
        item.article.id = f"{source.article.id}-{i:05d}"
        published = dt.date.fromisoformat(source.article.published or "2025-01-01") + shift
        item.article.published = published.isoformat()
        moved: set[int] = set()
        for time_ref in [e.date for e in item.events if e.date] + list(item.times):
            if id(time_ref) in moved or time_ref.granularity != "day" or not time_ref.value:
                continue
            moved.add(id(time_ref))
            try:
                time_ref.value = (dt.date.fromisoformat(time_ref.value) + shift).isoformat()
            except ValueError:
                continue
        yield item


def build_database(corpus: Path, db: Path, n: int) -> dict:
    from communique.ingest import read_inputs
    from communique.model import Article
    from communique.pipeline import analyze_many
    from communique.store import Store

    started = time.perf_counter()
    articles = [a for a in read_inputs([str(corpus)]) if isinstance(a, Article)]
    analyses = list(analyze_many(articles))
    analyzed = time.perf_counter()
    with Store(db) as store:
        batch = []
        for item in copies(analyses, n):
            batch.append(item)
            if len(batch) == 500:
                store.add(batch)
                batch = []
        if batch:
            store.add(batch)
        store.refresh_search_index()
        counts = store.counts()
    return {
        "source_articles": len(analyses),
        "analyze_seconds": analyzed - started,
        "store_seconds": time.perf_counter() - analyzed,
        "counts": counts,
    }


def request_mix(db: Path, seed: int = 2) -> list[tuple[str, float, list[str]]]:
    """(kind, weight, addresses): the pages and API calls the clients pick from, drawn from the whole database.

    Every article, every actor code and country, every pair of countries or codes that has events, every
    PLOVER type, sector and month, and search words from all the articles' text (seeded: the same list
    each run), so that a run over the mix reads the whole corpus, not a few pages the cache keeps.
    """
    from communique.store import Store

    rng = random.Random(seed)
    with Store(db, create=False) as store:
        execute = store.connection.execute
        articles = store.article_ids()
        countries = sorted(
            {
                r[0]
                for r in execute("SELECT source_country FROM events UNION SELECT target_country FROM events")
                if r[0]
            }
        )
        codes = sorted(
            {r[0] for r in execute("SELECT code FROM actors UNION SELECT source_code FROM events") if r[0]}
        )
        sectors = sorted({r[0] for r in execute("SELECT source_sector FROM events") if r[0]})
        plovers = sorted({r[0] for r in execute("SELECT plover FROM events") if r[0]})
        pairs = sorted(
            {
                tuple(r)
                for r in execute(
                    "SELECT source_country, target_country FROM events UNION"
                    " SELECT source_code, target_code FROM events"
                )
                if r[0] and r[1] and r[0] != r[1]
            }
        )
        months = sorted({r[0][:7] for r in execute("SELECT published FROM articles") if r[0]})
        names = sorted({r[0] for r in execute("SELECT name FROM actors WHERE length(name) >= 4")})
        # words of every length from the articles' text: rare ones (few matches) and common ones (thousands)
        words = sorted(
            {
                w.lower()
                for (title, body) in execute("SELECT title, body FROM articles GROUP BY title")
                for w in f"{title or ''} {body}".split()
                if w.isalpha() and len(w) >= 4
            }
        )
    statuses = ["occurred", "negated", "expected", "alleged", "hypothetical"]

    def month_window() -> str:
        first = rng.randrange(len(months))
        last = min(len(months) - 1, first + rng.choice([0, 0, 2, 5]))
        return f"since={months[first]}-01&until={months[last]}-28"

    def event_filters() -> str:
        """One to three filters of the events page's form, each over all the values it can take."""
        choices = {
            "country": lambda: f"country={rng.choice(countries)}",
            "plover": lambda: f"plover={rng.choice(plovers)}",
            "sector": lambda: f"sector={rng.choice(sectors)}",
            "status": lambda: f"status={rng.choice(statuses)}",
            "quad_class": lambda: f"quad_class={rng.randint(1, 4)}",
            "months": month_window,
            "actor": lambda: f"actor={quote(rng.choice(names).split()[-1])}",
            "search": lambda: f"search={quote(rng.choice(words))}",
            "merged": lambda: "merged=true",
        }
        chosen = rng.sample(sorted(choices), rng.choice([1, 1, 2, 2, 3]))
        return "&".join(choices[c]() for c in sorted(chosen))

    def page() -> int:  # readers mostly stay on the first pages of a list
        return min(20, int(rng.expovariate(0.5)) + 1)

    def search_words() -> str:
        return quote(" ".join(rng.sample(words, rng.choice([1, 1, 1, 2]))))

    def window() -> str:
        return "" if rng.random() < 0.5 else "&" + month_window()

    dyads = [f"/dyad/{a}/{b}" for a, b in pairs] + [
        f"/dyad/{a}/{b}?period={rng.choice(['week', 'month'])}{window()}"
        for a, b in rng.sample(pairs, len(pairs))
    ]
    return [
        ("home", 1, ["/"]),
        ("search page", 1, [f"/search?q={search_words()}" for _ in range(3000)]),
        ("article page", 3, [f"/article/{quote(a)}" for a in articles]),
        ("events page", 2, [f"/events?{event_filters()}&page={page()}" for _ in range(5000)]),
        (
            "events CSV",
            0.5,
            [f"/events.csv?country={rng.choice(countries)}&{month_window()}" for _ in range(2000)],
        ),
        ("actor page", 1, [f"/actor/{code}" for code in codes + countries]),
        ("dyad page", 1, dyads),
        ("network page", 0.5, ["/network"] + [f"/network?{month_window()}" for _ in range(300)]),
        (
            "api events",
            2,
            [f"/api/events?{event_filters()}&limit=50&offset={50 * (page() - 1)}" for _ in range(5000)],
        ),
        ("api article", 2, [f"/api/articles/{quote(a)}" for a in articles]),
        (
            "api actors",
            0.5,
            [
                f"/api/actors?by={by}" + (f"&country={c}" if c else "") + (f"&sector={s}" if s else "")
                for by in ("actor", "code", "country")
                for c in [None, *countries]
                for s in [None, *rng.sample(sectors, min(3, len(sectors)))]
            ],
        ),
        ("api dyads", 0.5, [f"/api/dyads?a={a}&b={b}{window()}" for a, b in pairs]),
        ("api network", 0.5, ["/api/network"] + [f"/api/network?{month_window()}" for _ in range(300)]),
        ("api summary", 0.5, ["/api/summary"]),
        ("api search", 0.5, [f"/api/search?q={search_words()}" for _ in range(3000)]),
    ]


# ---------------------------------------------------------------- the server and the clients


def start_server(db: Path, port: int, workers: int, cache_mb: int, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "communique.cli", "serve", "--db", str(db), "--port", str(port)]
    command += ["--workers", str(workers), "--cache-mb", str(cache_mb)]
    with log.open("w") as errors:  # a file, not a pipe nobody reads: a chatty server cannot stall on it
        return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)


def wait_for(url: str, server: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped: {log.read_text()}")
        try:
            if httpx.get(url + "/api/summary", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError("the server did not answer in time")


class Connection:
    """One keep-alive HTTP/1.1 connection, spoken over raw asyncio streams: a client costs the machine far
    less CPU than an HTTP library would, leaving the cores to the server being measured."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, int, bool]:
        """GET ``path``; (status, body bytes, whether the server's cache answered) once every byte is read."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode("ascii"))
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split(" ", 2)[1])
        headers = dict(line.lower().split(": ", 1) for line in head[1:] if ": " in line)
        if "content-length" in headers:
            size = len(await self.reader.readexactly(int(headers["content-length"])))
        elif headers.get("transfer-encoding") == "chunked":
            size = 0
            while chunk := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
                size += len(await self.reader.readexactly(chunk + 2)) - 2
            await self.reader.readuntil(b"\r\n")  # no trailers: the empty line after the last chunk
        else:
            size = len(await self.reader.read())
            headers["connection"] = "close"
        if headers.get("connection") == "close":
            self.close()
        return status, size, headers.get("x-cache") == "hit"

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def load(
    port: int,
    mix: list,
    clients: int,
    seconds: float,
    think: float = 0,
    seed: int = MEASURED_SEED,
    timeout: float = 60,
) -> dict:
    """``clients`` concurrent clients for ``seconds``; returns latencies (ms) and errors by kind, how many
    responses came from the server's cache, and the addresses asked for."""
    kinds = [kind for kind, _, _ in mix]
    weights = [weight for _, weight, _ in mix]
    addresses = {kind: urls for kind, _, urls in mix}
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    hits, asked = defaultdict(int), {}
    asked_by_kind: dict[str, set[str]] = defaultdict(set)
    stop = time.perf_counter() + seconds

    async def client(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        connection = Connection("127.0.0.1", port)
        while time.perf_counter() < stop:
            kind = rng.choices(kinds, weights)[0]
            url = rng.choice(addresses[kind])
            started = time.perf_counter()
            try:
                status, size, hit = await asyncio.wait_for(connection.get(url), timeout)
                hits[kind] += hit
                asked[url] = size
                asked_by_kind[kind].add(url)
                if status != 200:
                    errors[kind].append(f"{status} {url}")
            except (
                OSError,
                asyncio.IncompleteReadError,
                asyncio.LimitOverrunError,
                asyncio.TimeoutError,
                ValueError,
            ) as exc:
                connection.close()
                errors[kind].append(f"{type(exc).__name__} {url}")
            latencies[kind].append((time.perf_counter() - started) * 1000)
            if think:  # a person reading the page before the next click
                await asyncio.sleep(rng.expovariate(1 / think))
        connection.close()

    await asyncio.gather(*(client(n) for n in range(clients)))
    return {
        "latencies": dict(latencies),
        "errors": dict(errors),
        "hits": sum(hits.values()),
        "hits_by_kind": dict(hits),
        "addresses": len(asked),
        "addresses_by_kind": {kind: len(urls) for kind, urls in asked_by_kind.items()},
        "address_bytes": sum(asked.values()),
    }


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process and its children (the server's workers) have used so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK") + sum(
        cpu_seconds(int(child)) for child in children
    )


def memory(pid: int) -> list[tuple[str, float, float, float]]:
    """(what, resident MB now, peak resident MB, anonymous resident MB now) of a process and its children,
    the process first (Linux). The anonymous part leaves out files mapped in memory (the database, read by
    mmap, counts as resident while its pages are in the OS cache, shared with every process)."""
    found = []
    status = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line
    )
    command = Path(f"/proc/{pid}/cmdline").read_bytes()
    found.append(
        (
            "resource tracker"
            if b"resource_tracker" in command
            else "worker"
            if b"spawn" in command
            else "server",
            int(status["VmRSS"].split()[0]) / 1024,
            int(status["VmHWM"].split()[0]) / 1024,
            int(status["RssAnon"].split()[0]) / 1024,
        )
    )
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        found += memory(int(child))
    return found


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


# ---------------------------------------------------------------- the report


def heading(args: argparse.Namespace) -> str:
    """Each kind of run has its own section of the report."""
    return (
        SECTION
        + (
            f", {args.workers} server process{'es' if args.workers > 1 else ''}"
            if args.workers != WORKERS
            else ""
        )
        + (", no response cache" if not args.cache_mb else "")
        + (f", clients waiting {args.think:g} s between requests" if args.think else "")
    )


def command_line(args: argparse.Namespace) -> str:
    """The command that made this run, as it was run (niceness included)."""
    niceness = os.nice(0)
    options = [
        f"--articles {args.articles}",
        *([f"--db {args.db}"] if args.db else []),
        f"--clients {args.clients}",
        f"--seconds {args.seconds:g}",
        f"--warmup {args.warmup:g}",
        *([f"--think {args.think:g}"] if args.think else []),
        f"--workers {args.workers}",
        f"--cache-mb {args.cache_mb}",
        *([f"--output {args.output}"] if args.output else []),
    ]
    return (
        (f"nice -n {niceness} " if niceness else "")
        + ".venv/bin/python benchmarks/web_load.py "
        + " ".join(options)
    )


def render(
    args: argparse.Namespace, built: dict, result: dict, measured: float, loads: dict, warmup: dict
) -> str:
    all_latencies = [v for vs in result["latencies"].values() for v in vs]
    n = len(all_latencies)
    n_errors = sum(len(e) for e in result["errors"].values())
    p99 = percentile(all_latencies, 99)
    counts = built["counts"]
    per_request = loads["server_cpu"] / max(1, n)
    cold = [v for vs in warmup["latencies"].values() for v in vs]
    lines = [
        heading(args),
        "",
        f"Measured {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC with:",
        "",
        "    " + command_line(args),
        "",
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()};"
        " server and clients on the same cores, at the same priority (and the machine shared with other users).",
        f"- Load average over 1 minute: {loads['before']:.2f} before the server started (other users),"
        f" {loads['warm']:.2f} after the warm-up and {loads['after']:.2f} at the end (these two count the"
        " server's and the clients' own threads)."
        f" CPU the server's processes got: {loads['server_cpu']:.1f} s in {measured:.0f} s"
        f" ({loads['server_cpu'] / measured:.2f} cores), {per_request * 1000:.2f} ms per request; the clients:"
        f" {loads['client_cpu']:.1f} s, {loads['client_cpu'] / max(1, n) * 1000:.2f} ms per request.",
        f"- Database: {counts['articles']:,} articles ({built['source_articles']} VOA articles analyzed once, then"
        f" stored under new ids and dates), {counts['events']:,} events, {counts['quotes']:,} quotes,"
        f" {counts['actors']:,} actors; "
        + (
            f"built in {built['analyze_seconds'] + built['store_seconds']:.0f} s"
            if "analyze_seconds" in built
            else "built by an earlier run (--db)"
        )
        + " (not part of the timings).",
        f"- {args.clients} concurrent clients, one keep-alive HTTP/1.1 connection each, "
        + (f"waiting {args.think:g} s on average between requests" if args.think else "no think time")
        + f", for {measured:.0f} s after a {args.warmup:g} s warm-up, over the mix of pages and API calls below;"
        f" `communique serve --workers {args.workers} --cache-mb {args.cache_mb}`.",
        "- Memory of the server's processes at the end (anonymous resident, i.e. without the database file"
        " mapped in memory; then all resident, and its peak): "
        + "; ".join(
            f"{'supervisor' if i == 0 and len(loads['memory']) > 1 else what} {anon:.0f} MB"
            f" ({rss:.0f} MB, {peak:.0f} MB)"
            for i, (what, rss, peak, anon) in enumerate(loads["memory"])
        )
        + ".",
        f"- {result['hits']:,} of the {n:,} responses ({result['hits'] / max(1, n):.0%}) came from the server's"
        f" response cache; the clients asked for {result['addresses']:,} different addresses, whose responses"
        f" weigh {result['address_bytes'] / 2**20:.0f} MB together. During the warm-up, from a server just"
        f" started: {len(cold):,} requests, {sum(len(e) for e in warmup['errors'].values())} errors,"
        f" {warmup['hits'] / max(1, len(cold)):.0%} from the cache, p50 {percentile(cold, 50):.0f} ms,"
        f" p99 {percentile(cold, 99):.0f} ms (not part of the figures below).",
        "",
        f"**{n:,} requests, {n_errors} errors, {n / measured:.0f} requests/s;"
        f" latency p50 {percentile(all_latencies, 50):.0f} ms, p95 {percentile(all_latencies, 95):.0f} ms,"
        f" p99 {p99:.0f} ms, max {max(all_latencies, default=float('nan')):.0f} ms.**"
        f" The goal (issue 11) is no errors and p99 under {P99_GOAL_MS} ms: "
        + ("met." if n_errors == 0 and p99 < P99_GOAL_MS else "**not met** on this run."),
        "",
        "| request | share | requests | errors | from cache | addresses | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, values in sorted(result["latencies"].items(), key=lambda kv: -len(kv[1])):
        lines.append(
            f"| {kind} | {len(values) / n:.0%} | {len(values):,} | {len(result['errors'].get(kind, []))}"
            f" | {result['hits_by_kind'].get(kind, 0) / len(values):.0%}"
            f" | {result['addresses_by_kind'].get(kind, 0):,}"
            f" | {statistics.median(values):.0f} | {percentile(values, 95):.0f} | {percentile(values, 99):.0f}"
            f" | {max(values):.0f} |"
        )
    if n_errors:
        lines += ["", "First errors:", ""]
        lines += [f"- {e}" for es in result["errors"].values() for e in es[:3]]
    lines += [
        "",
        "How it is measured: the clients are asyncio tasks in one process speaking HTTP/1.1 over raw streams"
        " (cheaper than an HTTP library, so that they leave the cores to the server); each reads every byte"
        " of every response and counts any status but 200 as an error. Each picks a request kind by the"
        " weights of `request_mix` (article pages and event lists most), then one address of that kind, drawn"
        " (seeded) from the whole database: every article, every actor code and country, every pair of them"
        " with events, event lists with one to three filters over every country, sector, PLOVER type, status,"
        " QuadClass and month (and actor names and words of the text) and their first pages, searches for"
        " words of all the articles; it times each from sending to the last byte. The warm-up's clients draw"
        " with another seed than the measured run's, so that the measured requests are no replay of the"
        ' warm-up\'s. "addresses" counts the'
        ' different ones asked for during the measured time, "from cache" the responses the server\'s'
        " whole-response cache gave (`X-Cache: hit`; each process has its own, `--cache-mb` of them, dropped"
        " when an article or a correction is added); the aggregates behind the home, actor, dyad and network"
        " pages are also kept (1,024 of them per process), whatever `--cache-mb`.",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60, help="measuring time (default: %(default)s)")
    parser.add_argument(
        "--warmup", type=float, default=60, help="seconds of load before measuring (default: %(default)s)"
    )
    parser.add_argument(
        "--think", type=float, default=0, help="mean seconds a client waits between requests (default: none)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=WORKERS,
        help="server processes, `serve --workers` (default: %(default)s)",
    )
    parser.add_argument(
        "--cache-mb",
        type=int,
        default=64,
        help="`serve --cache-mb`: room for whole responses per process, 0 for none (default: %(default)s)",
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument(
        "--db", type=Path, help="keep the generated database here (default: a temporary file)"
    )
    parser.add_argument("--output", type=Path, help="write the report's section into this Markdown file")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} is absent")
        return 0
    from communique.web import free_port

    with tempfile.TemporaryDirectory() as scratch:
        db = args.db or Path(scratch) / "load.db"
        if db.exists():
            from communique.store import Store

            with Store(
                db, create=False
            ) as store:  # made by an earlier run: ids are "{source id}-{copy number}"
                sources = store.connection.execute(
                    "SELECT COUNT(DISTINCT substr(id, 1, length(id) - 6)) FROM articles"
                ).fetchone()[0]
                built = {"source_articles": sources, "counts": store.counts()}
        else:
            print(f"building {args.articles:,} articles in {db} ...", file=sys.stderr)
            built = build_database(args.corpus, db, args.articles)
        mix = request_mix(db)
        port, log = free_port(), Path(scratch) / "server.log"
        loads = {"before": os.getloadavg()[0]}
        server = start_server(db, port, args.workers, args.cache_mb, log)
        try:
            wait_for(f"http://127.0.0.1:{port}", server, log)
            # the warm-up's clients draw their own addresses (another seed): with the measured run's, each
            # client would ask again, in the same order, what it asked in the warm-up, and a response cache
            # big enough would answer a replay, not a population of readers
            warmup = asyncio.run(load(port, mix, args.clients, args.warmup, seed=WARMUP_SEED))
            loads["warm"] = os.getloadavg()[0]
            server_cpu, client_cpu = cpu_seconds(server.pid), time.process_time()
            started = time.perf_counter()
            result = asyncio.run(load(port, mix, args.clients, args.seconds, args.think))
            measured = time.perf_counter() - started
            loads["after"] = os.getloadavg()[0]
            loads["server_cpu"] = cpu_seconds(server.pid) - server_cpu
            loads["client_cpu"] = time.process_time() - client_cpu
            loads["memory"] = memory(server.pid)
        finally:
            server.terminate()
            server.wait(30)
    text = render(args, built, result, measured, loads, warmup)
    print(text)
    if args.output:
        from report import write_section

        write_section(args.output, heading(args), text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
