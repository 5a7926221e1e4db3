// One demo block on the page: its options, code (static or in the editor), buttons,
// status line and output. The scheduler tells it what is happening; it only draws.

import { LiveOutput } from "./output.js";
import { PACKAGE_ERROR } from "./protocol.js";
import { renderError, renderFailure, renderStale } from "./render.js";
import { StatusLine, formatDownload, formatSeconds } from "./status.js";

const STALE_BUILD = "Output is from the original code; press Run to update";
const STALE_LIVE = "Output is from an earlier version of the code; press Run to update";

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
   * @param {{onRun: () => void, onEdit: () => void}} hooks  Ctrl/Cmd-Enter; the code changed
   */
  constructor(element, index, { onRun, onEdit }) {
    this.element = element;
    this.index = index;
    this.onRun = onRun;
    this.onEdit = onEdit;
    /** @type {import("./protocol.js").BlockOptions} */
    this.options = { title: null, session: null, packages: [], run: "build", timeout: 60 };
    try {
      Object.assign(this.options, JSON.parse(element.dataset.livedemo || "{}"));
    } catch {
      // Malformed options: run with the defaults rather than not at all.
    }
    this.title = this.options.title || element.querySelector(".livedemo-title")?.textContent || element.id;
    this.codeBox = element.querySelector(".livedemo-code");
    // `pre > code` exactly: Material may add its copy button inside the <pre>.
    this.originalCode = this.codeBox.querySelector("pre > code, pre")?.textContent ?? "";
    this.outputBox = element.querySelector(".livedemo-output");
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
    this.waited = 0;
    this.waitedFor = new Set();
    /** the code that produced the output shown (null: nothing shown yet) */
    this.outputCode = this.outputBox.dataset.origin === "build" ? this.originalCode : null;
    this.editor = null;
    this.editorLoading = null;
    /** @type {LiveOutput|null} */
    this.output = null;
  }

  get code() {
    return this.editor ? this.editor.getCode() : this.originalCode;
  }

  get session() {
    return this.options.session ?? null;
  }

  /** Shown in tracebacks. */
  get filename() {
    return this.options.file || `<${this.title}>`;
  }

  // --- Editing -------------------------------------------------------------------

  /** Swap the static code for the editor (once) and start editing. */
  async edit(point) {
    this.editorLoading ??= import("./editor.js").then(({ createEditor }) => {
      const hint = document.createElement("p");
      hint.className = "livedemo-hint";
      hint.id = `${this.element.id}-editing`;
      hint.textContent = "Editing · Tab indents · Esc stops editing · Ctrl+Enter runs";
      const mount = document.createElement("div");
      mount.className = "livedemo-editor";
      const keys = this.codeBox.querySelector(".livedemo-keys"); // "press Enter to edit" (controls.js)
      this.editor = createEditor(mount, {
        code: this.originalCode,
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
      (await this.editorLoading).focus(point);
    } catch (error) {
      this.editorLoading = null; // the static code stays; editing it again retries
      this.status.set(`The editor could not load (${error.message}).`, "error");
    }
  }

  /** Back to the page as it was built: the author's code, the build-time output, no status. */
  reset() {
    if (this.element.dataset.state === "busy") return;
    this.editor?.setCode(this.originalCode);
    this.output = null;
    this.ran = false;
    this.outputBox.replaceChildren(...this.initialOutput.map((node) => node.cloneNode(true)));
    this.outputBox.dataset.origin = this.initialOrigin;
    this.outputCode = this.initialOrigin === "build" ? this.originalCode : null;
    this.status.set("", "");
    this.codeChanged();
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
    const idle = this.element.dataset.state !== "busy";
    enable(this.buttons.reset, idle && (code !== this.originalCode || this.ran));
    const stale = this.outputCode !== null && code !== this.outputCode;
    this.outputBox.classList.toggle("livedemo-output--stale", stale);
    let notice = this.outputBox.querySelector(":scope > .livedemo-stale");
    if (stale && !notice) {
      const origin = this.outputBox.dataset.origin;
      notice = renderStale(origin === "build" ? STALE_BUILD : STALE_LIVE);
      this.outputBox.prepend(notice);
    } else if (!stale) notice?.remove();
  }

  // --- Run lifecycle, driven by the scheduler -------------------------------------

  /** Queued or waiting for the runtime: Stop becomes available. */
  busy(message) {
    if (this.element.dataset.state !== "busy") {
      this.requestedAt = performance.now(); // what the reader waits for starts now
      this.waitedFor = new Set();
    }
    enable(this.buttons.run, false);
    enable(this.buttons.stop, true);
    enable(this.buttons.reset, false);
    this.element.dataset.state = "busy";
    this.status.set(message, "busy");
  }

  loading(event) {
    this.waitedFor?.add(event.phase);
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
    this.output?.finish();
    this.output = null;
    for (const notice of this.outputBox.querySelectorAll(":scope > .livedemo-notice")) notice.remove();
    this.busy("Starting…");
  }

  /** Python starts: the shown output (from the build or an earlier run) is replaced. */
  running() {
    this.waited = performance.now() - this.requestedAt;
    this.ran = true;
    this.outputCode = this.code;
    this.problem = null;
    this.output = new LiveOutput(this.outputBox, {}, { onProblem: (message) => this.plotFailed(message) });
    this.codeChanged();
    this.status.clock("Running…");
    return this.output;
  }

  /** @param {number} elapsed ms */
  done(elapsed) {
    this.output?.finish();
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
    if (this.element.dataset.state === "idle" && this.status.element.dataset.state === "done") {
      this.status.set(`Error: ran in ${formatSeconds(this.elapsed)}, but a plot could not be drawn (see below)`, "error");
    }
  }

  /** @param {import("./protocol.js").ErrorInfo} error */
  failed(error) {
    if (this.output) this.output.error(error);
    else this.notice(renderError(error, KEPT[this.outputBox.dataset.origin])); // nothing ran
    const summary =
      error.type === PACKAGE_ERROR
        ? `could not load ${(error.packages ?? []).join(", ") || "a package"}`
        : `${error.type}: ${error.message}`;
    this.status.set(`Error: ${summary}`, "error");
    this.idle();
  }

  /** Stopped by the reader or by the time limit; `message` says which. */
  stopped(message) {
    this.output?.note(message);
    this.status.set(message, "error");
    this.idle();
  }

  /** Nothing ran (cancelled while queued, or blocked by an earlier block). */
  notRun(message, state = "error") {
    this.status.set(message, state);
    this.idle();
  }

  /**
   * The runtime could not start, or broke under this run (`reason` "crash"): say so, keeping
   * the output, and what the reader can do.
   */
  fatal(message, reason = "start") {
    if (reason === "crash") {
      if (this.output) this.output.append(renderFailure(message)); // below what it printed
      else this.notice(renderFailure(message));
      this.status.set("Error: Python crashed; a fresh one starts for the next run.", "error");
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

  idle() {
    this.output?.finish();
    enable(this.buttons.run, true);
    enable(this.buttons.stop, false);
    this.element.dataset.state = "idle";
    this.codeChanged(); // Reset may act again
  }

  dispose() {
    this.status.stopClock();
    this.editor?.destroy();
  }
}
