"""Every SQL statement of the store (``SQL``), the reviewed views of events and quotes, and the filters."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .dialects import Dialect
from .schema import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    CLUSTER_COLUMNS,
    EVENT_COLUMNS,
    FILL_QUOTE_ACTORS,
    MENTION_COLUMNS,
    QUOTE_COLUMNS,
    TABLES,
    TIME_COLUMNS,
)

# ---------------------------------------------------------------- queries: every statement is here


def _insert(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"


SQL = {
    "schema_version": "SELECT value FROM meta WHERE key = 'schema_version'",
    "set_meta": "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    "get_meta": "SELECT value FROM meta WHERE key = ?",
    "max_article_seq": "SELECT COALESCE(MAX(seq), 0) FROM articles",
    "max_event_id": "SELECT COALESCE(MAX(id), 0) FROM events",
    "max_quote_id": "SELECT COALESCE(MAX(id), 0) FROM quotes",
    "insert_article": _insert("articles", ARTICLE_COLUMNS),
    "insert_actor": _insert("actors", ACTOR_COLUMNS),
    "insert_mention": _insert("mentions", MENTION_COLUMNS),
    "insert_event": _insert("events", EVENT_COLUMNS),
    "insert_quote": _insert("quotes", QUOTE_COLUMNS),
    "insert_time": _insert("times", TIME_COLUMNS),
    "insert_cluster": _insert("event_clusters", CLUSTER_COLUMNS),
    "insert_member": _insert("cluster_members", ["event_id", "cluster_id"]),
    "stored_ids": "SELECT id FROM articles WHERE id IN ({marks})",
    "article": "SELECT * FROM articles WHERE id = ?",
    "article_actors": "SELECT * FROM actors WHERE article_id = ? ORDER BY seq",
    "article_mentions": "SELECT * FROM mentions WHERE article_id = ? ORDER BY actor_seq, seq",
    "article_events": "SELECT * FROM {events} e WHERE e.article_id = ? ORDER BY e.seq",
    "article_quotes": "SELECT * FROM {quotes} q WHERE q.article_id = ? ORDER BY q.seq",
    "article_times": "SELECT * FROM times WHERE article_id = ? ORDER BY seq",
    "article_ids": "SELECT id FROM articles ORDER BY seq",
    # Clusters of a key from a date on (see Store._recluster_key).
    "key_anchor": "SELECT MAX(first_date) FROM event_clusters WHERE cluster_key = ? AND first_date <= ?",
    "key_mentions": (
        "SELECT e.id, e.event_date, e.article_id, a.url FROM events e JOIN articles a ON a.id = e.article_id"
        " WHERE e.cluster_key = ? AND e.event_date >= ?"
    ),
    "delete_key_members": (
        "DELETE FROM cluster_members WHERE cluster_id IN"
        " (SELECT id FROM event_clusters WHERE cluster_key = ? AND first_date >= ?)"
    ),
    "delete_key_clusters": "DELETE FROM event_clusters WHERE cluster_key = ? AND first_date >= ?",
    "delete_all_members": "DELETE FROM cluster_members",
    "delete_all_clusters": "DELETE FROM event_clusters",
    "all_keys": "SELECT DISTINCT cluster_key FROM events WHERE cluster_key IS NOT NULL ORDER BY cluster_key",
    "unkeyed_events": (
        "SELECT e.id, e.event_date, e.status, e.cameo, e.article_id, a.url FROM events e"
        " JOIN articles a ON a.id = e.article_id WHERE e.cluster_key IS NULL ORDER BY e.id"
    ),
    "count": "SELECT COUNT(*) FROM {table}",
    "create_table": "CREATE TABLE {table} ({columns})",
    # Queries take their WHERE clause from _Filters; the column lists are what users see.
    "events": (
        "SELECT e.id, c.id AS cluster_id, e.event_date AS date,"
        " COALESCE(e.source_name, e.source_text) AS source, e.source_code, e.source_country, e.source_sector,"
        " COALESCE(e.target_name, e.target_text) AS target, e.target_code, e.target_country, e.target_sector,"
        " e.cameo, e.cameo_name, e.plover, e.plover_mode, e.quad_class, e.goldstein, e.status, e.confidence,"
        " e.trigger_text AS trigger_words, e.evidence_text AS evidence, e.location_name AS location,"
        " c.n_mentions, c.n_articles, e.article_id, a.url, a.title, a.published"
        " FROM {events} e JOIN articles a ON a.id = e.article_id"
        " JOIN cluster_members m ON m.event_id = e.id JOIN event_clusters c ON c.id = m.cluster_id"
        " {where} ORDER BY e.id {limit}"
    ),
    "quotes": (
        "SELECT q.id, COALESCE(q.speaker_name, q.speaker_text) AS speaker, q.speaker_code, q.speaker_country,"
        " q.speaker_sector, q.kind, q.text, q.in_title, q.cue_text AS cue, q.article_id, a.url, a.title,"
        " a.published"
        " FROM {quotes} q JOIN articles a ON a.id = q.article_id {where} ORDER BY q.id {limit}"
    ),
    # what iter_actors counts, of the articles stored after a seq (four times the same parameter)
    "activity_batch_fill": (
        "INSERT INTO activity_batch (name, code, country, sector, given, received, quoted, mentioned, article_id)"
        " SELECT COALESCE(source_name, source_text), source_code, source_country, source_sector, 1, 0, 0, 0,"
        "  article_id FROM events WHERE source_text IS NOT NULL"
        "  AND article_id IN (SELECT id FROM articles WHERE seq > ?)"
        " UNION ALL SELECT COALESCE(target_name, target_text), target_code, target_country, target_sector,"
        "  0, 1, 0, 0, article_id FROM events WHERE target_text IS NOT NULL"
        "  AND article_id IN (SELECT id FROM articles WHERE seq > ?)"
        " UNION ALL SELECT COALESCE(speaker_name, speaker_text), speaker_code, speaker_country, speaker_sector,"
        "  0, 0, 1, 0, article_id FROM quotes WHERE speaker_text IS NOT NULL"
        "  AND article_id IN (SELECT id FROM articles WHERE seq > ?)"
        " UNION ALL SELECT a.name, a.code, a.country, a.sector, 0, 0, 0, 1, a.article_id"
        "  FROM actors a JOIN mentions m ON m.article_id = a.article_id AND m.actor_seq = a.seq"
        "  WHERE a.article_id IN (SELECT id FROM articles WHERE seq > ?)"
    ),
    "activity_batch_create": (
        "CREATE TEMP TABLE IF NOT EXISTS activity_batch (name {text}, code {text}, country {text}, sector {text},"
        " given {int}, received {int}, quoted {int}, mentioned {int}, article_id {text})"
    ),
    "activity_batch_groups": (
        "SELECT {columns}, SUM(given) AS given, SUM(received) AS received, SUM(quoted) AS quoted,"
        " SUM(mentioned) AS mentioned, COUNT(DISTINCT article_id) AS articles, MAX(name) AS max_name,"
        " MAX(country) AS max_country, MAX(sector) AS max_sector FROM activity_batch"
        " WHERE {first} IS NOT NULL GROUP BY {columns}"
    ),
    "add_activity_count": (
        "INSERT INTO actor_activity_counts AS t (columns, key, name, code, country, sector, given, received, quoted,"
        " mentioned, articles, max_name, max_country, max_sector) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (columns, key) DO UPDATE SET given = t.given + excluded.given,"
        " received = t.received + excluded.received, quoted = t.quoted + excluded.quoted,"
        " mentioned = t.mentioned + excluded.mentioned, articles = t.articles + excluded.articles,"
        + ",".join(
            f" {c} = CASE WHEN excluded.{c} IS NULL OR (t.{c} IS NOT NULL AND t.{c} >= excluded.{c})"
            f" THEN t.{c} ELSE excluded.{c} END"
            for c in ("max_name", "max_country", "max_sector")
        )
    ),
    "actor_activity_counts": (
        "SELECT {shown}, t.given AS events_given, t.received AS events_received, t.quoted AS quotes,"
        " t.mentioned AS mentions, t.articles FROM actor_activity_counts t {where}"
        " ORDER BY t.given + t.received + t.quoted DESC, t.mentioned DESC, {order} {limit}"
    ),
    # iter_actors from the rows themselves (what actor_activity_counts holds, summed ahead)
    "actor_activity": (
        "WITH activity AS ("
        " SELECT COALESCE(source_name, source_text) AS name, source_code AS code, source_country AS country,"
        "  source_sector AS sector, 1 AS given, 0 AS received, 0 AS quoted, 0 AS mentioned, article_id"
        "  FROM events WHERE source_text IS NOT NULL"
        " UNION ALL SELECT COALESCE(target_name, target_text), target_code, target_country, target_sector,"
        "  0, 1, 0, 0, article_id FROM events WHERE target_text IS NOT NULL"
        " UNION ALL SELECT COALESCE(speaker_name, speaker_text), speaker_code, speaker_country, speaker_sector,"
        "  0, 0, 1, 0, article_id FROM quotes WHERE speaker_text IS NOT NULL"
        " UNION ALL SELECT a.name, a.code, a.country, a.sector, 0, 0, 0, 1, a.article_id"
        "  FROM actors a JOIN mentions m ON m.article_id = a.article_id AND m.actor_seq = a.seq)"
        " SELECT {group_columns}, SUM(given) AS events_given, SUM(received) AS events_received,"
        " SUM(quoted) AS quotes, SUM(mentioned) AS mentions, COUNT(DISTINCT article_id) AS articles"
        " FROM activity {where} GROUP BY {group_by}"
        " ORDER BY SUM(given) + SUM(received) + SUM(quoted) DESC, SUM(mentioned) DESC, {group_by} {limit}"
    ),
    # One row per event, or per cluster (its first mention), with what aggregates need.
    "aggregate_events": (
        "SELECT e.event_date AS date, e.source_code, e.source_country, e.target_code, e.target_country,"
        " e.quad_class, e.goldstein, e.plover, e.plover_mode, e.status"
        " FROM {events} e {where} ORDER BY e.id"
    ),
    # the events between two countries by QuadClass, each direction (what alignment_network counts)
    "network_counts": (
        "SELECT e.source_country, e.target_country, e.quad_class, COUNT(*) AS events FROM {events} e {where}"
        " GROUP BY e.source_country, e.target_country, e.quad_class"
    ),
    "gdelt": (
        "SELECT c.id AS cluster_id, c.first_date, c.n_mentions, c.n_articles, c.n_sources, e.*,"
        " (SELECT MAX(x.lead) FROM cluster_members mx JOIN events x ON x.id = mx.event_id"
        "  WHERE mx.cluster_id = c.id) AS any_lead,"
        " a.url, a.source AS article_source, a.published"
        " FROM event_clusters c JOIN {events} e ON e.id = c.id JOIN articles a ON a.id = e.article_id"
        " ORDER BY c.id"
    ),
    "cluster_articles": (
        "SELECT DISTINCT e.article_id, a.seq FROM cluster_members m JOIN events e ON e.id = m.event_id"
        " JOIN articles a ON a.id = e.article_id WHERE m.cluster_id = ? ORDER BY a.seq"
    ),
    "export_events": (
        "SELECT e.*, m.cluster_id, a.url, a.title, a.published FROM {events} e"
        " JOIN articles a ON a.id = e.article_id JOIN cluster_members m ON m.event_id = e.id ORDER BY e.id"
    ),
    "export_quotes": "SELECT q.*, a.url, a.title, a.published FROM {quotes} q JOIN articles a ON a.id = q.article_id ORDER BY q.id",
    "export_actors": "SELECT * FROM actors ORDER BY article_id, seq",
    "export_mentions": "SELECT * FROM mentions ORDER BY article_id, actor_seq, seq",
    "export_clusters": "SELECT * FROM event_clusters ORDER BY id",
    "export_articles": (
        "SELECT id, seq, title, published, url, byline, dateline, credits, source, warnings, body"
        " FROM articles ORDER BY seq"
    ),
}

EXPORT_TABLES = ("events", "quotes", "actors", "mentions", "clusters", "articles")

# ---------------------------------------------------------------- review and search (used by communique.web)

#: What a person says of an event or quote: right, wrong, or corrected (with the corrected fields).
VERDICTS = ("right", "wrong", "corrected")
_SIDE_FIELDS = ("name", "country", "sector", "code")
#: Columns a correction can change; the latest correction of an item wins, earlier ones stay as history.
CORRECTED_EVENT_COLUMNS = (
    "cameo",
    "cameo_name",
    "plover",
    "plover_mode",
    "quad_class",
    "goldstein",
    "status",
    *(f"{side}_{c}" for side in ("source", "target") for c in _SIDE_FIELDS),
)
CORRECTED_QUOTE_COLUMNS = tuple(f"speaker_{c}" for c in _SIDE_FIELDS)
CORRECTION_COLUMNS = re.findall(r"(\w+) \{(?:int|real|text)\}", TABLES["corrections"])


def _reviewed_table(table: str, item: str, columns: Sequence[str], corrected: Sequence[str]) -> str:
    """A subquery with ``table``'s columns where the latest correction of each row is applied."""
    chosen = []
    for column in columns:
        side = column.removesuffix("_text")
        if column in corrected:
            chosen.append(f"COALESCE(r.{column}, t.{column}) AS {column}")
        elif f"{side}_name" in corrected:  # a side the machine missed and a person added has words now
            chosen.append(f"COALESCE(t.{column}, r.{side}_name) AS {column}")
        else:
            chosen.append(f"t.{column}")
    return (
        f"(SELECT {', '.join(chosen)} FROM {table} t LEFT JOIN corrections r ON r.id ="
        f" (SELECT MAX(x.id) FROM corrections x WHERE x.item = '{item}' AND x.item_id = t.id)"
        " WHERE r.verdict IS NULL OR r.verdict <> 'wrong')"
    )


