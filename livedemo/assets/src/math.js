// Render the math that pymdownx.arithmatex (generic mode) leaves in `.arithmatex` elements:
// `\(…\)` inline, `\[…\]` or a bare environment as display math. KaTeX is loaded only on
// pages that have math, and each formula is rendered when it comes near the screen, a few at
// a time between frames: a long article's equations neither make one long task when the page
// loads nor add thousands of elements it does not show yet. Everything is rendered before
// printing. Re-runs on every page of Material's instant navigation (`document$`).

const INLINE = /^\\\(([\s\S]*)\\\)$/;
const DISPLAY = /^\\\[([\s\S]*)\\\]$/;
const AHEAD = "800px"; // rendered this far before it scrolls into view
const BUDGET_MS = 8; // rendering time per task

/** @param {typeof import("katex").default} katex @param {Element} element */
function renderMath(katex, element) {
  if (!element.isConnected || element.dataset.rendered) return;
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

let katexLoading = null;

/** KaTeX and its style sheet (beside this file), once: nothing of it blocks the first paint. */
function loadKatex() {
  katexLoading ??= (async () => {
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = new URL("./math.css", import.meta.url).href;
    const styled = new Promise((resolve) => {
      style.addEventListener("load", resolve, { once: true });
      style.addEventListener("error", resolve, { once: true }); // formulas still render
    });
    document.head.append(style);
    const [{ default: katex }] = await Promise.all([import("katex"), styled]);
    return katex;
  })();
  return katexLoading;
}

const waiting = new Set();
let scheduled = false;

/** Render waiting formulas for at most BUDGET_MS, then yield to the page and go on. */
async function work() {
  const katex = await loadKatex();
  const start = performance.now();
  for (const element of waiting) {
    waiting.delete(element);
    renderMath(katex, element);
    if (performance.now() - start > BUDGET_MS) break;
  }
  if (waiting.size > 0) setTimeout(work, 0);
  else scheduled = false;
}

function queue(elements) {
  for (const element of elements) waiting.add(element);
  if (!scheduled && waiting.size > 0) {
    scheduled = true;
    work();
  }
}

let observer = null;

function setup() {
  const elements = [...document.querySelectorAll(".arithmatex:not([data-rendered])")];
  if (elements.length === 0) return;
  observer?.disconnect();
  if (!("IntersectionObserver" in globalThis)) {
    queue(elements);
    return;
  }
  observer = new IntersectionObserver((entries) => {
    const near = entries.filter((entry) => entry.isIntersecting).map((entry) => entry.target);
    for (const element of near) observer.unobserve(element);
    queue(near);
  }, { rootMargin: `${AHEAD} 0px` });
  for (const element of elements) observer.observe(element);
}

/** Print everything: the printed page has no scrolling to wait for. */
addEventListener("beforeprint", async () => {
  const katex = await loadKatex();
  for (const element of document.querySelectorAll(".arithmatex:not([data-rendered])")) renderMath(katex, element);
});

if (globalThis.document$?.subscribe) globalThis.document$.subscribe(setup);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
else setup();
