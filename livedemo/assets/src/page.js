// @ts-check
// Entry point, loaded on every page. It only adds controls and listens for intent; the
// runtime (live.js, the worker, Pyodide) loads when the reader hovers or focuses Run,
// clicks Run, or clicks or focuses the code: the worker and the wasm compile start at once
// (launch.js), while live.js is still on its way. With Material's instant navigation it sets
// up each new page through `document$`. A block's inputs (inputs.js) become live at once:
// changing one is intent too, and queues a run. What a reader left in a block last time
// (saved.js) is brought back, without running anything.

import { NARROW_SCREEN } from "./contract.js";
import { addControls, isEnabled } from "./controls.js";
import { Launch } from "./launch.js";
import { loadSaved } from "./saved.js";

const URLS = {
  worker: new URL("./worker.js", import.meta.url),
  pyodide: new URL("../pyodide/", import.meta.url),
};

/**
 * The current page's blocks; after intent, its LivePage and, until that LivePage's worker
 * client takes them, the worker and wasm compile started at once.
 * @type {{blocks: HTMLElement[], live: Promise<any>|null, launch: Launch|null, launched: boolean}|null}
 */
let page = null;

function live() {
  const current = page;
  const launched = () => {
    const launch = current.launch;
    current.launch = null;
    return launch;
  };
  current.live ??= import("./live.js").then(
    ({ LivePage }) => new LivePage(current.blocks, URLS, launched),
    (error) => {
      launched()?.dispose();
      throw error;
    },
  );
  return current.live;
}

/** The reader means to run something: start Python now, and the controller that drives it. */
function intent() {
  if (!page.launched) {
    page.launched = true;
    page.launch = new Launch(URLS.worker, new URL("pyodide.asm.wasm", URLS.pyodide));
  }
  return live();
}

/** The controller could not load (e.g. a chunk missing after a deploy): say so in the block. */
function failed(block, error) {
  const status = block.querySelector(".livedemo-status");
  status.dataset.state = "error";
  status.textContent = `The live demo could not load (${error.message}); reload the page to try again.`;
}

/** @param {HTMLElement} block */
function wire(block) {
  const { run, stop, reset, copy, code } = addControls(block);
  const withLive = (action, load = live) => load().then(action, (error) => failed(block, error));
  const when = (button, action) => () => {
    if (isEnabled(button)) withLive(action);
  };
  const prefetch = () => withLive((controller) => controller.prefetch(), intent);
  run.addEventListener("pointerenter", prefetch, { once: true });
  run.addEventListener("focus", prefetch, { once: true });
  run.addEventListener("click", () => {
    if (isEnabled(run)) withLive((controller) => controller.run(block), intent);
  });
  stop.addEventListener("click", when(stop, (controller) => controller.stop(block)));
  reset.addEventListener("click", when(reset, (controller) => controller.reset(block)));
  copy.addEventListener("click", () => withLive((controller) => controller.copy(block)));
  // Editing starts on purpose: a click (or tap) on the code, or Enter on its scroll area.
  // Moving through the page with Tab, or scrolling the code by touch, never starts it.
  code.addEventListener("focusin", prefetch, { once: true });
  code.addEventListener("pointerdown", prefetch, { once: true });
  code.addEventListener("click", (event) => {
    if (/** @type {Element} */ (event.target).closest(".cm-editor")) return; // the editor handles its own clicks
    const point = { x: event.clientX, y: event.clientY };
    withLive((controller) => controller.edit(block, point));
  });
  code.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || /** @type {Element} */ (event.target).closest(".cm-editor")) return;
    event.preventDefault();
    withLive((controller) => controller.edit(block, null));
  });
  wireInputs(block, withLive);
}

/** The block's inputs made live, and the reader's saved version brought back. */
function wireInputs(block, withLive) {
  const saved = loadSaved(block);
  const restore = () => withLive((controller) => controller.restore(block, saved));
  if (!block.querySelector(":scope > .livedemo-inputs")) {
    if (saved?.code !== undefined) restore();
    return;
  }
  import("./inputs.js").then(({ inputPanel }) => {
    const changed = () => withLive((controller) => controller.inputChanged(block), intent);
    const panel = inputPanel(block, changed, { saved: saved?.inputs });
    // Pointing at or focusing a control is intent, as for Run: Python starts loading.
    const prefetch = () => withLive((controller) => controller.prefetch(), intent);
    panel.root.addEventListener("pointerdown", prefetch, { once: true });
    panel.root.addEventListener("focusin", prefetch, { once: true });
    if (saved?.code !== undefined || !panel.isDefault()) restore();
  }, (error) => failed(block, error));
}

/**
 * Build-time plots come as a <picture> per plot, with a light and a dark drawing; their
 * <source> media follow the system's colour scheme. Material's palette switch can choose
 * otherwise: make the sources follow the page's scheme instead.
 */
function followColourScheme() {
  const chosen = document.body.dataset.mdColorScheme;
  if (!chosen) return; // no palette switch: the system's scheme applies, as the media say
  const scheme = chosen === "slate" ? "dark" : "light";
  for (const source of /** @type {NodeListOf<HTMLSourceElement>} */ (document.querySelectorAll(".livedemo picture source[data-scheme]"))) {
    const wanted = source.dataset.scheme === scheme;
    source.media = !wanted ? "not all" : source.dataset.size === "narrow" ? NARROW_SCREEN : "all";
  }
}

new MutationObserver(followColourScheme).observe(document.body, {
  attributes: true,
  attributeFilter: ["data-md-color-scheme"],
});

function setup() {
  followColourScheme();
  const blocks = [.../** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll(".livedemo"))];
  if (page && blocks.length > 0 && blocks.every((block) => page.blocks.includes(block))) return;
  page?.live?.then((controller) => controller.dispose(), () => {});
  page?.launch?.dispose(); // started, never taken over
  page = { blocks, live: null, launch: null, launched: false };
  for (const block of blocks) wire(block);
}

if (globalThis.document$?.subscribe) globalThis.document$.subscribe(setup);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
else setup();
