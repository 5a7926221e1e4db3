"""Series of posts: one overview page lists the parts; every part carries plain-Markdown navigation.

A series is a page ``docs/blog/series/<name>.md`` whose front matter lists its parts in reading
order, as file names under ``docs/blog/posts/``::

    series:
      - introduction-to-meta-learning.md
      - maml-line-by-line.md

``make series`` (``scripts/series.py``) writes, from that list, the list of parts on the
overview page and, in every part, a "part k of n" box after ``<!-- more -->`` and a
previous/next block before ``## References``. What it writes is ordinary Markdown (an
admonition, links, a ``<nav markdown>`` block) between HTML-comment markers, so any builder
that reads Python-Markdown renders it: nothing depends on a MkDocs hook or a theme template.

The check (``check_series``, run by ``make check`` and the build hook) fails, naming the file
and line, when a series lists a post that does not exist, lists one twice, when two series
claim a post, or when a written block is missing or stale (then: run ``make series``).

Drafts: a published page links only to published parts (its "k of n" counts those), so the
site never links to a page it leaves out; a draft shows every part. Publishing a draft
therefore changes the other parts' blocks, and the check says to run ``make series``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .project import POSTS_DIR, Post, Problem, Project, first_heading, read_post

SERIES_DIR = "docs/blog/series"
MARK = "<!-- series:{kind} (written by `make series` from {source}: edit that list, not this block) -->"
END = "<!-- /series:{kind} -->"
KINDS = ("top", "bottom", "parts")


@dataclass
class Series:
    """One overview page and the parts it lists (file names under docs/blog/posts/)."""

    page: Post  # the overview page, read like a post (front matter + body)
    name: str  # the file stem, e.g. "meta-learning"
    parts: list[str]
    part_lines: list[int | None]

    @property
    def title(self) -> str:
        return str(self.page.meta.get("title") or first_heading(self.page.body) or self.name)


def find_series(project: Project) -> list[Series]:
    folder = project.root / SERIES_DIR
    found = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        page = read_post(path, project.rel(path))
        parts = page.meta.get("series")
        parts = [str(p) for p in parts] if isinstance(parts, list) else []
        lines = [page.line_at(["series", i]) for i in range(len(parts))]
        found.append(Series(page, path.stem, parts, lines))
    return found


def _posts(project: Project) -> dict[str, Post]:
    folder = project.root / POSTS_DIR
    return {p.path.relative_to(folder).as_posix(): p for p in project.posts()}


def _title(post: Post) -> str:
    return str(post.meta.get("title") or first_heading(post.body) or post.path.stem)


def _is_draft(post: Post) -> bool:
    return post.meta.get("draft") is True


def _visible(series: Series, posts: dict[str, Post], viewer: Post | None) -> list[str]:
    """The parts a page may link to: published ones, or every existing one from a draft."""
    show_drafts = viewer is not None and _is_draft(viewer)
    return [p for p in series.parts if p in posts and (show_drafts or not _is_draft(posts[p]))]


def _block(kind: str, source: str, markdown: str) -> str:
    return f"{MARK.format(kind=kind, source=source)}\n{markdown}{END.format(kind=kind)}\n"


def _overview_link(series: Series, post: Post, project: Project) -> str:
    """The overview page, relative to a post (posts may sit in subfolders of posts/)."""
    depth = len(Path(post.rel).relative_to(POSTS_DIR).parts) - 1
    return "../" * (depth + 1) + f"series/{series.page.path.name}"


def _link(target: str, post: Post, project: Project) -> str:
    depth = len(Path(post.rel).relative_to(POSTS_DIR).parts) - 1
    return "../" * depth + target


def top_block(series: Series, posts: dict[str, Post], post: Post, project: Project) -> str:
    parts = _visible(series, posts, post)
    here = parts.index(_key(post, project)) + 1
    items = []
    for number, part in enumerate(parts, 1):
        title = _title(posts[part])
        items.append(f"    {number}. **{title}** (this post)" if number == here
                     else f"    {number}. [{title}]({_link(part, post, project)})")
    return _block("top", series.page.rel, (
        f'??? abstract "Part {here} of {len(parts)} of the series: {series.title}"\n\n'
        + "\n".join(items) + "\n\n"
        f"    [About the series]({_overview_link(series, post, project)})\n"))


def bottom_block(series: Series, posts: dict[str, Post], post: Post, project: Project) -> str:
    parts = _visible(series, posts, post)
    here = parts.index(_key(post, project))
    links = []
    if here > 0:
        links.append(f"**Previous:** [{_title(posts[parts[here - 1]])}]({_link(parts[here - 1], post, project)})")
    if here + 1 < len(parts):
        links.append(f"**Next:** [{_title(posts[parts[here + 1]])}]({_link(parts[here + 1], post, project)})")
    links.append(f"[All parts of the series]({_overview_link(series, post, project)})")
    return _block("bottom", series.page.rel, (
        f'<nav class="series-nav" aria-label="Series: {series.title}" markdown>\n\n'
        f"*{series.title}*, part {here + 1} of {len(parts)}. " + " · ".join(links) + "\n\n</nav>\n"))


def parts_block(series: Series, posts: dict[str, Post]) -> str:
    lines = []
    for number, part in enumerate(_visible(series, posts, None), 1):
        post = posts[part]
        description = str(post.meta.get("description") or "").strip()
        lines.append(f"{number}. [{_title(post)}](../posts/{part})" + (f": {description}" if description else ""))
    return _block("parts", series.page.rel, "\n".join(lines) + "\n")


def _key(post: Post, project: Project) -> str:
    return Path(post.rel).relative_to(POSTS_DIR).as_posix()


def _replace(text: str, kind: str, block: str, before: re.Pattern[str] | None, after: re.Pattern[str] | None) -> str:
    """``text`` with its ``kind`` block replaced, or inserted before/after an anchor line."""
    existing = re.search(rf"<!-- series:{kind} \(.*?-->\n.*?<!-- /series:{kind} -->\n?", text, re.S)
    if existing:
        return text[:existing.start()] + block + text[existing.end():]
    if after is not None and (match := after.search(text)):
        return text[:match.end()] + "\n" + block + text[match.end():]
    if before is not None and (match := before.search(text)):
        return text[:match.start()] + block + "\n" + text[match.start():]
    return text.rstrip("\n") + "\n\n" + block


_MORE = re.compile(r"^<!-- more -->\n", re.M)
_H1 = re.compile(r"^# .*\n", re.M)
_REFERENCES = re.compile(r"^## References\s*$", re.M)


def expected_texts(project: Project) -> dict[Path, str]:
    """Every series page and part, as ``make series`` writes it (only files that exist)."""
    posts = _posts(project)
    texts: dict[Path, str] = {}
    for series in find_series(project):
        overview = series.page.path.read_text(encoding="utf-8")
        texts[series.page.path] = _replace(overview, "parts", parts_block(series, posts), None, None)
        for part in dict.fromkeys(series.parts):
            post = posts.get(part)
            if post is None:
                continue
            text = texts.get(post.path) or post.path.read_text(encoding="utf-8")
            anchor = _MORE if _MORE.search(text) else _H1
            text = _replace(text, "top", top_block(series, posts, post, project), None, anchor)
            text = _replace(text, "bottom", bottom_block(series, posts, post, project), _REFERENCES, None)
            texts[post.path] = text
    return texts


def write_series(project: Project) -> list[Path]:
    """Write the blocks; return the files that changed."""
    changed = []
    for path, text in expected_texts(project).items():
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def add_part(project: Project, series_name: str, part: str) -> Path:
    """Append ``part`` (a file name under docs/blog/posts/) to a series' list; return its page."""
    path = project.root / SERIES_DIR / f"{series_name}.md"
    if not path.is_file():
        known = ", ".join(s.name for s in find_series(project)) or "none yet"
        raise ValueError(f"no series '{series_name}': there is no {SERIES_DIR}/{series_name}.md (known: {known})")
    text = path.read_text(encoding="utf-8")
    match = re.search(r"^series:\n((?:[ \t]*- .*\n)*)", text, re.M)
    if match is None:
        raise ValueError(f"{project.rel(path)} has no 'series:' list of parts in its front matter")
    path.write_text(text[:match.end()] + f"  - {part}\n" + text[match.end():], encoding="utf-8")
    return path