REVIEWED_EVENTS = _reviewed_table("events", "event", EVENT_COLUMNS, CORRECTED_EVENT_COLUMNS)
REVIEWED_QUOTES = _reviewed_table("quotes", "quote", QUOTE_COLUMNS, CORRECTED_QUOTE_COLUMNS)

SQL.update(
    {
        "insert_correction": _insert("corrections", CORRECTION_COLUMNS),
        "max_correction_id": "SELECT COALESCE(MAX(id), 0) FROM corrections",
        "data_version": (
            "SELECT (SELECT COALESCE(MAX(seq), 0) FROM articles), (SELECT COALESCE(MAX(id), 0) FROM corrections)"
        ),
        "article_item_ids": (
            "SELECT 'event' AS item, id FROM events WHERE article_id = ?"
            " UNION ALL SELECT 'quote', id FROM quotes WHERE article_id = ? ORDER BY 1, 2"
        ),
        "event_article": "SELECT article_id FROM events WHERE id = ?",
        "quote_article": "SELECT article_id FROM quotes WHERE id = ?",
        "article_corrections": "SELECT * FROM corrections WHERE article_id = ? ORDER BY id",
        "reviewed_articles": (
            "SELECT a.id, a.title, a.published, a.body FROM articles a"
            " WHERE EXISTS (SELECT 1 FROM corrections r WHERE r.article_id = a.id) ORDER BY a.seq"
        ),
        # every event is a member of exactly one cluster (Store.add and recluster keep it so): no joins
        "count_events": "SELECT COUNT(*) FROM {events} e {where}",
        "event_ids": "SELECT e.id FROM {events} e {where} {limit}",
        "summary": (
            "SELECT (SELECT COUNT(*) FROM articles) AS articles, (SELECT COUNT(*) FROM events) AS events,"
            " (SELECT COUNT(*) FROM event_clusters) AS merged_events, (SELECT COUNT(*) FROM quotes) AS quotes,"
            " (SELECT COUNT(*) FROM corrections) AS corrections,"
            " (SELECT MIN(published) FROM articles) AS first_published,"
            " (SELECT MAX(published) FROM articles) AS last_published"
        ),
        "country_pairs": (
            "SELECT e.source_country AS a, e.target_country AS b, COUNT(*) AS events,"
            " SUM(CASE WHEN e.quad_class <= 2 THEN 1 ELSE 0 END) AS cooperation,"
            " SUM(CASE WHEN e.quad_class >= 3 THEN 1 ELSE 0 END) AS conflict"
            " FROM {events} e WHERE e.source_country IS NOT NULL AND e.target_country IS NOT NULL"
            " AND e.source_country <> e.target_country GROUP BY e.source_country, e.target_country"
        ),
        "actor_events": (
            "SELECT e.id, e.event_date AS date, e.quad_class, e.goldstein, e.status, e.plover,"
            " CASE WHEN e.source_code = ? OR e.source_country = ? THEN 1 ELSE 0 END AS given,"
            " e.source_code, e.source_country, COALESCE(e.source_name, e.source_text) AS source,"
            " e.target_code, e.target_country, COALESCE(e.target_name, e.target_text) AS target"
            " FROM {events} e WHERE e.source_code = ? OR e.source_country = ? OR e.target_code = ?"
            " OR e.target_country = ? ORDER BY e.id"
        ),
        "fill_quote_actors": FILL_QUOTE_ACTORS,
        # what the summaries count of each event (see actor_rollup), of some events ({where})
        "summary_events": (
            "SELECT e.id, e.event_date AS date, e.quad_class, e.source_code, e.source_country,"
            " COALESCE(e.source_name, e.source_text) AS source, e.target_code, e.target_country,"
            " COALESCE(e.target_name, e.target_text) AS target FROM {events} e {where}"
        ),
        "summary_actors": (
            "SELECT x.name, x.code, x.country, x.sector, x.kind, COUNT(*) AS articles FROM actors x"
            " JOIN articles a ON a.id = x.article_id WHERE a.seq > ? GROUP BY x.name, x.code, x.country,"
            " x.sector, x.kind"
        ),
        "add_actor_month": (
            "INSERT INTO actor_months (variant, actor, month, given, quad_class, events) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (variant, actor, month, given, quad_class) DO UPDATE"
            " SET events = actor_months.events + excluded.events"
        ),
        "add_actor_counterpart": (
            "INSERT INTO actor_counterparts (variant, actor, other, name, events, cooperation, conflict)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (variant, actor, other, name) DO UPDATE"
            " SET events = actor_counterparts.events + excluded.events,"
            " cooperation = actor_counterparts.cooperation + excluded.cooperation,"
            " conflict = actor_counterparts.conflict + excluded.conflict"
        ),
        "add_actor_name_count": (
            "INSERT INTO actor_name_counts (key, name, code, country, sector, kind, articles)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE"
            " SET articles = actor_name_counts.articles + excluded.articles"
        ),
        # rows a correction brought to nothing are left: a page reads those with events only
        "actor_month_rows": (
            "SELECT month, given, quad_class, events FROM actor_months"
            " WHERE variant = ? AND actor = ? AND events > 0 ORDER BY month, given, quad_class"
        ),
        "actor_counterpart_rows": (
            "SELECT other AS code, name, events, cooperation, conflict FROM actor_counterparts"
            " WHERE variant = ? AND actor = ? AND events > 0 ORDER BY events DESC, other, name LIMIT ?"
        ),
        # the ids of the quotes of a speaker (code or country) after a quote id, in order (see actor_quotes)
        "speaker_quote_ids": (
            "SELECT id FROM quotes WHERE speaker_code = ? AND id > ?"
            " UNION SELECT id FROM quotes WHERE speaker_country = ? AND id > ? ORDER BY 1 LIMIT ?"
        ),
        "corrected_speaker_quote_ids": (
            "SELECT item_id FROM corrections WHERE item = 'quote' AND (speaker_code = ? OR speaker_country = ?)"
        ),
        # the ids of the quotes that mention an actor (code or country) after a quote id, in order: the
        # two index lookups merged, stopping at the limit
        "actor_quote_ids": (
            "SELECT quote_id FROM quote_actors WHERE code = ? AND quote_id > ?"
            " UNION SELECT quote_id FROM quote_actors WHERE country = ? AND quote_id > ? ORDER BY 1 LIMIT ?"
        ),
        "actor_names": (
            "SELECT name, code, country, sector, kind, articles FROM actor_name_counts"
            " WHERE code = ? OR country = ? ORDER BY articles DESC, name, key LIMIT 8"
        ),
        # the actors of the articles stored after one seq, up to another (see Store.actor_directory)
        "actor_directory": (
            "SELECT x.name, x.code, x.country, x.sector, COUNT(DISTINCT x.article_id) AS articles FROM actors x"
            " JOIN articles a ON a.id = x.article_id WHERE a.seq > ? AND a.seq <= ?"
            " GROUP BY x.name, x.code, x.country, x.sector"
        ),
        "search_articles_like": (
            "SELECT a.id, a.title, a.body AS snippet, a.published FROM articles a {where} ORDER BY a.seq {limit}"
        ),
        "search_quotes_like": (
            "SELECT q.id, COALESCE(q.speaker_name, q.speaker_text) AS speaker, q.speaker_code, q.text AS snippet,"
            " q.article_id, a.title FROM quotes q JOIN articles a ON a.id = q.article_id {where}"
            " ORDER BY q.id {limit}"
        ),
        # SQLite's full-text index (SQLiteDialect.migrations), filled lazily by refresh_search_index.
        "index_articles": (
            "INSERT INTO search_articles (title, text, item_id, article_id)"
            " SELECT COALESCE(title, ''), body, seq, id FROM articles WHERE seq > ?"
        ),
        "index_quotes": (
            "INSERT INTO search_quotes (title, text, item_id, article_id)"
            " SELECT '', q.text, q.id, q.article_id FROM quotes q JOIN articles a ON a.id = q.article_id"
            " WHERE a.seq > ?"
        ),
        "search_articles_fts": (
            "SELECT s.article_id AS id, s.title, s.snippet, a.published FROM"
            " (SELECT article_id, highlight(search_articles, 0, char(2), char(3)) AS title,"
            "  snippet(search_articles, 1, char(2), char(3), '…', 24) AS snippet, rank FROM search_articles"
            "  WHERE search_articles MATCH ? ORDER BY rank LIMIT ?) s"
            " JOIN articles a ON a.id = s.article_id ORDER BY s.rank"
        ),
        "search_quotes_fts": (
            "SELECT q.id, COALESCE(q.speaker_name, q.speaker_text) AS speaker, q.speaker_code, s.snippet,"
            " q.article_id, a.title FROM"
            " (SELECT item_id, snippet(search_quotes, 1, char(2), char(3), '…', 24) AS snippet, rank"
            "  FROM search_quotes WHERE search_quotes MATCH ? ORDER BY rank LIMIT ?) s"
            " JOIN quotes q ON q.id = s.item_id JOIN articles a ON a.id = q.article_id ORDER BY s.rank"
        ),
    }
)

