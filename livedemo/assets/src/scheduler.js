// @ts-check
// Runs blocks one at a time in the page's single worker, keeping sessions consistent:
// before block k of session S runs, every earlier block of S that has not run in the
// current worker runs first (its output shown in its own block). After Stop replaces the
// worker, the same rule replays the session. Reset of a block of S drops S's Python state:
// S's next run starts from an empty namespace and replays S's blocks above it. Time limits
// are enforced like Stop.
//
// An input change re-runs its block with the newest values (`rerun`): a queued run simply
// starts with them; a run under way is superseded: it goes on to the end when that is cheaper
// than stopping it, and the block runs again right after it.

import { ERROR_TYPE, EVENT, FATAL_REASON, REQUEST } from "./protocol.js";

const STOPPED = { type: ERROR_TYPE.STOPPED, message: "Stopped.", traceback: "" };
const SUPERSEDED = { type: ERROR_TYPE.SUPERSEDED, message: "Stopped: the inputs changed.", traceback: "" };
/**
 * Where Python cannot be interrupted (plain static hosting), stopping a run costs a new worker:
 * a few seconds. A superseded run is stopped once it has run this long (at once when the
 * block's last run took longer); a quicker one finishes, its output shown until the next.
 */
const RESTART_COST_MS = 3000;
const timeLimit = (seconds) => ({
  type: ERROR_TYPE.TIME_LIMIT,
  message: `Stopped: this demo ran longer than its time limit of ${seconds} s.`,
  traceback: "",
});

/**
 * The run under way.
 * @typedef {object} Step
 * @property {import("./block.js").BlockView} view
 * @property {number} id  its run request's id
 * @property {object|null} reason  why it is being stopped (null: it is not)
 * @property {ReturnType<typeof setTimeout>|0} timer  the time limit
 * @property {number} [started]  when Python started (performance.now())
 * @property {ReturnType<typeof setTimeout>} [superseding]  the stop of a superseded run
 */

export class Scheduler {
  /**
   * @param {import("./client.js").WorkerClient} client
   * @param {import("./block.js").BlockView[]} views  in page order
   */
  constructor(client, views) {
    this.client = client;
    this.views = views;
    /** @type {import("./block.js").BlockView[]} blocks waiting for their turn */
    this.queue = [];
    /** the block whose run (with its session's earlier blocks) is under way */
    this.owner = null;
    /** @type {Step|null} */
    this.step = null;
    /** @type {Set<import("./block.js").BlockView>} blocks whose inputs changed while they ran */
    this.again = new Set();
    /** blocks whose code ran in the current worker */
    this.ranHere = new Set();
    /** sessions reset since they last ran: their next run gets an empty namespace */
    this.freshSessions = new Set();
    this.cancelled = false;
    this.pumping = false;
  }

  /** The worker was replaced: its namespaces are gone. */
  forgetRuns() {
    this.ranHere.clear();
  }

  /**
   * A block was reset: its session's namespace is dropped, so the session's next run starts
   * empty and replays the blocks above it (other sessions and blocks are untouched).
   * @param {import("./block.js").BlockView} view
   */
  resetSession(view) {
    if (view.session === null) return; // a block without a session starts empty every run
    this.freshSessions.add(view.session);
    for (const other of this.views) if (other.session === view.session) this.ranHere.delete(other);
  }

  /** Runtime download progress, shown by every block waiting for it. */
  runtimeLoading(event) {
    const waiting = this.cancelled ? this.queue : [this.owner, ...this.queue];
    for (const view of waiting) view?.loading(event);
  }

  /** @param {import("./block.js").BlockView} view */
  request(view) {
    if (view === this.owner && this.cancelled && !this.step) {
      this.cancelled = false; // Run again while the runtime is still loading
      view.busy("Starting…");
      return;
    }
    if (view === this.owner || this.queue.includes(view)) return;
    this.queue.push(view);
    view.busy(this.owner ? "Waiting for another demo to finish…" : "Starting…");
    this.pump();
  }

  /**
   * An input of `view` changed: run it with the new values. A run of it under way is
   * superseded (see RESTART_COST_MS), a queued one starts with them anyway.
   * @param {import("./block.js").BlockView} view
   */
  rerun(view) {
    const step = this.step;
    if (step?.view === view) {
      this.again.add(view); // pump() queues it once this run is over
      if (view === this.owner) this.supersede(step);
      return;
    }
    if (view === this.owner && !this.cancelled) return; // it reads its inputs when it starts
    if (this.queue.includes(view)) return;
    this.request(view);
  }

