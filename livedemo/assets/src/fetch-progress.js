// Count the bytes that Pyodide downloads, by wrapping `fetch` inside the worker.
//
// The body is counted on a clone of the response, so the original (with its URL, which
// lets the browser cache compiled WebAssembly) goes to Pyodide untouched.

const REPORT_EVERY_MS = 100;

/**
 * Replace `scope.fetch` with a counting wrapper.
 * @param {typeof globalThis} scope  the worker's global scope
 * @param {(loaded: number, total: number) => void} report  total is 0 when unknown
 *   (a response without Content-Length, or a compressed one whose decoded size is unknown)
 * @param {(url: string, reason: string) => void} failed  a fetch was rejected or not OK
 * @returns {() => void} reset the counters (call when a new download phase starts)
 */
export function countFetchedBytes(scope, report, failed) {
  const realFetch = scope.fetch.bind(scope);
  let loaded = 0;
  let total = 0;
  let totalKnown = true;
  let lastReport = 0;

  const emit = (force) => {
    const now = performance.now();
    if (force || now - lastReport >= REPORT_EVERY_MS) {
      lastReport = now;
      report(loaded, totalKnown ? Math.max(total, loaded) : 0);
    }
  };

  const count = async (body) => {
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        loaded += value.byteLength;
        emit(false);
      }
    } catch {
      // The original response reports its own failure to Pyodide; counting just stops.
    }
    emit(true);
  };

  scope.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    let response;
    try {
      response = await realFetch(input, init);
    } catch (error) {
      failed(url, error instanceof Error ? error.message : String(error));
      throw error;
    }
    if (!response.ok) failed(url, `HTTP ${response.status}`);
    if (response.ok && response.body) {
      const length = Number(response.headers.get("Content-Length"));
      if (length > 0 && !response.headers.get("Content-Encoding")) total += length;
      else totalKnown = false;
      count(response.clone().body);
    }
    return response;
  };

  return () => {
    loaded = 0;
    total = 0;
    totalKnown = true;
  };
}
