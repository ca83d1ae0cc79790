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
    p.add_argument(
        "paths",
        nargs="+",
        metavar="FILE",
        help="text, HTML, JSONL or CSV files, folders, .gz, or - for stdin",
    )
    p.add_argument("--format", choices=["json", "jsonl", "table"], default="json")
    p.add_argument(
        "--published", metavar="YYYY-MM-DD", help="the article date (overrides what the input says)"
    )
    p.add_argument("--title", help="the article title (overrides what the input says)")
    _resource_arguments(p)


def _resource_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--actors",
        metavar="FILE",
        help="your actor dictionary (YAML or CSV: name, aliases, country, sector, from, to)",
    )
    p.add_argument(
        "--lexicon", metavar="FILE", help="your event lexicon (YAML, as data/events.yaml), tried before ours"
    )


def load_resources(args: argparse.Namespace):
    """The user's dictionary and lexicon, or a one-line usage error."""
    from .pipeline import Resources

    actors, lexicon = getattr(args, "actors", None), getattr(args, "lexicon", None)
    if not actors and not lexicon:
        return None  # the bundled data only
    try:
        return Resources.from_files(actors=actors, lexicon=lexicon)
    except ValueError as e:
        raise UsageError(str(e)) from None


class UsageError(Exception):
    """A bad option value: reported in one line, exit status 2."""


@command("extract", "analyze articles and print actors, quotes and events (no database)", _extract_arguments)
def run_extract(args: argparse.Namespace) -> int:
    from . import ingest
    from .pipeline import analyze_many

    resources = load_resources(args)
    failed = False
    try:
        items = ingest.read_inputs(args.paths, title=args.title, published=args.published)
    except ValueError as e:  # a bad --published or --title: a usage error
        raise UsageError(str(e)) from None

    def articles():
        nonlocal failed
        for item in items:
            if isinstance(item, ingest.InputError):
                print(f"communique: error: {item}", file=sys.stderr)
                failed = True
                continue
            for warning in item.warnings:
                print(f"communique: warning: {item.source}: {warning}", file=sys.stderr)
            yield item

    results = []
    for analysis in analyze_many(articles(), **({"resources": resources} if resources else {})):
        if args.format == "jsonl":
            print(json.dumps(analysis.to_dict(), ensure_ascii=False), flush=True)
        elif args.format == "table":
            print(format_table(analysis), flush=True)
        else:
            results.append(analysis.to_dict())
    if args.format == "json" and results:
        print(json.dumps(results[0] if len(results) == 1 else results, ensure_ascii=False, indent=2))
    return 1 if failed else 0


def format_table(analysis) -> str:
    """A readable summary of one analysis: title, date, actors with codes, quotes with speakers, events."""
    a = analysis.article
    lines = [
        f"== {a.title or '(no title)'}",
        f"   id {a.id}   date {a.published or 'unknown'}   source {a.source or '-'}",
    ]
    if a.dateline or a.byline:
        lines.append(f"   {' / '.join(x for x in (a.dateline, a.byline) if x)}")
    lines.append(f"\nActors ({len(analysis.actors)})")
    for actor in analysis.actors:
        extra = f", for {actor.group}" if actor.group else (f", {actor.role}" if actor.role else "")
        lines.append(f"  {actor.code:<9} {actor.name} ({actor.kind}{extra}) x{len(actor.mentions)}")
    lines.append(f"\nQuotes ({len(analysis.quotes)})")
    for q in analysis.quotes:
        who = "unattributed"
        if q.speaker is not None:
            # the resolved actor, then the words that name it where the quote is attributed ("he")
            who = q.speaker.name or q.speaker.text
            if q.speaker.code:
                who += f" [{q.speaker.code}]"
            if q.speaker.name and q.speaker.text and q.speaker.text != q.speaker.name:
                who += f" ({_clip(q.speaker.text, 40)})"
        cue = f" {q.cue.text}" if q.cue is not None else ""
        lines.append(f"  {q.kind:<8} {who}{cue}: \u201c{_clip(q.text, 100)}\u201d")
    lines.append(f"\nEvents ({len(analysis.events)})")
    for e in analysis.events:
        date = e.date.value if e.date and e.date.value else "-"
        src = f"{e.source.code or ''} {e.source.name or e.source.text}" if e.source else "-"
        tgt = f"{e.target.code or ''} {e.target.name or e.target.text}" if e.target else "-"
        lines.append(
            f"  {date:<10} {src} -> {tgt}: {e.plover or '-'} {e.cameo} {e.cameo_name or ''} [{e.status}]"
        )
        lines.append(f"             \u201c{_clip(e.evidence.text, 110)}\u201d")
    return "\n".join(lines) + "\n"


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _evaluate_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("gold", nargs="+", metavar="GOLD.jsonl", help="gold files (format: docs/evaluate.md)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--show-misses", action="store_true", help="list missed gold items and false positives")
    p.add_argument("--predictions", metavar="OUT.jsonl", help="score saved output, not a new extraction")
    p.add_argument("--by-class", action="store_true", help="event recall per PLOVER type and misses by cause")


