// @ts-check
// One demo block on the page: its options, code (static or in the editor), buttons,
// status line and output. The scheduler tells it what is happening: each of its calls is a move
// of the block's life (lifecycle.js), taken by `enter`, which keeps the phase and renders what
// depends on it (Run, Stop and Reset, data-state busy or idle); nothing is read back from the DOM.

import { inputPanel, panelOf } from "./inputs.js";
import { LiveOutput } from "./output.js";
import { PHASE, advance, isBusy } from "./lifecycle.js";
import { ERROR_TYPE, FATAL_REASON } from "./protocol.js";
import { renderError, renderFailure, renderStale } from "./render.js";
import { save } from "./saved.js";
import { StatusLine, formatDownload, formatSeconds } from "./status.js";

const STALE_BUILD = "Output is from the original code; press Run to update";
const STALE_LIVE = "Output is from an earlier version of the code; press Run to update";
const STALE_INPUTS = {
  build: "Output is for the author's input values; change an input or press Run to update",
  live: "Output is for other input values; press Run to update",
};

/** A run asked for by an input keeps the shown output this long, or until it ends. */
const HOLD_MS = 500;

/** What the output below a failure notice is, by the output box's data-origin. */
const KEPT = {
  build: "The output below is still the one computed when the site was built.",
  live: "The output below is still the one from your previous run.",
};

/** Lines the editor shows before it scrolls, unless the author set a height. */
const EDITOR_LINES = 25;

/** aria-disabled rather than disabled: a button that was just pressed keeps the focus. */
function enable(button, on) {
  button.setAttribute("aria-disabled", String(!on));
  // Out of the Tab order while it cannot act (unless it has the focus: pressed just now).
  if (document.activeElement !== button) button.tabIndex = on ? 0 : -1;
}

export class BlockView {
  /**
   * @param {HTMLElement} element  the .livedemo block, with controls added by controls.js
   * @param {number} index  position on the page
   * @param {{onRun: () => void, onEdit: () => void, onInput: () => void}} hooks  Ctrl/Cmd-Enter;
   *   the code changed; an input changed
   */
  constructor(element, index, { onRun, onEdit, onInput }) {
    this.element = element;
    this.index = index;
    this.onRun = onRun;
    this.onEdit = onEdit;
    this.onInput = onInput;
    /** @type {import("./protocol.js").BlockOptions} */
    this.options = { title: null, session: null, packages: [], run: "build", timeout: 60 };
    try {
      Object.assign(this.options, JSON.parse(element.dataset.livedemo || "{}"));
    } catch {
      // Malformed options: run with the defaults rather than not at all.
    }
    this.title = this.options.title || element.querySelector(".livedemo-title")?.textContent || element.id;
    this.codeBox = /** @type {HTMLElement} */ (element.querySelector(".livedemo-code"));
    // `pre > code` exactly: Material may add its copy button inside the <pre>.
    this.originalCode = this.codeBox.querySelector("pre > code, pre")?.textContent ?? "";
    this.outputBox = /** @type {HTMLElement} */ (element.querySelector(".livedemo-output"));
    this.buttons = {
      run: element.querySelector(".livedemo-run"),
      stop: element.querySelector(".livedemo-stop"),
      reset: element.querySelector(".livedemo-reset"),
    };
    this.status = new StatusLine(element.querySelector(".livedemo-status"));
    /** the output as built, restored by Reset */
    this.initialOutput = [...this.outputBox.childNodes].map((node) => node.cloneNode(true));
    this.initialOrigin = this.outputBox.dataset.origin;
    /** a run replaced the built output (Reset can bring it back) */
    this.ran = false;
    /** when the reader asked for the run under way or last run (performance.now()) */
    this.requestedAt = 0;
    /** ms between that request and Python starting the code */
    this.waited = 0;
    /** @type {Set<"runtime"|"packages">} what downloaded meanwhile */
    this.waitedFor = new Set();
    /** @type {Object<string, import("./protocol.js").InputValue>|null} the input values the run under way or last run got */
    this.runInputs = null;
    /** the next run was asked for by an input change (the shown output is held meanwhile) */
    this.byInput = false;
    /** @type {string|null} why a plot of the last run could not be drawn */
    this.problem = null;
    /** @type {number|null} ms the last finished run took */
    this.elapsed = null;
    /** the code that produced the output shown (null: nothing shown yet) */
    this.outputCode = this.outputBox.dataset.origin === "build" ? this.originalCode : null;
    this.editor = null;
    this.editorLoading = null;
    /** @type {LiveOutput|null} */
    this.output = null;
    /** @type {import("./lifecycle.js").Phase} where this block is in its life (lifecycle.js) */
    this.phase = PHASE.IDLE;
    /** the input values behind the shown output: a panel key ("" without inputs), "build" for
     * the build's (the defaults), null when nothing is shown */
    this.outputInputs = this.outputCode === null ? null : "build";
    /** the reader's saved code, until the editor holds it */
    this.savedCode = null;
  }

