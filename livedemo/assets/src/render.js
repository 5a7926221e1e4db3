// One render function per output type. Text from Python is only ever set with textContent
// or appended as text nodes: nothing a demo prints is parsed as HTML.

import { PACKAGE_ERROR } from "./protocol.js";
import { keyboardScrollable } from "./scrollable.js";

/** @param {string} tag @param {string} className @param {string} [text] */
function element(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The note saying where the output comes from. */
export function renderOrigin(text) {
  return element("p", "livedemo-origin", text);
}

/** A stdout or stderr chunk; later text of the same stream is appended to it. */
export function renderStream(stream, text) {
  const pre = element("pre", "livedemo-stream", text);
  pre.dataset.stream = stream;
  keyboardScrollable(pre);
  return pre;
}

/** Append text to a stream element made by renderStream. */
export function appendStream(pre, text) {
  pre.append(text); // a text node, never markup
}

/**
 * An exception: the trimmed traceback when there is one, else "Type: message". A package
 * error shows its message and `kept` (what the output below it is), with the loader's own
 * messages folded away under "Details".
 * @param {import("./protocol.js").ErrorInfo} error
 * @param {string} [kept]
 */
export function renderError(error, kept) {
  if (error.type === PACKAGE_ERROR) {
    const node = element("div", "livedemo-error");
    node.dataset.errorType = error.type;
    const sentence = error.message.charAt(0).toUpperCase() + error.message.slice(1);
    node.append(element("p", "livedemo-error-message", kept ? `${sentence}. ${kept}` : `${sentence}.`));
    if (error.details) {
      const details = document.createElement("details");
      details.append(element("summary", "", "Details"), element("pre", "livedemo-error-details", error.details));
      node.append(details);
    }
    return node;
  }
  const text = error.traceback || `${error.type}: ${error.message}`;
  const node = element(error.traceback ? "pre" : "p", "livedemo-error", text);
  node.dataset.errorType = error.type;
  if (error.traceback) keyboardScrollable(node);
  return node;
}

/** A run that could not happen (the runtime did not start): the message alone. */
export function renderFailure(message) {
  const node = element("p", "livedemo-error", message);
  node.dataset.errorType = "fatal";
  return node;
}

/** A short note in the output (e.g. "Stopped."). */
export function renderNote(text) {
  return element("p", "livedemo-note", text);
}

/** The notice that the output no longer matches the code. */
export function renderStale(text) {
  return element("p", "livedemo-stale", text);
}

/** An empty figure for a plot; plots.js draws into it. */
export function renderPlot(displayId, spec) {
  const figure = element("figure", "livedemo-plot");
  if (displayId) figure.dataset.displayId = displayId;
  figure.setAttribute("role", "img");
  updatePlotLabel(figure, spec);
  return figure;
}

/** Keep a plot's accessible name in step with its spec. */
export function updatePlotLabel(figure, spec) {
  let label = spec.description || spec.title || "Plot";
  if (typeof label === "object") label = label.text || "Plot";
  figure.setAttribute("aria-label", Array.isArray(label) ? label.join(" ") : String(label));
}

/** A progress bar; pass the existing element to update it in place. */
export function renderProgress({ progressId, value, total, label }, existing = null) {
  const node = existing ?? element("div", "livedemo-progress");
  if (!existing) {
    node.dataset.progressId = progressId;
    node.append(document.createElement("progress"), " ", document.createElement("span"));
  }
  const bar = node.querySelector("progress");
  bar.max = total;
  bar.value = value;
  bar.textContent = `${Math.round((100 * value) / total)}%`;
  const text = node.querySelector("span");
  if (text.textContent !== label) text.textContent = label;
  if (label) bar.setAttribute("aria-label", label);
  return node;
}

/** The button that reveals output held back by the line cap. */
export function renderShowAll(onClick) {
  const button = element("button", "livedemo-show-all");
  button.type = "button";
  button.addEventListener("click", onClick, { once: true });
  return button;
}

/** Set the Show-all button's label. */
export function updateShowAll(button, hiddenLines) {
  button.textContent = `Show all (${hiddenLines} more ${hiddenLines === 1 ? "line" : "lines"})`;
}
