// @ts-check
// The live output of one run: events are queued as they arrive and drawn once per frame, in
// execution order. Whatever the code prints, the page stays responsive and memory bounded:
//
//   - the first HEAD_LINES lines are shown as they come;
//   - after that, the latest TAIL_LINES lines are shown below a gap that counts the lines in
//     between; "Show them" puts those on the page (only up to SHOW_LIMIT lines, which one frame
//     can draw), and "Download" saves everything printed, as long as it is under KEEP_CHARS;
//   - a line longer than LINE_CHARS is shown cut, with the number of characters left out.
//
// Text that arrives after a plot once the gap exists joins the tail above that plot.
// Carriage returns rewrite the line as on a terminal (terminal.js): the line being written
// keeps a text node of its own, so a progress line costs one node update per frame.
//
// With `hold` (a re-run after an input changed), the output shown stays until the run ends or
// `hold` ms pass, then the new one replaces it at once, its plots drawn into the old figures:
// a reader dragging a slider sees the plot change, never an empty box.

import { OUTPUT_LIMITS } from "./contract.js";
import {
  appendStream,
  clipLines,
  figureBox,
  renderError,
  renderGap,
  renderNote,
  renderOrigin,
  renderPlot,
  renderProgress,
  renderProgressDone,
  renderStream,
  updateGap,
  updatePlotLabel,
} from "./render.js";
import { OpenLine } from "./terminal.js";

/** livedemo/contract.json's "output" (keepChars: 8 M, about 16 MB of JavaScript strings). */
export const LIMITS = OUTPUT_LIMITS;

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

/** Index of the start of the last `n` lines of text (a trailing partial line counts as one). */
const lastLinesStart = (text, n) => {
  let i = text.endsWith("\n") ? text.length - 1 : text.length;
  for (let k = 0; k < n; k++) {
    i = text.lastIndexOf("\n", i - 1);
    if (i === -1) return 0;
  }
  return i + 1;
};

/** Lines of text, each with its newline (the last may have none). */
const splitLines = (text) => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

export class LiveOutput {
  /**
   * @param {HTMLElement} container  the block's .livedemo-output, emptied here
   * @param {Partial<typeof LIMITS>} [limits]
   * @param {{onProblem?: (message: string) => void, hold?: number}} [hooks]  hold: ms to keep
   *   the output shown (see above)
   */
  constructor(container, limits = {}, { onProblem = () => {}, hold = 0 } = {}) {
    this.container = container;
    /** a plot could not be drawn (the block's status says so) */
    this.onProblem = onProblem;
    this.limits = { ...LIMITS, ...limits };
    this.queue = [];
    this.frame = 0;
    this.headLines = 0;
    /** everything printed, for Download, while it fits in keepChars */
    this.kept = { chunks: [], chars: 0, complete: true, lostLines: 0 };
    /** @type {{element: HTMLElement, tailView: HTMLElement, lines: number, chunks: {stream: string, text: string}[]|null}|null} */
    this.gap = null;
    /** @type {{stream: string, text: string}[]} the latest lines, shown below the gap */
    this.tail = [];
    this.tailChanged = false;
    this.plots = new Map();
    this.bars = new Map();
    /** the stream whose line is being written (null after a plot or bar), and that line */
    this.openStream = null;
    this.open = new OpenLine();
    /** the text node that shows the open line in the head, when it has one of its own */
    this.openNode = null;
    /** figures of the output shown before, drawn into again by this run's plots (with `hold`) */
    this.reusable = hold > 0 ? [.../** @type {NodeListOf<HTMLElement>} */ (container.querySelectorAll(":scope > figure.livedemo-plot"))] : [];
    this.boxes = [];
    this.plotCount = 0;
    this.holding = hold > 0 ? setTimeout(() => this.flush(), hold) : 0;
    if (this.holding) container.setAttribute("aria-busy", "true");
    else this.clear();
  }

  /** Replace the shown output with this run's. */
  clear() {
    const container = this.container;
    // The output it replaces keeps its space while the run goes on, and each new plot takes
    // the box of the plot it replaces (same display id, or same place): nothing below jumps.
    this.boxes = [.../** @type {NodeListOf<HTMLElement>} */ (container.querySelectorAll("figure.livedemo-plot"))].map((figure) => ({
      id: figure.dataset.displayId ?? null,
      box: figureBox(figure),
    }));
    this.plotCount = 0;
    container.style.minHeight = `${container.offsetHeight}px`;
    container.dataset.origin = "live";
    container.replaceChildren(renderOrigin("Output of your run, computed in this browser."));
  }

  /** The run was superseded: keep what is shown if nothing of this run is yet. */
  discard() {
    if (!this.holding) return;
    clearTimeout(this.holding);
    this.holding = 0;
    this.queue = [];
    this.container.removeAttribute("aria-busy");
  }

