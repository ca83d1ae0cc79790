"""Actor dictionaries: people and bodies the article does not introduce.

A dictionary is a YAML list or a CSV file with the columns ``name, aliases, country, sector,
group, from, to`` (aliases separated by ``;`` in CSV; ``from``/``to`` as YYYY[-MM[-DD]],
either may be empty). An entry applies to an article whose date lies within from..to; with
no article date every entry applies. The user's dictionary (``--actors FILE``) is consulted
before the bundled ``data/people.yaml``.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

_HONORIFICS = {"mr", "mrs", "ms", "dr", "miss", "sir", "president", "prime", "minister", "sen", "rep", "gen"}


class DictionaryError(ValueError):
    pass


@dataclass(frozen=True)
class PersonEntry:
    name: str
    country: str | None
    sector: str | None
    aliases: tuple[str, ...] = ()
    group: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None

    def valid_on(self, date: str | None) -> bool:
        if not date:
            return True
        if self.valid_from and date < self.valid_from:
            return False
        # "to": 2025-01-20 covers that day; 2025 covers the whole year
        return not (self.valid_to and date[: len(self.valid_to)] > self.valid_to)


@dataclass
class Dictionary:
    entries: list[PersonEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_name: dict[str, list[PersonEntry]] = {}
        self._by_last: dict[str, list[PersonEntry]] = {}
        for e in self.entries:
            for n in (e.name, *e.aliases):
                self._by_name.setdefault(n.lower(), []).append(e)
            self._by_last.setdefault(e.name.split()[-1].lower(), []).append(e)

    def has_full_name(self, name: str) -> bool:
        """Whether ``name`` (two words or more) is the name or an alias of some entry."""
        return len(name.split()) >= 2 and name.lower() in self._by_name

    def lookup(
        self, name: str, mentions: list[str] | None = None, date: str | None = None
    ) -> PersonEntry | None:
        """The entry for a person named ``name`` (or any of ``mentions``) on ``date``."""
        for n in [name, *(mentions or [])]:
            found = [e for e in self._by_name.get(n.lower(), []) if e.valid_on(date)]
            if found:
                return found[0]
        words = [w for w in name.split() if w.lower().rstrip(".") not in _HONORIFICS]
        if len(words) == 1:
            # a surname alone matches only when one entry of that surname is valid
            found = [e for e in self._by_last.get(words[0].lower(), []) if e.valid_on(date)]
            if len({(e.name) for e in found}) == 1:
                return found[0]
        return None


def _entry(row: dict, where: str) -> PersonEntry:
    name = (row.get("name") or "").strip()
    if not name:
        raise DictionaryError(f"{where}: an entry has no name")
    aliases = row.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [a.strip() for a in aliases.split(";") if a.strip()]

    def text(key: str) -> str | None:
        value = row.get(key)
        return str(value).strip() or None if value not in (None, "") else None

    return PersonEntry(
        name=name,
        country=(text("country") or None) and text("country").upper(),
        sector=(text("sector") or None) and text("sector").upper(),
        aliases=tuple(aliases),
        group=text("group"),
        valid_from=text("from"),
        valid_to=text("to"),
    )


def parse(text: str, *, fmt: str, source: str = "<dictionary>") -> Dictionary:
    """Parse a dictionary given as YAML (``fmt='yaml'``) or CSV (``fmt='csv'``)."""
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        return Dictionary([_entry(r, f"{source}:{n}") for n, r in enumerate(rows, 2)])
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []
    except yaml.YAMLError as e:
        raise DictionaryError(f"{source}: not valid YAML ({e.__class__.__name__})") from None
    if isinstance(data, dict):
        data = data.get("people") or data.get("actors") or []
    if not isinstance(data, list):
        raise DictionaryError(f"{source}: expected a list of entries")
    return Dictionary(
        [_entry(r, f"{source}: entry {n}") for n, r in enumerate(data, 1) if isinstance(r, dict)]
    )


def load(path: str | Path) -> Dictionary:
    """Read a user dictionary file (.yaml/.yml or .csv)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise DictionaryError(f"{path}: {e.strerror}") from None
    return parse(text, fmt="csv" if path.suffix.lower() == ".csv" else "yaml", source=str(path))


@functools.cache
def builtin_dictionary() -> Dictionary:
    """Well-known office holders, bundled with communique (data/people.yaml)."""
    files = resources.files("communique.data")
    if not files.joinpath("people.yaml").is_file():
        return Dictionary()
    return parse(files.joinpath("people.yaml").read_text(encoding="utf-8"), fmt="yaml", source="people.yaml")
