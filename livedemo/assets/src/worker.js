// @ts-check
// The module Web Worker that runs Python with Pyodide. One per page, shared by all blocks.
// It speaks only the protocol in protocol.js; Python never runs on the page's main thread.
//
// It starts Python as soon as it runs, before the page's `init` arrives: the page creates it
// on the reader's intent, and a message to a worker that has just started is delivered only
// when the page's main thread is free, which it often is not then (it compiles Pyodide's wasm,
// wasm.js, and loads the live chunk). `init` brings what can come later: the interrupt buffer,
// the life lock, the packages to prefetch, and which request the loading counts belong to.

import initPy from "../../__init__.py";
import contractPy from "../../contract.py";
import bytecodePy from "../../bytecode.py";
import displayPy from "../../display.py";
import inputsPy from "../../inputs.py";
import isolationPy from "../../isolation.py";
import lazystdlibPy from "../../lazystdlib.py";
import runnerPy from "../../runner.py";
import { BOOT_ZIP_PLACEHOLDER, chooseBootZip, useBootZip } from "./boot-zip.js";
import { CONTRACT_JSON } from "./contract.js";
import { FetchPipeline } from "./fetch-pipeline.js";
import { ByteCounter, countFetches } from "./fetch-progress.js";
import { PackageBytecode } from "./bytecode-cache.js";
import { ERROR_TYPE, EVENT, FATAL_REASON, FROM_PYTHON, INTERRUPTED_MESSAGE, REQUEST, packageErrorMessage } from "./protocol.js";
import { PackagePrefetch, withDependencies } from "./prefetch.js";
import { Snapshots } from "./snapshot.js";
import { StreamBatch } from "./stream-batch.js";
import { useCompiledWasm } from "./wasm.js";

const PYODIDE_URL = new URL("../pyodide/", import.meta.url).href;
const LIVEDEMO_FILES = {
  "__init__.py": initPy, "bytecode.py": bytecodePy, "contract.py": contractPy, "contract.json": CONTRACT_JSON, "display.py": displayPy,
  "inputs.py": inputsPy, "isolation.py": isolationPy, "runner.py": runnerPy, "lazystdlib.py": lazystdlibPy,
};

/** @param {import("./protocol.js").Event} event */
const post = (event) => self.postMessage(event);

/** @param {unknown} error */
const describe = (error) => (error instanceof Error ? error.message : String(error));

const LOCK_URL = `${PYODIDE_URL}pyodide-lock.json`;
// The standard library Python boots with: what the boot, livedemo, the site's packages and its
// demos import (livedemo/bootstdlib.py), as bytecode or as sources, the zips the build ships
// listed in BOOT_ZIPS_URL; which one, by the reader's link (boot-zip.js). The rest downloads on
// the first import of a module outside it (livedemo/lazystdlib.py); Pyodide's whole
// python_stdlib.zip is not used.
const BOOT_ZIPS_URL = `${PYODIDE_URL}python_stdlib_boot.json`;
const REST_STDLIB_URL = `${PYODIDE_URL}python_stdlib_rest.zip`;

/** How long a new snapshot waits at most for the runs queued during the boot (runsWaiting). */
const SNAPSHOT_DELAY_MS = 3000;

/** Outcome type of a run during which the runtime itself broke. */
const CRASH = FATAL_REASON.CRASH;

const FRESH = "A fresh Python starts for the next run; variables from earlier runs are gone.";

/**
 * What the reader reads when the runtime broke under a run. Emscripten reports a process exit
 * (a C extension calling exit(), posix._exit) as "Program terminated with exit(N)": that is
 * said as an exit with its code, not blamed on memory.
 */
const crashMessage = (reason) => {
  const exit = /exit\((-?\d+)\)/.exec(reason);
  if (exit) {
    return {
      summary: `Error: Python exited with code ${exit[1]}; a fresh one starts for the next run.`,
      message: `Python exited with code ${exit[1]} while this demo ran: the code ended the ` +
        `process (os._exit ends only the run; posix._exit or a C exit() end Python). ${FRESH}`,
    };
  }
  if (/call stack|stack overflow/i.test(reason)) {
    return {
      summary: "Error: RecursionError: the browser's stack ran out; a fresh Python starts for the next run.",
      message: `RecursionError: the browser's stack ran out while this demo ran (${reason}). Recursion ` +
        "through Python's C code (map, getattr, repr, json…) holds about 1,000 levels here, plain " +
        "Python functions a few thousand. Recursion this deep usually means a missing base case; " +
        `otherwise write it as a loop. ${FRESH}`,
    };
  }
  return {
    summary: "Error: Python crashed; a fresh one starts for the next run.",
    message: `Python stopped working while this demo ran (${reason}). This happens when code uses ` +
      `more memory than the browser allows, or hits a bug in the runtime. ${FRESH}`,
  };
};

