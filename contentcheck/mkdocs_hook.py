"""MkDocs hook: the checks that protect readers, run by every build (``make build``, ``make
serve``, CI), drafts included, before the blog plugin reads the posts.

- Safety (``safety.py``): a page with its own JavaScript stops the build, naming the file
  and the line; it would run on every reader's machine.
- Front matter (``frontmatter.py``): an unknown author or a category outside
  ``categories_allowed`` stops the build (Material's blog plugin would otherwise crash on an
  unknown author with a bare ``KeyError``). Other front-matter problems are warnings:
  ``mkdocs build --strict`` (make build, CI) turns them into errors while ``mkdocs serve``
  keeps previewing a post in progress.
- Alt text and link words (``markdown_a11y.py``): warnings, which stop the strict build.
- Series (``series.py``): a series listing a post that does not exist, or navigation that
  ``make series`` would rewrite: warnings, which stop the strict build.
- Links: MkDocs' own link warnings get the line of the link and what to do (``linklines.py``).
- Drafts: the published build leaves ``draft: true`` posts out; it says how many, and that
  ``make check`` builds them.
- Reading time (``readtime.py``): a post's time from its prose, set before the blog plugin
  computes its own.

Zensical runs the same checks before its build with ``python -m contentcheck prebuild``
(``prebuild.py``); this file is MkDocs' wiring of them.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from contentcheck import Project, linklines
from contentcheck.prebuild import source_problems
from contentcheck.readtime import minutes

log = logging.getLogger("mkdocs.hooks.contentcheck")


def on_config(config: MkDocsConfig) -> None:
    project = Project(Path(config.config_file_path).parent)
    docs = Path(os.path.abspath(config.docs_dir))
    linklines.install(docs, project.rel(docs) if docs.is_relative_to(project.root) else str(docs))
    fatal, warnings = source_problems(project)
    for problem in warnings:
        log.warning(str(problem))
    if fatal:
        raise PluginError("content checks:\n" + "\n".join(f"  {p}" for p in fatal))
    blog = config.plugins.get("material/blog")
    if blog is not None and not blog.config.draft:
        drafts = [post.rel for post in project.posts() if post.meta.get("draft") is True]
        if drafts:
            log.info("%d draft post(s) left out of this build, so not checked by it: %s. "
                     "`make check` builds and checks drafts.", len(drafts), ", ".join(drafts))


@event_priority(50)  # before the blog plugin, which only computes a time that is not set
def on_page_content(html: str, *, page: Any, config: Any, files: Any) -> str:
    post = getattr(page, "config", None)
    if post is not None and hasattr(post, "readtime") and not post.readtime:
        post.readtime = minutes(html)
    return html
