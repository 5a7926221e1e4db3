// @ts-check
// The one message protocol between the page (client.js) and the Python worker (worker.js).
//
// Every message carries an `id`. The page numbers its requests; every event the worker
// sends back carries the id of the request it belongs to. Each request gets exactly one
// terminal event (`ready`, `result`, `error` or `fatal`). Failures come back as data,
// never as thrown errors or silent drops.
//
//   (the worker boots Python as soon as it runs, without waiting for init: see worker.js)
//   page → worker   init  → loading* → ready | fatal
//                   wasm    follows init with the same id: the Module the page compiled, or
//                           null (see wasm.js); no reply of its own
//                   link    follows init with the same id: the page's verdict on the reader's
//                           link, from the wasm download (boot-zip.js), which picks the boot
//                           standard library; no reply of its own
//                   run   → loading* → running → (stdout|stderr|display|progress|input)* → result | error | fatal
//                           (fatal after running: Python crashed; the page starts a new worker)
//                   stop  → result            (a hint: only seen when the worker is between awaits)
//
//   Python → worker  display | progress | input   (FROM_PYTHON, through display.set_sink): the
//                    page event itself without its `id`, which the worker adds (the run's)
//
// Inputs: a run carries the reader's input values as data (`inputs`, by name); the code
// declares each input when it runs (livedemo.slider(...) etc.) and the worker reports the
// declaration with the value used as an `input` event, from which the page draws the control.
//
// Stop while Python runs: on plain static hosting the page terminates the worker and starts
// a fresh one; when the page is cross-origin isolated it writes SIGINT into the shared
// interrupt buffer given with `init`, and Python raises KeyboardInterrupt.

import { ERROR_TYPES, FATAL_REASONS, INTERRUPTED_MESSAGE, PYTHON_EVENTS } from "./contract.js";

/** Requests, page → worker. */
export const REQUEST = Object.freeze({ INIT: "init", WASM: "wasm", LINK: "link", RUN: "run", STOP: "stop" });

/** Events, worker → page. */
export const EVENT = Object.freeze({
  LOADING: "loading",
  READY: "ready",
  RUNNING: "running",
  STDOUT: "stdout",
  STDERR: "stderr",
  DISPLAY: /** @type {"display"} */ (PYTHON_EVENTS.display),
  PROGRESS: /** @type {"progress"} */ (PYTHON_EVENTS.progress),
  INPUT: /** @type {"input"} */ (PYTHON_EVENTS.input),
  RESULT: "result",
  ERROR: "error",
  FATAL: "fatal",
});

/** Events that end a request. */
/** @type {ReadonlySet<string>} */
export const TERMINAL = new Set([EVENT.READY, EVENT.RESULT, EVENT.ERROR, EVENT.FATAL]);

/** Value written into the interrupt buffer to raise KeyboardInterrupt (SIGINT). */
export const SIGINT = 2;

/**
 * Error types a run can end with besides Python's own (livedemo/contract.json):
 * INTERRUPTED  KeyboardInterrupt: Stop in place (interrupt buffer), or a run cancelled before it
 *              started (the worker reports it so);
 * PACKAGE      a package did not load (the run is not attempted);
 * STOPPED, SUPERSEDED, TIME_LIMIT  made by the page (scheduler.js) for a run it stopped: by the
 *              reader, because the inputs changed, or at the block's time limit.
 */
export const ERROR_TYPE = Object.freeze({
  INTERRUPTED: ERROR_TYPES.interrupted,
  PACKAGE: ERROR_TYPES.package,
  STOPPED: ERROR_TYPES.stopped,
  SUPERSEDED: ERROR_TYPES.superseded,
  TIME_LIMIT: ERROR_TYPES.timeLimit,
});

/** The message of a run KeyboardInterrupt ended: runner.py's, and the worker's for a run
 * stopped before it started (livedemo/contract.json). */
export { INTERRUPTED_MESSAGE };

/**
 * Why a worker is unusable (FatalEvent.reason): it could not start, or it broke under a run.
 */
