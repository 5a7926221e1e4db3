// @ts-check
// One render function per output type. Text from Python is only ever set with textContent
// or appended as text nodes: nothing a demo prints is parsed as HTML.

import { NARROW_SCREEN, OUTPUT_LIMITS } from "./contract.js";
import { ERROR_TYPE } from "./protocol.js";
import { keyboardScrollable, refreshScrollable } from "./scrollable.js";

/** Longest line shown in full, in errors and output (livedemo/markup.py cuts at the same length):
 * laying out megabytes of text would block the page. */
export const LINE_CHARS = OUTPUT_LIMITS.lineChars;

/**
 * Lines longer than `limit` characters cut, for display (the text itself is untouched).
 * @param {string} text @param {number} limit
 */
export function clipLines(text, limit) {
  if (text.length <= limit) return text;
  const parts = [];
  let start = 0;
  let cut = false;
  while (start <= text.length) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    if (end - start > limit) {
      parts.push(`${text.slice(start, start + limit)}… (${(end - start - limit).toLocaleString("en")} more characters)`);
      cut = true;
    } else parts.push(text.slice(start, end));
    if (newline === -1) break;
    start = newline + 1;
  }
  return cut ? parts.join("\n") : text;
}

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
  if (!pre.hasAttribute("tabindex")) refreshScrollable(pre); // grew past its maximum height?
}

/**
 * An exception: the trimmed traceback when there is one, else "Type: message". A package
 * error shows its message and `kept` (what the output below it is), with the loader's own
 * messages folded away under "Details".
 * @param {import("./protocol.js").ErrorInfo} error
 * @param {string} [kept]
 */
export function renderError(error, kept) {
  if (error.type === ERROR_TYPE.PACKAGE) {
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
  // A line of a message can be a million characters long: shown cut, it cannot freeze the page.
  const text = clipLines(error.traceback || `${error.type}: ${error.message}`, LINE_CHARS);
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

/**
 * The size (px) a plot is drawn at and shown at most: kept in data attributes once known,
 * else read from the build-time <picture> for this screen. Null when not known yet.
 * @param {HTMLElement} figure
 * @returns {{width: number, height: number}|null}
 */
export function figureBox(figure) {
  if (figure.dataset.boxWidth) return { width: Number(figure.dataset.boxWidth), height: Number(figure.dataset.boxHeight) };
  const image = figure.querySelector("picture img");
  if (!image) return null;
  const size = matchMedia(NARROW_SCREEN).matches ? "narrow" : "wide";
  const source = [.../** @type {NodeListOf<HTMLSourceElement>} */ (figure.querySelectorAll("picture source"))].find((s) => s.dataset.size === size) ?? image;
  const width = Number(source.getAttribute("width"));
  const height = Number(source.getAttribute("height"));
  return width > 0 && height > 0 ? { width, height } : null;
}

/** Give the figure a fixed box: `width` px at most, always `width / height` in shape. */
export function keepBox(figure, { width, height }) {
  figure.dataset.boxWidth = String(width);
  figure.dataset.boxHeight = String(height);
  figure.style.setProperty("--livedemo-plot-width", `${width}px`);
  figure.style.setProperty("--livedemo-plot-ratio", `${width} / ${height}`);
}

/**
 * An empty figure for a plot; plots.js draws into it. With `box` (the build-time plot it
 * replaces) it takes that plot's place and size at once.
 */
export function renderPlot(displayId, spec, box = null) {
  const figure = element("figure", "livedemo-plot");
  if (displayId) figure.dataset.displayId = displayId;
  figure.setAttribute("role", "img");
  updatePlotLabel(figure, spec);
  if (box) keepBox(figure, box);
  return figure;
}

/** A title given as a string, as lines or as {text}, as one line: _text() in livedemo/plots.py. */
function oneLine(value) {
  if (value && typeof value === "object" && !Array.isArray(value)) value = value.text ?? "";
  if (Array.isArray(value)) value = value.join(" ");
  return String(value ?? "").split(/\s+/).filter(Boolean).join(" ");
}

/**
 * What a screen reader says for a plot: its title, then its description (what the marks
 * show). The same rule as plot_label() in livedemo/plots.py, which writes the build's alt text.
 */
export function plotLabel(spec) {
  const title = oneLine(spec.title);
  const description = oneLine(spec.description);
  if (!title || description.startsWith(title)) return description || title || "Plot";
  if (!description) return title;
  return `${title}${".:!?".includes(title.at(-1)) ? "" : "."} ${description}`;
}

/** Keep a plot's accessible name in step with its spec. */
export function updatePlotLabel(figure, spec) {
  figure.setAttribute("aria-label", plotLabel(spec));
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

/** A finished progress bar, as the build shows one: a line, since a full bar looks busy. */
export function renderProgressDone(progressId, label) {
  const node = element("p", "livedemo-progress", label ? `Finished: ${label}` : "Finished");
  node.dataset.progressId = progressId;
  node.dataset.state = "done";
  return node;
}

/** A size in bytes of text, roughly (UTF-16 characters counted as one byte each). */
function size(chars) {
  return chars >= 1e6 ? `${(chars / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(chars / 1e3))} kB`;
}

function gapButton(className, onClick) {
  const button = /** @type {HTMLButtonElement} */ (element("button", `livedemo-show-all ${className}`));
  button.type = "button";
  button.addEventListener("click", onClick);
  return button;
}

/**
 * The line between the first lines of a long output and its latest ones, with the number of
 * lines left out and the buttons that show them or download everything.
 * @param {{onShow: () => void, onDownload: () => void}} actions
 */
export function renderGap({ onShow, onDownload }) {
  const node = element("div", "livedemo-gap");
  node.append(
    element("p", "livedemo-gap-text"),
    gapButton("livedemo-gap-show", onShow),
    gapButton("livedemo-gap-download", onDownload),
  );
  return node;
}

/**
 * @param {HTMLElement} node  made by renderGap
 * @param {{lines: number, showable: boolean, keptChars: number, complete: boolean, lostLines: number}} state
 */
export function updateGap(node, { lines, showable, keptChars, complete, lostLines }) {
  const count = (n) => `${n.toLocaleString("en")} ${n === 1 ? "line" : "lines"}`;
  let text = `⋯ ${count(lines)} not shown here ⋯`;
  if (!showable && lines > 0) text += " Too many to show on the page at once: download them.";
  if (!complete) {
    text += ` The output is too large to keep: Download has its first ${size(keptChars)}, and ` +
      `${count(lostLines)} printed after that were only counted.`;
  }
  node.querySelector(".livedemo-gap-text").textContent = text;
  const show = /** @type {HTMLElement} */ (node.querySelector(".livedemo-gap-show"));
  show.hidden = !showable;
  show.textContent = `Show ${count(lines)}`;
  node.querySelector(".livedemo-gap-download").textContent =
    `Download ${complete ? "all" : "the kept"} output (${size(keptChars)})`;
}
