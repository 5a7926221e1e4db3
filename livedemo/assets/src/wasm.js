// @ts-check
// Pyodide's WebAssembly module, compiled by the page and handed to the worker.
//
// Why: browsers reuse cached compiled code for modules compiled with compileStreaming on
// the page, but not (measured in Chromium) inside a worker, where Python then starts about
// 40 % slower on every visit. So the page compiles pyodide.asm.wasm (off the main thread,
// the compiler works in the background) and posts the Module; the worker lets Pyodide
// instantiate it instead of downloading and compiling the file again. If the page cannot
// compile (old browser, fetch error), it posts null and the worker loads the file as usual.
// The same download tells how fast the reader's link is (boot-zip.js).

/**
 * Page side: fetch and compile the module, counting its bytes.
 * @param {URL} url  pyodide.asm.wasm
 * @param {import("./fetch-progress.js").ByteCounter} counter
 * @param {import("./boot-zip.js").LinkProbe} [link]  told how fast the body arrives
 * @returns {Promise<WebAssembly.Module|null>} null when this browser or network cannot
 */
export async function compileWasm(url, counter, link) {
  if (typeof WebAssembly.compileStreaming !== "function") {
    link?.failed();
    return null;
  }
  try {
    const response = await fetch(url).catch((error) => {
      link?.failed();
      throw error;
    });
    link?.track(response);
    if (!response.ok) return null; // the worker tries again and reports the failure
    counter.track(response);
    return await WebAssembly.compileStreaming(response);
  } catch {
    return null;
  }
}

/**
 * Worker side: make Pyodide use the page's module. Both hooks wait for it, so Pyodide's
 * other downloads go on meanwhile; with null they fall through to the real fetch and compile.
 * @param {import("./fetch-pipeline.js").FetchPipeline} pipeline  the worker's fetch: this is its "wasm" stage
 * @param {Promise<WebAssembly.Module|null>} compiled
 * @param {(error: Error) => void} failed  instantiation failed (Pyodide would wait forever)
 * @param {() => void} [instantiating]  the page's module (or null) is there and Pyodide asks for
 *   its instance: Python's start-up, which holds the worker's thread for a second or more, is next
 */
export function useCompiledWasm(pipeline, compiled, failed, instantiating = () => {}) {
  const instantiateStreaming = WebAssembly.instantiateStreaming;
  const isWasm = (input) => String(input instanceof Request ? input.url : input).endsWith("/pyodide.asm.wasm");
  pipeline.set("wasm", async (input, init, fetch) => {
    if (isWasm(input) && (await compiled)) {
      return new Response(new ArrayBuffer(0), { headers: { "Content-Type": "application/wasm" } });
    }
    return fetch(input, init);
  });
  WebAssembly.instantiateStreaming = async (source, imports) => {
    try {
      const module = await compiled;
      instantiating();
      if (!module) return await instantiateStreaming(source, imports);
      return { module, instance: await WebAssembly.instantiate(module, imports) };
    } catch (error) {
      failed(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  };
}