  get code() {
    return this.editor ? this.editor.getCode() : this.savedCode ?? this.originalCode;
  }

  get session() {
    return this.options.session ?? null;
  }

  /** Shown in tracebacks. */
  get filename() {
    return this.options.file || `<${this.title}>`;
  }

  // --- Editing -------------------------------------------------------------------

  /** Swap the static code for the editor (once) and start editing (unless `focus` is false). */
  async edit(point, { focus = true } = {}) {
    this.editorLoading ??= import("./editor.js").then(({ createEditor }) => {
      const hint = document.createElement("p");
      hint.className = "livedemo-hint";
      hint.id = `${this.element.id}-editing`;
      hint.textContent = "Editing · Tab indents · Esc stops editing · Ctrl+Enter runs";
      const mount = document.createElement("div");
      mount.className = "livedemo-editor";
      const keys = this.codeBox.querySelector(".livedemo-keys"); // "press Enter to edit" (controls.js)
      this.editor = createEditor(mount, {
        code: this.code,
        label: `Python code: ${this.title}`,
        idleHint: keys?.id ?? hint.id,
        editingHint: hint.id,
        onRun: this.onRun,
        onChange: () => {
          this.codeChanged();
          this.onEdit();
        },
        onMode: (editing) => this.element.toggleAttribute("data-editing", editing),
      });
      this.codeBox.replaceChildren(...[mount, keys, hint].filter(Boolean));
      // Without an explicit height the editor may grow as the reader adds lines.
      if (!this.options.height) this.codeBox.style.setProperty("--livedemo-height", String(EDITOR_LINES));
      return this.editor;
    });
    try {
      const editor = await this.editorLoading;
      if (focus) editor.focus(point);
    } catch (error) {
      this.editorLoading = null; // the static code stays; editing it again retries
      this.status.set(`The editor could not load (${error.message}).`, "error");
    }
  }

  /**
   * Back to the page as it was built: the author's code, the inputs at their defaults, the
   * build-time output (which is for those), no status. False when it is busy (nothing done).
   */
  reset() {
    if (isBusy(this.phase)) return false;
    this.enter("reset");
    this.editor?.setCode(this.originalCode);
    this.savedCode = null;
    this.inputs?.reset();
    this.outputInputs = this.initialOrigin === "build" ? "build" : null;
    this.output = null;
    this.ran = false;
    this.outputBox.replaceChildren(...this.initialOutput.map((node) => node.cloneNode(true)));
    this.outputBox.dataset.origin = this.initialOrigin;
    this.outputCode = this.initialOrigin === "build" ? this.originalCode : null;
    this.status.set("", "");
    this.codeChanged();
    return true;
  }

  /** Copy the code as it is now (edited or not) to the clipboard, and say so. */
  async copy() {
    try {
      await navigator.clipboard.writeText(this.code);
      this.status.set(this.editor && this.code !== this.originalCode ? "Copied your edited code." : "Copied the code.", "");
    } catch (error) {
      this.status.set(`The code could not be copied (${error.message}); select it and copy it instead.`, "error");
    }
  }