export const FATAL_REASON = Object.freeze({
  START: /** @type {"start"} */ (FATAL_REASONS.start),
  CRASH: /** @type {"crash"} */ (FATAL_REASONS.crash),
});

/**
 * Events Python sends to the worker, through the sink livedemo/display.py's set_sink installs
 * (display.py and inputs.py emit them; at build time livedemo/outputs.py collects the same
 * events as output items). Each is the page event of its type without `id`: the worker adds the
 * run's id and sends it on, so every field has one spelling in Python, the build and the page.
 * @type {ReadonlySet<string>}
 */
export const FROM_PYTHON = new Set([EVENT.DISPLAY, EVENT.PROGRESS, EVENT.INPUT]);

/**
 * @typedef {Omit<DisplayEvent, "id">|Omit<ProgressEvent, "id">|Omit<InputEvent, "id">} PythonEvent
 */

/**
 * @typedef {object} InitRequest
 * @property {"init"} type
 * @property {number} id
 * @property {Int32Array} [interruptBuffer] shared buffer, only when crossOriginIsolated
 * @property {boolean} compiledWasm  a `wasm` message with the compiled module will follow (the
 *   worker's boot waits for it); false: Pyodide downloads and compiles the wasm itself
 * @property {boolean} [link]  a `link` message with the verdict on the link will follow (without
 *   it the worker does not wait for one: bytecode, see boot-zip.js)
 * @property {string[]} [prefetch]  packages the page's blocks declare: the worker downloads them
 *   (and their dependencies) while Python boots, so a first run does not wait for them after
 * @property {string} [lifeLock]  a Web Lock name the worker holds for its whole life, so the page
 *   learns when it ends without a message (closed, or killed by the browser)
 *
 * @typedef {object} WasmMessage
 * @property {"wasm"} type
 * @property {number} id  the init request's id
 * @property {WebAssembly.Module|null} module
 *
 * @typedef {object} LinkMessage
 * @property {"link"} type
 * @property {number} id  the init request's id
 * @property {"fast"|"slow"|null} verdict  fast: FAST_BYTES of the wasm came in time; null: the
 *   page could not watch its download (boot-zip.js)
 *
 * @typedef {object} RunRequest
 * @property {"run"} type
 * @property {number} id
 * @property {string} code       the exact source to run
 * @property {string|null} session  blocks with the same session share one namespace; null: fresh
 * @property {boolean} [fresh]  the session was reset: drop its namespace and start an empty one
 * @property {string[]} packages  loaded with pyodide.loadPackage before the code runs
 * @property {string} filename   shown in tracebacks
 * @property {Object<string, InputValue>} [inputs]  the reader's input values by name, handed to
 *   livedemo.inputs.set_values (converted with toPy); a name not given, or a value the
 *   declaration does not allow, gives the input's default
 *
 * @typedef {number|string|number[][]} InputValue  a slider's or number field's number, a
 *   choice's option (string or number), or the [x, y] pairs of a points input
 * @typedef {object} StopRequest
 * @property {"stop"} type
 * @property {number} id
 * @property {number} target  id of the run request to cancel
 *
 * @typedef {InitRequest|WasmMessage|LinkMessage|RunRequest|StopRequest} Request
 */

