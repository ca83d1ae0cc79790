"""The web app: ``create_app(db)`` gives a FastAPI application over a corpus database.

Pages are rendered on the server (Jinja2, autoescaped: article text, titles, names and
corrections are untrusted). The same data is served as JSON under ``/api/``. Writes (corrections)
are POSTs carrying the app's CSRF token. Whole responses (see ``ResponseCache``) and aggregates (see
``Cache``) are cached: they are read far more often than articles or corrections are added.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import secrets
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qsl, quote, urlencode

import anyio.to_thread
import jinja2
from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2.filters import do_truncate
from markupsafe import Markup
from pydantic import BaseModel, Field
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import __version__, ontology
from ..analysis import dyad_series, network_json
from ..model import STATUSES
from ..store import Store, write_rows
from . import views

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
PLOVER_TYPES = tuple(ontology.plover_types())
Status = Literal["occurred", "expected", "hypothetical", "negated", "alleged"]
CODE = r"^[A-Za-z0-9]{2,12}$"  # an actor code (BLRGOV, IGOUNO) or a country code (BLR)
THREE_LETTERS = r"^[A-Za-z]{3}$"
THREADS = 8  # requests a server process computes at once (see create_app)
ACTORS_KEPT = 500  # the longest list of most active actors the API gives
#: The columns of ``Store.iter_events`` (a CSV of no rows still has its header).
EVENT_CSV_COLUMNS = [
    "id",
    "cluster_id",
    "date",
    "source",
    "source_code",
    "source_country",
    "source_sector",
    "target",
    "target_code",
    "target_country",
    "target_sector",
    "cameo",
    "cameo_name",
    "plover",
    "plover_mode",
    "quad_class",
    "goldstein",
    "status",
    "confidence",
    "trigger_words",
    "evidence",
    "location",
    "n_mentions",
    "n_articles",
    "article_id",
    "url",
    "title",
    "published",
]


# ---------------------------------------------------------------- plumbing


class Stores:
    """One connection per server thread: a SQLite connection stays in the thread that made it (and is
    closed when that thread's locals go, as the server stops)."""

    def __init__(self, db: str | Path):
        self.db = db
        self.local = threading.local()

    def get(self) -> Store:
        store = getattr(self.local, "store", None)
        if store is None:
            store = Store(self.db, create=False)
            self.local.store = store
        return store


class Cache:
    """Results of expensive queries, each valid while the articles (and, when it applies them, the
    corrections) it was computed from are unchanged: a new correction leaves machine-only results alone.
    At most ``size`` of them, the least recently used dropped first (a stream of one-off counts and searches
    must not push out the home page's aggregates, seconds to compute again, which every reader asks for)."""

    def __init__(self, size: int = 1024):
        self.size = size
        self.values: OrderedDict[tuple, tuple[tuple[int, int | None], Any]] = OrderedDict()
        self.computing: dict[tuple, threading.Lock] = {}
        self.lock = threading.Lock()

    def get(
        self, store: Store, key: tuple, compute: Callable[[], Any], with_corrections: bool = False
    ) -> Any:
        articles, corrections = store.data_version()
        version = (articles, corrections if with_corrections else None)
        with self.lock:
            found = self.values.get(key)
            if found is not None and found[0] == version:
                self.values.move_to_end(key)
                return found[1]
            computing = self.computing.setdefault(key, threading.Lock())
        # one thread computes a key while the others wait for its result (not all running a slow query)
        with computing:
            with self.lock:
                found = self.values.get(key)
            if found is not None and found[0] == version:
                return found[1]
            value = compute()
            with self.lock:
                self.values[key] = (version, value)
                self.values.move_to_end(key)
                while len(self.values) > self.size:
                    oldest, _ = self.values.popitem(last=False)
                    self.computing.pop(oldest, None)
        return value


class ResponseCache:
    """Whole responses to GETs, served again while the data is unchanged (plain ASGI, in the event loop).

    A response depends on the path, the query string and the reviewer's cookie, and on the data: the
    entries are of one data version (``version()``: articles and corrections added), all dropped when it
    changes, so a correction shows at once, in every server process (each checks the database). Only 200
    responses that set no cookie are kept, at most ``max_bytes`` of them, least recently used dropped
    first. A response served from here carries ``X-Cache: hit``.
    """

    def __init__(self, app: Any, version: Callable[[], tuple[int, int]], max_bytes: int = 64 << 20):
        self.app = app
        self.version = version
        self.max_bytes = max_bytes
        # status, headers (one bytes: "name: value" lines), body, size: a tuple of numbers and bytes only, which
        # the garbage collector stops tracking at its first pass (the start message's dict and list of header
        # pairs would have it walk thousands of objects at every full collection)
        self.entries: OrderedDict[tuple, tuple[int, bytes, bytes, int]] = OrderedDict()
        self.size = 0
        self.of_version: tuple[int, int] | None = None

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith("/static/"):
            return await self.app(scope, receive, send)
        version = self.version()
        if version != self.of_version:
            self.entries.clear()
            self.size, self.of_version = 0, version
        cookie = next((v for k, v in scope["headers"] if k == b"cookie"), b"")
        key = (scope["path"], scope.get("query_string", b""), cookie)
        found = self.entries.get(key)
        if found is not None:
            self.entries.move_to_end(key)
            status, headers, body, _ = found
            pairs = [tuple(line.split(b": ", 1)) for line in headers.split(b"\r\n")] if headers else []
            await send(
                {"type": "http.response.start", "status": status, "headers": [*pairs, (b"x-cache", b"hit")]}
            )
            await send({"type": "http.response.body", "body": body})
            return
        start_message: dict = {}
        chunks: list[bytes] = []

        async def keeping(message: dict) -> None:
            if message["type"] == "http.response.start":
                start_message.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    self.keep(key, version, start_message, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, keeping)

    def keep(self, key: tuple, version: tuple[int, int], start: dict, body: bytes) -> None:
        headers = [(bytes(k), bytes(v)) for k, v in start["headers"]]
        size = len(body) + sum(len(k) + len(v) for k, v in headers)
        if (
            start["status"] != 200
            or version != self.of_version  # the data changed while this response was made
            or key in self.entries
            or size > self.max_bytes // 16
            or any(k == b"set-cookie" for k, _ in headers)
        ):
            return
        self.entries[key] = (start["status"], b"\r\n".join(k + b": " + v for k, v in headers), body, size)
        self.size += size
        while self.size > self.max_bytes:
            self.size -= self.entries.popitem(last=False)[1][3]


class DropEmptyQueryParameters:
    """A form's empty fields (``?country=&plover=``) mean "not given", not an invalid value."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            kept = [(k, v) for k, v in pairs if v.strip()]
            if len(kept) != len(pairs):
                scope = dict(scope, query_string=urlencode(kept).encode("latin-1"))
        await self.app(scope, receive, send)


class SecurityHeaders:
    """Adds ``SECURITY_HEADERS`` to every response (plain ASGI: cheaper than an http middleware)."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k.lower().encode(), v.encode())
                    for k, v in SECURITY_HEADERS.items()
                    if k.lower().encode() not in present
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


SECURITY_HEADERS = {
    # our own files only: even a mistake in escaping could not run a script from article text
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
        " object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def _problems(exc: RequestValidationError) -> list[str]:
    found = []
    for error in exc.errors():
        where = ".".join(str(x) for x in error.get("loc", ()) if x not in ("query", "path", "body"))
        given = error.get("input")
        shown = f" (got {given!r})" if isinstance(given, (str, int, float)) and given != "" else ""
        found.append(f"{where or 'request'}: {error.get('msg', 'invalid')}{shown}")
    return found


# ---------------------------------------------------------------- parameters shared by pages and API


class EventFilters:
    """The filters of ``communique events``, from the query string."""

    def __init__(
        self,
        actor: str | None = Query(
            None, max_length=200, description="source or target name or code contains this"
        ),
        country: str | None = Query(
            None, pattern=THREE_LETTERS, description="source or target country (ISO alpha-3 or region)"
        ),
        sector: str | None = Query(
            None, pattern=THREE_LETTERS, description="source or target sector (GOV, MIL, ...)"
        ),
        plover: Literal[PLOVER_TYPES] | None = Query(None, description="PLOVER type"),  # type: ignore[valid-type]
        quad_class: int | None = Query(None, ge=1, le=4, description="QuadClass 1-4"),
        status: Status | None = Query(None),
        since: dt.date | None = Query(None, description="YYYY-MM-DD"),
        until: dt.date | None = Query(None, description="YYYY-MM-DD"),
        search: str | None = Query(None, max_length=200, description="the event's sentence contains this"),
        merged: bool = Query(False, description="one row per merged event (its first report)"),
        reviewed: bool = Query(False, description="with people's corrections applied"),
    ):
        self.values: dict[str, Any] = {
            "actor": actor,
            "country": country,
            "sector": sector,
            "plover": plover,
            "quad_class": quad_class,
            "status": status,
            "since": since.isoformat() if since else None,
            "until": until.isoformat() if until else None,
            "search": search,
            "merged": merged,
        }
        self.reviewed = reviewed

    def query_string(self, **changes: Any) -> str:
        """These filters as a query string (for paging and CSV links), with ``changes``."""
        values = {**self.values, "reviewed": self.reviewed, **changes}
        return urlencode(
            {k: ("1" if v is True else v) for k, v in values.items() if v not in (None, False, "")}
        )


class Side(BaseModel):
    name: str | None = Field(None, max_length=200)
    country: str | None = Field(None, pattern=THREE_LETTERS)
    sector: str | None = Field(None, pattern=THREE_LETTERS)


class CorrectionIn(BaseModel):
    """A person's review of one event or quote."""

    item: Literal["event", "quote"]
    item_id: int = Field(ge=1)
    verdict: Literal["right", "wrong", "corrected"]
    reviewer: str = Field(min_length=1, max_length=100)
    cameo: str | None = Field(None, max_length=8, description="corrected CAMEO code (events)")
    status: Status | None = None
    source: Side | None = None
    target: Side | None = None
    speaker: Side | None = None
    note: str | None = Field(None, max_length=2000)


# ---------------------------------------------------------------- the app


def create_app(
    db: str | Path,
    *,
    trusted_hosts: tuple[str, ...] | None = LOOPBACK_HOSTS,
    csrf_token: str | None = None,
    response_cache_bytes: int = 64 << 20,
    threads: int = THREADS,
) -> FastAPI:
    """The app over an existing corpus database; ``trusted_hosts=None`` accepts any Host header.

    ``csrf_token``: the token POSTs must carry (default: a new random one; server processes sharing
    one port share it). ``response_cache_bytes``: room for whole responses (0: none; see ``ResponseCache``).
    ``threads``: how many requests the process computes at once (the others wait their turn).
    """
    with Store(db, create=False) as store:  # fails here, with the store's message, on a bad path
        store.refresh_search_index()
    stores, cache = Stores(db), Cache()
    csrf_token = csrf_token or secrets.token_urlsafe(32)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # the pages are computed in Python, holding the GIL: more threads than a few only take turns
        # with the event loop (which answers from the response cache) and each warms its own connection
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="communique",
        version=__version__,
        description="Event data, quotes and actors of a communique corpus, and people's corrections.",
        docs_url=None,  # FastAPI's own pages load their scripts from a CDN: ours is at /docs
        redoc_url=None,
    )
    app.state.stores = stores
    app.mount("/static", StaticFiles(packages=[("communique.web", "static")]), name="static")
    if response_cache_bytes:  # inside the Host check: a response is never given to a request refused
        app.add_middleware(
            ResponseCache, version=lambda: stores.get().data_version(), max_bytes=response_cache_bytes
        )
    if trusted_hosts is not None:  # a page from another site resolving to 127.0.0.1 must not read the corpus
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(trusted_hosts))
    app.add_middleware(DropEmptyQueryParameters)
    app.add_middleware(SecurityHeaders)

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("communique.web", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # the templates are the package's: no stat of their files on every render
    )
    env.globals.update(
        csrf_token=csrf_token,
        quad_names=views.QUAD_NAMES,
        statuses=STATUSES,
        plover_types=PLOVER_TYPES,
        version=__version__,
    )
    env.filters["highlighted"] = views.highlighted
    # lists of many events, written in Python (the same markup as a Jinja loop, several times faster)
    env.globals["event_rows"] = lambda rows: views.event_rows_html(rows, lambda s: do_truncate(env, s, 140))
    env.globals["period_events"] = lambda events: views.period_events_html(
        events, lambda s: do_truncate(env, s, 120)
    )
    # the ``side`` macro of macros.html, as a function (an article page writes one per event side and quote)
    env.globals["side_html"] = lambda name, code: Markup(views._side_html(name, code))
    env.filters["urlpart"] = lambda value: quote(str(value), safe="")
    # an article's own address is untrusted too: only a web address becomes a link (never javascript:)
    env.filters["web_address"] = lambda url: (
        url if url and url.lower().startswith(("http://", "https://")) else None
    )

    # what the first requests would load, loaded now: the compiled templates, the CAMEO codes of the review
    # form and numpy (networkx's spring layout imports it), so that the server's settled heap holds them
    # (see ``settle_heap``) and no reader waits for them
    for name in env.list_templates():
        if name.endswith(".html"):
            env.get_template(name)
    ontology.cameo_codes()
    import numpy.random  # noqa: F401

    def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(name).render(request=request, path=request.url.path, **context)
        return HTMLResponse(html, status_code=status_code)

    def store() -> Store:
        return stores.get()

    def cached(key: tuple, compute: Callable[[], Any], reviewed: bool = False) -> Any:
        return cache.get(stores.get(), key, compute, with_corrections=reviewed)

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError) -> Response:
        problems = _problems(exc)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "bad request", "problems": problems}, status_code=400)
        return page(request, "error.html", 400, title="Bad request", problems=problems)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api/") or request.method != "GET":
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return page(request, "error.html", exc.status_code, title=str(exc.detail), problems=[])

    def api(data: Any, status_code: int = 200) -> JSONResponse:
        # the store gives plain JSON values: no need for FastAPI's (slow) encoder walk
        return JSONResponse(data, status_code=status_code)

    def not_found(what: str) -> HTTPException:
        return HTTPException(404, f"not found: {what}")

    def bad_request(message: str) -> HTTPException:
        return HTTPException(400, message)

    # -- data, shared by pages and API

    def top_actors(by: str, country: str | None = None, sector: str | None = None) -> list[dict[str, Any]]:
        """The most active actors: one slow query (seconds on a big corpus) serves every shorter list."""
        return cached(
            ("actors", by, country, sector),
            lambda: store().actors(by=by, country=country, sector=sector, limit=ACTORS_KEPT),
        )

    def home_data() -> dict[str, Any]:
        """The corpus summary, most active actors and pairs: machine output, cached across corrections."""
        s = store()
        data = cached(
            ("home",),
            lambda: {
                "summary": s.summary(),
                "actors": top_actors("actor")[:10],
                "pairs": s.country_pairs(limit=10),
            },
        )
        # corrections are numbered from 1 and never deleted: the highest number is how many there are
        return {**data, "summary": {**data["summary"], "corrections": s.data_version()[1]}}

    def article_data(article_id: str) -> dict[str, Any]:
        s = store()
        analysis = s.get_analysis(article_id)
        if analysis is None:
            raise not_found(f"article {article_id}")
        ids = s.item_ids(article_id)
        history = s.corrections(article_id)
        latest = {(c["item"], c["item_id"]): c for c in history}
        return {
            "analysis": analysis,
            "event_ids": ids["event"],
            "quote_ids": ids["quote"],
            "corrections": history,
            "latest": latest,
        }

    def actor_data(code: str, reviewed: bool) -> dict[str, Any]:
        s = store()
        names = s.actor_names(code)
        summary = s.actor_summary(code, reviewed=reviewed)
        if not names and not summary["months"]:
            raise not_found(f"actor {code}")
        quotes = s.actor_quotes(code, limit=10, reviewed=reviewed)
        return {
            "code": code,
            "names": names,
            "timeline": views.actor_timeline(code, summary),
            "quotes_by": quotes["by"],
            "quotes_about": quotes["about"],
        }

    def dyad_data(a: str, b: str, period: str, since: str | None, until: str | None, reviewed: bool) -> dict:
        # the series from the events the page lists (the same filters as ``Store.dyads``): one query, not two
        events = store().dyad_events(a, b, since=since, until=until, reviewed=reviewed)
        return {"series": dyad_series(events, period, since, until), "events": events}

    def event_page(filters: EventFilters, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
        """How many events match and a page of them; the count is kept (for the next pages)."""
        s = store()
        found: list[list[dict[str, Any]]] = []

        def count() -> int:  # no count kept: the filters applied once for both
            total, rows = s.event_page(
                limit=limit, offset=offset, reviewed=filters.reviewed, **filters.values
            )
            found.append(rows)
            return total

        total = cached(("count", filters.query_string()), count, filters.reviewed)
        if found:
            return total, found[0]
        return total, s.events(limit=limit, offset=offset, reviewed=filters.reviewed, **filters.values)

    def network_data(since: str | None, until: str | None, reviewed: bool) -> Any:
        return store().network(since=since, until=until, reviewed=reviewed)

    def warm() -> None:
        home_data()
        store().actor_directory()  # what a search matches actors in: most of a first search's time

    # the home page's aggregates take seconds on a big corpus: computed once as the server starts
    threading.Thread(target=warm, name="warm-home-page", daemon=True).start()

    # -- pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> HTMLResponse:
        return page(request, "home.html", title="communique", **home_data())

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = Query("", max_length=200)) -> HTMLResponse:
        found = cached(("search", q), lambda: store().search(q)) if q.strip() else None
        return page(request, "search.html", title=f"Search: {q}" if q else "Search", q=q, found=found)

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(
        request: Request,
        article_id: str = PathParam(max_length=200),
        review: str | None = Query(
            None, pattern=r"^(event|quote)-[0-9]+$", description="the item whose form is open"
        ),
    ) -> HTMLResponse:
        data = article_data(article_id)
        analysis = data["analysis"]
        paragraphs = views.marked_paragraphs(analysis.article.body, analysis)
        return page(
            request,
            "article.html",
            title=analysis.article.title or article_id,
            marked=views.marked_html(
                paragraphs, analysis, data["event_ids"], data["quote_ids"], data["latest"]
            ),
            cameo_codes=ontology.cameo_codes(),
            reviewer=request.cookies.get("communique_reviewer", "")[:100],
            reviewing=review,
            **data,
        )

    @app.post("/article/{article_id}/review", include_in_schema=False)
    async def review_form(request: Request, article_id: str = PathParam(max_length=200)) -> Response:
        form = await request.form()
        field = {k: str(v) for k, v in form.items()}
        if not secrets.compare_digest(field.get("csrf_token", ""), csrf_token):
            raise HTTPException(403, "the form's CSRF token is missing or stale: reload the page")
        item, item_id = field.get("item", ""), field.get("item_id", "")
        if item not in ("event", "quote") or not item_id.isdigit():
            raise bad_request("item must be event or quote, item_id a number")
        verdict = field.get("verdict", "")
        # the form's correction fields count only with the verdict "corrected"
        corrects = verdict == "corrected"
        sides = {
            side: {k: field.get(f"{side}_{k}") for k in ("name", "country", "sector")}
            for side in (("source", "target", "speaker") if corrects else ())
        }
        try:
            store().add_correction(
                item,
                int(item_id),
                verdict=verdict,
                reviewer=field.get("reviewer", ""),
                cameo=(field.get("cameo") or None) if corrects else None,
                status=(field.get("status") or None) if corrects else None,
                note=field.get("note") or None,
                article_id=article_id,
                **{side: values for side, values in sides.items() if any(values.values())},
            )
        except ValueError as exc:
            return page(
                request,
                "error.html",
                400,
                title="Correction not saved",
                problems=[str(exc)],
                back=f"/article/{quote(article_id, safe='')}#{item}-{item_id}",
            )
        except LookupError as exc:
            raise HTTPException(404, str(exc)) from None
        response = RedirectResponse(
            f"/article/{quote(article_id, safe='')}#{item}-{item_id}", status_code=303
        )
        response.set_cookie(
            "communique_reviewer",
            " ".join(field.get("reviewer", "").split())[:100],
            httponly=True,
            samesite="strict",
        )
        return response

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(
        request: Request,
        filters: EventFilters = Depends(),
        page_number: int = Query(1, alias="page", ge=1, le=100_000),
        per_page: int = Query(50, ge=1, le=500),
    ) -> HTMLResponse:
        total, rows = event_page(filters, per_page, (page_number - 1) * per_page)
        pages = max(1, -(-total // per_page))
        return page(
            request,
            "events.html",
            title="Events",
            filters=filters,
            rows=rows,
            total=total,
            page_number=page_number,
            pages=pages,
            per_page=per_page,
        )

    @app.get("/events.csv", include_in_schema=False)
    def events_csv(filters: EventFilters = Depends()) -> Response:
        return csv_download(filters)

    def csv_download(filters: EventFilters) -> Response:
        # written whole in the request's thread: a SQLite connection cannot follow a stream to another
        text = io.StringIO()
        write_rows(
            store().iter_events(reviewed=filters.reviewed, **filters.values), EVENT_CSV_COLUMNS, "csv", text
        )
        return Response(
            text.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="events.csv"'},
        )

    @app.get("/actor/{code}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(
        request: Request, code: str = PathParam(pattern=CODE), reviewed: bool = Query(False)
    ) -> HTMLResponse:
        code = code.upper()
        data = cached(("actor", code, reviewed), lambda: actor_data(code, reviewed), reviewed)
        return page(request, "actor.html", title=f"Actor {code}", reviewed=reviewed, **data)

    @app.get("/dyad/{a}/{b}", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(
        request: Request,
        a: str = PathParam(pattern=CODE),
        b: str = PathParam(pattern=CODE),
        period: Literal["week", "month"] = Query("month"),
        since: dt.date | None = Query(None),
        until: dt.date | None = Query(None),
        reviewed: bool = Query(False),
    ) -> HTMLResponse:
        a, b = a.upper(), b.upper()
        args = (a, b, period, since and since.isoformat(), until and until.isoformat(), reviewed)
        data = cached(("dyad", *args), lambda: dyad_data(*args), reviewed)
        return page(
            request,
            "dyad.html",
            title=f"{a} and {b}",
            a=a,
            b=b,
            period=period,
            reviewed=reviewed,
            charts=views.dyad_charts(data["series"]) if data["series"] else None,
            by_period=views.events_by_period(data["events"], period),
            **data,
        )

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(
        request: Request,
        nodes: int = Query(40, ge=2, le=300, description="the most active countries shown"),
        since: dt.date | None = Query(None),
        until: dt.date | None = Query(None),
        reviewed: bool = Query(False),
    ) -> HTMLResponse:
        args = (since and since.isoformat(), until and until.isoformat(), reviewed)

        def drawing() -> dict[str, Any]:
            return views.network_drawing(network_data(*args), nodes=nodes)

        return page(
            request,
            "network.html",
            title="Network",
            drawing=cached(("network-drawing", nodes, *args), drawing, reviewed),
            nodes=nodes,
            reviewed=reviewed,
        )

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        return page(request, "docs.html", title="API", spec=app.openapi())

    # -- API

    @app.get("/api/summary", tags=["corpus"], summary="Counts and date range of the corpus")
    def api_summary() -> JSONResponse:
        return api(home_data())

    @app.get("/api/search", tags=["corpus"], summary="Articles, quotes and actors matching every word")
    def api_search(
        q: str = Query(min_length=1, max_length=200), limit: int = Query(20, ge=1, le=100)
    ) -> JSONResponse:
        if not q.strip():
            raise bad_request("q: words to search for")
        return api(cached(("search", q, limit), lambda: store().search(q, limit=limit)))

    @app.get("/api/events", tags=["events"], summary="Events with the filters of `communique events`")
    def api_events(
        filters: EventFilters = Depends(),
        limit: int = Query(100, ge=1, le=1000),
        offset: int = Query(0, ge=0),
    ) -> JSONResponse:
        total, rows = event_page(filters, limit, offset)
        return api({"total": total, "offset": offset, "limit": limit, "rows": rows})

    @app.get("/api/events.csv", tags=["events"], summary="Every filtered event as CSV")
    def api_events_csv(filters: EventFilters = Depends()) -> Response:
        return csv_download(filters)

    @app.get(
        "/api/articles/{article_id}", tags=["articles"], summary="An article's analysis and its corrections"
    )
    def api_article(article_id: str = PathParam(max_length=200)) -> JSONResponse:
        data = article_data(article_id)
        result = views.plain(data["analysis"])
        for key, ids in (("events", data["event_ids"]), ("quotes", data["quote_ids"])):
            for record, item_id in zip(result[key], ids, strict=True):
                record["id"] = item_id
        result["corrections"] = data["corrections"]
        return api(result)

    @app.get("/api/actors", tags=["actors"], summary="The most active actors")
    def api_actors(
        by: Literal["actor", "code", "country"] = Query("actor"),
        country: str | None = Query(None, pattern=THREE_LETTERS),
        sector: str | None = Query(None, pattern=THREE_LETTERS),
        limit: int = Query(20, ge=1, le=ACTORS_KEPT),
    ) -> JSONResponse:
        return api(top_actors(by, country and country.upper(), sector and sector.upper())[:limit])

    @app.get(
        "/api/actors/{code}", tags=["actors"], summary="An actor's names, timeline, counterparts and quotes"
    )
    def api_actor(code: str = PathParam(pattern=CODE), reviewed: bool = Query(False)) -> JSONResponse:
        code = code.upper()
        data = cached(("actor", code, reviewed), lambda: actor_data(code, reviewed), reviewed)
        timeline = data["timeline"]
        return api(
            {
                "code": code,
                "names": data["names"],
                "events_given": timeline["given"],
                "events_received": timeline["received"],
                "counterparts": timeline["counterparts"],
                "quotes_by": data["quotes_by"],
                "quotes_about": data["quotes_about"],
            }
        )

    @app.get(
        "/api/dyads", tags=["events"], summary="Events between two actors per period, and the events behind"
    )
    def api_dyads(
        a: str = Query(pattern=CODE, description="actor code (BLRGOV) or country code (BLR)"),
        b: str = Query(pattern=CODE),
        period: Literal["week", "month"] = Query("month"),
        since: dt.date | None = Query(None),
        until: dt.date | None = Query(None),
        reviewed: bool = Query(False),
    ) -> JSONResponse:
        args = (
            a.upper(),
            b.upper(),
            period,
            since and since.isoformat(),
            until and until.isoformat(),
            reviewed,
        )
        return api(cached(("dyad", *args), lambda: dyad_data(*args), reviewed))

    @app.get(
        "/api/network", tags=["events"], summary="The alignment network between countries, with communities"
    )
    def api_network(
        since: dt.date | None = Query(None),
        until: dt.date | None = Query(None),
        reviewed: bool = Query(False),
    ) -> JSONResponse:
        args = (since and since.isoformat(), until and until.isoformat(), reviewed)
        return api(cached(("network-json", *args), lambda: network_json(network_data(*args)), reviewed))

    @app.get("/api/csrf", tags=["review"], summary="The token a POST must carry in X-CSRF-Token")
    def api_csrf() -> JSONResponse:
        return api({"csrf_token": csrf_token})

    @app.get("/api/corrections", tags=["review"], summary="An article's corrections, oldest first")
    def api_corrections(article_id: str = Query(max_length=200)) -> JSONResponse:
        if store().get_analysis(article_id) is None:
            raise not_found(f"article {article_id}")
        return api(store().corrections(article_id))

    @app.post(
        "/api/corrections", tags=["review"], status_code=201, summary="Record a review of an event or quote"
    )
    def api_correct(
        correction: CorrectionIn, x_csrf_token: str = Header("", description="from GET /api/csrf")
    ) -> JSONResponse:
        if not secrets.compare_digest(x_csrf_token, csrf_token):
            raise HTTPException(403, "X-CSRF-Token header missing or wrong (GET /api/csrf gives it)")
        values = correction.model_dump()
        sides = {k: values.pop(k) for k in ("source", "target", "speaker")}
        try:
            saved = store().add_correction(
                values.pop("item"), values.pop("item_id"), **values, **{k: v for k, v in sides.items() if v}
            )
        except ValueError as exc:
            raise bad_request(str(exc)) from None
        except LookupError as exc:
            raise HTTPException(404, str(exc)) from None
        return api(saved, 201)

    return app