#: Marks around the matched words in search titles and snippets (control characters: never in text we store).
MATCH_START, MATCH_END = "\x02", "\x03"


def _clean_actor(side: str, value: dict[str, Any] | None) -> dict[str, Any]:
    """A corrected source, target or speaker as columns; its code is country + sector, CAMEO style."""
    if not value:
        return {}
    name = (value.get("name") or "").strip() or None
    country = (value.get("country") or "").strip().upper() or None
    sector = (value.get("sector") or "").strip().upper() or None
    if name and len(name) > 200:
        raise ValueError(f"{side} name: at most 200 characters")
    for label, code in (("country", country), ("sector", sector)):
        if code and not re.fullmatch(r"[A-Z]{3}", code):
            raise ValueError(f"{side} {label}: three letters (USA, WST; GOV, MIL), not {code!r}")
    if not (name or country or sector):
        return {}
    code = (value.get("code") or "").strip().upper() or ((country or "") + (sector or "")) or None
    return {f"{side}_name": name, f"{side}_country": country, f"{side}_sector": sector, f"{side}_code": code}


def _gold_side(row: Any, side: str) -> dict[str, Any] | None:
    if row[f"{side}_text"] is None and row[f"{side}_name"] is None:
        return None
    return {
        "country": row[f"{side}_country"],
        "sector": row[f"{side}_sector"],
        "name": row[f"{side}_name"] or row[f"{side}_text"],
    }


