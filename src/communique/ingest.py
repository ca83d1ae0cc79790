"""Reading and cleaning articles.

``read_inputs`` turns paths (plain-text and HTML pages, JSONL and CSV feeds, folders, ``.gz`` files,
``-`` for stdin) into a stream of ``Article`` records, or one ``InputError`` per input (per line of a
feed) that cannot be read. Feeds are read line by line, so memory stays flat in the size of a corpus.

``article_from_text`` cleans the text of one page: it separates the headline, byline, dateline,
credit lines and page furniture (share buttons, comment forms, "Source link", related links) from
the body. Only whole lines that are furniture are dropped; a sentence of the article never is.

Limits: an article input (a file, a page read from stdin or a .gz, one feed line or CSV field) may
hold at most ``MAX_INPUT_BYTES`` (5 MB); larger files are refused from their size alone, without
being read. A cleaned body may hold at most ``MAX_BODY_CHARS`` characters (spaCy's default limit),
and ``MAX_RUN_WITHOUT_SENTENCE_END`` characters without a sentence end.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import hashlib
import io
import json
import logging
import os
import re
import sys
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from importlib import resources
from typing import IO, Any

from .model import Article

MAX_INPUT_BYTES = 5 * 1024 * 1024
MAX_BODY_CHARS = 1_000_000
MAX_RUN_WITHOUT_SENTENCE_END = 20_000
#: Below this many words the language cannot be told reliably, and the check is skipped.
MIN_WORDS_FOR_LANGUAGE_CHECK = 20
#: Share of words in the English function-word list: 33-51% in the seed, VOA and PolNeAR dev texts; <10% in
#: Spanish, French or German news prose.
MIN_ENGLISH_SHARE = 0.2
#: Share of a byte sample that may be control characters before the input is "not text".
MAX_CONTROL_SHARE = 0.01

STDIN = "-"
STDIN_NAME = "<stdin>"

#: File suffixes read as articles, and the reader for each. A folder is searched for these only
#: (each also with ``.gz``); other files in a folder (.md, .py, images, ...) are ignored silently.
ARTICLE_SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
}
FEED_KINDS = ("jsonl", "csv", "tsv")


class InputError(Exception):
    """An input that cannot be read; ``str()`` is the one-line message naming the file and line."""

    def __init__(self, source: str, message: str, line: int | None = None):
        self.source, self.message, self.line = source, message, line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(_one_line(f"{where}: {message}"))


class _Unreadable(Exception):
    """Raised inside the reader; becomes an ``InputError`` naming the input."""


@dataclass(frozen=True)
class _Overrides:
    title: str | None
    published: str | None
    max_bytes: int


# --------------------------------------------------------------------------------------------------
# Public API


def article_id(body: str) -> str:
    """A stable id for an article: the hash of its body with white space folded and case ignored."""
    normalized = re.sub(r"\s+", " ", body).strip().lower()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]


def check_published(value: str) -> str:
    """Validate a ``--published`` value: a real date written YYYY-MM-DD; raises ``ValueError``."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValueError(f"--published must be a date written YYYY-MM-DD, not {value!r}")
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ValueError(f"--published is not a real date: {value!r}") from None


def read_inputs(
    paths: Iterable[str],
    *,
    title: str | None = None,
    published: str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
) -> Iterator[Article | InputError]:
    """Read each path (file, folder, ``-`` for stdin) and yield an ``Article`` or an ``InputError``.

    ``title`` and ``published`` (YYYY-MM-DD) override what the inputs say. Invalid overrides raise
    ``ValueError`` at once (a usage error); everything about the inputs is yielded as ``InputError``.
    """
    if published is not None:
        published = check_published(published)
    if title is not None:
        title = _fold_space(title)
        if not title:
            raise ValueError("--title is empty")
    return _read_paths(list(paths), _Overrides(title, published, max_bytes))


def article_from_text(
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    id: str | None = None,
    source: str | None = None,
    byline: str | None = None,
    url: str | None = None,
) -> Article:
    """Clean the text of one page into an ``Article``; never raises on the content.

    Without ``title`` the headline (a short first line standing alone) becomes the title; with it, a
    first paragraph repeating the title is removed. ``published`` is normalized to YYYY-MM-DD; a date
    that cannot be read is dropped with a note in ``Article.warnings``.
    """
    warnings: list[str] = []
    date_value = None
    if published is not None and published != "":
        date_value = normalize_date(published)
        if date_value is None:
            warnings.append(f"ignored the date {str(published)[:40]!r}: not a date")
    cleaned = clean_text(text, title=title)
    if byline is None and cleaned.bylines:
        byline = ", ".join(cleaned.bylines)
    return Article(
        id=id or article_id(cleaned.body),
        body=cleaned.body,
        title=title if title is not None else cleaned.title,
        published=date_value,
        url=url,
        byline=byline,
        dateline=cleaned.dateline,
        credits=cleaned.credits,
        source=source,
        warnings=warnings,
    )


