"""What the checks read from a project: its settings, its authors and its posts.

A project is a folder with ``mkdocs.yml``, ``docs/`` and ``demos/`` (the real one, or a
throw-away copy made by a test). Everything is read once, with the same YAML loaders
MkDocs and Material use, so the checks see what the build sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from livedemo.source import outside_fences
from mkdocs.utils.meta import YAML_RE
from mkdocs.utils.yaml import yaml_load

POSTS_DIR = "docs/blog/posts"
AUTHORS_FILE = "docs/blog/.authors.yml"


@dataclass(frozen=True)
class Problem:
    """One thing a contributor must fix: where, which field, what is wrong and what to do."""

    path: str  # relative to the project, e.g. "docs/blog/posts/my-post.md"
    field: str  # e.g. "authors", "spelling", "demo"
    message: str  # what is wrong, then what to do
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: [{self.field}] {self.message}"


@dataclass
class Post:
    """A Markdown page under docs/blog/posts/, split into front matter and body."""

    path: Path
    rel: str
    meta: dict[str, Any]
    body: str
    body_start: int  # 1-based line of the body's first line in the file
    meta_lines: dict[str, int] = field(default_factory=dict)  # top-level key -> line
    error: str | None = None  # why the front matter could not be read
    value_lines: dict[tuple[Any, ...], int] = field(default_factory=dict)  # ("tags", 0) -> line

    def line_of(self, key: str) -> int | None:
        return self.meta_lines.get(key)

    def line_at(self, path: list[Any] | tuple[Any, ...]) -> int | None:
        """The line of the value at ``path`` (``["categories", 0]``), or of its nearest parent."""
        for end in range(len(path), 0, -1):
            line = self.value_lines.get(tuple(path[:end]))
            if line:
                return line
        return self.line_of(str(path[0])) if path else None


def _value_lines(raw: str, first_line: int) -> dict[tuple[Any, ...], int]:
    """File line of every key and list item of the front matter (``raw`` starts at ``first_line``)."""
    try:
        root = yaml.compose(raw, yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    found: dict[tuple[Any, ...], int] = {}
    pending: list[tuple[Any, tuple[Any, ...]]] = [(root, ())]
    while pending:
        node, path = pending.pop()
        if isinstance(node, yaml.MappingNode):
            children = [(key.value, key, value) for key, value in node.value]
        elif isinstance(node, yaml.SequenceNode):
            children = [(index, item, item) for index, item in enumerate(node.value)]
        else:
            continue
        for name, marker, value in children:
            found[(*path, name)] = marker.start_mark.line + first_line
            pending.append((value, (*path, name)))
    return found


def read_post(path: Path, rel: str) -> Post:
    text = path.read_text(encoding="utf-8-sig")
    match = YAML_RE.match(text)
    if not match:
        return Post(path, rel, {}, text, 1, error="no front matter: start the file with a '---' block")
    raw = match.group(1)
    lines = {m.group(1): n for n, m in enumerate(
        (re.match(r"^([A-Za-z_][\w-]*)\s*:", line) for line in raw.splitlines()), start=2) if m}
    body_start = text[: match.end()].count("\n") + 1
    try:
        meta = yaml.load(raw, yaml.SafeLoader)
    except yaml.YAMLError as exc:
        return Post(path, rel, {}, text[match.end():], body_start, lines,
                    error=f"the front matter is not valid YAML: {exc}".replace("\n", " "))
    if not isinstance(meta, dict):
        return Post(path, rel, {}, text[match.end():], body_start, lines,
                    error="the front matter must be a mapping of 'field: value' lines")
    return Post(path, rel, meta, text[match.end():], body_start, lines,
                value_lines=_value_lines(raw, first_line=2))


def outside_code(markdown: str) -> list[tuple[int, str]]:
    """(1-based line, text) of the lines not inside fenced code blocks, read with the demo
    machinery's own fence scanner (``livedemo.source``), so both agree on what is code."""
    return outside_fences(markdown)


def first_heading(markdown: str) -> str | None:
    for _, line in outside_code(markdown):
        if line.startswith("# "):
            return line[2:].strip() or None
    return None


class Project:
    """A MkDocs project on disk, as the checks see it."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()

    def rel(self, path: Path) -> str:
        return Path(path).resolve().relative_to(self.root).as_posix()

    @cached_property
    def mkdocs(self) -> dict[str, Any]:
        return yaml_load((self.root / "mkdocs.yml").read_text(encoding="utf-8")) or {}

    def plugin(self, name: str) -> dict[str, Any]:
        for entry in self.mkdocs.get("plugins", []):
            if entry == name:
                return {}
            if isinstance(entry, dict) and name in entry:
                return entry[name] or {}
        return {}

    @property
    def categories(self) -> list[str]:
        """The blog plugin's ``categories_allowed`` in mkdocs.yml."""
        return list(self.plugin("blog").get("categories_allowed") or [])

    @cached_property
    def authors(self) -> dict[str, Any]:
        """Author ids and profiles from docs/blog/.authors.yml."""
        path = self.root / AUTHORS_FILE
        if not path.is_file():
            return {}
        data = yaml.load(path.read_text(encoding="utf-8-sig"), yaml.SafeLoader) or {}
        return dict(data.get("authors") or {})

    @property
    def site_path(self) -> str:
        """The path part of ``site_url`` ("/meta-learning-blog/"), "/" when there is none."""
        url = str(self.mkdocs.get("site_url") or "/")
        path = re.sub(r"^[a-z]+://[^/]+", "", url) or "/"
        return path if path.endswith("/") else path + "/"

    def posts(self) -> list[Post]:
        folder = self.root / POSTS_DIR
        return [read_post(p, self.rel(p)) for p in sorted(folder.rglob("*.md"))]

    def pages(self) -> list[Path]:
        """Every Markdown page under docs/."""
        return sorted((self.root / "docs").rglob("*.md"))
