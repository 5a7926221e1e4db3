"""Build-time math: KaTeX's HTML+MathML against Temml's MathML, for the post's own formulas.

For every formula of the introduction post (read from the built site's MathML annotations),
both converters' markup is measured: elements added to the DOM and bytes of HTML. Then a test
page with the post's displayed formulas and some inline ones is drawn by each, in Debian's
Chromium, at 1280 and 390 px, light and dark, and saved as screenshots to look at (fidelity).
What screen readers get is the MathML in both cases (KaTeX hides its drawing from them with
``aria-hidden``): the table says so by counting <math> elements and aria-hidden drawings.

KaTeX is the site's own (node_modules); Temml is installed on first use into
.cache/benchmarks/temml (it is not a dependency of the site), as are its CSS and font.

    .venv/bin/python benchmarks/math_markup.py [--site site/] [--shots /tmp/math-shots]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from browsing import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

POST = "blog/2020/04/27/introduction-to-meta-learning/index.html"
TEMML = "0.13.5"
TOOLS = ROOT / ".cache" / "benchmarks" / "temml"

CONVERT = r"""
const fs = require("fs");
const katex = require(process.argv[1]), temml = require(process.argv[2]);  // node -e: no script path in argv
const formulas = JSON.parse(fs.readFileSync(0, "utf8"));
const out = formulas.map(({tex, display}) => ({
  katex: katex.renderToString(tex, {displayMode: display, output: "htmlAndMathml", throwOnError: true}),
  katexMathml: katex.renderToString(tex, {displayMode: display, output: "mathml", throwOnError: true}),
  temml: temml.renderToString(tex, {displayMode: display, throwOnError: true}),
}));
process.stdout.write(JSON.stringify(out));
"""

COUNT = """(markup) => { const t = document.createElement("template"); t.innerHTML = markup;
  return t.content.querySelectorAll("*").length; }"""


def formulas(site: Path) -> list[dict]:
    page = (site / POST).read_text(encoding="utf-8")
    found = re.findall(r'<(span|div) class="arithmatex"[^>]*>.*?<annotation encoding="application/x-tex"[^>]*>(.*?)</annotation>', page, re.S)
    return [{"tex": html.unescape(tex).strip(), "display": tag == "div"} for tag, tex in found]


def temml_dir() -> Path:
    package = TOOLS / "node_modules" / "temml"
    if not (package / "package.json").is_file():
        TOOLS.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund",
                        "--loglevel=error", f"temml@{TEMML}"], check=True)
    return package


def page(markups: list[str], shown: list[dict], css: str) -> str:
    body = "\n".join(
        f'<div class="d">{m}</div>' if f["display"] else f"<p>Inline, {m}, in a sentence of prose.</p>"
        for m, f in zip(markups, shown))
    return (f'<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
            f'<link rel="stylesheet" href="{css}"><style>body{{font:16px/1.6 system-ui,sans-serif;max-width:46em;'
            "margin:1em auto;padding:0 1em}.d{overflow-x:auto}@media (prefers-color-scheme:dark)"
            f"{{body{{background:#1e2129;color:#e2e4e9}}}}</style></head><body>{body}</body></html>")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site (make build)")
    parser.add_argument("--shots", type=Path, default=Path(tempfile.gettempdir()) / "math-shots")
    args = parser.parse_args()
    todo = formulas(args.site)
    if not todo:
        raise SystemExit(f"no typeset formulas in {args.site / POST}: build the site first (make build)")
    katex = ROOT / "node_modules" / "katex"
    temml = temml_dir()
    done = json.loads(subprocess.run(["node", "-e", CONVERT, str(katex), str(temml / "dist" / "temml.cjs")], input=json.dumps(todo),
                                     capture_output=True, text=True, check=True).stdout)
    args.shots.mkdir(parents=True, exist_ok=True)
    shutil.copytree(katex / "dist", args.shots / "katex", dirs_exist_ok=True)
    for name in ("Temml-Local.css", "Temml.woff2"):
        shutil.copy(temml / "dist" / name, args.shots / name)
    shown = [f for f in todo if f["display"]] + [f for f in todo if not f["display"]][:20]
    index = [todo.index(f) for f in shown]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        counter = browser.new_page()
        rows = {}
        for kind in ("katex", "katexMathml", "temml"):
            markups = [d[kind] for d in done]
            rows[kind] = (sum(counter.evaluate(COUNT, m) for m in markups), sum(len(m.encode()) for m in markups),
                          sum(m.count("<math") for m in markups), sum(m.count('aria-hidden="true"') > 0 for m in markups))
        for kind, css in (("katex", "katex/katex.min.css"), ("temml", "Temml-Local.css")):
            (args.shots / f"{kind}.html").write_text(page([done[i][kind] for i in index], shown, css), encoding="utf-8")
            for width in (1280, 390):
                for scheme in ("light", "dark"):
                    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                    shot = context.new_page()
                    shot.goto((args.shots / f"{kind}.html").as_uri(), wait_until="load")
                    shot.evaluate("document.fonts.ready")
                    shot.screenshot(path=str(args.shots / f"{kind}-{width}-{scheme}.png"))
                    context.close()
        browser.close()
    print(f"The introduction post's {len(todo)} formulas ({sum(f['display'] for f in todo)} displayed), "
          f"KaTeX {json.loads((katex / 'package.json').read_text())['version']}, Temml {TEMML}")
    print(f"{'':<34}{'DOM elements':>14}{'HTML bytes':>12}{'<math>':>8}{'drawing hidden from AT':>24}")
    labels = {"katex": "KaTeX HTML+MathML (the site)", "katexMathml": "KaTeX MathML only", "temml": "Temml MathML"}
    for kind, (elements, size, maths, hidden) in rows.items():
        print(f"{labels[kind]:<34}{elements:>14,}{size:>12,}{maths:>8}{hidden:>24}")
    print(f"screenshots (1280 and 390 px, light and dark): {args.shots}/{{katex,temml}}-*.png")


if __name__ == "__main__":
    main()
