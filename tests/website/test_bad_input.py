"""Author mistakes that must fail the strict build with a message naming the file."""

from __future__ import annotations

from pathlib import Path

from building import copy_project, mkdocs_build

GOOD_FRONT_MATTER = """---
date:
  created: 2024-01-02
authors:
  - {author}
categories:
  - {category}
description: A throw-away post used by the tests to check that mistakes fail the build.
---

# A throw-away post

Text with a [link]({link}).
"""


def _build_with_post(tmp_path: Path, author: str = "erick", category: str = "blogpost",
                     link: str = "introduction-to-meta-learning.md") -> str:
    config = copy_project(tmp_path)
    post = tmp_path / "docs" / "blog" / "posts" / "throw-away.md"
    post.write_text(GOOD_FRONT_MATTER.format(author=author, category=category, link=link))
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0, "the build should fail"
    return result.output


def test_unknown_author_fails_naming_the_file(tmp_path: Path) -> None:
    out = _build_with_post(tmp_path, author="nobody")
    assert "throw-away.md" in out and "nobody" in out


def test_disallowed_category_fails_naming_the_file(tmp_path: Path) -> None:
    out = _build_with_post(tmp_path, category="Gossip")
    assert "throw-away.md" in out and "Gossip" in out


def test_broken_internal_link_fails_naming_the_file(tmp_path: Path) -> None:
    out = _build_with_post(tmp_path, link="no-such-post.md")
    assert "throw-away.md" in out and "no-such-post.md" in out


def test_broken_anchor_fails_naming_the_file(tmp_path: Path) -> None:
    out = _build_with_post(tmp_path, link="introduction-to-meta-learning.md#no-such-section")
    assert "throw-away.md" in out and "no-such-section" in out