@command("evaluate", "score extraction against gold: events, quotes, actors, body", _evaluate_arguments)
def run_evaluate(args: argparse.Namespace) -> int:
    from . import evaluate

    return evaluate.run(
        args.gold,
        predictions_path=args.predictions,
        as_json=args.json,
        show_misses=args.show_misses,
        by_class=args.by_class,
    )


# ---------------------------------------------------------------- the corpus database (store/, analysis.py)


def _date(text: str) -> str:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return int(text)


def _db_arguments(p: argparse.ArgumentParser, *formats: str) -> None:
    p.add_argument(
        "--db", default="communique.db", metavar="PATH", help="the corpus database (default: %(default)s)"
    )
    if formats:
        p.add_argument("--format", choices=formats, default=formats[0])


def _status_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--status",
        action="append",
        metavar="STATUS",
        help="count events of this status (repeatable; default: occurred; 'all' for every status)",
    )
    p.add_argument(
        "--mentions", action="store_true", help="count every report of an event, not each merged event once"
    )
    p.add_argument("--since", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--until", type=_date, metavar="YYYY-MM-DD")
    _reviewed_argument(p)


def _statuses(args: argparse.Namespace) -> list[str] | None:
    chosen = args.status or ["occurred"]
    return None if "all" in chosen else chosen


def _query(args: argparse.Namespace, rows_of: Callable, columns: list[str], create: bool = False) -> int:
    """Open the database, print the rows ``rows_of(store)`` gives (table columns, or all for csv/jsonl)."""
    from .store import Store, StoreError, write_rows

    try:
        with Store(args.db, create=create) as store:
            write_rows(rows_of(store), columns if args.format == "table" else None, args.format)
    except (StoreError, ValueError) as exc:
        print(f"communique: error: {exc}", file=sys.stderr)
        return 1
    return 0


def _ingest_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, folders, feeds (JSONL, CSV), .gz, or - for stdin"
    )
    _db_arguments(p)
    p.add_argument(
        "--workers",
        type=_positive,
        default=None,
        help="worker processes, each with its own spaCy pipeline (default: 1; 2 on a local Dask cluster)",
    )
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local: this machine's processes; dask: a Dask cluster (default: %(default)s)",
    )
    p.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="the Dask scheduler to use (with --engine dask; default: start a local cluster)",
    )
    p.add_argument(
        "--out",
        metavar="DIR",
        help="with --engine dask: write a Parquet dataset partitioned by month instead of the database",
    )
    p.add_argument(
        "--batch-size", type=_positive, default=64, help="articles written per transaction (default: 64)"
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    _resource_arguments(p)


@command("ingest", "analyze articles into the corpus database (idempotent, resumable)", _ingest_arguments)
def run_ingest(args: argparse.Namespace) -> int:
    from . import dataset
    from .engines import EngineError
    from .store import Store, StoreError

    if args.engine != "dask" and (args.scheduler or args.out):
        raise UsageError("--scheduler and --out go with --engine dask")
    datasets = [p for p in args.paths if dataset.is_dataset(p)]
    inputs = [p for p in args.paths if p not in datasets]
    if args.out and datasets:
        raise UsageError(f"{datasets[0]} is already a dataset: load it with communique ingest {datasets[0]}")
    resources = load_resources(args)
    progress = not args.no_progress and sys.stderr.isatty()
    summaries = []
    try:
        engine = _engine(args, resources) if inputs else None
        try:
            if args.out:
                from . import ingest

                summaries.append(
                    dataset.write_dataset(ingest.read_inputs(inputs), args.out, engine, progress=progress)
                )
            else:
                with Store(args.db) as store:
                    for path in datasets:
                        summaries.append(dataset.load_dataset(store, path, batch_size=args.batch_size))
                    if inputs:
                        summaries.append(
                            store.ingest(inputs, engine=engine, batch_size=args.batch_size, progress=progress)
                        )
        finally:
            if engine is not None:
                engine.close()
    except (StoreError, EngineError) as exc:
        print(f"communique: error: {exc}", file=sys.stderr)
        return 1
    for summary in summaries:
        print(f"communique: {summary}" + (f" (dataset {args.out})" if args.out else ""), file=sys.stderr)
    return 1 if any(s.failed for s in summaries) else 0


def _engine(args: argparse.Namespace, resources):
    if args.engine == "dask":
        from .engines.dask import DaskEngine

        return DaskEngine(args.scheduler, workers=args.workers or 2, resources=resources)
    from .engines import LocalEngine

    return LocalEngine(args.workers or 1, resources=resources)


def _events_arguments(p: argparse.ArgumentParser) -> None:
    _db_arguments(p, "table", "csv", "jsonl")
    p.add_argument("--actor", help="source or target name or code contains this")
    p.add_argument("--country", help="source or target country (ISO alpha-3 or region code)")
    p.add_argument("--sector", help="source or target sector (GOV, MIL, ...)")
    p.add_argument("--plover", help="PLOVER type (ACCUSE, CONSULT, ...)")
    p.add_argument("--quad-class", type=int, choices=[1, 2, 3, 4])
    p.add_argument("--status", choices=["occurred", "expected", "hypothetical", "negated", "alleged"])
    p.add_argument("--since", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--until", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--search", help="the event's sentence contains this")
    p.add_argument("--merged", action="store_true", help="one row per merged event (its first report)")
    p.add_argument("--limit", type=_positive)
    _reviewed_argument(p)


def _reviewed_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--reviewed",
        action="store_true",
        help="apply people's corrections (communique serve): corrected values, events marked wrong left out",
    )


