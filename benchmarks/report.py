"""docs/benchmarks.md holds one section per benchmark: each script replaces its own and keeps the others."""

from __future__ import annotations

from pathlib import Path


def write_section(path: Path, heading: str, text: str) -> None:
    """Put ``text`` (which starts with ``heading``) in place of the file's section under ``heading``, up to
    the next ``# `` heading, or after the rest when the file has no such section."""
    path.parent.mkdir(parents=True, exist_ok=True)
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    text = text.rstrip() + "\n"
    start = old.find(heading + "\n")
    if start < 0:
        path.write_text((old.rstrip() + "\n\n" if old.strip() else "") + text, encoding="utf-8")
        return
    end = old.find("\n# ", start + len(heading))
    rest = "\n" + old[end + 1 :] if end >= 0 else ""
    path.write_text(old[:start] + text + rest, encoding="utf-8")
