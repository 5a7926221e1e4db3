"""A contributor's mistakes, one per throw-away post in a copy of the project: each one is
caught, and the message names the file, the field and what to do."""

from __future__ import annotations

import pytest

from building import mkdocs_build
from contentcheck import SOURCE_CHECKS, Problem, Project

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


# name: (change to the good post, field named, words of the advice)
SOURCE_MISTAKES = {
    "unknown author": (("front", "  - erick", "  - nobody"), "authors[0]", "docs/blog/.authors.yml"),
    "disallowed category": (("front", "  - blogpost", "  - gossip"), "categories[0]", "categories_allowed"),
    "disallowed tag": (("front", "  - meta-learning", "  - cooking"), "tags[0]", "post.schema.json"),
    "missing description": (("front", "description: A throw-away post used by the tests, to check "
                             "that each mistake is caught.\n", ""), "description", "50 to 170"),
    "short description": (("front", "used by the tests, to check that each mistake is caught",
                           "short"), "description", "50 to 170"),
    "bad slug": (("front", "description:", "slug: My_Post\ndescription:"), "slug", "lowercase"),
    "future date": (("front", "2024-01-02", "2999-01-02"), "date.created", "draft: true"),
    "unknown field": (("front", "description:", "summary: Short.\ndescription:"), "summary",
                      "known fields"),
    "missing title": (("body", "# A throw-away post", "No heading here."), "title", "# Heading"),
    "misspelling": (("body", "Some text", "Some text that is recieved"), "spelling", ".codespell-words.txt"),
    "script tag": (("body", "Some text", "<script>alert('hi')</script>\n\nSome text"), "script", "pyodide"),
    "inline event handler": (("body", "Some text", '<img src="x.png" alt="x" onerror="alert(1)">\n\nSome text'),
                             "event handler", "pyodide"),
    "handler in attr_list": (("body", "Some text", "[A link](https://example.org){ onclick=\"go()\" }\n\nSome text"),
                             "event handler", "pyodide"),
    "javascript link": (("body", "Some text", "[A link](javascript:alert(1))\n\nSome text"),
                        "javascript link", "pyodide"),
}


@pytest.mark.parametrize("mistake", SOURCE_MISTAKES, ids=lambda m: m.replace(" ", "-"))
def test_source_mistake_is_named_with_file_field_and_fix(project: Project, mistake: str) -> None:
    (part, old, new), field, advice = SOURCE_MISTAKES[mistake]
    post = dict(GOOD)
    assert old in post[part]
    post[part] = post[part].replace(old, new)
    write_post(project, **post)
    problems = problems_of_the_post(project)
    assert [p.field for p in problems] == [field], "\n".join(map(str, problems))
    message = str(problems[0])
    assert message.startswith(POST) and f"[{field}]" in message and advice in message, message


def test_future_date_is_allowed_in_a_draft(project: Project) -> None:
    write_post(project, front=GOOD["front"].replace("2024-01-02", "2999-01-02") + "draft: true\n")
    assert problems_of_the_post(project) == []


def test_script_shown_in_code_is_fine(project: Project) -> None:
    body = GOOD["body"] + "\nInline `<script>` and a block:\n\n```html\n<button onclick=\"go()\">Go</button>\n```\n"
    write_post(project, body=body)
    assert problems_of_the_post(project) == []


# Mistakes the strict build itself stops on, naming the file, the line and the field.
BUILD_MISTAKES = {
    "broken internal link": (
        "Read [the missing post](no-such-post.md).\n",
        ["blog/posts/throw-away.md", "contains a link 'no-such-post.md'", "not found"],
    ),
    "missing demo file": (
        'Text.\n\n```pyodide title="Missing" file="nowhere/missing.py"\n```\n',
        ["blog/posts/throw-away.md, line {fence} (demo #1)", "file 'nowhere/missing.py' not found"],
    ),
}


@pytest.mark.parametrize("mistake", BUILD_MISTAKES, ids=lambda m: m.replace(" ", "-"))
def test_build_mistake_fails_the_build_naming_file_and_field(project: Project, mistake: str) -> None:
    extra, expected = BUILD_MISTAKES[mistake]
    write_post(project, body=GOOD["body"] + "\n" + extra)
    lines = (project.root / POST).read_text(encoding="utf-8").splitlines()
    fence = next((n for n, line in enumerate(lines, 1) if line.startswith("```pyodide")), None)
    result = mkdocs_build(project.root / "mkdocs.yml", project.root.parent / "site")
    assert result.returncode != 0, "the strict build should fail"
    for words in expected:
        assert words.format(fence=fence) in result.output, result.output


def test_checks_report_every_problem_of_a_post(project: Project) -> None:
    front = GOOD["front"].replace("  - erick", "  - nobody").replace("  - blogpost", "  - gossip")
    write_post(project, front=front)
    assert {p.field for p in problems_of_the_post(project)} == {"authors[0]", "categories[0]"}
