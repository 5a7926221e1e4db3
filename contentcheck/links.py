"""Links of the built site, checked offline with lychee.

Every internal link and anchor (``#fragment``) of every HTML page must resolve inside the
site; external links are listed, never fetched (CI has no network, and a link checker
that depends on other people's servers fails at random). A broken link is reported under
the Markdown page it came from, found through the page's "edit this page" link.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from .project import Problem, Project

_EDIT = re.compile(r'href="[^"]*/edit/[^/"]+/docs/([^"]+\.md)"')


@dataclass
class LinkReport:
    problems: list[Problem] = field(default_factory=list)
    external: dict[str, list[str]] = field(default_factory=dict)  # URL -> pages linking to it


def lychee() -> str:
    beside = Path(sys.executable).parent / "lychee"
    found = str(beside) if beside.is_file() else shutil.which("lychee")
    if not found:
        raise RuntimeError("lychee is not installed: run `make .venv/.installed` (it is in the test extra)")
    return found


def check_links(project: Project, site: Path) -> LinkReport:
    site = Path(site).resolve()
    pages = sorted(site.rglob("*.html"))
    command = [
        lychee(), "--offline", "--include-fragments", "--index-files", "index.html",
        "--root-dir", str(site), "--format", "json", "--no-progress",
    ]
    if project.site_path != "/":  # absolute links carry site_url's path (the 404 page has them)
        base = re.escape(f"file://{site}{project.site_path.rstrip('/')}")
        command += ["--remap", f"^{base}(/|$) file://{site}/"]
    command += map(str, pages)
    result = subprocess.run(command, capture_output=True, text=True)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        raise RuntimeError(f"lychee failed ({result.returncode}):\n{result.stdout}{result.stderr}") from None
    out = LinkReport()
    frame: dict[str, list[str]] = {}  # raw href in the page frame -> built pages
    for page, entries in sorted(report.get("error_map", {}).items()):
        html = _page(site, page)
        text = html.read_text(encoding="utf-8", errors="replace")
        source = source_of(site, html, text)
        built = html.relative_to(site).as_posix()
        for entry in entries:
            span = entry.get("span") or {}
            line, column = span.get("line"), span.get("column", 1)
            if line and not _in_content(text, line, column):
                frame.setdefault(_raw_link(text, line) or _shown(site, entry["url"]), []).append(built)
                continue
            where = built + (f", line {line}" if line else "")
            out.problems.append(Problem(
                source, "link", f"broken link '{_shown(site, entry['url'])}' "
                f"({entry['status'].get('text', 'error')}; in the built page {where}): "
                "fix the link's target or its #anchor"))
    for href, built_pages in sorted(frame.items()):
        out.problems.append(Problem(
            "mkdocs.yml or the theme", "link",
            f"broken link '{href}' in the frame (header, navigation or footer) of "
            f"{len(built_pages)} built page(s), e.g. {built_pages[0]}: it is not in any post; fix it "
            "in mkdocs.yml (a relative link there resolves against each page's own URL)"))
    for page, entries in report.get("excluded_map", {}).items():
        html = _page(site, page)
        for entry in entries:
            if entry["url"].startswith(("http://", "https://")):
                out.external.setdefault(entry["url"], []).append(html.relative_to(site).as_posix())
    return out


def _page(site: Path, reported: str) -> Path:
    path = Path(reported)
    return path if path.is_absolute() else (Path.cwd() / path).resolve()


def _raw_link(html: str, line: int) -> str | None:
    """The link as written in the page (href or src), on the line lychee reported."""
    lines = html.splitlines()
    match = re.search(r'(?:href|src)="([^"]*)"', lines[line - 1]) if 0 < line <= len(lines) else None
    return match.group(1) if match else None


def _in_content(html: str, line: int, column: int) -> bool:
    """Whether a position of the page is inside its Markdown content (Material's article)."""
    lines = html.splitlines(keepends=True)
    offset = sum(len(text) for text in lines[: line - 1]) + column - 1
    start = html.find('<article class="md-content__inner')
    end = html.find("</article>", start)
    return start != -1 and start <= offset <= end


def source_of(site: Path, html: Path, text: str) -> str:
    """The Markdown page a built page came from, or the built page for generated ones."""
    match = _EDIT.search(text)
    if match:
        return f"docs/{unquote(match.group(1))}"
    return f"site/{html.relative_to(site).as_posix()} (a generated page)"


def _shown(site: Path, url: str) -> str:
    prefix = f"file://{site}/"
    return url[len(prefix) - 1:] if url.startswith(prefix) else url
