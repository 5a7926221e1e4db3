// @ts-check
// Draw Vega-Lite plots with vega-embed. Loaded only when a plot arrives from a live run.
// A plot is drawn as the build drew it (livedemo/plots.py, same theme file): at the width of
// the screen size ("wide", or "narrow" on a phone), in the page's colour scheme, and in the
// box the build-time image took, so a live redraw never moves the page. Redrawing the same
// figure replaces its view; while one draw is in flight only the newest spec is kept, so a
// fast training loop cannot pile up work. Live plots follow Material's palette switch.

import THEME from "../../plot-theme.json";
import { NARROW_SCREEN } from "./contract.js";
import { figureBox, keepBox } from "./render.js";

/** Let the page breathe between the big modules, so no single task blocks it for long. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

let embedding = null;

/** vega, vega-lite and vega-embed, each evaluated in its own task. */
function loadEmbed() {
  embedding ??= (async () => {
    await import("vega");
    await nextTask();
    const { compile } = await import("vega-lite");
    await nextTask();
    return { compile, embed: (await import("vega-embed")).default };
  })();
  return embedding;
}

/** figure → {view, spec, next, busy, box}; entries go away with their figures. */
const figures = new WeakMap();
/** figures drawn live, redrawn when the colour scheme changes */
const drawn = new Set();

const COMPOSED = ["hconcat", "vconcat", "concat", "facet", "repeat"];

/** Fills its container's width: the same rule as is_responsive() in livedemo/plots.py. */
function isResponsive(spec) {
  if ("width" in spec) return spec.width === "container";
  return !COMPOSED.some((key) => key in spec);
}

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/** `base` with `extra` on top, objects merged key by key (as _merged in plots.py). */
function merged(base, extra) {
  const out = { ...base };
  for (const [key, value] of Object.entries(extra ?? {})) {
    out[key] = isObject(value) && isObject(out[key]) ? merged(out[key], value) : value;
  }
  return out;
}

/** The page's colour scheme: Material's palette switch, else the system's. */
export function colourScheme() {
  const chosen = document.body?.dataset.mdColorScheme;
  if (chosen) return chosen === "slate" ? "dark" : "light";
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

const screenSize = () => (matchMedia(NARROW_SCREEN).matches ? "narrow" : "wide");

/** A title over `limit` characters as lines of whole words: _wrapped() in plots.py. */
function wrapped(text, limit) {
  if (text.length <= limit) return text;
  const lines = [];
  for (const word of text.split(" ")) {
    if (lines.length > 0 && lines.at(-1).length + 1 + word.length <= limit) lines[lines.length - 1] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

function fitTitle(spec, size) {
  const limit = THEME.titleChars[size];
  if (typeof spec.title === "string") spec.title = wrapped(spec.title, limit);
  else if (isObject(spec.title)) {
    for (const key of ["text", "subtitle"]) {
      if (typeof spec.title[key] === "string") spec.title[key] = wrapped(spec.title[key], limit);
    }
  }
}

/** The spec as drawn: prepared() in livedemo/plots.py, for this page's scheme and screen. */
export function prepared(spec, scheme = colourScheme(), size = screenSize()) {
  const fixed = structuredClone(spec);
  let config = merged(merged(THEME.common, THEME[scheme]), fixed.config);
  if (isResponsive(fixed)) {
    fixed.width = THEME.sizes[size];
    fixed.autosize ??= { type: "fit-x", contains: "padding" };
    if (size === "narrow") config = merged({ legend: { orient: "bottom", direction: "vertical" } }, config);
    fitTitle(fixed, size);
  }
  fixed.config = config;
  return fixed;
}

/**
 * Draw `spec` into `figure`, replacing what it showed.
 * @param {HTMLElement} figure @param {object} spec  Vega-Lite
 */
export async function drawPlot(figure, spec) {
  let state = figures.get(figure);
  if (!state) {
    state = { view: null, spec: null, next: null, busy: false };
    figures.set(figure, state);
  }
  state.next = spec;
  if (state.busy) return;
  state.busy = true;
  try {
    const { compile, embed } = await loadEmbed();
    while (state.next) {
      const current = state.next;
      state.next = null;
      // Vega-Lite → Vega in one task, Vega parse and render in the next: two shorter tasks.
      const vegaSpec = compile(prepared(current)).spec;
      await nextTask();
      const target = document.createElement("div");
      target.className = "livedemo-plot-view";
      target.setAttribute("aria-hidden", "true"); // the figure is the image and has the name
      const view = await embed(target, vegaSpec, { mode: "vega", actions: false, renderer: "svg" });
      state.view?.finalize();
      state.view = view;
      state.spec = current;
      const svg = target.querySelector("svg");
      if (svg) {
        // Scale the drawing into the box the plot had at build time (or at its first live
        // drawing): a redraw, or a font that measures text a little differently, moves nothing.
        const drawnSize = { width: svg.width.baseVal.value, height: svg.height.baseVal.value };
        svg.setAttribute("viewBox", `0 0 ${drawnSize.width} ${drawnSize.height}`);
        svg.removeAttribute("width");
        svg.removeAttribute("height");
        keepBox(figure, figureBox(figure) ?? drawnSize);
      }
      figure.replaceChildren(target);
      drawn.add(figure);
    }
  } finally {
    state.busy = false;
  }
}

/** Redraw the live plots still on the page in the new colour scheme. */
function redrawAll() {
  for (const figure of [...drawn]) {
    if (!figure.isConnected) {
      drawn.delete(figure);
      continue;
    }
    const state = figures.get(figure);
    if (state?.spec) drawPlot(figure, state.spec);
  }
}

new MutationObserver(redrawAll).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
matchMedia("(prefers-color-scheme: dark)").addEventListener("change", redrawAll);

/** Give up on explaining a broken spec after this long (the schema is large). */
const EXPLAIN_TIMEOUT_MS = 15_000;

/**
 * Why `spec` is not valid Vega-Lite, checked in a throw-away worker (spec-check.js), or null
 * when it is valid (the failure lies elsewhere) or the check itself failed.
 * @param {object} spec
 * @returns {Promise<string|null>}
 */
export function explainSpec(spec) {
  return new Promise((resolve) => {
    let worker;
    const done = (problem) => {
      clearTimeout(timer);
      worker?.terminate();
      resolve(problem);
    };
    const timer = setTimeout(() => done(null), EXPLAIN_TIMEOUT_MS);
    try {
      // This module is bundled into dist/chunks/; the checker is dist/spec-check.js.
      worker = new Worker(new URL("../spec-check.js", import.meta.url), { type: "module" });
      worker.addEventListener("message", ({ data }) => done(data.problem ?? null));
      worker.addEventListener("error", () => done(null));
      worker.postMessage({ spec });
    } catch {
      done(null);
    }
  });
}
