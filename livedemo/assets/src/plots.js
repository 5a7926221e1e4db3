// Draw Vega-Lite plots with vega-embed. Loaded only when a plot arrives from a live run.
// Redrawing the same figure (same display id) replaces its view; while one draw is in
// flight only the newest spec is kept, so a fast training loop cannot pile up work.

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

/** figure → {view, next, busy}; entries go away with their figures. */
const figures = new WeakMap();

/** Fill the figure's width unless the spec sets a width or is a composition. */
function responsive(spec) {
  const composed = ["hconcat", "vconcat", "concat", "facet", "repeat"].some((key) => key in spec);
  if (composed || "width" in spec) return spec;
  return { ...spec, width: "container", autosize: spec.autosize ?? { type: "fit-x", contains: "padding" } };
}

/**
 * Draw `spec` into `figure`, replacing what it showed.
 * @param {HTMLElement} figure @param {object} spec  Vega-Lite
 */
export async function drawPlot(figure, spec) {
  let state = figures.get(figure);
  if (!state) figures.set(figure, (state = { view: null, next: null, busy: false }));
  state.next = spec;
  if (state.busy) return;
  state.busy = true;
  try {
    const { compile, embed } = await loadEmbed();
    while (state.next) {
      const current = state.next;
      state.next = null;
      // Vega-Lite → Vega in one task, Vega parse and render in the next: two short tasks.
      const vegaSpec = compile(responsive(current)).spec;
      await nextTask();
      // Attached before drawing, so a "container" width can be measured; the old height is
      // kept meanwhile so the page does not jump.
      const target = document.createElement("div");
      target.className = "livedemo-plot-view";
      target.setAttribute("aria-hidden", "true"); // the figure is the image and has the name
      figure.style.minHeight = `${figure.offsetHeight}px`;
      state.view?.finalize();
      figure.replaceChildren(target);
      state.view = await embed(target, vegaSpec, { mode: "vega", actions: false, renderer: "svg" });
      figure.style.minHeight = "";
    }
  } finally {
    state.busy = false;
    figure.style.minHeight = "";
  }
}

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