/** Where the lock file says a package's wheel is, or null when it does not list the package. */
function packageURL(pyodide, name) {
  const entry = pyodide.lockfile?.packages?.[name];
  return entry ? new URL(entry.file_name, LOCK_URL).href : null;
}

/** Everything the worker knows; it lives exactly as long as the worker. */
class PythonWorker {
  constructor() {
    /** @type {Promise<object>|null} started by start() */
    this.python = null;
    /** @type {{id: number, phase: "runtime"|"packages", message?: string}} the request whose
     * downloads are being counted (id 0 until init: the page ignores those, init repeats them) */
    this.loadingFor = { id: 0, phase: "runtime" };
    /** session name → namespace (a Python dict) */
    this.sessions = new Map();
    /** run ids stopped before Python started */
    this.cancelled = new Set();
    /** runs execute one after another, in arrival order */
    this.queue = Promise.resolve();
    /** id of the run whose Python code is executing, or null */
    this.current = null;
    /** rejects the boot under way: Pyodide hangs rather than fails when its wasm is missing */
    this.failBoot = null;
    /** @type {(module: WebAssembly.Module|null) => void} resolves the WebAssembly.Module the page compiled (see wasm.js) */
    this.provideWasm = () => {};
    /** resolves when Pyodide instantiates its wasm: Python's start-up holds the thread next */
    this.instantiating = new Promise((resolve) => {
      this.instantiated = () => resolve(undefined);
    });
    /** settles when the page's module (or null) arrived */
    this.wasmArrived = new Promise((resolve) => {
      this.provideWasm = resolve;
    });
    /** @type {Promise<import("./boot-zip.js").Verdict|null>} the page's verdict on the link (boot-zip.js): its
     * `link` message brings it; an init that announces none makes it null */
    this.linkVerdict = new Promise((resolve) => {
      this.provideLink = resolve;
    });
    this.bytes = new ByteCounter((loaded, total, pending) =>
      post({ type: EVENT.LOADING, ...this.loadingFor, loaded, total, pending }),
    );
    /** the worker's one fetch: wasm, prefetch and count stages (fetch-pipeline.js) */
    this.fetches = new FetchPipeline(self);
    /** resolves when the standard library's download has arrived (see runtimeArrived) */
    this.stdlibArrived = new Promise((resolve) => {
      this.arrived = (url) => {
        if (/\/python_stdlib[^/]*\.zip$/.test(url)) resolve(undefined); // the boot zip
      };
    });
    countFetches(this.fetches, this.bytes, (url, reason) => {
      if (!url.endsWith(".whl")) this.failBoot?.(new Error(`could not download ${url.split("/").pop()} (${reason})`));
    }, (url) => this.arrived(url));
    this.prefetch = new PackagePrefetch(this.fetches); // the page's packages download during the boot
    this.snapshots = new Snapshots(LIVEDEMO_FILES);
    /** where wheels are installed (Pyodide says so to fsInit) */
    this.sitePackages = "";
    /** @type {PackageBytecode|null} the packages' bytecode kept for the next views (bytecode-cache.js) */
    this.bytecode = null;
    /** @type {Promise<string>} the boot zip the next loadPyodide gets (load() sets it) */
    this.bootZip = Promise.reject(new Error("the boot zip is chosen by load()"));
    this.bootZip.catch(() => {});
    useBootZip(this.fetches, () => this.bootZip);
  }

  /**
   * Boot Python now, with the wasm module the page compiles (its `wasm` message; null, or an
   * init without `compiledWasm`, makes Pyodide download and compile the file itself).
   */
  start() {
    useCompiledWasm(this.fetches, this.wasmArrived, (error) => this.failBoot?.(error), this.instantiated);
    this.prefetch.readLock(LOCK_URL); // init names the packages; their URLs are then known at once
    this.python = this.boot();
    this.python.catch(() => {}); // reported to init and to every run
  }

  /** @param {import("./protocol.js").Request} request */
  receive(request) {
    if (request.type === REQUEST.INIT) this.init(request);
    else if (request.type === REQUEST.WASM) this.provideWasm(request.module);
    else if (request.type === REQUEST.LINK) this.provideLink(request.verdict);
    else if (request.type === REQUEST.RUN) this.queue = this.queue.then(() => this.run(request));
    else if (request.type === REQUEST.STOP) {
      this.cancelled.add(request.target);
      post({ type: EVENT.RESULT, id: request.id, elapsed: 0 });
    } else {
      const unknown = /** @type {{id: number, type: string}} */ (request);
      post({ type: EVENT.FATAL, id: unknown.id, message: `unknown request ${unknown.type}` });
    }
  }

