"""Reading and cleaning articles. PLACEHOLDER: being replaced by the full reader (issue 2)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

from .model import Article


class InputError(Exception):
    """An input that cannot be read; ``str()`` is the one-line message naming the file and line."""

    def __init__(self, source: str, message: str, line: int | None = None):
        self.source, self.message, self.line = source, message, line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")


def article_id(body: str) -> str:
    normalized = re.sub(r"\s+", " ", body).strip().lower()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]


def article_from_text(
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    id: str | None = None,
    source: str | None = None,
) -> Article:
    body = text.strip()
    return Article(id=id or article_id(body), body=body, title=title, published=published, source=source)


def read_inputs(paths: list[str], *, title: str | None = None, published: str | None = None) -> Iterator[Article | InputError]:
    for path in paths:
        with open(path, encoding="utf-8") as f:
            yield article_from_text(f.read(), title=title, published=published, source=path)
