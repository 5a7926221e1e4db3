"""Content checks for contributed posts and demos, one module per check.

Run them with ``scripts/check_content.py`` (``make check``); tests/contrib runs them in the
test suite. Each check takes a ``Project`` and returns ``Problem``s naming the file, the
field and what to do.
"""

from .demos import check_demos
from .frontmatter import check_posts
from .links import LinkReport, check_links
from .markdown_a11y import check_markdown
from .project import Problem, Project
from .safety import check_pages
from .series import check_series
from .spelling import check_spelling

SOURCE_CHECKS = {
    "front-matter": check_posts,
    "safety": check_pages,
    "alt-text-and-links": check_markdown,
    "series": check_series,
    "demos": check_demos,
    "spelling": check_spelling,
}

__all__ = ["SOURCE_CHECKS", "LinkReport", "Problem", "Project", "check_demos", "check_links",
           "check_markdown", "check_pages", "check_posts", "check_series", "check_spelling"]
