// The live output of one run: events are queued as they arrive and drawn once per frame,
// in execution order. Text beyond a line cap is held back (never dropped) behind a
// "Show all" button.

import {
  appendStream,
  renderError,
  renderNote,
  renderOrigin,
  renderPlot,
  renderProgress,
  renderShowAll,
  renderStream,
  updatePlotLabel,
  updateShowAll,
} from "./render.js";

export const MAX_LINES = 500;

/** @param {string} text */
const newlines = (text) => {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  return count;
};

/** Index just past the n-th newline of text (n ≥ 1), or -1. */
const afterNewline = (text, n) => {
  let i = -1;
  for (let k = 0; k < n; k++) {
    i = text.indexOf("\n", i + 1);
    if (i === -1) return -1;
  }
  return i + 1;
};

export class LiveOutput {
  /** @param {HTMLElement} container  the block's .livedemo-output, emptied here */
  constructor(container, maxLines = MAX_LINES) {
    this.container = container;
    this.maxLines = maxLines;
    this.lines = 0;
    this.queue = [];
    this.frame = 0;
    /** @type {{button: HTMLButtonElement, chunks: {stream: string, text: string}[], lines: number, open: boolean}|null} */
    this.held = null;
    this.plots = new Map();
    this.bars = new Map();
    container.dataset.origin = "live";
    container.replaceChildren(renderOrigin("Output of your run, computed in this browser."));
  }

  /** @param {"stdout"|"stderr"} stream @param {string} text */
  write(stream, text) {
    const last = this.queue.at(-1);
    if (last?.kind === "text" && last.stream === stream) last.text += text;
    else this.queue.push({ kind: "text", stream, text });
    this.schedule();
  }

  /** @param {import("./protocol.js").DisplayEvent} event */
  display(event) {
    this.queue.push({ kind: "display", event });
    this.schedule();
  }

  /** @param {import("./protocol.js").ProgressEvent} event */
  progress(event) {
    const last = this.queue.at(-1);
    if (last?.kind === "progress" && last.event.progressId === event.progressId) last.event = event;
    else this.queue.push({ kind: "progress", event });
    this.schedule();
  }

  /** Show an exception after everything printed before it. */
  error(info) {
    this.flush();
    this.container.append(renderError(info));
  }

  /** Show a short note after everything printed before it. */
  note(text) {
    this.flush();
    this.container.append(renderNote(text));
  }

  schedule() {
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flush());
  }

  /** Draw everything queued, now. */
  flush() {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    for (const item of this.queue.splice(0)) {
      if (item.kind === "text") this.text(item.stream, item.text);
      else if (item.kind === "display") this.plot(item.event);
      else this.bar(item.event);
    }
  }

  text(stream, text) {
    if (this.held && !this.held.open) {
      this.hold(stream, text);
      return;
    }
    const room = this.maxLines - this.lines;
    const count = newlines(text);
    const fits = count < room || (count === room && text.endsWith("\n"));
    if (fits || this.held?.open) {
      this.lines += count;
      this.appendText(this.container, null, stream, text);
      return;
    }
    const cut = afterNewline(text, room);
    this.lines = this.maxLines;
    if (cut > 0) this.appendText(this.container, null, stream, text.slice(0, cut));
    const button = renderShowAll(() => this.showAll());
    this.container.append(button);
    this.held = { button, chunks: [], lines: 0, open: false };
    if (cut < text.length) this.hold(stream, text.slice(cut));
  }

  hold(stream, text) {
    const { chunks } = this.held;
    const last = chunks.at(-1);
    if (last?.stream === stream) last.text += text;
    else chunks.push({ stream, text });
    this.held.lines += newlines(text);
    const tail = chunks.at(-1).text;
    updateShowAll(this.held.button, this.held.lines + (tail.endsWith("\n") ? 0 : 1));
  }

  /** Put the held-back text where it was cut, then stop capping. */
  showAll() {
    this.flush();
    const { button, chunks } = this.held;
    for (const { stream, text } of chunks) this.appendText(button.parentNode, button, stream, text);
    button.remove();
    this.held.open = true;
    this.held.chunks = [];
  }

  /** Append to the stream element just before `before` (or at the end) when it matches. */
  appendText(parent, before, stream, text) {
    const previous = before ? before.previousElementSibling : parent.lastElementChild;
    if (previous?.classList.contains("livedemo-stream") && previous.dataset.stream === stream) {
      appendStream(previous, text);
    } else parent.insertBefore(renderStream(stream, text), before);
  }

  plot({ displayId, spec }) {
    let figure = displayId ? this.plots.get(displayId) : undefined;
    if (figure) updatePlotLabel(figure, spec);
    else {
      figure = renderPlot(displayId, spec);
      if (displayId) this.plots.set(displayId, figure);
      this.container.append(figure);
    }
    import("./plots.js")
      .then(({ drawPlot }) => drawPlot(figure, spec))
      .catch((error) => figure.replaceChildren(renderNote(`The plot could not be drawn: ${error.message}`)));
  }

  bar(event) {
    const existing = this.bars.get(event.progressId) ?? null;
    const node = renderProgress(event, existing);
    if (!existing) {
      this.bars.set(event.progressId, node);
      this.container.append(node);
    }
  }

  /** The run ended: draw what is left and stop scheduling. */
  finish() {
    this.flush();
  }
}