def check_article(article: Article) -> str | None:
    """Why a cleaned article cannot be analyzed (empty, too long, not prose, not English), or None."""
    body = article.body
    if not body.strip():
        return "empty: no article text (only page furniture)" if article.title or article.credits else "empty"
    if len(body) > MAX_BODY_CHARS:
        return f"too long: {len(body):,} characters of article text (limit {MAX_BODY_CHARS:,})"
    run = _longest_run_without_sentence_end(body)
    if run > MAX_RUN_WITHOUT_SENTENCE_END:
        return (
            f"not article prose: {run:,} characters without a sentence end "
            f"(limit {MAX_RUN_WITHOUT_SENTENCE_END:,})"
        )
    words = _WORD.findall(body[:200_000])
    if len(words) < 3 or not re.search(r"[.!?…]", body):
        sentence = "a sentence" if re.search(r"[.!?…]", body) else "no sentence"
        return f"no article text found ({len(words)} words and {sentence})"
    language = guess_language(body)
    if language is not None:
        return f"not English (looks like {language})" if language else "not English"
    return None


def normalize_date(value: Any) -> str | None:
    """A feed or page date as YYYY-MM-DD (the date as written, time zone ignored), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds since the epoch
        try:
            return _plausible(datetime.fromtimestamp(seconds, tz=timezone.utc).date())
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = _fold_space(value)
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?", text)
    if m:
        try:
            return _plausible(date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            return None
    if re.fullmatch(r"\d{8}", text):
        try:
            return _plausible(datetime.strptime(text, "%Y%m%d").date())
        except ValueError:
            return None
    try:
        return _plausible(parsedate_to_datetime(text).date())  # RFC 2822, as in RSS feeds
    except (TypeError, ValueError, IndexError):
        pass
    text = re.sub(r"\bSept\b", "Sep", text).replace(".", "")
    text = re.sub(r"^(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*,?\s+", "", text)
    text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%d %B, %Y"):
        try:
            return _plausible(datetime.strptime(text, fmt).date())
        except ValueError:
            continue
    return None


def guess_language(text: str) -> str | None:
    """None when the text is English (or too short to tell); else the language it looks like, or ""."""
    words = [w.lower() for w in _WORD.findall(text[:50_000])][:3000]
    sample = text[:20_000]
    letters = _LETTER.findall(sample)
    beyond_latin = _BEYOND_LATIN.findall("".join(letters))
    if letters and len(beyond_latin) > len(letters) / 2:
        scripts: dict[str, int] = {}
        for c in beyond_latin:
            script = _script(c)
            scripts[script] = scripts.get(script, 0) + 1
        script, count = max(scripts.items(), key=lambda kv: kv[1])
        if count > len(letters) / 2:
            return _SCRIPT_LANGUAGES.get(script, f"{script.title()} script")
    if len(words) < MIN_WORDS_FOR_LANGUAGE_CHECK:
        return None
    lists = _function_words()
    shares = {name: sum(w in vocabulary for w in words) / len(words) for name, vocabulary in lists.items()}
    if shares.pop("English") >= MIN_ENGLISH_SHARE:
        return None
    best = max(shares, key=shares.__getitem__, default=None)
    return best if best is not None and shares[best] >= MIN_ENGLISH_SHARE else ""


# --------------------------------------------------------------------------------------------------
# Cleaning


@dataclass
class CleanText:
    body: str
    title: str | None
    bylines: list[str]
    dateline: str | None
    credits: list[str]


def clean_text(text: str, *, title: str | None = None) -> CleanText:
    """Split a page's text into headline, bylines, dateline, credits and body (see the module doc)."""
    lines = _split_paragraph_lines(normalize_newlines(text).split("\n"))
    start, found_title, bylines = _leading_part(lines, title)
    lines = [line for line in lines[start:] if not _is_furniture(line, "anywhere")]
    lines, credits = _trailing_part(lines)
    paragraphs = []
    for block in _blocks(lines):
        if len(block) > 1 and all(_ENDS_SENTENCE.search(line.rstrip()) for line in block):
            paragraphs.extend(_fold_space(line) for line in block)  # a paragraph per line
        else:
            paragraphs.append(_fold_space(" ".join(block)))  # lines wrapped inside a paragraph
    paragraphs = [p for p in paragraphs if p]
    dateline = None
    # The dateline opens the first paragraph, or the second after a headline left in the body.
    first = 1 if len(paragraphs) > 1 and _headline_like(paragraphs[0]) else 0
    if paragraphs:
        m = _DATELINE.match(paragraphs[first])
        if m:
            dateline = _fold_space(m["place"])
            paragraphs[first] = paragraphs[first][m.end() :]
    return CleanText("\n\n".join(paragraphs), found_title, bylines, dateline, credits)


