"""Peak memory per process of a large ``communique ingest --engine dask`` (issue 12: memory flat in corpus size).

    nice -n 19 .venv/bin/python benchmarks/scale.py [--articles 20000] [--workers 2] [--log scale.log]

The corpus is generated at run time from ``../shared/corpora/voa.jsonl``: copies of its articles,
each with its own id and a publication date moved by a whole number of days (so the copies spread
over many months), written to a temporary JSONL feed that is streamed into ``communique ingest``.
Nothing generated is kept. The ingest runs as a child process (the "parent" below: reader, Dask
client, scheduler, nannies and the SQLite writer); its Dask workers are its child processes. Every
few seconds the script reads each process's peak resident memory (Linux ``VmHWM``) and, every
``--every`` seconds, logs the articles stored so far with the peaks so far: flat memory shows as
peaks that stop growing while the article count does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VOA = ROOT.parent / "shared" / "corpora" / "voa.jsonl"


def generate_feed(source: Path, out: Path, count: int) -> int:
    """Write ``count`` articles: the source's, again and again, each copy with a new id and date."""
    originals = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    with out.open("w", encoding="utf-8") as feed:
        for n in range(count):
            copy, article = divmod(n, len(originals))
            line = dict(originals[article])
            line["id"] = f"{line.get('id', 'article')}-copy{copy}"
            if line.get("published"):
                day = dt.date.fromisoformat(line["published"][:10]) - dt.timedelta(days=7 * copy)
                line["published"] = day.isoformat()
            feed.write(json.dumps(line, ensure_ascii=False) + "\n")
    return count


def peak_rss_mb(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def children(pid: int) -> list[int]:
    """The child processes of ``pid``, whichever of its threads started them."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def is_dask_worker(pid: int) -> bool:
    try:
        return b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def stored_articles(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
            return connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--every", type=float, default=60, help="seconds between log lines")
    parser.add_argument("--log", type=Path, help="also append the log lines to this file")
    args = parser.parse_args()
    if not VOA.exists():
        print(f"skipped: {VOA} is not here", file=sys.stderr)
        return 0

    def log(message: str) -> None:
        line = f"{dt.datetime.now(dt.timezone.utc):%H:%M:%S} {message}"
        print(line, flush=True)
        if args.log:
            with args.log.open("a", encoding="utf-8") as out:
                out.write(line + "\n")

    with tempfile.TemporaryDirectory(prefix="communique-scale-") as folder:
        feed, db = Path(folder) / "feed.jsonl", Path(folder) / "corpus.db"
        generate_feed(VOA, feed, args.articles)
        log(
            f"feed: {args.articles} articles, {feed.stat().st_size / 1e6:.0f} MB; ingest with {args.workers} Dask workers"
        )
        command = [
            sys.executable, "-m", "communique.cli", "ingest", str(feed), "--engine", "dask",
            "--workers", str(args.workers), "--db", str(db), "--no-progress",
        ]  # fmt: skip
        started = time.monotonic()
        # stderr to a file, not a pipe: a pipe nobody reads fills up and stalls a long ingest
        stderr = (Path(folder) / "ingest.stderr").open("w+", encoding="utf-8")
        child = subprocess.Popen(command, cwd=folder, stderr=stderr, text=True)
        parent_peak, worker_peaks = 0.0, {}
        last_log = started
        while child.poll() is None:
            time.sleep(2)
            parent_peak = max(parent_peak, peak_rss_mb(child.pid) or 0.0)
            for pid in children(child.pid):
                if is_dask_worker(pid):
                    worker_peaks[pid] = max(worker_peaks.get(pid, 0.0), peak_rss_mb(pid) or 0.0)
            if time.monotonic() - last_log >= args.every:
                last_log = time.monotonic()
                done = stored_articles(db)
                log(
                    f"{time.monotonic() - started:7.0f} s  {done:6d} articles stored"
                    f"  peak RSS: parent {parent_peak:.0f} MB, workers "
                    + ", ".join(f"{p:.0f}" for p in worker_peaks.values())
                    + " MB"
                )
        child.wait()
        stderr.seek(0)
        errors = stderr.read()
        stderr.close()
        seconds = time.monotonic() - started
        done = stored_articles(db)
        log(
            f"done in {seconds:.0f} s (exit {child.returncode}): {done} articles stored,"
            f" {done / seconds * 3600:,.0f} articles/hour; peak RSS: parent {parent_peak:.0f} MB,"
            f" each worker (all {len(worker_peaks)} worker processes) "
            + ", ".join(f"{p:.0f}" for p in worker_peaks.values())
            + " MB"
        )
        log("ingest said: " + " | ".join(errors.strip().splitlines()[-3:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
