// Entry point, loaded on every page. It only adds controls and listens for intent; the
// runtime (live.js, the worker, Pyodide) loads when the reader hovers or focuses Run,
// clicks Run, or clicks or focuses the code. With Material's instant navigation it sets
// up each new page through `document$`.

import { addControls, isEnabled } from "./controls.js";

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

/** @param {HTMLElement} block */
function wire(block) {
  const { run, stop, reset, code } = addControls(block);
  const when = (button, action) => () => {
    if (isEnabled(button)) live().then(action);
  };
  const prefetch = () => live().then((controller) => controller.prefetch());
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
  code.addEventListener("focusin", () => live().then((controller) => controller.edit(block, point)), {
    once: true,
  });
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