  /**
   * When the wheels may start downloading: once Python's own big files (the wasm module the
   * page compiles, the standard library) have arrived, or Pyodide instantiates its wasm (after
   * that, Python's start-up holds the worker's thread, and a wheel asked for then would go out
   * only after it; the standard library's count may not have noticed its end yet), or the
   * boot is over, whichever comes first (a restored snapshot, a failure). Before that they
   * would share the bandwidth with the files the boot waits for (prefetch.js).
   * @param {Promise<unknown>} wasm  settles when the page's module (or null) arrived
   * @param {Promise<unknown>} boot
   */
  runtimeArrived(wasm, boot) {
    return Promise.race([Promise.all([wasm, this.stdlibArrived]), this.instantiating, boot.catch(() => {})]);
  }

  /**
   * Settles when the runs queued so far are over, or after SNAPSHOT_DELAY_MS at most: the
   * snapshot is compressed after the reader's first run, not beside it, and still kept when
   * that run is long or stopped (Stop restarts from the snapshot).
   */
  runsWaiting() {
    const delay = new Promise((resolve) => setTimeout(resolve, SNAPSHOT_DELAY_MS));
    return Promise.race([this.queue.catch(() => {}), delay]);
  }

  /** @param {import("./protocol.js").InitRequest} request */
  async init({ id, interruptBuffer, compiledWasm, link = false, lifeLock, prefetch = [] }) {
    // Held for this worker's whole life: the browser releases it when the worker ends for any
    // reason, which is how the page learns that a worker died without a word (see client.js).
    if (lifeLock && globalThis.navigator?.locks) {
      navigator.locks.request(lifeLock, () => new Promise(() => {})).catch(() => {});
    }
    if (!compiledWasm) this.provideWasm(null); // no module follows: Pyodide fetches the file
    if (this.loadingFor.phase === "runtime") {
      this.loadingFor = { id, phase: "runtime" };
      if (this.bytes.loaded > 0 || this.bytes.pending > 0) this.bytes.emit(true); // what came before init, for this request
    }
    if (!link) this.provideLink(null); // no verdict follows: bytecode (boot-zip.js)
    this.prefetch.start(LOCK_URL, prefetch, this.runtimeArrived(this.wasmArrived, this.python));
    try {
      const { pyodide } = await this.python;
      if (interruptBuffer) pyodide.setInterruptBuffer(interruptBuffer);
      post({ type: EVENT.READY, id, version: pyodide.version });
    } catch (error) {
      post({ type: EVENT.FATAL, id, message: `Python could not start: ${describe(error)}` });
    }
  }

  async boot() {
    const failed = new Promise((_, reject) => {
      this.failBoot = reject;
    });
    try {
      return await Promise.race([this.load(), failed]);
    } finally {
      this.failBoot = null;
    }
  }

