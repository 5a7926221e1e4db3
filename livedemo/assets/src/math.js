// Render the math that pymdownx.arithmatex (generic mode) leaves in `.arithmatex` elements:
// `\(…\)` inline, `\[…\]` or a bare environment as display math. Re-renders on every page
// of Material's instant navigation (`document$`), else once when the DOM is ready. KaTeX
// itself is loaded only on pages that have math.

const INLINE = /^\\\(([\s\S]*)\\\)$/;
const DISPLAY = /^\\\[([\s\S]*)\\\]$/;

/** @param {typeof import("katex").default} katex @param {Element} element */
function renderMath(katex, element) {
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

async function renderAll() {
  const elements = document.querySelectorAll(".arithmatex:not([data-rendered])");
  if (elements.length === 0) return;
  const { default: katex } = await import("katex");
  for (const element of elements) {
    if (element.isConnected && !element.dataset.rendered) renderMath(katex, element);
  }
}

if (globalThis.document$?.subscribe) globalThis.document$.subscribe(renderAll);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", renderAll);
else renderAll();