@command("events", "list stored events, with filters", _events_arguments)
def run_events(args: argparse.Namespace) -> int:
    filters = {
        k: getattr(args, k)
        for k in (
            "actor",
            "country",
            "sector",
            "plover",
            "quad_class",
            "status",
            "since",
            "until",
            "search",
            "merged",
            "limit",
            "reviewed",
        )
    }
    columns = [
        "id",
        "date",
        "source",
        "target",
        "cameo",
        "plover",
        "status",
        "quad_class",
        "goldstein",
        "n_mentions",
        "evidence",
    ]
    return _query(args, lambda store: store.iter_events(**filters), columns)


def _quotes_arguments(p: argparse.ArgumentParser) -> None:
    _db_arguments(p, "table", "csv", "jsonl")
    p.add_argument("--speaker", help="the speaker's name, words or code contains this")
    p.add_argument("--actor", help="quotes that mention this actor (name or code)")
    p.add_argument("--search", help="the quote contains this")
    p.add_argument("--kind", choices=["direct", "mixed", "indirect"])
    p.add_argument("--limit", type=_positive)
    _reviewed_argument(p)


@command("quotes", "list stored quotations, by speaker, actor mentioned or text", _quotes_arguments)
def run_quotes(args: argparse.Namespace) -> int:
    filters = {k: getattr(args, k) for k in ("speaker", "actor", "search", "kind", "limit", "reviewed")}
    return _query(
        args, lambda store: store.iter_quotes(**filters), ["id", "speaker", "kind", "published", "text"]
    )


def _actors_arguments(p: argparse.ArgumentParser) -> None:
    _db_arguments(p, "table", "csv", "jsonl")
    p.add_argument(
        "--by",
        choices=["actor", "code", "country"],
        default="actor",
        help="group by actor (name and code), code or country",
    )
    p.add_argument("--country")
    p.add_argument("--sector")
    p.add_argument("--limit", type=_positive, default=20, help="how many (default: %(default)s)")


@command("actors", "the most active actors: events given and received, quotes, mentions", _actors_arguments)
def run_actors(args: argparse.Namespace) -> int:
    def rows(store):
        return store.iter_actors(by=args.by, country=args.country, sector=args.sector, limit=args.limit)

    return _query(args, rows, None)


def _dyads_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("a", metavar="A", help="actor code (BLRGOV) or country code (BLR)")
    p.add_argument("b", metavar="B", help="actor code or country code")
    _db_arguments(p, "table", "csv", "jsonl")
    p.add_argument("--period", choices=["week", "month"], default="month")
    p.add_argument("--directed", action="store_true", help="only events from A to B")
    _status_arguments(p)