  /** @param {"stdout"|"stderr"} stream @param {string} text */
  write(stream, text) {
    const last = this.queue.at(-1);
    if (last?.kind === "text" && last.stream === stream) last.parts.push(text);
    else this.queue.push({ kind: "text", stream, parts: [text] });
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
    this.append(renderNote(text));
  }

  /** Put a node after everything printed before it. */
  append(node) {
    this.flush();
    this.container.append(node);
  }

  schedule() {
    if (!this.frame && !this.holding) this.frame = requestAnimationFrame(() => this.flush());
  }

  /** Draw everything queued, now. */
  flush() {
    if (this.holding) {
      clearTimeout(this.holding);
      this.holding = 0;
      this.container.removeAttribute("aria-busy");
      this.clear();
    }
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    for (const item of this.queue.splice(0)) {
      if (item.kind === "text") this.text(item.stream, item.parts.join(""));
      else {
        this.openStream = null; // text after a plot or bar starts a line of its own
        if (item.kind === "display") this.plot(item.event);
        else this.bar(item.event);
      }
    }
    if (this.tailChanged) this.drawTail();
  }

  text(stream, raw) {
    this.keep(raw);
    if (stream !== this.openStream) {
      this.openStream = stream;
      this.open = new OpenLine();
      this.openNode = null;
    }
    const { line, text } = this.open.feed(raw);
    if (line !== null) this.rewrite(stream, line);
    if (!text) return;
    if (line !== null && !this.gap) {
      // The new open line gets a node of its own, so the next "\r" rewrites only that node.
      const end = text.lastIndexOf("\n") + 1;
      this.place(stream, text.slice(0, end));
      if (end < text.length) this.rewrite(stream, text.slice(end));
      return;
    }
    this.place(stream, text);
  }

  /** Show `line` in place of the stream's open line (the text after its last newline). */
  rewrite(stream, line) {
    if (this.gap) {
      const last = this.tail.at(-1);
      if (last && last.stream === stream && !last.text.endsWith("\n")) last.text = line;
      else this.toTail(stream, line);
      this.tailChanged = true;
      return;
    }
    let pre = /** @type {HTMLElement|null} */ (this.container.lastElementChild);
    if (!pre?.classList.contains("livedemo-stream") || pre.dataset.stream !== stream) {
      pre = renderStream(stream, "");
      this.container.append(pre);
      this.openNode = null;
    }
    if (this.openNode === null || pre.lastChild !== this.openNode) {
      const last = pre.lastChild;
      if (last && !(last.nodeType === Node.TEXT_NODE && /** @type {Text} */ (last).data.endsWith("\n"))) {
        const shown = pre.textContent; // the open line's text was appended in pieces: cut it off
        pre.textContent = shown.slice(0, shown.lastIndexOf("\n") + 1);
      }
      this.openNode = document.createTextNode("");
      pre.append(this.openNode);
    }
    this.openNode.data = clipLines(line, this.limits.lineChars);
  }

  place(stream, text) {
    if (this.gap) {
      this.toTail(stream, text);
      return;
    }
    const room = this.limits.headLines - this.headLines;
    const count = newlines(text);
    if (count < room || (count === room && text.endsWith("\n"))) {
      this.headLines += count;
      this.appendText(this.container, null, stream, text);
      return;
    }
    const cut = afterNewline(text, room);
    this.headLines = this.limits.headLines;
    if (cut > 0) this.appendText(this.container, null, stream, text.slice(0, cut));
    this.openGap();
    if (cut < text.length) this.toTail(stream, text.slice(Math.max(cut, 0)));
  }

  keep(text) {
    const kept = this.kept;
    const room = kept.complete ? this.limits.keepChars - kept.chars : 0;
    if (text.length <= room) {
      kept.chunks.push(text);
      kept.chars += text.length;
      return;
    }
    if (room > 0) {
      kept.chunks.push(text.slice(0, room));
      kept.chars += room;
    }
    kept.complete = false;
    kept.lostLines += newlines(text.slice(room));
  }

  openGap() {
    const element = renderGap({
      onShow: () => this.showGap(),
      onDownload: () => this.download(),
    });
    const tailView = document.createElement("div");
    tailView.className = "livedemo-tail";
    this.container.append(element, tailView);
    this.gap = { element, tailView, lines: 0, chunks: [] };
  }

  /** Add text to the tail; lines pushed out of it go into the gap. */
  toTail(stream, text) {
    const { tailLines } = this.limits;
    const last = this.tail.at(-1);
    if (last && last.stream === stream && !last.text.endsWith("\n")) {
      const end = text.indexOf("\n");
      const piece = end === -1 ? text : text.slice(0, end + 1);
      last.text += piece;
      text = text.slice(piece.length);
    }
    if (text) {
      const start = lastLinesStart(text, tailLines);
      if (start > 0) {
        // Everything before the last tailLines lines of this text is older than the tail too.
        for (const line of this.tail.splice(0)) this.toGap(line.stream, line.text);
        this.toGap(stream, text.slice(0, start));
      }
      for (const line of splitLines(text.slice(start))) this.tail.push({ stream, text: line });
    }
    const over = this.tail.length - tailLines;
    if (over > 0) for (const line of this.tail.splice(0, over)) this.toGap(line.stream, line.text);
    this.tailChanged = true;
  }