  codeChanged() {
    const code = this.code;
    const idle = !isBusy(this.phase);
    const inputsChanged = !(this.inputs?.isDefault() ?? true);
    enable(this.buttons.reset, idle && (code !== this.originalCode || this.ran || inputsChanged));
    const staleCode = this.outputCode !== null && code !== this.outputCode;
    const shown = this.shownInputs();
    const stale = staleCode || (shown !== null && shown !== this.inputsKey());
    this.outputBox.classList.toggle("livedemo-output--stale", stale);
    let notice = this.outputBox.querySelector(":scope > .livedemo-stale");
    if (stale) {
      const origin = this.outputBox.dataset.origin === "build" ? "build" : "live";
      const text = staleCode ? (origin === "build" ? STALE_BUILD : STALE_LIVE) : STALE_INPUTS[origin];
      if (!notice) this.outputBox.prepend((notice = renderStale(text)));
      else if (notice.textContent !== text) notice.textContent = text;
    } else notice?.remove();
    this.remember();
  }

  // --- Run lifecycle, driven by the scheduler -------------------------------------

  /** Queued or waiting for the runtime: Stop becomes available. */
  busy(message) {
    if (!isBusy(this.phase)) {
      this.requestedAt = performance.now(); // what the reader waits for starts now
      this.waitedFor = new Set();
    }
    this.enter("queue");
    this.status.set(message, "busy");
  }

  loading(event) {
    this.enter("load");
    this.waitedFor.add(event.phase);
    if (event.phase === "runtime") {
      const message = event.pending === 0 ? "Starting Python…" : "Loading Python…";
      this.status.set(message, "busy", formatDownload(event.loaded, event.total));
    } else {
      const message = `${event.message ?? "Loading packages"}…`;
      if (this.status.message.textContent !== message) this.status.set(message, "busy");
      if (event.loaded > 0) this.status.update(formatDownload(event.loaded, event.total));
    }
  }

  /** A run of this block's code is requested; the shown output stays until Python starts. */
  begin() {
    this.runInputs = this.inputValues; // what this run gets, as data
    this.inputs?.begin(this.runInputs);
    this.output?.finish();
    this.output = null;
    for (const notice of this.outputBox.querySelectorAll(":scope > .livedemo-notice")) notice.remove();
    this.busy("Starting…");
  }

  /** Python starts: the shown output (from the build or an earlier run) is replaced. */
  running() {
    this.enter("run");
    this.waited = performance.now() - this.requestedAt;
    this.ran = true;
    this.outputCode = this.code;
    this.outputInputs = this.inputs?.key(this.runInputs) ?? "";
    this.problem = null;
    const hold = this.byInput ? HOLD_MS : 0; // no flash of an empty output while a reader drags
    this.byInput = false;
    this.output = new LiveOutput(this.outputBox, {}, { onProblem: (message) => this.plotFailed(message), hold });
    this.codeChanged();
    this.status.clock("Running…");
    return this.output;
  }

  /** @param {number} elapsed ms */
  done(elapsed) {
    this.enter("finish");
    this.output?.finish();
    this.inputs?.end(true);
    this.elapsed = elapsed;
    if (this.problem) this.status.set(`Error: ran in ${formatSeconds(elapsed)}, but a plot could not be drawn (see below)`, "error");
    else this.status.set(`Done in ${formatSeconds(elapsed)}${this.waitNote()}`, "done");
    this.idle();
  }

  /** What the reader waited for before Python ran, when it was worth saying (a first run). */
  waitNote() {
    if (!(this.waited > 500) || this.waitedFor.size === 0) return "";
    const what = this.waitedFor.has("runtime")
      ? this.waitedFor.has("packages") ? "Python and packages loaded" : "Python loaded"
      : "packages loaded";
    return ` · ${what} in ${formatSeconds(this.waited)}`;
  }

  /** A plot of the current or last run could not be drawn: the status must not say "Done". */
  plotFailed(message) {
    this.problem = message;
    if (this.phase === PHASE.DONE && this.elapsed !== null) {
      this.status.set(`Error: ran in ${formatSeconds(this.elapsed)}, but a plot could not be drawn (see below)`, "error");
    }
  }

  /** @param {import("./protocol.js").ErrorInfo} error */
  failed(error) {
    this.enter("fail");
    if (this.output) this.output.error(error);
    else this.notice(renderError(error, KEPT[this.outputBox.dataset.origin])); // nothing ran
    const summary =
      error.type === ERROR_TYPE.PACKAGE
        ? `could not load ${(error.packages ?? []).join(", ") || "a package"}`
        : `${error.type}: ${error.message}`;
    this.status.set(`Error: ${summary}`, "error");
    this.idle();
  }