def normalize_newlines(text: str) -> str:
    """Windows and old Mac line ends to \\n, page and paragraph separators to lines, BOMs removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return re.sub(r"[\u2028\u2029\x0b\x0c\x85]", "\n", text)


def _split_paragraph_lines(lines: list[str]) -> list[str]:
    """Give one-line-per-paragraph texts (no blank line between paragraphs) their blank lines."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if len(filled) < 3 or len(filled) != filled[-1] - filled[0] + 1:
        return lines  # short, or it has blank lines: its lines may be wrapped paragraphs, keep them
    ends = sum(1 for i in filled if _ENDS_SENTENCE.search(lines[i].rstrip()) or _headline_like(lines[i]))
    if ends < 0.6 * len(filled):
        return lines  # hard-wrapped prose: most lines stop mid-sentence
    spaced: list[str] = []
    for line in lines:
        spaced.extend([line, ""])
    return spaced


def _leading_part(lines: list[str], title: str | None) -> tuple[int, str | None, list[str]]:
    """Index of the first body line, the headline found (when no title is given), and the bylines."""
    n, i = len(lines), 0
    while i < n and (_blank(lines[i]) or _is_leading_furniture(lines[i])):
        i += 1
    found_title = None
    if i < n:
        block_end = i
        while block_end < n and not _blank(lines[block_end]):
            block_end += 1
        block = _fold_space(" ".join(lines[i:block_end]))
        has_more = any(not _blank(line) for line in lines[block_end:])
        alone = has_more and block_end == i + 1 and _headline_like(block) and not _DATELINE.match(block)
        over_byline = (
            has_more and _headline_like(lines[i]) and i + 1 < n and _byline(lines[i + 1]) is not None
        )
        if alone or over_byline:
            # A given title wins, and the page's own headline leaves the body all the same (also
            # when it differs, as a feed's "Pact signed" over "Portugal and Morocco Sign Fisheries
            # Pact"): the body, and so the id, do not depend on the metadata given with the text.
            if title is None:
                found_title = _fold_space(lines[i])
            i = block_end if alone else i + 1
        elif title is not None and has_more and _same_headline(block, title):
            i = block_end
    bylines = []
    while i < n:
        line = lines[i]
        if _blank(line) or _is_leading_furniture(line):
            i += 1
        elif (name := _byline(line)) is not None:
            bylines.append(name)
            i += 1
        else:
            break
    return i, found_title, bylines


def _trailing_part(lines: list[str]) -> tuple[list[str], list[str]]:
    """Remove trailing furniture and take trailing credit sentences out; returns (lines, credits)."""
    credits: list[str] = []
    lines = list(lines)
    while True:
        lines = lines[: _trailing_furniture_start(lines)]
        while lines and _blank(lines[-1]):
            lines.pop()
        if not lines:
            break
        start = len(lines)
        while start > 0 and not _blank(lines[start - 1]):
            start -= 1
        paragraph = _fold_space(" ".join(lines[start:]))
        kept, found = _peel_credits(paragraph)
        if not found:
            break
        credits[:0] = found
        lines = lines[:start]
        if kept:
            lines.append(kept)
            break
    return lines, credits


def _trailing_furniture_start(lines: list[str]) -> int:
    """Index where the furniture at the end of the page starts (len(lines) when there is none).

    The end of a page is furniture from line h on when line h is furniture and every later line is
    blank, furniture, or a short link title listed under a heading such as "Related".
    """
    n = len(lines)
    first_link = first_heading = None  # first such line at or after the current index
    best = n
    for h in range(n - 1, -1, -1):
        line = lines[h]
        if _blank(line):
            continue
        if _is_furniture(line, "list_heading"):
            first_heading = h
        elif _is_furniture(line, "edge", "anywhere", "list_heading"):
            pass
        elif _link_like(line):
            first_link = h
        else:
            break
        if _is_furniture(line, "edge", "anywhere", "list_heading") and (
            first_link is None or (first_heading is not None and first_heading < first_link)
        ):
            best = h
    return best


def _peel_credits(paragraph: str) -> tuple[str, list[str]]:
    """Split the credit sentences off the end of a paragraph: (what stays, credits in order)."""
    sentences = _sentences(paragraph)
    k = len(sentences)
    while k > 0 and _is_credit(sentences[k - 1][1]):
        k -= 1
    if k == len(sentences):
        return paragraph, []
    kept = paragraph[: sentences[k][0]].rstrip() if k else ""
    return kept, [s for _, s in sentences[k:]]


def _sentences(paragraph: str) -> list[tuple[int, str]]:
    """(offset, sentence) pieces of a paragraph; a cautious split used to find credit sentences."""
    pieces, start = [], 0
    for m in _SENTENCE_BREAK.finditer(paragraph):
        word = paragraph[: m.start() + 1].rsplit(None, 1)[-1].lstrip("\"'“‘(")
        bare = word.rstrip(".").lower()
        if word.endswith(".") and (len(bare) == 1 or bare in _abbreviations()):
            continue  # "Mr. Lee", "Aleksandr G. Lukashenko": not a sentence end
        pieces.append((start, paragraph[start : m.end()].rstrip()))
        start = m.end()
    pieces.append((start, paragraph[start:].rstrip()))
    return [(offset, s) for offset, s in pieces if s]