/**
 * @typedef {object} LoadingEvent  download progress of the runtime or packages
 * @property {"loading"} type
 * @property {number} id
 * @property {"runtime"|"packages"} phase
 * @property {number} loaded   bytes received so far
 * @property {number} total    bytes expected (0 when unknown)
 * @property {number} pending  downloads still under way
 * @property {string} [message]  e.g. "Loading numpy"
 *
 * @typedef {object} ReadyEvent
 * @property {"ready"} type
 * @property {number} id
 * @property {string} version  Pyodide version
 *
 * @typedef {object} RunningEvent  packages are loaded, Python starts now
 * @property {"running"} type
 * @property {number} id
 *
 * @typedef {object} StreamEvent  one write to sys.stdout or sys.stderr, exact text
 * @property {"stdout"|"stderr"} type
 * @property {number} id
 * @property {string} text
 *
 * @typedef {object} DisplayEvent  livedemo.show(spec, id=...)
 * @property {"display"} type
 * @property {number} id
 * @property {string|null} displayId  same displayId: redraw in place
 * @property {object} spec  Vega-Lite specification (plain JSON)
 *
 * @typedef {object} ProgressEvent  livedemo.progress(value, total, label=..., id=...)
 * @property {"progress"} type
 * @property {number} id
 * @property {string} progressId
 * @property {number} value
 * @property {number} total
 * @property {string} label
 *
 * @typedef {object} InputSpec  one input as the code declared it (see livedemo/inputs.py)
 * @property {"slider"|"number"|"choice"|"points"} control
 * @property {string} name      unique within the block; the key of its value in RunRequest.inputs
 * @property {string} label
 * @property {InputValue} default
 * @property {InputValue} value  the value this run used
 * @property {number|null} [low]  slider, number: bounds (null: none)
 * @property {number|null} [high]
 * @property {number|null} [step]  slider, number, points: the grid (null: any number)
 * @property {number|null} [decimals]  digits after the point that show a value on the grid
 * @property {boolean} [integer]  slider, number: whole numbers
 * @property {(string|number)[]} [options]  choice
 * @property {number[]} [x]  points: [low, high] of each axis
 * @property {number[]} [y]
 * @property {number} [min]  points: fewest and most points
 * @property {number} [max]
 *
 * @typedef {object} InputEvent  livedemo.slider(...), number, choice, points: an input declared
 * @property {"input"} type
 * @property {number} id
 * @property {InputSpec} input
 *
 * @typedef {object} ResultEvent  the request finished
 * @property {"result"} type
 * @property {number} id
 * @property {number} elapsed  milliseconds spent running Python
 *
 * @typedef {object} ErrorInfo
 * @property {string} type       Python's (e.g. "ValueError") or one of ERROR_TYPE
 * @property {string} message
 * @property {string} traceback  formatted, starting at the demo's own frame ("" if none)
 * @property {string} [details]  for a PackageError: what Pyodide's loader said
 * @property {string[]} [packages]  for a PackageError: the packages that did not load
 *
 * @typedef {object} ErrorEvent  the code raised, or a package did not load
 * @property {"error"} type
 * @property {number} id
 * @property {ErrorInfo} error
 * @property {number} elapsed
 *
 * @typedef {object} FatalEvent  the worker is unusable: the page replaces it
 * @property {"fatal"} type
 * @property {number} id
 * @property {string} message
 * @property {"start"|"crash"} [reason]  FATAL_REASON; start (default): the runtime could not start;
 *   crash: it broke under a run (WebAssembly stack or memory exhausted, process exit, internal error)
 * @property {string} [summary]  for a crash: the block's status line (what broke, in one line)
 *
 * @typedef {LoadingEvent|ReadyEvent|RunningEvent|StreamEvent|DisplayEvent|ProgressEvent|
 *   InputEvent|ResultEvent|ErrorEvent|FatalEvent} Event
 */

/**
 * Options of one demo block, from its `data-livedemo` attribute (written by the fence).
 * @typedef {object} BlockOptions
 * @property {string|null} title
 * @property {string|null} session
 * @property {string|null} [file]
 * @property {string[]} packages
 * @property {"build"|"live-only"} run
 * @property {number|null} [height]
 * @property {number} timeout  seconds
 * @property {number|null} [tolerance]  numbers of this demo may differ from the build's by this
 *   fraction between machines (said in the block's note; used by the site's tests)
 */

/**
 * Message for packages that did not load: each one's name and the URL that was tried.
 * @param {{name: string, url: string|null}[]} failures  url null: not in the site's lock file
 * @returns {string}
 */
export function packageErrorMessage(failures) {
  const parts = failures.map(({ name, url }) =>
    url ? `${name} from ${url}` : `${name} (this site's lock file does not list it)`,
  );
  return `could not load ${parts.join(", ")}`;
}
