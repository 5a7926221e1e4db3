// @ts-check
// Count downloaded bytes against Content-Length, for the "Loading Python… 3.1 of 12.3 MB"
// status. The body is counted on a clone of the response, so the original (with its URL,
// which lets the browser cache compiled WebAssembly) is used untouched.

const REPORT_EVERY_MS = 100;

/** Bytes received and expected over several responses, reported at most every 100 ms. */
export class ByteCounter {
  /**
   * @param {(loaded: number, total: number, pending: number) => void} report  total is 0 when
   *   unknown; pending = bodies still downloading
   */
  constructor(report) {
    this.report = report;
    this.reset();
  }

  reset() {
    this.loaded = 0;
    this.total = 0;
    this.totalKnown = true;
    this.pending = 0;
    this.lastReport = 0;
  }

  /**
   * Count `response`'s body as it arrives (a compressed body has no known decoded size).
   * @returns {Promise<void>} settles once the body has arrived (or failed)
   */
  track(response) {
    if (!response.ok || !response.body) return Promise.resolve();
    const length = Number(response.headers.get("Content-Length"));
    if (length > 0 && !response.headers.get("Content-Encoding")) this.total += length;
    else this.totalKnown = false;
    this.pending++;
    return this.read(response.clone().body);
  }

  async read(body) {
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        this.loaded += value.byteLength;
        this.emit(false);
      }
    } catch {
      // The original response reports its own failure to whoever reads it; counting stops.
    }
    this.pending--;
    this.emit(true);
  }

  emit(force) {
    const now = performance.now();
    if (force || now - this.lastReport >= REPORT_EVERY_MS) {
      this.lastReport = now;
      this.report(this.loaded, this.totalKnown ? Math.max(this.total, this.loaded) : 0, this.pending);
    }
  }
}

/**
 * The "count" stage of the worker's fetch (fetch-pipeline.js): counts every response and
 * reports failures.
 * @param {import("./fetch-pipeline.js").FetchPipeline} pipeline
 * @param {ByteCounter} counter
 * @param {(url: string, reason: string) => void} failed  a fetch was rejected or not OK
 * @param {(url: string) => void} [arrived]  a response's whole body has arrived
 */
export function countFetches(pipeline, counter, failed, arrived = () => {}) {
  pipeline.set("count", async (input, init, next) => {
    const url = String(input instanceof Request ? input.url : input);
    let response;
    try {
      response = await next(input, init);
    } catch (error) {
      failed(url, error instanceof Error ? error.message : String(error));
      throw error;
    }
    if (!response.ok) failed(url, `HTTP ${response.status}`);
    Promise.resolve(counter.track(response)).then(() => arrived(url));
    return response;
  });
}