def _is_credit(sentence: str) -> bool:
    if len(sentence) > 400:
        return False
    for pattern in _credit_patterns():
        m = pattern.fullmatch(sentence)
        if m and ("who" not in m.groupdict() or _names_only(m["who"])):
            return True
    return False


def _names_only(words: str) -> bool:
    """True when the words credited are names (capitalised) and the few lower-case words credits use."""
    tokens = [t.strip("\"'“”‘’.:") for t in re.split(r"[\s,;()&/]+", words)]
    tokens = [t for t in tokens if t]
    if not tokens or len(tokens) > 25:
        return False
    allowed = _who_words()
    if any(not (t[0].isupper() or t[0].isdigit() or t.lower() in allowed) for t in tokens):
        return False
    return any(t[0].isupper() for t in tokens)


def _byline(line: str) -> str | None:
    """The names of a byline line ("By Jane Doe and John Roe", "By JANE DOE"), else None."""
    m = re.fullmatch(r"(?:By|BY|Written by|Words by)[:\s]\s*(.{2,150}?)\.?", _fold_space(line))
    if not m or len(m[1].split()) > 16:
        return None
    names = re.sub(r"\s*\|\s*", ", ", m[1])
    return names if _names_only(names) else None


def _same_headline(block: str, title: str) -> bool:
    """True when a first paragraph repeats the given title (case, punctuation, site name ignored)."""
    a, b = _fold_words(block), _fold_words(title)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and len(short) >= 0.6 * len(long) and len(block) <= 300


def _headline_like(line: str) -> bool:
    """A short line that is not a sentence: no final . , ; : ! (quotes aside)."""
    line = _fold_space(line)
    words = line.split()
    if not 2 <= len(words) <= 30 or len(line) > 200:
        return False
    return not re.search(r"[.,;:!]$", line.rstrip("\"'”’»)]"))


def _link_like(line: str) -> bool:
    line = _fold_space(line)
    return 1 <= len(line.split()) <= 15 and len(line) <= 150 and not line.endswith(".")


def _is_leading_furniture(line: str) -> bool:
    return _is_furniture(line, "leading", "edge", "anywhere") or _is_date_line(line)


def _is_furniture(line: str, *kinds: str) -> bool:
    folded = _fold_space(line).lstrip(" •·*|»›→>").rstrip(" •·|»›→←«‹>")  # bullets, arrows
    if not folded or len(folded) > 300:
        return False
    patterns = _furniture()
    return any(patterns[kind].fullmatch(folded) for kind in kinds)


def _is_date_line(line: str) -> bool:
    return bool(_DATE_LINE.fullmatch(_fold_space(line)))


def _blocks(lines: list[str]) -> Iterator[list[str]]:
    block: list[str] = []
    for line in lines:
        if _blank(line):
            if block:
                yield block
            block = []
        else:
            block.append(line)
    if block:
        yield block


def _blank(line: str) -> bool:
    return not line.strip()


def _fold_space(text: str) -> str:
    return " ".join(text.split())


def _fold_words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _longest_run_without_sentence_end(body: str) -> int:
    longest, last = 0, 0
    for m in re.finditer(r"[.!?…]|\n\n", body):
        longest = max(longest, m.start() - last)
        last = m.end()
    return max(longest, len(body) - last)


def _script(char: str) -> str:
    try:
        return unicodedata.name(char).split()[0]
    except ValueError:
        return "UNKNOWN"


def _plausible(day: date) -> str | None:
    return day.isoformat() if 1800 <= day.year <= 2200 else None


def _one_line(text: str) -> str:
    """Control characters (a newline in a file name, say) shown escaped, so an error stays one line."""
    return "".join(c if c.isprintable() or c == " " else f"\\x{ord(c):02x}" for c in text)


_SCRIPT_LANGUAGES = {
    "CJK": "Chinese or Japanese",
    "HIRAGANA": "Japanese",
    "KATAKANA": "Japanese",
    "HANGUL": "Korean",
}
_LETTER = re.compile(r"[^\W\d_]")
_BEYOND_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff]")  # letters past the Latin blocks
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$")
_SENTENCE_BREAK = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DATE_LINE = re.compile(
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?)?",
    re.IGNORECASE,
)
# "BEIJING —", "WASHINGTON (Reuters) -", "KYIV, Ukraine —", "HEMPSTEAD, N.Y., Sept. 26 (UPI) —"
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z'’.\-]+(?:[ /][A-Z][A-Z'’.\-]*)*"
    r"(?:,\s*[A-Z][\w'’.\-]*(?:\s[A-Z][\w'’.\-]*){0,3})?)"
    rf"(?:,\s*{_MONTH}\s+\d{{1,2}})?"
    r"\s*(?:\((?P<agency>[A-Za-z][\w .&\-]{0,40})\))?,?"
    r"\s*(?:—|–|―|--?)\s*"
    r"(?=[\"'“‘(]?[A-Z0-9])"
)