def _search_words(text: str) -> list[str]:
    return re.findall(r"\w+", text)[:12]


def _like_snippet(text: str, words: Sequence[str], width: int = 160) -> str:
    """A piece of ``text`` around the first of ``words``, with every word marked (the fallback of FTS5's snippet)."""
    lower = text.lower()
    at = min((i for i in (lower.find(w.lower()) for w in words) if i >= 0), default=0)
    start = max(0, at - width // 3)
    piece = ("…" if start else "") + text[start : start + width] + ("…" if start + width < len(text) else "")
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None
    return pattern.sub(lambda m: MATCH_START + m.group(0) + MATCH_END, piece) if pattern else piece


def column_types(table: str) -> dict[str, str]:
    """``int``, ``real`` or ``text`` for each stored column of an export table (joined columns are text)."""
    base = {"clusters": "event_clusters"}.get(table, table)
    types = dict(re.findall(r"(\w+) \{(int|real|text)\}", TABLES[base]))
    if table == "events":
        types["cluster_id"] = "int"
    return types


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, with the pattern's own wildcards escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class _Filters:
    """A WHERE clause built from user filters: conditions with ``?`` and their parameters."""

    def __init__(self, dialect: Dialect):
        self.dialect = dialect
        self.conditions: list[str] = []
        self.params: list[Any] = []

    def add(self, condition: str, *params: Any) -> None:
        self.conditions.append(f"({condition})")
        self.params.extend(params)

    def contains(self, columns: Sequence[str], text: str) -> None:
        """Any of ``columns`` contains ``text``, case-insensitively."""
        like = self.dialect.like
        self.add(" OR ".join(f"{c} {like} ? ESCAPE '\\'" for c in columns), *[_like(text)] * len(columns))

    def where(self) -> str:
        return f"WHERE {' AND '.join(self.conditions)}" if self.conditions else ""
