// Render the math that pymdownx.arithmatex (generic mode) leaves in `.arithmatex` elements:
// `\(…\)` inline, `\[…\]` or a bare environment as display math. Re-renders on every page
// of Material's instant navigation (`document$`), else once when the DOM is ready.

import katex from "katex";

const INLINE = /^\\\(([\s\S]*)\\\)$/;
const DISPLAY = /^\\\[([\s\S]*)\\\]$/;

/** @param {Element} element */
function renderMath(element) {
  const source = element.textContent.trim();
  const inline = INLINE.exec(source);
  const display = inline ? null : DISPLAY.exec(source);
  const tex = inline?.[1] ?? display?.[1] ?? source;
  katex.render(tex, element, {
    displayMode: display !== null || (!inline && element.tagName !== "SPAN"),
    throwOnError: false, // a typo shows in red in place instead of breaking the page
    output: "htmlAndMathml",
  });
  element.dataset.rendered = "katex";
}

function renderAll() {
  for (const element of document.querySelectorAll(".arithmatex:not([data-rendered])")) {
    renderMath(element);
  }
}

if (globalThis.document$?.subscribe) globalThis.document$.subscribe(renderAll);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", renderAll);
else renderAll();
