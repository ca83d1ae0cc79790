"""Score the coder on held-out single sentences of every PLOVER type (our own text, written blind).

Each file in benchmarks/data/sentences-*.tsv holds rows of PLOVER type (or NONE), source country,
target country and sentence, written by someone who had seen no code, lexicon, test or gold. An event
row is right when an occurred event of its type has the source and target countries given ("-": any;
"IGO": an international body); a NONE row is right when no event is coded as occurred.

The rows of a file split into two halves by position: A (even rows) and B (odd rows). Read A's
failures to find what the coder lacks (``--failures``); score B only, so that it tells whether a fix
describes news English or only the sentences read. A fix that lifts A and not B was fitted to A.

    .venv/bin/python benchmarks/sentences.py                    # every file, both halves
    .venv/bin/python benchmarks/sentences.py --half A --failures
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from communique import analyze
from communique.model import ActorRef

DATA = Path(__file__).parent / "data"


def read_rows(path: Path) -> list[tuple[str, str, str, str]]:
    """The data rows of a sentences file, in order."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.strip() and not line.startswith("#") and len(fields) == 4:
            rows.append((fields[0], fields[1], fields[2], fields[3]))
    return rows


def country_fits(actor: ActorRef | None, want: str) -> bool:
    if want == "-":
        return True
    if actor is None:
        return False
    return actor.country == want or (want == "IGO" and actor.sector == "IGO")


def score(rows, failures: bool = False) -> tuple[Counter, Counter, Counter]:
    """Per PLOVER type: rows, rows whose type was found, rows whose type and actors were right."""
    total, typed, right = Counter(), Counter(), Counter()
    for plover, source, target, sentence in rows:
        events = analyze(sentence, published="2024-03-06").events
        occurred = [e for e in events if e.status == "occurred"]
        total[plover] += 1
        if plover == "NONE":
            good = not occurred
            typed[plover] += good
            right[plover] += good
        else:
            same = [e for e in occurred if e.plover == plover]
            good = any(country_fits(e.source, source) and country_fits(e.target, target) for e in same)
            typed[plover] += bool(same)
            right[plover] += good
        if failures and not good:
            found = [(e.plover, e.cameo, e.source and e.source.country, e.target and e.target.country,
                      e.status) for e in events]  # fmt: skip
            print(f"{plover} {source} {target} | {sentence} | {found}")
    return total, typed, right


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="default: benchmarks/data/sentences-*.tsv")
    parser.add_argument("--half", choices=("A", "B", "all"), default="all")
    parser.add_argument("--failures", action="store_true", help="print the failures (half A only)")
    args = parser.parse_args(argv)
    if args.failures and args.half != "A":
        parser.error("--failures reads half A only: half B is the blind test")
    files = args.files or sorted(DATA.glob("sentences-*.tsv"))
    for path in files:
        rows = read_rows(path)
        halves = {"A": rows[0::2], "B": rows[1::2]}
        for half in ("A", "B") if args.half == "all" else (args.half,):
            total, typed, right = score(halves[half], args.failures)
            events = sum(n for k, n in total.items() if k != "NONE")
            found = sum(n for k, n in typed.items() if k != "NONE") / max(1, events)
            full = sum(n for k, n in right.items() if k != "NONE") / max(1, events)
            print(f"{path.name} half {half}: {events} event rows, type {found:.3f}, type + actors {full:.3f}; "
                  f"no event right {right['NONE']}/{total['NONE']}")  # fmt: skip
            for plover in sorted(total):
                print(f"  {plover:10} {total[plover]:3}  type {typed[plover] / total[plover]:.2f}"
                      f"  + actors {right[plover] / total[plover]:.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