# --------------------------------------------------------------------------------------------------
# Data files


def _data_sections(name: str) -> dict[str, list[str]]:
    """Sections of a data file: ``[name]`` headers, one entry per line, ``#`` comments."""
    text = resources.files("communique").joinpath("data", name).read_text(encoding="utf-8")
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        header = re.fullmatch(r"\[([A-Za-z_ ]+)\]", line)
        if header:
            current = header[1]
            sections[current] = []
        else:
            sections[current].append(line)
    return sections


@lru_cache(maxsize=1)
def _furniture() -> dict[str, re.Pattern[str]]:
    sections = _data_sections("furniture.txt")
    return {
        kind: re.compile("|".join(f"(?:{p})" for p in sections[kind]), re.IGNORECASE)
        for kind in ("anywhere", "edge", "leading", "list_heading")
    }


@lru_cache(maxsize=1)
def _credit_patterns() -> tuple[re.Pattern[str], ...]:
    sections = _data_sections("credits.txt")
    return tuple(re.compile(p.replace("{who}", r"(?P<who>.{2,200}?)")) for p in sections["sentences"])


@lru_cache(maxsize=1)
def _who_words() -> frozenset[str]:
    return frozenset(" ".join(_data_sections("credits.txt")["who_words"]).split())


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(" ".join(_data_sections("abbreviations.txt")[""]).split())


@lru_cache(maxsize=1)
def _function_words() -> dict[str, frozenset[str]]:
    """Function words by language name, English first."""
    lists = {}
    for header, lines in _data_sections("function_words.txt").items():
        if header:
            name = header.split(None, 1)[1]
            lists[name] = frozenset(" ".join(lines).lower().split())
    return lists


# --------------------------------------------------------------------------------------------------
# Reading


def _read_paths(paths: list[str], overrides: _Overrides) -> Iterator[Article | InputError]:
    for path in paths:
        if path == STDIN:
            yield from _read_stdin(overrides)
        elif os.path.isdir(path):
            yield from _read_folder(path, overrides)
        else:
            yield from _read_file(path, overrides)


def _read_folder(folder: str, overrides: _Overrides) -> Iterator[Article | InputError]:
    found = False
    for item in _walk(folder):
        if isinstance(item, InputError):
            yield item
        else:
            found = True
            yield from _read_file(item, overrides)
    if not found:
        suffixes = ", ".join(ARTICLE_SUFFIXES)
        yield InputError(folder, f"no article files in this folder (looked for {suffixes}, also .gz)")


def _walk(folder: str) -> Iterator[str | InputError]:
    """Article files under a folder, recursively, in name order; hidden files and folders skipped."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as e:
        yield InputError(folder, f"cannot read folder: {e.strerror or e}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(entry.path)
            elif entry.is_file() and _kind_of(entry.name) is not None:
                yield entry.path
        except OSError as e:
            yield InputError(entry.path, f"cannot read: {e.strerror or e}")


def _kind_of(name: str) -> str | None:
    """The reader for a file name from its suffix (under .gz), or None when unknown."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return ARTICLE_SUFFIXES.get(os.path.splitext(lower)[1])


def _read_file(path: str, overrides: _Overrides) -> Iterator[Article | InputError]:
    compressed = path.lower().endswith(".gz")
    kind = _kind_of(path)
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        yield InputError(path, "no such file or folder")
        return
    except OSError as e:
        yield InputError(path, f"cannot read: {e.strerror or e}")
        return
    if not compressed and kind not in FEED_KINDS and size > overrides.max_bytes:
        yield InputError(path, _too_large(size, overrides.max_bytes))
        return
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed below, after the generator is drained
    except OSError as e:
        yield InputError(path, f"cannot read: {e.strerror or e}")
        return
    with raw:
        stream: IO[bytes] = gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw
        yield from _read_stream(stream, path, kind, overrides)


def _read_stdin(overrides: _Overrides) -> Iterator[Article | InputError]:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream without bytes underneath (tests, embedding)
        stream = io.BytesIO(sys.stdin.read(overrides.max_bytes + 1).encode("utf-8"))
    yield from _read_stream(stream, STDIN_NAME, None, overrides)


def _read_stream(
    stream: IO[bytes], source: str, kind: str | None, overrides: _Overrides
) -> Iterator[Article | InputError]:
    """Read one opened input; errors of gzip or of the device become ``InputError``s."""
    try:
        buffered = stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[arg-type]
        head = buffered.peek(65536)[:65536]  # type: ignore[attr-defined]
        if kind is None:
            kind = _sniff(head)
        if kind in FEED_KINDS:
            if _looks_binary(head):
                yield InputError(source, "not text (binary data)")
                return
            yield from _read_feed(buffered, source, kind, overrides)
            return
        data = buffered.read(overrides.max_bytes + 1)
        if len(data) > overrides.max_bytes:
            yield InputError(source, _too_large(None, overrides.max_bytes))
            return
        yield _article_from_bytes(data, kind, source, None, {}, overrides)
    except (gzip.BadGzipFile, EOFError, zlib.error) as e:
        yield InputError(source, f"not a valid gzip file ({e})")
    except OSError as e:
        yield InputError(source, f"cannot read: {e.strerror or e}")


