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
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from contentcheck import Project, check_markdown, check_pages, check_posts, check_series, linklines  # noqa: E402

log = logging.getLogger("mkdocs.hooks.contentcheck")
FATAL_FIELDS = ("authors", "categories")


def on_config(config: MkDocsConfig) -> None:
    project = Project(Path(config.config_file_path).parent)
    docs = Path(os.path.abspath(config.docs_dir))
    linklines.install(docs, project.rel(docs) if docs.is_relative_to(project.root) else str(docs))
    unsafe = check_pages(project)
    problems = check_posts(project) + check_markdown(project) + check_series(project)
    fatal = [p for p in problems if p.field.startswith(FATAL_FIELDS)]
    for problem in problems:
        if problem not in fatal:
            log.warning(str(problem))
    if unsafe or fatal:
        raise PluginError("content checks:\n" + "\n".join(f"  {p}" for p in [*unsafe, *fatal]))
    blog = config.plugins.get("material/blog")
    if blog is not None and not blog.config.draft:
        drafts = [post.rel for post in project.posts() if post.meta.get("draft") is True]
        if drafts:
            log.info("%d draft post(s) left out of this build, so not checked by it: %s. "
                     "`make check` builds and checks drafts.", len(drafts), ", ".join(drafts))