@command(
    "dyads",
    "events between two actors per week or month: QuadClass counts, Goldstein and PLOVER sums",
    _dyads_arguments,
)
def run_dyads(args: argparse.Namespace) -> int:
    def rows(store):
        return store.dyads(
            args.a,
            args.b,
            period=args.period,
            directed=args.directed,
            statuses=_statuses(args),
            merged=not args.mentions,
            since=args.since,
            until=args.until,
            reviewed=args.reviewed,
        )

    return _query(args, rows, None)


def _network_arguments(p: argparse.ArgumentParser) -> None:
    _db_arguments(p, "json", "graphml", "csv")
    p.add_argument("--output", metavar="FILE", help="write here instead of stdout")
    _status_arguments(p)


@command(
    "network",
    "the alignment network between countries (cooperation minus conflict) with its blocs",
    _network_arguments,
)
def run_network(args: argparse.Namespace) -> int:
    from . import analysis
    from .store import Store, StoreError, write_rows

    try:
        with Store(args.db, create=False) as store:
            graph = store.network(
                statuses=_statuses(args),
                merged=not args.mentions,
                since=args.since,
                until=args.until,
                reviewed=args.reviewed,
            )
    except StoreError as exc:
        print(f"communique: error: {exc}", file=sys.stderr)
        return 1
    if args.format == "csv":
        import io

        text = io.StringIO()
        write_rows(analysis.network_edges(graph), analysis.EDGE_COLUMNS, "csv", text)
        output = text.getvalue()
    elif args.format == "graphml":
        import networkx as nx

        output = "\n".join(nx.generate_graphml(graph)) + "\n"
    else:
        output = json.dumps(analysis.network_json(graph), ensure_ascii=False, indent=2) + "\n"
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as out:
            out.write(output)
    else:
        sys.stdout.write(output)
    return 0


def _export_arguments(p: argparse.ArgumentParser) -> None:
    _db_arguments(p, "csv", "jsonl", "parquet", "gdelt", "gold")
    p.add_argument(
        "--table",
        choices=["events", "quotes", "actors", "mentions", "clusters", "articles"],
        default="events",
        help="what to export (csv, jsonl, parquet; gdelt is always events; gold: the reviewed articles)",
    )
    p.add_argument("--output", metavar="FILE", help="write here instead of stdout (required for parquet)")
    _reviewed_argument(p)


@command(
    "export",
    "export the corpus: csv, jsonl, parquet, a GDELT 2.0-shaped event table, or reviewed articles as gold",
    _export_arguments,
)
def run_export(args: argparse.Namespace) -> int:
    from .store import Store, StoreError

    try:
        with Store(args.db, create=False) as store:
            count = store.export(args.format, args.output, table=args.table, reviewed=args.reviewed)
    except StoreError as exc:
        print(f"communique: error: {exc}", file=sys.stderr)
        return 1
    if args.output:
        print(f"communique: wrote {count} rows to {args.output}", file=sys.stderr)
    return 0


def _serve_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db", default="communique.db", metavar="PATH", help="the corpus database (default: %(default)s)"
    )
    p.add_argument(
        "--host",
        help="address to listen on (default: 127.0.0.1, this machine only; another address opens the corpus"
        " and its review forms to the network)",
    )
    p.add_argument("--port", type=_port, default=8000, help="(default: %(default)s)")
    p.add_argument(
        "--workers",
        type=_positive,
        default=1,
        metavar="N",
        help="server processes answering on the port, e.g. one per core for many readers (default: %(default)s)",
    )
    p.add_argument(
        "--cache-mb",
        type=_non_negative,
        default=64,
        metavar="MB",
        help="memory for whole responses kept until the data changes, per process (0: none; default: %(default)s)",
    )


def _non_negative(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}")
    return int(text)


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}")
    return int(text)


@command("serve", "explore, audit and correct the corpus in a browser (and a JSON API)", _serve_arguments)
def run_serve(args: argparse.Namespace) -> int:
    from .store import StoreError

    try:
        from .web import serve
    except ImportError as exc:
        print(
            f"communique: error: serve needs the web extra: pip install 'communique[web]' ({exc})",
            file=sys.stderr,
        )
        return 1
    try:
        serve(args.db, host=args.host, port=args.port, workers=args.workers, cache_mb=args.cache_mb)
    except StoreError as exc:
        print(f"communique: error: {exc}", file=sys.stderr)
        return 1
    return 0


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
    except UsageError as e:
        print(f"communique: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("communique: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