def _sniff(head: bytes) -> str:
    """The reader for an input without a known suffix, from its first bytes."""
    text = _decode_head(head).lstrip()
    lower = text[:1000].lower()
    if lower.startswith(("<!doctype html", "<html", "<?xml")) or re.match(
        r"<(head|body|article|div|p|meta|title|section|main|header|!--)\b", lower
    ):
        return "html"
    if text.startswith("{"):
        return "jsonl"
    return "text"


def _decode_head(head: bytes) -> str:
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="ignore")
    return head.decode("utf-8", errors="ignore")


def _too_large(size: int | None, limit: int) -> str:
    mb = limit / (1024 * 1024)
    if size is None:
        return f"too large: more than {limit:,} bytes (limit {mb:g} MB per article)"
    return f"too large: {size:,} bytes (limit {limit:,} bytes, {mb:g} MB per article)"


# --------------------------------------------------------------------------------------------------
# Encodings

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL_BYTES = (
    frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x1B)) | frozenset(range(0x1C, 0x20)) | {0x7F}
)
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode an input: BOM, else UTF-8, else the declared charset, else Windows-1252 when the bytes
    look like Western text. Returns (text, warnings); raises ``_Unreadable`` for binary data or an
    encoding that cannot be told, rather than guess and produce mojibake."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), []
            except UnicodeDecodeError:
                raise _Unreadable(
                    f"not valid {codec.upper()} although it starts with a {codec.upper()} byte-order mark"
                ) from None
    if _looks_binary(data[:65536]):
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16, ["read as UTF-16 (no byte-order mark)"]
        raise _Unreadable("not text (binary data)")
    try:
        return _repair_mojibake(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared), [f"not UTF-8: read as {declared}, the encoding the page declares"]
        except (LookupError, UnicodeDecodeError):
            pass
    if _looks_cp1252(data):
        return data.decode("cp1252"), ["not UTF-8: read as Windows-1252 (Latin-1)"]
    guess = _detect_encoding(data)
    if guess is not None:
        return guess
    raise _Unreadable("not UTF-8, and its encoding could not be told: convert it to UTF-8")


def _looks_binary(sample: bytes) -> bool:
    if not sample or any(sample.startswith(bom) for bom, _ in _BOMS[:2] + _BOMS[3:]):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL_BYTES)
    return controls > MAX_CONTROL_SHARE * len(sample)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: every other byte is zero in mostly-ASCII text."""
    sample = data[:4096]
    if len(sample) < 16 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    codec = (
        "utf-16-le"
        if odd > 0.4 * half and even < 0.05 * half
        else "utf-16-be"
        if even > 0.4 * half and odd < 0.05 * half
        else None
    )
    if codec is None:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return None if _looks_binary(text.encode("utf-8", errors="replace")[:65536]) else text


def _looks_cp1252(data: bytes) -> bool:
    """Western text in Windows-1252 / Latin-1: a few accented letters among ASCII, no undefined bytes."""
    high = sum(1 for b in data if b >= 0x80)
    return not (_CP1252_UNDEFINED & set(data)) and high <= 0.15 * len(data)


def _detect_encoding(data: bytes) -> tuple[str, list[str]] | None:
    """Ask charset-normalizer (installed with trafilatura), when present, for a confident guess."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None
    best = from_bytes(data[:200_000]).best()
    if best is None or best.chaos > 0.1:
        return None
    try:
        return data.decode(best.encoding), [f"not UTF-8: read as {best.encoding} (detected)"]
    except (LookupError, UnicodeDecodeError):
        return None


_MOJIBAKE = re.compile(r"[ÂÃ][\x80-\xbf]|â€[\x80-\xbf™œžŸ˜¦“”‘’•–—]|Ã[©¨ª«¡¢£¤¥¦§¯®¬±³´¶º»¼½¾¿]")


def _repair_mojibake(text: str) -> tuple[str, list[str]]:
    """UTF-8 that was once decoded as Windows-1252 and encoded again ("Ã©" for "é") is put right."""
    if len(_MOJIBAKE.findall(text[:100_000])) < 2:
        return text, []
    try:
        repaired = bytes(_cp1252_byte(c) for c in text).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return text, ["the text looks double-encoded (mojibake) and could not be repaired"]
    return repaired, ["repaired double-encoded UTF-8 (mojibake)"]


def _cp1252_byte(char: str) -> int:
    """The byte a character came from when bytes were read as Windows-1252 (Latin-1 for its gaps)."""
    if ord(char) < 0x80:
        return ord(char)
    try:
        return char.encode("cp1252")[0]
    except UnicodeEncodeError:
        if ord(char) < 0x100:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: undefined in Windows-1252
            return ord(char)
        raise ValueError(char) from None