  async load() {
    const listed = fetch(BOOT_ZIPS_URL).then((response) => response.json());
    // A snapshot keeps the zip it was made with (its memory holds that zip's table of
    // contents); otherwise the page's verdict on the link chooses (boot-zip.js). Only the
    // standard library's request waits for the choice (the pipeline's stdlib stage).
    const choose = async (kept) => {
      const zips = await listed;
      const keep = kept !== null && Object.values(zips).includes(kept);
      return chooseBootZip({ zips, kept: keep ? kept : null, verdict: keep ? null : await this.linkVerdict });
    };
    const { loadPyodide, version } = await import(`${PYODIDE_URL}pyodide.mjs`);
    const snapshot = await this.snapshots.find(version);
    this.bootZip = choose(snapshot?.zip ?? null);
    const options = {
      indexURL: PYODIDE_URL,
      lockFileURL: LOCK_URL,
      stdLibURL: `${PYODIDE_URL}${BOOT_ZIP_PLACEHOLDER}`,
      stdout: () => {}, // demo output goes through runner.py; this is Pyodide's own chatter
      stderr: () => {},
      fsInit: async (FS, { sitePackages }) => {
        this.sitePackages = sitePackages;
        FS.mkdirTree(`${sitePackages}/livedemo`);
        for (const [name, text] of Object.entries(LIVEDEMO_FILES)) {
          FS.writeFile(`${sitePackages}/livedemo/${name}`, text);
        }
      },
    };
    let pyodide = null;
    if (snapshot) {
      try {
        pyodide = await loadPyodide({ ...options, _loadSnapshot: snapshot.bytes });
        if (pyodide.pyimport("livedemo.lazystdlib").stale()) throw new Error("another boot standard library");
      } catch {
        pyodide = null;
        this.snapshots.drop(version); // made by another build of Pyodide, or damaged: boot as usual
        this.bootZip = choose(null); // chosen afresh
      }
    }
    const fresh = pyodide === null;
    pyodide ??= await loadPyodide({ ...options, _makeSnapshot: true });
    if (fresh) pyodide.pyimport("livedemo.lazystdlib").install(REST_STDLIB_URL);
    // What demo code may import (runner.py Imports): the site's packages by import name, so that
    // a package another block loaded is refused all the same to a block that does not declare it.
    const lock = pyodide.lockfile?.packages ?? {};
    const shipped = Object.fromEntries(
      Object.entries(lock).flatMap(([name, entry]) => (entry.imports ?? []).map((module) => [module, name])),
    );
    const modules = {
      lock,
      shipped: pyodide.toPy(shipped),
      runner: pyodide.pyimport("livedemo.runner"),
      display: pyodide.pyimport("livedemo.display"),
      inputs: pyodide.pyimport("livedemo.inputs"),
      dumps: pyodide.pyimport("json").dumps,
    };
    if (fresh) {
      // Python is up, livedemo imported, nothing run yet: keep this for the next page views.
      try {
        this.snapshots.save(version, pyodide.makeMemorySnapshot(), await this.bootZip, this.runsWaiting());
      } catch {
        // Not possible in this state: the next page views boot as usual.
      }
    }
    // The code Python compiles while a demo imports a package is recorded and kept for the next
    // views (bytecode.py, bytecode-cache.js). After the snapshot: a restored Python does it again.
    const bytecode = pyodide.pyimport("livedemo.bytecode");
    bytecode.install(this.sitePackages);
    this.bytecode = new PackageBytecode(version, () => this.sitePackages);
    // Pyodide's hook for its own fatal errors (after one, every call would hang or throw):
    // end the run under way as a crash, so the page replaces this worker at once.
    if (pyodide._api) pyodide._api.on_fatal = (error) => this.crashed(describe(error));
    return { pyodide, ...modules, harvest: bytecode.harvest };
  }

  /** @param {import("./protocol.js").RunRequest} request */
  async run({ id, code, session, packages, filename, inputs, fresh = false }) {
    let python;
    try {
      python = await this.python;
    } catch (error) {
      post({ type: EVENT.FATAL, id, message: `Python could not start: ${describe(error)}` });
      return;
    }
    const missing = await this.loadPackages(python.pyodide, id, packages);
    if (missing.names.length > 0) {
      const failures = missing.names.map((name) => ({ name, url: packageURL(python.pyodide, name) }));
      const error = {
        type: ERROR_TYPE.PACKAGE,
        message: packageErrorMessage(failures),
        traceback: "",
        details: missing.details.join("\n"),
        packages: missing.names,
      };
      post({ type: EVENT.ERROR, id, error, elapsed: 0 });
      return;
    }
    if (this.cancelled.delete(id)) {
      const error = { type: ERROR_TYPE.INTERRUPTED, message: INTERRUPTED_MESSAGE, traceback: "" };
      post({ type: EVENT.ERROR, id, error, elapsed: 0 });
      return;
    }
    post({ type: EVENT.RUNNING, id });
    this.current = id;
    const started = performance.now();
    if (fresh && session !== null) this.sessions.get(session)?.destroy();
    if (fresh && session !== null) this.sessions.delete(session); // reset: the session starts empty
    const outcome = await this.execute(python, { id, code, session, filename, packages, inputs });
    const elapsed = performance.now() - started;
    if (this.current !== id) return; // crashed() has answered already
    this.current = null;
    if (outcome === null) post({ type: EVENT.RESULT, id, elapsed });
    else if (outcome.type === CRASH) this.crashed(outcome.message, id);
    else post({ type: EVENT.ERROR, id, error: outcome, elapsed });
    if (outcome?.type !== CRASH && packages.length > 0) {
      const made = (top) => {
        const list = python.harvest(top);
        try {
          return list.toJs();
        } finally {
          list.destroy();
        }
      };
      this.bytecode?.keep(python.lock, withDependencies(python.lock, packages), made); // after the answer
    }
  }

