"""MkDocs hook: the posts' front-matter check, run by every build before the blog plugin.

An unknown author or a category outside ``categories_allowed`` aborts the build naming the
file and the field (Material's blog plugin would otherwise crash on an unknown author with a
bare ``KeyError``). Other front-matter problems are warnings: ``mkdocs build --strict`` (make
build, CI) turns them into errors while ``mkdocs serve`` keeps previewing a post in progress.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from contentcheck import Project, check_posts  # noqa: E402

log = logging.getLogger("mkdocs.hooks.contentcheck")
FATAL_FIELDS = ("authors", "categories")


def on_config(config: MkDocsConfig) -> None:
    problems = check_posts(Project(Path(config.config_file_path).parent))
    fatal = [p for p in problems if p.field.startswith(FATAL_FIELDS)]
    for problem in problems:
        if problem not in fatal:
            log.warning(str(problem))
    if fatal:
        raise PluginError("front matter:\n" + "\n".join(f"  {p}" for p in fatal))