def _first_line(text: str, pattern: str) -> int | None:
    match = re.search(pattern, text, re.M)
    return text[:match.start()].count("\n") + 1 if match else None


def check_series(project: Project) -> list[Problem]:
    """Parts that do not exist or appear twice, and blocks that ``make series`` would change."""
    problems: list[Problem] = []
    posts = _posts(project)
    claimed: dict[str, str] = {}
    for series in find_series(project):
        page = series.page
        if not series.parts:
            problems.append(Problem(page.rel, "series", "list the series' parts in its front matter: "
                                    "'series:' then one '- file-name.md' line per post of docs/blog/posts/, "
                                    "in reading order", page.line_of("series") or 1))
        for part, line in zip(series.parts, series.part_lines):
            if part not in posts:
                problems.append(Problem(page.rel, "series", f"'{part}' is not a post in {POSTS_DIR}/: fix the "
                                        "file name or remove the line", line))
            elif part in claimed:
                where = "twice in this series" if claimed[part] == page.rel else f"also in {claimed[part]}"
                problems.append(Problem(page.rel, "series", f"'{part}' is listed {where}: a post belongs to one "
                                        "series, once", line))
            else:
                claimed[part] = page.rel
    if problems:
        return problems
    for path, text in expected_texts(project).items():
        current = path.read_text(encoding="utf-8")
        if current != text:
            line = next((n for n, (a, b) in enumerate(zip(current.splitlines(), text.splitlines()), 1) if a != b),
                        min(current.count("\n"), text.count("\n")) + 1)
            problems.append(Problem(project.rel(path), "series", "the series navigation is missing or out of date: "
                                    "run `make series`", line))
    for key, post in posts.items():
        if key not in claimed and (line := _first_line(post.path.read_text(encoding="utf-8"), r"^<!-- series:")):
            problems.append(Problem(post.rel, "series", f"this post has series navigation but no page in "
                                    f"{SERIES_DIR}/ lists it: add it to a series' list, or delete the block", line))
    return problems