def _declared_charset(html_head: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_\-]{2,30})", html_head[:4096], re.IGNORECASE)
    if not m:
        return None
    name = m[1].decode("ascii").lower()
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


# --------------------------------------------------------------------------------------------------
# One article


def _article_from_bytes(
    data: bytes, kind: str, source: str, line: int | None, meta: dict[str, Any], overrides: _Overrides
) -> Article | InputError:
    if not data.strip():
        return InputError(source, "empty", line)
    try:
        text, warnings = decode_bytes(data, _declared_charset(data) if kind == "html" else None)
    except _Unreadable as e:
        return InputError(source, str(e), line)
    return _article_from_string(text, kind, source, line, meta, warnings, overrides)


def _article_from_string(
    text: str,
    kind: str,
    source: str,
    line: int | None,
    meta: dict[str, Any],
    warnings: list[str],
    overrides: _Overrides,
) -> Article | InputError:
    text = normalize_newlines(text)
    if not text.strip():
        return InputError(source, "empty", line)
    if len(text) > overrides.max_bytes:
        return InputError(source, _too_large(len(text.encode("utf-8")), overrides.max_bytes), line)
    meta = dict(meta)
    if kind == "html":
        extracted = _extract_html(text)
        if extracted is None:
            return InputError(source, "no article text found", line)
        text, page = extracted
        for key, value in page.items():
            if value and not meta.get(key):
                meta[key] = value
    article = article_from_text(
        text,
        title=overrides.title or meta.get("title") or None,
        published=overrides.published or meta.get("published") or None,
        id=meta.get("id") or None,
        source=source if line is None else f"{source}:{line}",
        byline=meta.get("byline") or None,
        url=meta.get("url") or None,
    )
    article.warnings[:0] = warnings
    problem = check_article(article)
    if problem is not None:
        return InputError(
            source,
            "no article text found" if kind == "html" and problem.startswith("empty") else problem,
            line,
        )
    return article


def _extract_html(html: str) -> tuple[str, dict[str, Any]] | None:
    """Body text (a paragraph per line of trafilatura's output) and metadata of an HTML page."""
    import htmldate
    import trafilatura

    for name in ("trafilatura", "htmldate", "courlan"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())  # their warnings are not ours to print
    try:
        document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception:  # noqa: BLE001 - a page that breaks the extractor is a page without article text
        return None
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        return None
    try:
        published = htmldate.find_date(html, original_date=True)
    except Exception:  # noqa: BLE001 - no date is fine
        published = None
    meta = {
        "title": getattr(document, "title", None),
        "byline": getattr(document, "author", None),
        "published": published or getattr(document, "date", None),
        "url": getattr(document, "url", None),
    }
    return "\n\n".join(text.split("\n")), meta


# --------------------------------------------------------------------------------------------------
# Feeds


def _read_feed(
    stream: IO[bytes], source: str, kind: str, overrides: _Overrides
) -> Iterator[Article | InputError]:
    lines = _feed_lines(stream, overrides.max_bytes)
    if kind == "jsonl":
        yield from _read_jsonl(lines, source, overrides)
    else:
        yield from _read_csv(lines, source, "\t" if kind == "tsv" else ",", overrides)


@dataclass
class _FeedLine:
    number: int
    text: str | None  # None when the line could not be read
    problem: str | None = None
    warning: str | None = None


def _feed_lines(stream: IO[bytes], max_bytes: int) -> Iterator[_FeedLine]:
    """The lines of a feed, one at a time, each at most ``max_bytes`` long, decoded one by one."""
    head = stream.peek(4)[:4]  # type: ignore[attr-defined]
    for bom, codec in _BOMS:
        if codec != "utf-8" and head.startswith(bom):
            wrapper = io.TextIOWrapper(stream, encoding=codec, errors="replace", newline="")  # type: ignore[arg-type]
            wrapper.read(1)  # the byte-order mark
            yield from _text_lines(wrapper.readline, max_bytes, lambda raw: (raw, None))
            wrapper.detach()
            return
    yield from _text_lines(stream.readline, max_bytes, _decode_line)


def _text_lines(readline: Any, limit: int, decode: Any) -> Iterator[_FeedLine]:
    number = 0
    while True:
        raw = readline(limit + 1)
        if not raw:
            return
        number += 1
        if len(raw) > limit and raw[-1:] not in ("\n", b"\n"):
            while True:  # skip the rest of the over-long line, a piece at a time
                more = readline(limit + 1)
                if not more or more[-1:] in ("\n", b"\n"):
                    break
            yield _FeedLine(number, None, f"line too long (limit {limit:,} bytes)")
            continue
        if number == 1 and isinstance(raw, bytes) and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        text, problem = decode(raw)
        if problem is not None and text is None:
            yield _FeedLine(number, None, problem)
        else:
            yield _FeedLine(number, text, None, problem)


