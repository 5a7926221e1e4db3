// Draw Vega-Lite plots with vega-embed. Loaded only when a plot arrives from a live run.
// Redrawing the same figure (same display id) replaces its view; while one draw is in
// flight only the newest spec is kept, so a fast training loop cannot pile up work.

import embed from "vega-embed";

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
    while (state.next) {
      const current = state.next;
      state.next = null;
      const target = document.createElement("div");
      target.className = "livedemo-plot-view";
      // Attached before drawing, so a "container" width can be measured; the old height is
      // kept meanwhile so the page does not jump.
      figure.style.minHeight = `${figure.offsetHeight}px`;
      state.view?.finalize();
      figure.replaceChildren(target);
      state.view = await embed(target, responsive(current), { actions: false, renderer: "svg" });
      figure.style.minHeight = "";
    }
  } finally {
    state.busy = false;
    figure.style.minHeight = "";
  }
}
