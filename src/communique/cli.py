"""The ``communique`` command. Data on stdout, errors on stderr; exit 1 when some input failed, 2 on usage errors."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from . import __version__

Arguments = Callable[[argparse.ArgumentParser], None]
Runner = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[Arguments, Runner, str]] = {}


def command(name: str, help: str, arguments: Arguments):
    """Register a subcommand: ``arguments`` fills its parser, the decorated function runs it."""

    def register(run: Runner) -> Runner:
        COMMANDS[name] = (arguments, run, help)
        return run

    return register


def _extract_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="FILE", help="text, HTML, JSONL or CSV files, folders, .gz, or - for stdin")
    p.add_argument("--format", choices=["json", "jsonl", "table"], default="json")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="the article date (overrides what the input says)")
    p.add_argument("--title", help="the article title (overrides what the input says)")


@command("extract", "analyze articles and print actors, quotes and events (no database)", _extract_arguments)
def run_extract(args: argparse.Namespace) -> int:
    from . import ingest
    from .pipeline import analyze

    failed = False
    results = []
    try:
        items = ingest.read_inputs(args.paths, title=args.title, published=args.published)
    except ValueError as e:  # a bad --published or --title: a usage error
        print(f"communique: error: {e}", file=sys.stderr)
        return 2
    for item in items:
        if isinstance(item, ingest.InputError):
            print(f"communique: error: {item}", file=sys.stderr)
            failed = True
            continue
        for warning in item.warnings:
            print(f"communique: warning: {item.source}: {warning}", file=sys.stderr)
        analysis = analyze(item)
        if args.format == "jsonl":
            print(json.dumps(analysis.to_dict(), ensure_ascii=False))
        else:
            results.append(analysis)
    if args.format == "json":
        data = [a.to_dict() for a in results]
        print(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2))
    return 1 if failed else 0


def _evaluate_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("gold", nargs="+", metavar="GOLD.jsonl", help="gold files in the format of docs/evaluate.md")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--show-misses", action="store_true", help="list missed gold items and false positives")
    p.add_argument(
        "--predictions", metavar="OUT.jsonl", help="score this saved output (extract --format jsonl) instead of running the extractor"
    )


@command("evaluate", "score extraction against gold answers (events, quotes, actors, body cleaning)", _evaluate_arguments)
def run_evaluate(args: argparse.Namespace) -> int:
    from . import evaluate

    return evaluate.run(args.gold, predictions_path=args.predictions, as_json=args.json, show_misses=args.show_misses)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="communique", description=__doc__)
    parser.add_argument("--version", action="version", version=f"communique {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (add_arguments, run, help) in COMMANDS.items():
        p = sub.add_parser(name, help=help, description=help)
        add_arguments(p)
        p.set_defaults(run=run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("communique: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