  /** Stopped by the reader or by the time limit; `message` says which. */
  stopped(message) {
    this.enter("stop");
    this.output?.note(message);
    this.status.set(message, "error");
    this.idle();
  }

  /**
   * Nothing ran (cancelled while queued, or blocked by an earlier block).
   * @param {string} message
   * @param {import("./status.js").State} [state]
   */
  notRun(message, state = "error") {
    this.enter("stop");
    this.status.set(message, state);
    this.idle();
  }

  /**
   * The runtime could not start, or broke under this run (`reason` FATAL_REASON.CRASH): say so, keeping
   * the output, and what the reader can do.
   * @param {string} message
   * @param {"start"|"crash"} [reason]
   * @param {string} [summary]
   */
  fatal(message, reason = FATAL_REASON.START, summary = "Error: Python crashed; a fresh one starts for the next run.") {
    this.enter("fail");
    if (reason === FATAL_REASON.CRASH) {
      if (this.output) this.output.append(renderFailure(message)); // below what it printed
      else this.notice(renderFailure(message));
      this.status.set(summary, "error");
    } else {
      this.notice(renderFailure(`${message} Check your connection, then press Run to try again.`));
      this.status.set(message, "error");
    }
    this.idle();
  }

  /** Put a message about a run that did not happen at the top of the output. */
  notice(node) {
    node.classList.add("livedemo-notice");
    this.outputBox.prepend(node);
  }

  /** The run is over (whatever its end): what is left of its output drawn, its inputs free. */
  idle() {
    this.output?.finish();
    this.inputs?.end(false);
    this.codeChanged(); // Reset may act again
  }

  /**
   * Take one move of the block's life (lifecycle.js) and render the new phase: Run and Stop,
   * Reset while busy (when idle, codeChanged decides: only when there is something to reset),
   * and data-state on the block. Every change of phase goes through here.
   * @param {import("./lifecycle.js").Move} move
   */
  enter(move) {
    this.phase = advance(this.phase, move);
    const busy = isBusy(this.phase);
    enable(this.buttons.run, !busy);
    enable(this.buttons.stop, busy);
    if (busy) enable(this.buttons.reset, false);
    this.element.dataset.state = busy ? "busy" : "idle";
  }

  dispose() {
    this.status.stopClock();
    this.editor?.destroy();
  }

  // --- Inputs, and the reader's version kept in this browser -----------------------------

  /** The block's inputs (made by page.js from the build's controls, or by a live run). */
  get inputs() {
    return panelOf(this.element) ?? null;
  }

  get inputValues() {
    return this.inputs?.values() ?? {};
  }

  inputsKey() {
    return this.inputs?.key() ?? "";
  }

  /** The key of the input values behind the shown output (null: nothing shown). */
  shownInputs() {
    return this.outputInputs === "build" ? (this.inputs?.defaultKey() ?? "") : this.outputInputs;
  }

  /** The run under way declared an input. */
  declareInput(spec) {
    let panel = this.inputs;
    if (!panel) {
      panel = inputPanel(this.element, this.onInput, { create: true });
      panel.begin(this.runInputs ?? {});
    }
    panel.declare(spec);
  }

  /** An input changed: whether to run (the output shown, or the run under way, is for other values). */
  inputsChanged() {
    this.codeChanged();
    const due = isBusy(this.phase) || this.outputCode === null ||
      this.inputsKey() !== this.shownInputs() || this.code !== this.outputCode;
    if (due) this.byInput = true;
    return due;
  }

  /** The inputs changed while this block ran: the run was stopped and the next one follows. */
  superseded() {
    this.enter("supersede");
    this.output?.discard();
    this.status.set("Updating…", "busy");
    this.idle();
  }

  /**
   * Bring back what the reader left in this block (`code`: their edited code), without running.
   * @param {{code?: string}} [saved]
   */
  restore({ code } = {}) {
    if (code !== undefined && code !== this.originalCode) {
      this.savedCode = code;
      this.edit(null, { focus: false });
    }
    this.codeChanged();
  }

  /** Keep the reader's code and input values for this page (forgotten when both are the author's). */
  remember() {
    const code = this.code;
    const inputs = this.inputs && !this.inputs.isDefault() ? this.inputs.values() : undefined;
    save(this.element, this.originalCode, { code: code === this.originalCode ? undefined : code, inputs });
  }
}