def _decode_line(raw: bytes) -> tuple[str | None, str | None]:
    """(text, warning) or (None, problem) for one feed line."""
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        if _looks_cp1252(raw):
            return raw.decode("cp1252"), "not UTF-8: read as Windows-1252 (Latin-1)"
        return None, "not valid UTF-8"


def _read_jsonl(
    lines: Iterator[_FeedLine], source: str, overrides: _Overrides
) -> Iterator[Article | InputError]:
    for line in lines:
        if line.text is None:
            yield InputError(source, line.problem or "cannot read this line", line.number)
            continue
        if not line.text.strip():
            continue  # blank lines separate nothing in JSONL; skipping them is harmless
        try:
            record = json.loads(line.text.rstrip("\r\n"))
        except json.JSONDecodeError as e:
            reason = re.sub(r"\s+at$", "", e.msg)
            yield InputError(source, f"not valid JSON: {reason} at column {e.colno}", line.number)
            continue
        except RecursionError:
            yield InputError(source, "not valid JSON (nested too deeply)", line.number)
            continue
        if not isinstance(record, dict):
            yield InputError(source, f"not a JSON object (a JSON {_json_kind(record)})", line.number)
            continue
        yield _article_from_record(
            record, source, line.number, [line.warning] if line.warning else [], overrides
        )


def _read_csv(
    lines: Iterator[_FeedLine], source: str, delimiter: str, overrides: _Overrides
) -> Iterator[Article | InputError]:
    # The limit is the csv module's, for the whole process; it is only ever raised, to a field's limit.
    csv.field_size_limit(max(csv.field_size_limit(), overrides.max_bytes))
    state: dict[str, int | None] = {"first": None, "last": 0}  # first and last line of the current record
    problems: list[InputError] = []
    warnings: list[str] = []

    def texts() -> Iterator[str]:
        for line in lines:
            if line.text is None:
                problems.append(InputError(source, line.problem or "cannot read this line", line.number))
                continue
            if line.warning and line.warning not in warnings:
                warnings.append(line.warning)
            if state["first"] is None:
                state["first"] = line.number
            state["last"] = line.number
            yield line.text

    reader = csv.reader(texts(), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    row_number = 0
    while True:
        state["first"] = None
        error = None
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            row, error = [], e
        finally:
            yield from problems  # unreadable lines met while reading this record
            problems.clear()
        at = state["first"] or state["last"] or None
        if error is not None:
            row_number += 1
            message = str(error)
            if "field larger than field limit" in message:
                limit = f"{overrides.max_bytes:,}"
                yield InputError(
                    source,
                    f"row {row_number}: a field is too large (limit {limit} bytes); rest of file skipped",
                    at,
                )
                return
            if "unexpected end of data" in message:
                message = "unexpected end of data: a quote is never closed"
            yield InputError(source, f"row {row_number}: malformed CSV ({message})", at)
            continue
        if header is None:
            header = [name.strip().lower() for name in row]
            if "text" not in header and "html" not in header:
                yield InputError(source, "the CSV header has no 'text' or 'html' column", at)
                return
            continue
        if not any(cell.strip() for cell in row):
            continue
        row_number += 1
        record = {name: value for name, value in zip(header, row, strict=False) if value != ""}
        yield _article_from_record(record, source, at, list(warnings), overrides, row=row_number)
        warnings.clear()


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    kinds = {int: "number", float: "number", list: "array", dict: "object", type(None): "null"}
    return kinds.get(type(value), type(value).__name__)


def _article_from_record(
    record: dict[str, Any],
    source: str,
    line: int | None,
    warnings: list[str],
    overrides: _Overrides,
    row: int | None = None,
) -> Article | InputError:
    """An article from a feed record with fields id, url, title, published, author, text or html."""
    where = f"row {row}: " if row is not None else ""
    text, html = record.get("text"), record.get("html")
    if text is None and html is None:
        return InputError(source, f"{where}no 'text' or 'html' field", line)
    field, value = ("text", text) if text is not None and (text != "" or html is None) else ("html", html)
    if not isinstance(value, str):
        return InputError(source, f"{where}'{field}' is not a string (a JSON {_json_kind(value)})", line)
    meta: dict[str, Any] = {}
    record_id = record.get("id")
    if isinstance(record_id, (str, int)) and not isinstance(record_id, bool) and str(record_id).strip():
        meta["id"] = str(record_id).strip()
    elif record_id not in (None, ""):
        warnings.append("ignored 'id': not a string or number")
    for key, target in (("title", "title"), ("url", "url"), ("author", "byline"), ("byline", "byline")):
        value_ = record.get(key)
        if isinstance(value_, str) and value_.strip():
            meta.setdefault(target, _fold_space(value_))
        elif value_ not in (None, ""):
            warnings.append(f"ignored '{key}': not a string")
    published = record.get("published")
    if published not in (None, ""):
        normalized = normalize_date(published)
        if normalized is None:
            warnings.append(f"ignored the date {str(published)[:40]!r}: not a date")
        else:
            meta["published"] = normalized
    return _article_from_string(value, field, source, line, meta, warnings, overrides)
