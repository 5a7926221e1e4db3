// @ts-check
// What the reader's intent starts at once, from page.js, before the live chunk (live.js and
// its modules) has arrived: the Python worker, which boots as soon as it runs (worker.js), and
// the page's compile of Pyodide's wasm (wasm.js). The worker client (client.js) takes both
// over when it starts. Without this, the worker and the wasm waited for the live chunk, and
// its own imports, one request after another (benchmarks/README.md, "before Python starts").

import { LinkProbe } from "./boot-zip.js";
import { ByteCounter } from "./fetch-progress.js";
import { compileWasm } from "./wasm.js";

/** @param {URL} url */
export const spawn = (url) => new Worker(url, { type: "module", name: "livedemo-python" });

export class Launch {
  /**
   * @param {URL} workerURL
   * @param {URL} wasmURL  pyodide.asm.wasm
   * @param {{createWorker?: (url: URL) => Worker, compile?: typeof compileWasm}} [makers]  unit tests give their own
   */
  constructor(workerURL, wasmURL, { createWorker = spawn, compile = compileWasm } = {}) {
    /** @type {Worker|null} */
    this.worker = null;
    /** @type {unknown} why the worker could not be made, or its first error event before the client took it */
    this.failure = null;
    try {
      this.worker = createWorker(workerURL);
      const keep = (/** @type {Event} */ event) => {
        this.failure ??= event;
      };
      this.worker.addEventListener("error", keep);
      this.worker.addEventListener("messageerror", keep);
    } catch (error) {
      this.failure = error;
    }
    /** the wasm's bytes, reported to nobody until the client takes them over (client.js) */
    this.wasmBytes = new ByteCounter(() => {});
    /** the verdict on the reader's link, measured on the wasm's download (boot-zip.js) */
    this.link = new LinkProbe();
    this.wasm = compile(wasmURL, this.wasmBytes, this.link);
  }

  /** The live chunk never came, or the page changed before the client took the worker. */
  dispose() {
    this.worker?.terminate();
    this.worker = null;
  }
}