  /** The runtime broke under run `id`: answer it once with a crash; nothing runs here again. */
  crashed(reason, id = this.current) {
    if (id === null) return;
    this.current = null;
    this.python = Promise.reject(new Error(`Python crashed (${reason})`));
    this.python.catch(() => {});
    post({ type: EVENT.FATAL, id, reason: FATAL_REASON.CRASH, ...crashMessage(reason) });
  }

  /**
   * Load packages; return the names that did not load and Pyodide's messages about them.
   * loadPackage does not throw when a package fails: it leaves it out of what it returns.
   */
  async loadPackages(pyodide, id, names) {
    const wanted = names.filter((name) => !(name in pyodide.loadedPackages));
    if (wanted.length === 0) return { names: [], details: [] };
    this.loadingFor = { id, phase: "packages", message: `Loading ${wanted.join(", ")}` };
    this.bytes.reset();
    post({ type: EVENT.LOADING, ...this.loadingFor, loaded: 0, total: 0, pending: 0 });
    const details = [];
    let loaded = [];
    const lock = pyodide.lockfile?.packages ?? {};
    // Read while the wheels install; written beside their sources before the demo runs.
    const bytecode = this.bytecode?.find(lock, withDependencies(lock, wanted).filter((name) => !(name in pyodide.loadedPackages)));
    try {
      loaded = await pyodide.loadPackage(wanted, {
        messageCallback: () => {},
        errorCallback: (message) => details.push(message),
      });
    } catch (error) {
      details.push(describe(error));
    }
    const got = new Set((loaded ?? []).map((pkg) => pkg.name));
    if (bytecode) {
      const found = await bytecode;
      for (const name of found.keys()) if (!got.has(name)) found.delete(name); // not installed now
      this.bytecode?.restore(pyodide, found);
    }
    // A package whose dependency failed may install anyway: report every one that is missing,
    // dependencies first, so the message names the download that really failed.
    const failed = withDependencies(pyodide.lockfile?.packages ?? {}, wanted).filter(
      (name) => !got.has(name) && !(name in pyodide.loadedPackages),
    );
    return { names: failed, details };
  }

  /**
   * Run code in its namespace (awaiting a top-level `await`); resolve with null or the error
   * as data. A JavaScript error here means the runtime itself broke (its WebAssembly stack or
   * memory ran out, or an internal error): that comes back as type CRASH.
   */
  async execute({ pyodide, runner, display, inputs: inputsModule, dumps, lock, shipped }, { id, code, session, filename, packages, inputs }) {
    const toJSON = (proxy) => JSON.parse(dumps(proxy)); // Python data crosses as JSON text
    const namespace = this.namespace(pyodide, session);
    const streams = new StreamBatch((/** @type {"stdout"|"stderr"} */ stream, text) => post({ type: stream, id, text }));
    const onOutput = (stream, text) => streams.write(stream, text);
    const sink = (proxy) => {
      streams.flush(); // text printed before a plot or progress bar arrives before it
      /** @type {import("./protocol.js").PythonEvent} */
      const event = toJSON(proxy); // a borrowed proxy: Pyodide destroys it after the call
      if (FROM_PYTHON.has(event.type)) post({ ...event, id }); // the page event, with the run's id
    };
    display.set_sink(sink);
    let declared = null;
    let values = null;
    let importable = null;
    try {
      values = pyodide.toPy(inputs ?? {}); // the reader's values, as data
      inputsModule.set_values(values);
      declared = pyodide.toPy(packages);
      const names = withDependencies(lock, packages).flatMap((name) => lock[name]?.imports ?? []);
      const namesPy = pyodide.toPy(names);
      importable = runner.importable_names(namesPy);
      namesPy.destroy();
      const error = await runner.execute_async.callKwargs(code, namespace, {
        filename, on_output: onOutput, packages: declared, importable, shipped,
      });
      if (error === undefined) return null;
      try {
        return toJSON(error);
      } finally {
        error.destroy();
      }
    } catch (error) {
      return { type: CRASH, message: describe(error), traceback: "" };
    } finally {
      declared?.destroy();
      values?.destroy();
      importable?.destroy();
      streams.flush();
      display.set_sink(null);
      inputsModule.set_values(null);
      if (session === null) namespace.destroy();
    }
  }

  /** The session's namespace, or a fresh one for a block without a session. */
  namespace(pyodide, session) {
    if (session !== null && this.sessions.has(session)) return this.sessions.get(session);
    const namespace = pyodide.toPy({ __name__: "__main__" });
    if (session !== null) this.sessions.set(session, namespace);
    return namespace;
  }
}

const worker = new PythonWorker();
self.addEventListener("message", (/** @type {MessageEvent} */ message) => worker.receive(message.data));
worker.start();
