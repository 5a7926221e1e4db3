// @ts-check
// The live output of one run: events are queued as they arrive and drawn once per frame, in
// execution order. Whatever the code prints, the page stays responsive and memory bounded
// (output-cap.js decides which lines are shown, as the build does; this module draws them):
//
//   - the first headLines lines are shown as they come;
//   - after that, the latest tailLines lines are shown below a gap that counts the lines in
//     between; "Show them" puts those on the page (only up to showLimit lines, which one frame
//     can draw), and "Download" saves everything printed, as long as it is under keepChars;
//   - a line longer than lineChars is shown cut, with the number of characters left out.
//
// Text that arrives after a plot once the gap exists joins the tail above that plot.
// Carriage returns rewrite the line as on a terminal (terminal.js): the line being written
// keeps a text node of its own, so a progress line costs one node update per frame.
//
// With `hold` (a re-run after an input changed), the output shown stays until the run ends or
// `hold` ms pass, then the new one replaces it at once, its plots drawn into the old figures:
// a reader dragging a slider sees the plot change, never an empty box.

import { OutputCap } from "./output-cap.js";
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

export class LiveOutput {
  /**
   * @param {HTMLElement} container  the block's .livedemo-output, emptied here
   * @param {Partial<import("./output-cap.js").Limits>} [limits]
   * @param {{onProblem?: (message: string) => void, hold?: number}} [hooks]  hold: ms to keep
   *   the output shown (see above)
   */
  constructor(container, limits = {}, { onProblem = () => {}, hold = 0 } = {}) {
    this.container = container;
    /** a plot could not be drawn (the block's status says so) */
    this.onProblem = onProblem;
    /** which lines are shown, the gap's and the tail's, what Download saves */
    this.cap = new OutputCap(limits);
    this.limits = this.cap.limits;
    this.queue = [];
    this.frame = 0;
    /** @type {{element: HTMLElement, tailView: HTMLElement}|null} the gap and the tail below it, once the gap opened */
    this.gapView = null;
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
    if (this.cap.tailChanged) this.drawTail();
  }

  text(stream, raw) {
    this.cap.keep(raw);
    if (stream !== this.openStream) {
      this.openStream = stream;
      this.open = new OpenLine();
      this.openNode = null;
    }
    const { line, text } = this.open.feed(raw);
    if (line !== null) this.rewrite(stream, line);
    if (!text) return;
    if (line !== null && !this.cap.gap) {
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
    if (this.cap.gap) {
      this.cap.rewriteTail(stream, line);
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
    const { head, opened } = this.cap.place(stream, text);
    if (head !== null) this.appendText(this.container, null, stream, head);
    if (opened) this.openGap();
  }

  openGap() {
    const element = renderGap({
      onShow: () => this.showGap(),
      onDownload: () => this.download(),
    });
    const tailView = document.createElement("div");
    tailView.className = "livedemo-tail";
    this.container.append(element, tailView);
    this.gapView = { element, tailView };
  }

  drawTail() {
    const { cap } = this;
    cap.tailChanged = false;
    const gap = /** @type {NonNullable<OutputCap["gap"]>} */ (cap.gap);
    const { element, tailView } = /** @type {NonNullable<LiveOutput["gapView"]>} */ (this.gapView);
    tailView.replaceChildren();
    for (const { stream, text } of cap.tail) this.appendText(tailView, null, stream, text);
    const { kept } = cap;
    updateGap(element, {
      lines: gap.lines,
      showable: gap.chunks !== null && gap.lines > 0,
      keptChars: kept.chars,
      complete: kept.complete,
      lostLines: kept.lostLines,
    });
  }

  /** Put the lines of the gap on the page, where they were printed; then cap again later. */
  showGap() {
    this.flush();
    const { element, tailView } = /** @type {NonNullable<LiveOutput["gapView"]>} */ (this.gapView);
    const shown = this.cap.release(); // another headLines lines may come before the next gap
    if (!shown) return;
    for (const { stream, text } of shown) this.appendText(this.container, element, stream, text);
    element.remove();
    tailView.remove();
    this.gapView = null;
  }

  /** Save what was printed as a text file. */
  download() {
    const url = URL.createObjectURL(new Blob(this.cap.download(), { type: "text/plain;charset=utf-8" }));
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
