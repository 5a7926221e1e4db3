// Entry point, loaded on every page. It only adds controls and listens for intent; the
// runtime (live.js, the worker, Pyodide) loads when the reader hovers or focuses Run,
// clicks Run, or clicks or focuses the code. With Material's instant navigation it sets
// up each new page through `document$`. A block's inputs (inputs.js) become live at once:
// changing one is intent too, and queues a run. What a reader left in a block last time
// (saved.js) is brought back, without running anything.

import { addControls, isEnabled } from "./controls.js";
import { loadSaved } from "./saved.js";

const URLS = {
  worker: new URL("./worker.js", import.meta.url),
  pyodide: new URL("../pyodide/", import.meta.url),
};

/** The current page's blocks and, after intent, its LivePage. */
let page = null;

function live() {
  const current = page;
  current.live ??= import("./live.js").then(({ LivePage }) => new LivePage(current.blocks, URLS));
  return current.live;
}

/** The controller could not load (e.g. a chunk missing after a deploy): say so in the block. */
function failed(block, error) {
  const status = block.querySelector(".livedemo-status");
  status.dataset.state = "error";
  status.textContent = `The live demo could not load (${error.message}); reload the page to try again.`;
}

/** @param {HTMLElement} block */
function wire(block) {
  const { run, stop, reset, code } = addControls(block);
  const withLive = (action) => live().then(action, (error) => failed(block, error));
  const when = (button, action) => () => {
    if (isEnabled(button)) withLive(action);
  };
  const prefetch = () => withLive((controller) => controller.prefetch());
  run.addEventListener("pointerenter", prefetch, { once: true });
  run.addEventListener("focus", prefetch, { once: true });
  run.addEventListener("click", when(run, (controller) => controller.run(block)));
  stop.addEventListener("click", when(stop, (controller) => controller.stop(block)));
  reset.addEventListener("click", when(reset, (controller) => controller.reset(block)));
  let point = null;
  code.addEventListener("pointerdown", (event) => {
    point = { x: event.clientX, y: event.clientY };
    prefetch();
  }, { once: true });
  code.addEventListener("focusin", () => {
    if (!code.querySelector(".cm-editor")) withLive((controller) => controller.edit(block, point));
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
    const changed = () => withLive((controller) => controller.inputChanged(block));
    const panel = inputPanel(block, changed, { saved: saved?.inputs });
    if (saved?.code !== undefined || !panel.isDefault()) restore();
  }, (error) => failed(block, error));
}

function setup() {
  const blocks = [...document.querySelectorAll(".livedemo")];
  if (page && blocks.length > 0 && blocks.every((block) => page.blocks.includes(block))) return;
  page?.live?.then((controller) => controller.dispose());
  page = { blocks, live: null };
  for (const block of blocks) wire(block);
}

if (globalThis.document$?.subscribe) globalThis.document$.subscribe(setup);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
else setup();