  toGap(stream, text) {
    const gap = this.gap;
    gap.lines += newlines(text) + (text.endsWith("\n") ? 0 : 1);
    if (gap.chunks && gap.lines <= this.limits.showLimit) {
      const last = gap.chunks.at(-1);
      if (last?.stream === stream) last.text += text;
      else gap.chunks.push({ stream, text });
    } else gap.chunks = null; // too many to show at once: only counted (and kept for Download)
  }

  drawTail() {
    this.tailChanged = false;
    const { tailView } = this.gap;
    tailView.replaceChildren();
    for (const { stream, text } of this.tail) this.appendText(tailView, null, stream, text);
    const { kept } = this;
    updateGap(this.gap.element, {
      lines: this.gap.lines,
      showable: this.gap.chunks !== null && this.gap.lines > 0,
      keptChars: kept.chars,
      complete: kept.complete,
      lostLines: kept.lostLines,
    });
  }

  /** Put the lines of the gap on the page, where they were printed; then cap again later. */
  showGap() {
    this.flush();
    const { element, tailView, chunks } = this.gap;
    if (!chunks) return;
    for (const { stream, text } of chunks) this.appendText(this.container, element, stream, text);
    for (const { stream, text } of this.tail) this.appendText(this.container, element, stream, text);
    element.remove();
    tailView.remove();
    this.gap = null;
    this.tail = [];
    this.headLines = 0; // another headLines lines may come before the next gap
  }

  /** Save what was printed as a text file. */
  download() {
    const { chunks, complete, lostLines } = this.kept;
    const parts = [...chunks];
    if (!complete) parts.push(`\n[${lostLines.toLocaleString("en")} more lines were printed but not kept]\n`);
    const url = URL.createObjectURL(new Blob(parts, { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "output.txt";
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  /** Append to the stream element just before `before` (or at the end) when it matches. */
  appendText(parent, before, stream, text) {
    const shown = clipLines(text, this.limits.lineChars);
    const previous = before ? before.previousElementSibling : parent.lastElementChild;
    if (previous?.classList.contains("livedemo-stream") && previous.dataset.stream === stream) {
      appendStream(previous, shown);
    } else parent.insertBefore(renderStream(stream, shown), before);
  }

  plot({ displayId, spec }) {
    let figure = displayId ? this.plots.get(displayId) : undefined;
    if (figure) updatePlotLabel(figure, spec);
    else {
      const previous = this.boxes.find((old) => displayId && old.id === displayId) ?? this.boxes[this.plotCount];
      this.plotCount++;
      figure = this.reuse(displayId, spec) ?? renderPlot(displayId, spec, previous?.box ?? null);
      if (displayId) this.plots.set(displayId, figure);
      this.container.append(figure);
    }
    const plots = import("./plots.js");
    plots
      .then(({ drawPlot }) => drawPlot(figure, spec))
      .catch(async (error) => {
        // Vega's own message ("Cannot read properties of undefined") rarely helps: say what is
        // wrong with the spec when the schema can tell.
        const problem = await plots.then(({ explainSpec }) => explainSpec(spec), () => null);
        const message = `The plot could not be drawn: ${problem ?? error.message}`;
        const note = renderNote(message);
        note.classList.add("livedemo-plot-problem");
        figure.replaceChildren(note);
        figure.removeAttribute("role"); // no image: the note is read as text
        this.onProblem(message);
      });
  }

  /** A figure of the previous output to draw this plot into (same display id, or in turn). */
  reuse(displayId, spec) {
    const index = this.reusable.findIndex((old) => (old.dataset.displayId ?? null) === displayId);
    if (index === -1) return null;
    const [figure] = this.reusable.splice(index, 1);
    figure.setAttribute("role", "img");
    updatePlotLabel(figure, spec);
    return figure;
  }

  bar(event) {
    const existing = this.bars.get(event.progressId) ?? null;
    const node = renderProgress(event, existing);
    if (!existing) {
      this.bars.set(event.progressId, node);
      this.container.append(node);
    }
  }

  /** The run ended: draw what is left, stop scheduling, let the output take its own height. */
  finish() {
    this.flush();
    for (const [id, node] of this.bars) {
      const bar = node.querySelector("progress");
      if (bar && bar.value >= bar.max) {
        const done = renderProgressDone(id, node.querySelector("span")?.textContent ?? "");
        node.replaceWith(done);
        this.bars.set(id, done);
      }
    }
    this.container.style.minHeight = "";
  }
}
