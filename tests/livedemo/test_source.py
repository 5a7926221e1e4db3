"""The page scanner: demo fences found in page order, look-alikes of the demo fence named."""

from __future__ import annotations

import pytest

from livedemo.fence import DEMO_OPTIONS, FENCE_NAME, fence_lines
from livedemo.source import fences, looks_like, near_misses

GUIDE_LIKE = '''# Guide

````markdown
```pyodide title="Shown, not run"
print(1)
```
````

```pyodide title="Run"
print(2)
```

> ```pyodide
> print(3)
> ```
'''


def test_fences_inside_a_fence_are_content_not_demos() -> None:
    assert [(f.line, f.language) for f in fences(GUIDE_LIKE)] == [(3, "markdown"), (9, "pyodide"), (13, "pyodide")]
    assert fence_lines(GUIDE_LIKE) == [9, 13]


@pytest.mark.parametrize("name", ["pyodid", "Pyodide", "PYODIDE", "pyodide3", "pyoddie", "pydoide", "py-odide",
                                  "pyodide-live"])
def test_mistyped_names_look_like_the_demo_fence(name: str) -> None:
    assert looks_like(name, FENCE_NAME)


@pytest.mark.parametrize("name", ["pyodide", "python", "py", "pycon", "pytb", "console", "text", "yaml", "ipython"])
def test_other_languages_do_not(name: str) -> None:
    assert not looks_like(name, FENCE_NAME)


def test_near_misses_name_the_line_and_the_cure() -> None:
    source = (
        "```pyodid\nx\n```\n"                       # 1
        '```python title="Shown" linenums="1"\nx\n```\n'  # 4: Material's own options: fine
        '```python packages="numpy"\nx\n```\n'      # 7
        '```{ .text file="a.py" }\n```\n'           # 10
        '``` session="s"\nx\n```\n'                 # 12
        "```pyodide\nx\n```\n"                      # 15: the real thing
        '~~~\n```pyodid\n~~~\n'                     # 18: shown inside another fence
    )
    found = near_misses(source, FENCE_NAME, DEMO_OPTIONS)
    assert [line for line, _ in found] == [1, 7, 10, 12]
    assert "opened with ```pyodid looks like a demo with a mistyped name" in found[0][1]
    assert "Write ```pyodide (lowercase)" in found[0][1]
    assert "```python carries the demo option(s) packages=" in found[1][1]
    assert "```text carries the demo option(s) file=" in found[2][1]
    assert "a ``` block without a language carries the demo option(s) session=" in found[3][1]
    assert all("Open it with ```pyodide" in what for _, what in found[1:])
