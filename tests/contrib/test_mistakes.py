"""A contributor's mistakes, one per throw-away post in a copy of the project: each one is
caught by the check an author runs or by the strict build, and the message names the file,
the line and what to do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from building import mkdocs_build
from contrib_project import make_project
from contentcheck import SOURCE_CHECKS, Problem, Project
from contentcheck.sitebuild import build_site

POST = "docs/blog/posts/throw-away.md"
GOOD = {
    "front": """date:
  created: 2024-01-02
authors:
  - erick
categories:
  - blogpost
tags:
  - meta-learning
description: A throw-away post used by the tests, to check that each mistake is caught.
""",
    "body": """# A throw-away post

Some text with a [link to the guide](../../authors-guide.md).
""",
}


def write_post(project: Project, front: str = GOOD["front"], body: str = GOOD["body"]) -> None:
    (project.root / POST).write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")


def problems_of_the_post(project: Project) -> list[Problem]:
    found = [p for check in SOURCE_CHECKS.values() for p in check(project)]
    return [p for p in found if p.path == POST]


def test_the_good_post_passes(project: Project) -> None:
    write_post(project)
    assert problems_of_the_post(project) == []


# name: (change to the good post, field named, words of the advice, text on the line named)
SOURCE_MISTAKES = {
    "unknown author": (("front", "  - erick", "  - nobody"), "authors[0]", "docs/blog/.authors.yml", "nobody"),
    "disallowed category": (("front", "  - blogpost", "  - gossip"), "categories[0]", "categories_allowed",
                            "gossip"),
    "disallowed tag": (("front", "  - meta-learning", "  - cooking"), "tags[0]", "post.schema.json", "cooking"),
    "missing description": (("front", "description: A throw-away post used by the tests, to check "
                             "that each mistake is caught.\n", ""), "description", "50 to 170", None),
    "short description": (("front", "used by the tests, to check that each mistake is caught",
                           "short"), "description", "50 to 170", "description:"),
    "bad slug": (("front", "description:", "slug: My_Post\ndescription:"), "slug", "lowercase", "slug:"),
    "future date": (("front", "2024-01-02", "2999-01-02"), "date.created", "draft: true", "2999-01-02"),
    "unknown field": (("front", "description:", "summary: Short.\ndescription:"), "summary",
                      "known fields", "summary:"),
    "missing title": (("body", "# A throw-away post", "No heading here."), "title", "# Heading", None),
    "misspelling": (("body", "Some text", "Some text that is recieved"), "spelling",
                    "did you mean 'received'?): fix it", "recieved"),
    "script tag": (("body", "Some text", "<script>alert('hi')</script>\n\nSome text"), "script", "pyodide",
                   "<script>"),
    "inline event handler": (("body", "Some text", '<img src="x.png" alt="x" onerror="alert(1)">\n\nSome text'),
                             "event handler", "pyodide", "onerror"),
    "handler in attr_list": (("body", "Some text", "[A link](https://example.org){ onclick=\"go()\" }\n\nSome text"),
                             "event handler", "pyodide", "onclick"),
    "javascript link": (("body", "Some text", "[A link](javascript:alert(1))\n\nSome text"),
                        "javascript link", "pyodide", "javascript:"),
    "image without alt text": (("body", "Some text", "![](../../assets/guide-figure.svg)\n\nSome text"),
                               "alt text", "say what it shows inside ![...]", "guide-figure"),
    "html image without alt text": (("body", "Some text", '<img src="../../assets/guide-figure.svg">\n\nSome text'),
                                    "alt text", 'add alt="what it shows"', "<img"),
    "vague link text": (("body", "[link to the guide]", "[click here]"), "link text",
                        "use the words of its destination", "click here"),
}


def line_with(project: Project, text: str) -> int:
    lines = (project.root / POST).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize("mistake", SOURCE_MISTAKES, ids=lambda m: m.replace(" ", "-"))
def test_source_mistake_is_named_with_file_line_field_and_fix(project: Project, mistake: str) -> None:
    (part, old, new), field, advice, on_line = SOURCE_MISTAKES[mistake]
    post = dict(GOOD)
    assert old in post[part]
    post[part] = post[part].replace(old, new)
    write_post(project, **post)
    problems = problems_of_the_post(project)
    assert [p.field for p in problems] == [field], "\n".join(map(str, problems))
    message = str(problems[0])
    where = f"{POST}:{line_with(project, on_line)}: " if on_line else POST
    assert message.startswith(where) and f"[{field}]" in message and advice in message, message


def test_a_typo_of_a_known_word_is_never_offered_to_the_word_list(project: Project) -> None:
    write_post(project, body=GOOD["body"] + "\nThe regresion was recieved.\n")
    messages = [str(p) for p in problems_of_the_post(project) if p.field == "spelling"]
    assert len(messages) == 2 and all("fix it" in m for m in messages), messages
    assert not [m for m in messages if ".codespell-words.txt" in m], messages


def test_a_short_word_codespell_flags_may_go_in_the_word_list(project: Project) -> None:
    write_post(project, body=GOOD["body"] + "\nThe nd axis.\n")
    (message,) = [str(p) for p in problems_of_the_post(project) if p.field == "spelling"]
    assert "if it is right (a name, an abbreviation) add 'nd' to .codespell-words.txt" in message


def test_future_date_is_allowed_in_a_draft(project: Project) -> None:
    write_post(project, front=GOOD["front"].replace("2024-01-02", "2999-01-02") + "draft: true\n")
    assert problems_of_the_post(project) == []


def test_script_shown_in_code_is_fine(project: Project) -> None:
    body = GOOD["body"] + "\nInline `<script>` and a block:\n\n```html\n<button onclick=\"go()\">Go</button>\n```\n"
    write_post(project, body=body)
    assert problems_of_the_post(project) == []


# Mistakes the strict build itself stops on (make build, CI; `make serve` shows them in the
# page): (text added to the good post, what the output must say). In the expected text,
# {line:TEXT} is the line of the post that holds TEXT.
BUILD_MISTAKES = {
    "broken internal link": (
        "Read [the missing post](no-such-post.md).\n",
        ["{post}:{line:no-such-post.md}: broken link 'no-such-post.md': the target "
         "'blog/posts/no-such-post.md' is not found", "To fix: correct the path"],
    ),
    "broken anchor": (
        "Read [a section](#no-such-section).\n",
        ["{post}:{line:#no-such-section}: broken link '#no-such-section': there is no such anchor "
         "on this page", "the ¶ link next to a heading shows its anchor"],
    ),
    "missing demo file": (
        'Text.\n\n```pyodide title="Missing" file="nowhere/missing.py"\n```\n',
        ["{post}, line {line:```pyodide} (demo #1): file 'nowhere/missing.py' not found"],
    ),
    "script tag": (
        "<script>alert('hi')</script>\n",
        ["{post}:{line:<script>}: [script] raw <script> tag", "put runnable code in a ```pyodide fence"],
    ),
    "image without alt text": (
        "![](../../assets/guide-figure.svg)\n",
        ["{post}:{line:guide-figure}: [alt text] the image '../../assets/guide-figure.svg' has no alt text"],
    ),
    "mistyped demo fence": (
        "```pyodid\nprint(1)\n```\n\n```Pyodide\nprint(2)\n```\n\n```pyodide3 title=\"x\"\nprint(3)\n```\n",
        [*(f"{{post}}, line {{line:```{name}}}: the code block opened with ```{name} looks like a demo "
           "with a mistyped name" for name in ("pyodid", "Pyodide", "pyodide3")),
         "Write ```pyodide (lowercase) to make it a demo"],
    ),
    "demo options on another fence": (
        '```python packages="numpy"\nprint(1)\n```\n\n```text file="a/b.py"\n```\n\n'
        '``` session="s" run="live-only"\nx = 1\n```\n',
        ["{post}, line {line:```python}: ```python carries the demo option(s) packages=",
         "{post}, line {line:```text}: ```text carries the demo option(s) file=",
         "{post}, line {line:``` session}: a ``` block without a language carries the demo option(s) run=, session=",
         "Open it with ```pyodide to make it a demo"],
    ),
    "run value off by a word": (
        '```pyodide run="live"\nprint(1)\n```\n',
        ["{post}, line {line:```pyodide} (demo #1): option 'run': 'live' is not allowed: "
         "expected one of 'build', 'live-only'; did you mean 'live-only'?"],
    ),
    "option typo": (
        '```pyodide packges="numpy"\nprint(1)\n```\n',
        ["{post}, line {line:```pyodide} (demo #1): unknown option 'packges'; did you mean 'packages'?"],
    ),
    "demo line with an unclosed quote": (
        'Text.\n\n```pyodide title="t\nprint(1)\n```\n\nProse after it.\n',
        ["{post}, line {line:```pyodide}: the ```pyodide line cannot be read as a demo (a quote "
         "is not closed: 'title=\"t')", "with every value in straight double quotes"],
    ),
    "formula that does not typeset": (
        "The loss \\(x^{2\\) grows.\n",
        ["{post}, line {line:x^{2}: the formula `x^{2` does not typeset: KaTeX parse error"],
    ),
    "inline demo that raises": (
        '```pyodide\nx = 1\nraise ValueError("no good")\n```\n',
        ["{post}, line {line:```pyodide} (demo #1) failed while the site was built",
         'File "<{post} demo #1>", line 2', "ValueError: no good"],
    ),
}


def expected(project: Project, text: str) -> str:
    text = text.replace("{post}", POST)
    for key in re.findall(r"\{line:(.*?)\}", text):
        text = text.replace(f"{{line:{key}}}", str(line_with(project, key)))
    return text


@pytest.mark.parametrize("mistake", BUILD_MISTAKES, ids=lambda m: m.replace(" ", "-"))
def test_build_mistake_fails_the_build_naming_file_line_and_fix(project: Project, mistake: str) -> None:
    extra, needed = BUILD_MISTAKES[mistake]
    write_post(project, body=GOOD["body"] + "\n" + extra)
    result = mkdocs_build(project.root / "mkdocs.yml", project.root.parent / "site")
    assert result.returncode != 0, "the strict build should fail"
    for words in needed:
        assert expected(project, words) in result.output, result.output


def test_a_disallowed_category_stops_the_build_at_the_value(project: Project) -> None:
    write_post(project, front=GOOD["front"].replace("  - blogpost", "  - gossip"))
    result = mkdocs_build(project.root / "mkdocs.yml", project.root.parent / "site")
    assert result.returncode != 0
    assert f"{POST}:{line_with(project, 'gossip')}: [categories[0]] 'gossip' is not allowed" in result.output


def test_a_demo_file_that_raises_names_it_from_the_repository_root(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", own_demos=True)
    (project.root / "demos" / "throwaway").mkdir()
    (project.root / "demos" / "throwaway" / "boom.py").write_text(
        "import numpy as np\nfrom metalearn import load_params\n\nload_params('no-such-model')\n",
        encoding="utf-8")
    write_post(project, body=GOOD["body"] + '\n```pyodide file="throwaway/boom.py" packages="numpy metalearn"\n```\n')
    result = mkdocs_build(project.root / "mkdocs.yml", project.root.parent / "site")
    assert result.returncode != 0
    assert f"{POST}, line {line_with(project, '```pyodide')} (demo #1) failed" in result.output
    assert 'File "demos/throwaway/boom.py", line 4, in <module>' in result.output, result.output
    assert 'File "demos/metalearn/shipped.py"' in result.output  # the library's frames too
    assert str(project.root) not in result.output


DRAFT = "draft: true\n"
BROKEN_DRAFT_BODY = GOOD["body"] + "\nRead [the missing post](no-such-post.md).\n"


def test_the_published_build_says_which_drafts_it_did_not_check(project: Project) -> None:
    write_post(project, front=GOOD["front"] + DRAFT, body=BROKEN_DRAFT_BODY)
    result = mkdocs_build(project.root / "mkdocs.yml", project.root.parent / "site")
    assert result.returncode == 0, result.output  # drafts are not published
    assert (f"1 draft post(s) left out of this build, so not checked by it: {POST}. "
            "`make check` builds and checks drafts.") in result.output


def test_the_check_builds_drafts_and_stops_on_their_mistakes(project: Project) -> None:
    write_post(project, front=GOOD["front"] + DRAFT,
               body=BROKEN_DRAFT_BODY + '\n```pyodide\nraise RuntimeError("draft demo")\n```\n')
    report = build_site(project, project.root.parent / "site")
    assert report.returncode != 0
    messages = "\n".join(report.messages)
    assert f"{POST}, line {line_with(project, '```pyodide')} (demo #1) failed" in messages
    assert "RuntimeError: draft demo" in messages
    write_post(project, front=GOOD["front"] + DRAFT, body=BROKEN_DRAFT_BODY)
    report = build_site(project, project.root.parent / "site")
    assert report.returncode != 0
    assert f"{POST}:{line_with(project, 'no-such-post')}: broken link 'no-such-post.md'" in "\n".join(report.messages)


def test_checks_report_every_problem_of_a_post(project: Project) -> None:
    front = GOOD["front"].replace("  - erick", "  - nobody").replace("  - blogpost", "  - gossip")
    write_post(project, front=front)
    assert {p.field for p in problems_of_the_post(project)} == {"authors[0]", "categories[0]"}
