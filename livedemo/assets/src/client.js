// @ts-check
// The page's side of the worker protocol: spawn the worker, number requests, route events
// back to whoever asked, and stop Python (interrupt buffer when isolated, else restart).

import { LinkProbe } from "./boot-zip.js";
import { ByteCounter } from "./fetch-progress.js";
import { spawn } from "./launch.js";
import { EVENT, FATAL_REASON, REQUEST, SIGINT, TERMINAL } from "./protocol.js";
import { compileWasm } from "./wasm.js";

/** Give an interrupted run this long to come back before the worker is replaced. */
const INTERRUPT_GRACE_MS = 2000;

export class WorkerClient {
  /**
   * @param {URL} workerURL
   * @param {URL} pyodideURL  the folder with pyodide.asm.wasm
   * @param {object} hooks
   * @param {(event: import("./protocol.js").LoadingEvent) => void} hooks.onLoading  runtime download
   * @param {() => void} hooks.onRestart  the worker was replaced: its namespaces are gone
   * @param {string[]} [hooks.prefetch]  packages to download while Python boots
   * @param {(url: URL) => Worker} [hooks.createWorker]  makes the worker (unit tests give their own)
   * @param {typeof compileWasm} [hooks.compile]  compiles Pyodide's wasm on the page (see wasm.js)
   * @param {() => import("./launch.js").Launch|null} [hooks.launched]  the worker and wasm compile
   *   page.js started on the reader's intent (launch.js), taken over by the first start()
   * @param {() => LinkProbe} [hooks.probe]  watches the wasm's download for the link's verdict (boot-zip.js)
   */
  constructor(workerURL, pyodideURL, {
    onLoading, onRestart, prefetch = [], createWorker = spawn, compile = compileWasm, launched = () => null,
    probe = () => new LinkProbe(),
  }) {
    this.createWorker = createWorker;
    this.compile = compile;
    this.launched = launched;
    this.probe = probe;
    /** @type {LinkProbe|null} the verdict on the link, measured with the wasm's download */
    this.link = null;
    /** packages the page's blocks declare: downloaded while Python boots */
    this.prefetch = prefetch;
    this.workerURL = workerURL;
    this.wasmURL = new URL("pyodide.asm.wasm", pyodideURL);
    this.onLoading = onLoading;
    this.onRestart = onRestart;
    this.nextId = 1;
    /** @type {Map<number, {onEvent: Function, resolve: Function, type: string}>} */
    this.pending = new Map();
    this.worker = null;
    /** @type {Promise<import("./protocol.js").Event>|null} resolves with ready or fatal */
    this.ready = null;
    this.interruptBuffer = null;
    /** @type {Promise<WebAssembly.Module|null>|null} compiled once, reused by restarted workers */
    this.wasm = null;
    /** runtime bytes: the wasm counted here, the rest reported by the worker */
    this.bytes = { page: null, worker: null, id: 0 };
    this.wasmBytes = new ByteCounter((...counts) => this.loading("page", counts));
  }

  /**
   * Report the runtime download, the page's and the worker's parts added up; `pending` is
   * 0 only once both have downloaded something and nothing is still coming.
   */
  loading(part, [loaded, total, pending]) {
    this.bytes[part] = { loaded, total, pending };
    const { page, worker, id } = this.bytes;
    const parts = [page, worker].filter(Boolean);
    const sum = (key) => parts.reduce((acc, counts) => acc + counts[key], 0);
    this.onLoading({
      type: EVENT.LOADING,
      id,
      phase: "runtime",
      loaded: sum("loaded"),
      total: parts.every((counts) => counts.total > 0) ? sum("total") : 0,
      pending: parts.length < 2 ? 1 : sum("pending"),
    });
  }

