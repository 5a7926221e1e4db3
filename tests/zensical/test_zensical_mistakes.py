"""Under Zensical the authoring mistakes fail the build as they fail MkDocs', naming the file and
the line: the same list of mistakes as tests/contrib/test_mistakes.py, one throw-away post each.
A raw <script> is refused by the content checks that run before the build; a broken link or
anchor by Zensical's own strict check (which names file:line:column); demo mistakes by the
Markdown extension."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from building import ROOT, copy_project_for_zensical, zensical_build

sys.path.insert(0, str(ROOT / "tests" / "contrib"))
from test_mistakes import BUILD_MISTAKES, GOOD, POST  # noqa: E402

# Zensical's link check speaks its own words; the rest is the same text as under MkDocs.
ZENSICAL_WORDS = {
    "broken internal link": ["blog/posts/throw-away.md:{line:no-such-post.md}:", "page does not exist"],
    "broken anchor": ["blog/posts/throw-away.md:{line:#no-such-section}:", "anchor does not exist"],
}


def _line(text: str, key: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if key in line)


@pytest.mark.parametrize("mistake", BUILD_MISTAKES, ids=lambda m: m.replace(" ", "-"))
def test_build_mistake_fails_the_zensical_build_naming_file_and_line(tmp_path: Path, mistake: str) -> None:
    extra, needed = BUILD_MISTAKES[mistake]
    project = copy_project_for_zensical(tmp_path / "project")
    text = f"---\n{GOOD['front']}---\n\n{GOOD['body']}\n{extra}"
    (project / POST).write_text(text, encoding="utf-8")
    result = zensical_build(project)
    assert result.returncode != 0, f"the Zensical build should fail:\n{result.output}"
    for words in ZENSICAL_WORDS.get(mistake, needed):
        words = words.replace("{post}", POST)
        while "{line:" in words:
            key = words[words.index("{line:") + 6:words.index("}", words.index("{line:"))]
            words = words.replace(f"{{line:{key}}}", str(_line(text, key)))
        assert words in result.output, result.output
