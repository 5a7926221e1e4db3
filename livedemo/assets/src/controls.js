// @ts-check
// The controls of one block: Run, Stop, Reset and a status line. Plain DOM, no runtime:
// this is all that page.js adds before the reader shows intent.

import { keyboardScrollable } from "./scrollable.js";

/** @param {string} name  visible text @param {string} label  accessible name */
function button(name, label, enabled) {
  const node = document.createElement("button");
  node.type = "button";
  node.className = `livedemo-button livedemo-${name.toLowerCase()}`;
  node.textContent = name;
  node.setAttribute("aria-label", label);
  node.setAttribute("aria-disabled", String(!enabled));
  if (!enabled) node.tabIndex = -1; // in the Tab order only when it can act
  return node;
}

/**
 * Add the controls to a block (idempotent) and make its code focusable.
 * @param {HTMLElement} block  a .livedemo element
 * @returns {{run: HTMLButtonElement, stop: HTMLButtonElement, reset: HTMLButtonElement, copy: HTMLButtonElement, code: HTMLElement}}
 */
export function addControls(block) {
  const title = block.querySelector(".livedemo-title")?.textContent?.trim() || "Python demo";
  let header = block.querySelector(".livedemo-header");
  if (!header) {
    header = document.createElement("div");
    header.className = "livedemo-header";
    block.prepend(header);
  }
  const bar = document.createElement("div");
  bar.className = "livedemo-controls";
  const run = button("Run", `Run ${title}`, true);
  const stop = button("Stop", `Stop ${title}`, false);
  const what = block.querySelector(":scope > .livedemo-inputs") ? "the code and inputs" : "the code";
  const reset = button("Reset", `Reset ${what} of ${title}`, false);
  const copy = button("Copy", `Copy the code of ${title}`, true);
  bar.append(run, stop, reset, copy);
  const status = document.createElement("p");
  status.className = "livedemo-status";
  status.setAttribute("role", "status");
  header.append(bar, status);
  const code = /** @type {HTMLElement} */ (block.querySelector(".livedemo-code"));
  // The code's scroll area is one Tab stop (arrow keys scroll it); Enter edits (page.js).
  const keys = document.createElement("span");
  keys.className = "livedemo-keys";
  keys.id = `${block.id || title.replace(/\W+/g, "-")}-keys`;
  keys.textContent = "Press Enter to edit the code.";
  code.append(keys);
  const scroller = /** @type {HTMLElement|null} */ (code.querySelector("pre > code") ?? code.querySelector("pre"));
  if (scroller) {
    scroller.tabIndex = 0;
    scroller.setAttribute("role", "group");
    scroller.setAttribute("aria-label", `Python code: ${title}`);
    scroller.setAttribute("aria-describedby", keys.id);
  }
  for (const pre of block.querySelectorAll(".livedemo-output pre")) keyboardScrollable(pre);
  return { run, stop, reset, copy, code };
}

/** Whether a control may act now. */
export function isEnabled(button) {
  return button.getAttribute("aria-disabled") !== "true";
}
