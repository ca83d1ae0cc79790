"""What one request of each kind of ``web_load.request_mix`` costs, alone: no load, no response cache.

    .venv/bin/python benchmarks/web_requests.py --db KEPT.db [--per-kind 40] [--profile "actor page"]

One process, one thread: the app called one request after another through httpx's ASGI transport
(no sockets; the sync routes run inline rather than in a thread, so that cProfile sees them),
``create_app(db, response_cache_bytes=0)``: each address is computed, not answered from
the whole-response cache. The addresses are a seeded sample of each kind's, so that every run asks
for the same ones. Per kind: the mean, median, 90th percentile and maximum wall time, and the slowest
address; and the mean CPU time of the process (``time.process_time``: SQLite's work included, other
users' load on the machine mostly not). ``--profile KIND``: cProfile of that kind's requests, the 25 functions with most cumulative time.
``--gc``: the heap settled as a server process settles it (``settle_heap``), then the garbage collector's
pauses by generation, and what it still tracks at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--per-kind", type=int, default=40)
    parser.add_argument("--profile", help='a request kind to profile ("all": every kind, by own time)')
    parser.add_argument("--kinds", nargs="*", help="only these kinds")
    parser.add_argument("--slowest", type=int, default=0, help="list this many of the costliest requests")
    parser.add_argument(
        "--gc",
        action="store_true",
        help="time the garbage collector's pauses by generation, and count what the heap holds at the end",
    )
    args = parser.parse_args()

    import fastapi.routing
    import httpx

    from communique.web import create_app
    from web_load import request_mix

    async def inline(func, *args, **kwargs):  # the route in this thread, not anyio's pool
        return func(*args, **kwargs)

    fastapi.routing.run_in_threadpool = inline
    # httpx's ASGI transport tries `import sniffio` at every request; absent, that is a search of sys.path
    # each time (a millisecond of the client's CPU counted in the request's): known absent, it fails at once
    try:
        import sniffio  # noqa: F401
    except ImportError:
        sys.modules["sniffio"] = None  # type: ignore[assignment]
    mix = request_mix(args.db)
    app = create_app(args.db, response_cache_bytes=0)
    rng = random.Random(5)
    print(f"load average {os.getloadavg()[0]:.2f} at the start", file=sys.stderr)
    rows = []
    every: list[tuple[float, float, str, str]] = []  # CPU ms, wall ms, kind, address of every request
    profiles: list[cProfile.Profile] = []
    pauses: dict[int, list[float]] = {0: [], 1: [], 2: []}
    if args.gc:
        import gc

        from communique.web import settle_heap

        settle_heap()  # what a server process does once its app is built
        modules_before = set(sys.modules)
        began: list[float] = []

        def timing(phase: str, info: dict) -> None:
            if phase == "start":
                began[:] = [time.perf_counter()]
            elif began:
                pauses[info["generation"]].append((time.perf_counter() - began[0]) * 1000)

        gc.callbacks.append(timing)

    async def run() -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            await client.get("/api/summary")  # the home page's aggregates, computed as the server starts
            for kind, _, urls in mix:
                if args.kinds and kind not in args.kinds:
                    continue
                chosen = rng.sample(urls, min(args.per_kind, len(urls)))
                profiler = cProfile.Profile() if args.profile in (kind, "all") else None
                if profiler:
                    profiles.append(profiler)
                times, cpus = [], []
                for url in chosen:
                    if profiler:
                        profiler.enable()
                    started, cpu = time.perf_counter(), time.process_time()
                    response = await client.get(url)
                    elapsed = (time.perf_counter() - started) * 1000
                    cpus.append((time.process_time() - cpu) * 1000)
                    if profiler:
                        profiler.disable()
                    if response.status_code != 200:
                        print(f"{response.status_code} {url}", file=sys.stderr)
                    times.append((elapsed, url))
                    every.append((cpus[-1], elapsed, kind, url))
                values = sorted(t for t, _ in times)
                slowest = max(times)
                rows.append(
                    (
                        kind,
                        statistics.mean(cpus),
                        statistics.mean(values),
                        statistics.median(values),
                        values[int(0.9 * (len(values) - 1))],
                        slowest[0],
                        slowest[1],
                    )
                )
                if profiler and args.profile != "all":
                    pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(
                        "communique|sqlite|jinja|template", 40
                    )

    asyncio.run(run())
    if args.profile == "all":
        pstats.Stats(*profiles, stream=sys.stderr).sort_stats("tottime").print_stats(40)
    print(f"load average {os.getloadavg()[0]:.2f} at the end", file=sys.stderr)
    if args.gc:
        import gc

        for generation, times in pauses.items():
            if times:
                print(
                    f"gc generation {generation}: {len(times)} collections, {sum(times):.0f} ms in all,"
                    f" longest {max(times):.1f} ms",
                    file=sys.stderr,
                )
        print(
            f"gc: {len(gc.get_objects())} objects tracked, {gc.get_freeze_count()} frozen,"
            f" thresholds {gc.get_threshold()}",
            file=sys.stderr,
        )
        print(
            "gc: modules imported after start-up: " + " ".join(sorted(set(sys.modules) - modules_before)),
            file=sys.stderr,
        )
        kinds = Counter(type(o).__name__ for o in gc.get_objects())
        print(
            "gc: most tracked (not frozen): " + ", ".join(f"{k} {n}" for k, n in kinds.most_common(10)),
            file=sys.stderr,
        )
    print("slowest requests by CPU time (ms of CPU, of wall time):", file=sys.stderr)
    for cpu, wall, kind, url in sorted(every, reverse=True)[: args.slowest]:
        print(f"  {cpu:6.1f} {wall:6.1f}  {kind}: {url}", file=sys.stderr)
    print("| request | CPU mean ms | wall mean ms | median | p90 | max | slowest |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for kind, cpu, mean, median, p90, top, url in rows:
        print(f"| {kind} | {cpu:.1f} | {mean:.1f} | {median:.1f} | {p90:.1f} | {top:.0f} | `{url[:70]}` |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
