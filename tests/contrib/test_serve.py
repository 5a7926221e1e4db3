"""`make serve`: a mistake that stops the build shows in the browser, in place of the page,
and the live reload brings the page back once it is fixed."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable, Iterator

import pytest

from contrib_project import Project

POST = "docs/blog/posts/served-throw-away.md"
GOOD = """---
date: 2024-01-02
authors: [erick]
categories: [blogpost]
description: A throw-away post written while the site is served, to see mistakes in the browser.
---

# Served throw-away

Text.
"""
BROKEN = GOOD + '\n```pyodide title="Boom"\nraise ValueError("seen in the browser")\n```\n'
MARKER = 'name="livedemo-build-error"'


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:  # a 404 has a page too
        return error.read().decode("utf-8")
    except OSError:
        return ""


def _until(what: str, test: Callable[[], str | None], log: Path, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = test()
        if found:
            return found
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}; the server said:\n{log.read_text()[-4000:]}")


@pytest.fixture
def served(project: Project, tmp_path: Path) -> Iterator[str]:
    """`mkdocs serve` (as `make serve` runs it) on a copy of the project; yields the home URL."""
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(project.root / "mkdocs.yml"),
             "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project.root, stdout=out, stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"})
    try:
        yield f"http://127.0.0.1:{port}/meta-learning-blog/", log
    finally:
        server.terminate()
        server.wait(timeout=30)


def _epoch(page: str) -> int:
    return int(re.search(r"livereload\((\d+),", page).group(1))


def test_a_build_error_is_served_in_place_of_the_page_until_fixed(project: Project, served) -> None:
    home, log = served
    first = _until("the first build", lambda: (p := _get(home)) and "Learning to Learn" in p and p, log)
    post = project.root / POST
    post.write_text(BROKEN, encoding="utf-8")
    error = _until("the error page", lambda: (p := _get(home)) and MARKER in p and p, log)
    line = BROKEN.splitlines().index('```pyodide title="Boom"') + 1
    assert f"{POST}, line {line} (demo #1) failed while the site was built" in error
    assert "ValueError: seen in the browser" in error
    assert "reloads by itself when the build succeeds" in error
    assert _epoch(error) > _epoch(first), "open tabs reload: the server's epoch moved on"
    assert MARKER in _get(home + "no-such-page/"), "every URL shows the error, the 404 page too"
    post.write_text(GOOD, encoding="utf-8")
    back = _until("the site again", lambda: (p := _get(home)) and MARKER not in p and "Learning to Learn" in p and p, log)
    assert _epoch(back) > _epoch(error)
    assert "The build failed: the served pages show the error until it is fixed." in log.read_text()