  /** Start the worker and Python (once); resolves with the `ready` or `fatal` event. */
  start() {
    const launch = this.launched();
    if (this.ready) {
      launch?.dispose(); // started before page.js's own start: not needed
      return this.ready;
    }
    try {
      this.worker = launch?.worker ?? this.createWorker(this.workerURL);
    } catch (error) {
      return Promise.resolve({ type: EVENT.FATAL, id: 0, message: `Python could not start: ${error.message}` });
    }
    this.worker.addEventListener("message", (message) => this.dispatch(message.data));
    const broken = (what) => () => this.failAll(`The Python worker ${what}; reload the page.`);
    this.worker.addEventListener("error", broken("could not be loaded or crashed"));
    this.worker.addEventListener("messageerror", broken("sent a message that could not be read"));
    this.interruptBuffer = globalThis.crossOriginIsolated
      ? new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT))
      : null;
    const worker = this.worker;
    if (launch && !this.wasm) {
      this.wasm = launch.wasm;
      this.link = launch.link;
      launch.wasmBytes.report = (...counts) => this.loading("page", counts);
      if (launch.wasmBytes.loaded > 0 || launch.wasmBytes.pending > 0) launch.wasmBytes.emit(true);
    }
    if (!this.wasm || !this.link) {
      this.link = this.probe();
      this.wasm = this.compile(this.wasmURL, this.wasmBytes, this.link);
    }
    const link = this.link;
    this.bytes.worker = null;
    const lifeLock = `livedemo-worker-${crypto.randomUUID?.() ?? Math.random()}`;
    const init = {
      type: REQUEST.INIT, interruptBuffer: this.interruptBuffer, compiledWasm: true, link: true, lifeLock, prefetch: this.prefetch,
    };
    const { id, done } = this.send(init, (event) => {
      if (event.type === EVENT.LOADING) this.loading("worker", [event.loaded, event.total, event.pending]);
    });
    this.bytes.id = id;
    if (launch?.worker && launch.failure) this.failAll("The Python worker could not be loaded or crashed; reload the page.");
    this.wasm.then((module) => {
      if (this.worker !== worker) return;
      try {
        worker.postMessage({ type: REQUEST.WASM, id, module });
      } catch {
        worker.postMessage({ type: REQUEST.WASM, id, module: null }); // a Module this browser cannot send
      }
    });
    link.verdict.then((verdict) => {
      if (this.worker === worker) worker.postMessage({ type: REQUEST.LINK, id, verdict });
    });
    this.ready = done.then((event) => {
      if (event.type === EVENT.READY) this.watch(worker, lifeLock);
      if (event.type === EVENT.FATAL) {
        this.wasm = null; // compile again next time: the network may be back
        if (this.worker === worker) this.discard(); // the next start() retries
      }
      return event;
    });
    return this.ready;
  }

  /**
   * Learn when `worker` ends without telling us (closed itself, killed by the browser): it holds
   * `lock` for its whole life, so our request for the lock is granted only once it is gone.
   */
  watch(worker, lock) {
    if (!globalThis.navigator?.locks) return; // then the time limit is the only safety net
    navigator.locks.request(lock, () => {
      if (this.worker === worker) {
        this.failAll(
          "The Python worker stopped without a word (the browser may have ended it, for example " +
            "when it ran out of memory). A fresh Python starts for the next run; variables from " +
            "earlier runs are gone.",
          FATAL_REASON.CRASH,
        );
      }
    }).catch(() => {});
  }

  /**
   * Send a request; `onEvent` sees every non-terminal event for it.
   * @returns {{id: number, done: Promise<import("./protocol.js").Event>}} done: the terminal event
   */
  send(message, onEvent = () => {}) {
    const id = this.nextId++;
    if (!this.worker) {
      return { id, done: Promise.resolve({ type: EVENT.FATAL, id, message: "Python is not running." }) };
    }
    if (message.type === REQUEST.RUN && this.interruptBuffer) {
      Atomics.store(this.interruptBuffer, 0, 0); // a late Stop of the previous run must not leak
    }
    const done = new Promise((resolve) => {
      this.pending.set(id, { onEvent, resolve, type: message.type });
      this.worker.postMessage({ ...message, id });
    });
    return { id, done };
  }

  /** `send`, for callers that do not need the id. */
  request(message, onEvent) {
    return this.send(message, onEvent).done;
  }

  /** @param {import("./protocol.js").Event} event */
  dispatch(event) {
    const entry = this.pending.get(event.id);
    if (!entry) return; // a request settled already (e.g. by a restart)
    if (TERMINAL.has(event.type)) {
      this.pending.delete(event.id);
      entry.resolve(event);
      // Python broke under a run: this worker is unusable, so the next request gets a new one
      // and nothing stays queued behind the dead one.
      if (event.type === EVENT.FATAL && entry.type === REQUEST.RUN) {
        this.failAll("Python restarted after a crash; press Run again.", FATAL_REASON.CRASH);
      }
    } else entry.onEvent(event);
  }

  /** Whether Python can be interrupted in place (cross-origin isolated pages only). */
  get interruptible() {
    return this.interruptBuffer !== null;
  }

  /**
   * Stop the run with id `target`. Interrupts Python when possible (namespaces survive),
   * otherwise, or if Python does not come back in time, replaces the worker.
   * @param {number} target
   * @param {import("./protocol.js").ErrorInfo} reason  what the stopped request resolves with
   *   if the worker has to be replaced
   */
  stop(target, reason) {
    if (!this.worker || !this.pending.has(target)) return;
    if (!this.interruptible) {
      this.restart(reason);
      return;
    }
    Atomics.store(this.interruptBuffer, 0, SIGINT);
    this.send({ type: REQUEST.STOP, target }); // cancels it if Python has not started yet
    const worker = this.worker;
    setTimeout(() => {
      if (this.worker === worker && this.pending.has(target)) this.restart(reason);
    }, INTERRUPT_GRACE_MS);
  }

  /** Terminate the worker, settle its requests with `reason`, and boot a fresh one. */
  restart(reason) {
    const pending = [...this.pending];
    this.discard();
    this.onRestart();
    for (const [id, { resolve }] of pending) resolve({ type: EVENT.ERROR, id, error: reason, elapsed: 0 });
    this.start();
  }

  /** Drop the worker and end every request still waiting for it with `message`. */
  failAll(message, reason = undefined) {
    const pending = [...this.pending];
    this.discard();
    this.onRestart();
    for (const [id, { resolve }] of pending) resolve({ type: EVENT.FATAL, id, message, reason });
  }

  /** Forget the worker and its requests without settling them. */
  discard() {
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
    this.pending.clear();
  }

  dispose() {
    this.failAll("The page changed.");
  }
}