  /** @param {Step} step */
  supersede(step) {
    if (step.reason || step.superseding) return;
    const ran = step.started ? performance.now() - step.started : 0;
    const wait = this.client.interruptible || (step.view.elapsed ?? 0) >= RESTART_COST_MS
      ? 0
      : Math.max(0, RESTART_COST_MS - ran);
    step.superseding = setTimeout(() => this.interrupt(SUPERSEDED), wait);
  }

  /** @param {import("./block.js").BlockView} view */
  stop(view) {
    this.again.delete(view);
    const queued = this.queue.indexOf(view);
    if (queued !== -1) {
      this.queue.splice(queued, 1);
      view.notRun("Cancelled.", "");
    } else if (this.step && (view === this.owner || view === this.step.view)) {
      this.interrupt(STOPPED);
    } else if (view === this.owner && !this.cancelled) {
      this.cancelled = true; // still waiting for the runtime, which keeps loading
      view.notRun("Stopped.", "");
    }
  }

  interrupt(reason) {
    if (!this.step || this.step.reason) return;
    this.step.reason = reason;
    this.client.stop(this.step.id, reason);
  }

  async pump() {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        this.owner = this.queue.shift();
        this.cancelled = false;
        await this.runWithSession(this.owner);
        this.owner = null;
        for (const view of this.views.filter((other) => this.again.has(other))) {
          this.again.delete(view);
          this.request(view); // its inputs changed while it ran
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Blocks of the same session above `view` that have not run in this worker. */
  earlier(view) {
    if (view.session === null) return [];
    return this.views.filter(
      (other) => other.session === view.session && other.index < view.index && !this.ranHere.has(other),
    );
  }

  async runWithSession(owner) {
    const ready = await this.client.start();
    if (this.cancelled) return; // the reader pressed Stop meanwhile
    if (ready.type === EVENT.FATAL) {
      owner.fatal(ready.message);
      return;
    }
    for (const view of [...this.earlier(owner), owner]) {
      if (view !== owner) {
        this.queue = this.queue.filter((queued) => queued !== view); // runs now instead
        owner.busy(`Running “${view.title}” first (same session)…`);
      }
      const outcome = await this.runOne(view);
      if (outcome !== "ok") {
        if (view !== owner) owner.notRun(`Not run: “${view.title}” above did not finish (${outcome}).`);
        return;
      }
    }
  }

  /**
   * Run one block's code in the worker.
   * @returns {Promise<string>} "ok", or a word saying why not
   */
  async runOne(view) {
    view.begin();
    const message = {
      type: REQUEST.RUN,
      code: view.code,
      session: view.session,
      packages: view.options.packages ?? [],
      filename: view.filename,
      inputs: view.runInputs ?? {},
      fresh: view.session !== null && this.freshSessions.delete(view.session),
    };
    const { id, done } = this.client.send(message, (event) => this.onEvent(view, event));
    this.step = { view, id, reason: null, timer: 0 };
    const step = this.step;
    try {
      return this.settle(view, step, await done);
    } finally {
      clearTimeout(step.timer);
      clearTimeout(step.superseding);
      this.step = null;
    }
  }

  onEvent(view, event) {
    const { output } = view; // made when Python starts (the RUNNING event)
    switch (event.type) {
      case EVENT.LOADING:
        view.loading(event);
        break;
      case EVENT.RUNNING: {
        this.step.started = performance.now();
        view.running();
        const seconds = view.options.timeout;
        if (seconds > 0) {
          this.step.timer = setTimeout(() => this.interrupt(timeLimit(seconds)), seconds * 1000);
        }
        break;
      }
      case EVENT.STDOUT:
      case EVENT.STDERR:
        output.write(event.type, event.text);
        break;
      case EVENT.DISPLAY:
        output.display(event);
        break;
      case EVENT.PROGRESS:
        output.progress(event);
        break;
      case EVENT.INPUT:
        view.declareInput(event.input);
        break;
    }
  }

  settle(view, step, event) {
    if (event.type === EVENT.RESULT) {
      this.ranHere.add(view);
      view.done(event.elapsed);
      return "ok";
    }
    if (event.type === EVENT.FATAL) {
      this.forgetRuns();
      view.fatal(event.message, event.reason, event.summary);
      return event.reason === FATAL_REASON.CRASH ? "Python crashed" : "the runtime failed";
    }
    const { error } = event;
    if (error.type === ERROR_TYPE.INTERRUPTED) this.ranHere.add(view); // interrupted in place
    if (step.reason === SUPERSEDED) {
      view.superseded();
      return "superseded";
    }
    if (step.reason) {
      view.stopped(step.reason.message);
      return "stopped";
    }
    if (error.type !== ERROR_TYPE.PACKAGE) this.ranHere.add(view);
    view.failed(error);
    return "error";
  }
}
