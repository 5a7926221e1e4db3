// @ts-check
// The worker's one fetch. Pyodide downloads through the worker's global `fetch`; four parts
// of the worker change what it does, and their order matters. Here they are stages of one
// pipeline, `fetch` replaced once, in this order (outermost first):
//
//   stdlib    the boot standard library: the zip chosen by the link or the snapshot, asked for
//             once chosen, while Pyodide's other downloads go on (boot-zip.js)
//   wasm      pyodide.asm.wasm: an empty response when the page compiled the module (wasm.js)
//   prefetch  a wheel already downloaded during the boot: its bytes (prefetch.js)
//   count     every response counted for the loading status, failures reported (fetch-progress.js)
//   the browser's fetch
//
// A stage not installed (yet) is skipped. The prefetch's own downloads go through the stages
// below it (`below("prefetch")`), so they are counted too.

/** Stage names, outermost first. */
export const STAGES = Object.freeze(["stdlib", "wasm", "prefetch", "count"]);

/**
 * @typedef {(input: RequestInfo|URL, init: RequestInit|undefined,
 *   next: (input: RequestInfo|URL, init?: RequestInit) => Promise<Response>) => Promise<Response>} FetchStage
 */

export class FetchPipeline {
  /** @param {{fetch: typeof fetch}} scope  the worker's global scope: its fetch is replaced */
  constructor(scope) {
    this.real = scope.fetch.bind(scope);
    /** @type {Map<string, FetchStage>} */
    this.stages = new Map();
    scope.fetch = this.from(0);
  }

  /** Install (or replace) the stage `name`, one of STAGES. @param {string} name @param {FetchStage} stage */
  set(name, stage) {
    if (!STAGES.includes(name)) throw new Error(`unknown fetch stage ${name}`);
    this.stages.set(name, stage);
  }

  /** A fetch through the stages after `name`. @param {string} name */
  below(name) {
    return this.from(STAGES.indexOf(name) + 1);
  }

  /** A fetch through the stages from the index-th on. @param {number} index */
  from(index) {
    /** @type {(input: RequestInfo|URL, init?: RequestInit) => Promise<Response>} */
    const fetch = (input, init) => {
      for (let i = index; i < STAGES.length; i++) {
        const stage = this.stages.get(STAGES[i]);
        if (stage) return stage(input, init, this.from(i + 1));
      }
      return this.real(input, init);
    };
    return fetch;
  }
}
