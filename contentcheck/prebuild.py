"""The content checks every build runs before it starts, whichever the builder.

MkDocs runs them from ``mkdocs_hook.py``; Zensical has no hooks, so ``python -m contentcheck
prebuild`` runs them first (``make zensical-build``, the Zensical tests). Fatal problems (a
page's own JavaScript, an unknown author or category) stop every build; the others (front
matter, alt text, link words) are warnings, which a strict build turns into errors.
"""

from __future__ import annotations

from contentcheck.frontmatter import check_posts
from contentcheck.markdown_a11y import check_markdown
from contentcheck.project import Problem, Project
from contentcheck.safety import check_pages
from contentcheck.series import check_series

FATAL_FIELDS = ("authors", "categories")


def source_problems(project: Project) -> tuple[list[Problem], list[Problem]]:
    """(fatal, warnings) of the pre-build checks."""
    unsafe = check_pages(project)
    problems = check_posts(project) + check_markdown(project) + check_series(project)
    fatal = [p for p in problems if p.field.startswith(FATAL_FIELDS)]
    return unsafe + fatal, [p for p in problems if p not in fatal]
