// @ts-check
// Which boot standard library a reader's Python starts with: bytecode or sources, by the speed
// of the reader's link, measured on the first download the boot makes anyway.
//
// The build ships the boot zip twice (livedemo/bootstdlib.py, option `stdlib_bytecode`): as
// bytecode (1.5 MB: Python compiles none of it at boot) and as sources (0.8 MB). Measured
// (benchmarks/results/first_output-stdlib-bytecode-vs-source.txt, quiet machine, navigation →
// numpy output), bytecode wins on loopback (4.60 s against 7.20 s) and on fast 4G, 9 Mbit/s and
// 60 ms (10.38 against 12.04 s), and loses on the slow profile, 1.6 Mbit/s and 150 ms (42.96
// against 39.29 s): there its 0.71 MB more cost 3.5 s, while the compiling it saves happens
// while numpy still downloads. Bytecode saves about 2.6 s of compiling on that machine (more on
// a slower one); a link slower than about 3 Mbit/s hides that behind the downloads and pays
// ≥ 1.9 s for the bytes. So: bytecode above about 3 Mbit/s, sources below.
//
// How the page knows the link: `navigator.connection` cannot tell (headless Chromium on
// loopback says 1.4 Mbit/s, as much as the emulated slow profile; Firefox and Safari lack it).
// The page downloads pyodide.asm.wasm first (3.5 MB gzipped, wasm.js) and counts its bytes: the
// link is fast when FAST_BYTES arrive within WITHIN_MS of the request, slow when WITHIN_MS
// pass first. A link with round trip L and rate R is fast when L + FAST_BYTES / R ≤ WITHIN_MS:
//
//   loopback   a few ms                                  → fast (bytecode)
//   fast 4G    60 ms + 128 KB at 1.1 MB/s ≈ 175 ms       → fast, in time (the worker asks for
//              the standard library about 230 ms after the wasm, later on a real network)
//   slow       150 ms + 128 KB at 200 KB/s ≈ 790 ms      → slow (sources), said at 400 ms; the
//              stdlib request waits for it, which costs nothing: the wasm fills the link
//   boundary   at 60 ms round trip, 128 KB in 340 ms: 3.1 Mbit/s
//
// The bytes counted are the decoded body's. When the host compresses the wasm (GitHub Pages
// gzips it on the fly), the first 128 KB on the wire decode to about 3.5 times as much
// (measured on pyodide.asm.wasm, gzip -6): a compressed response counts ENCODED_RATIO times
// FAST_BYTES, so the verdict is about the wire either way (boundary then ≈ 2.7 Mbit/s).
//
// A returning reader's memory snapshot holds the zip it was made with (zipimport's table of
// contents): that zip is kept whatever the link says now (snapshot.js stores its name).
//
// The worker gives Pyodide a placeholder stdLibURL (BOOT_ZIP_PLACEHOLDER) and the pipeline's
// "stdlib" stage (useBootZip) asks for the chosen zip once known: Pyodide's other downloads and
// its runtime's import do not wait for the verdict, only the standard library's request does.

/** The stdLibURL file name the worker gives Pyodide: the "stdlib" stage asks for the chosen zip. */
export const BOOT_ZIP_PLACEHOLDER = "python_stdlib_boot.chosen-by-link.zip";

/** Bytes on the wire that must arrive within WITHIN_MS of the request for a "fast" link. */
export const FAST_BYTES = 128 * 1024;
/** Milliseconds after the request: by then the verdict is "slow" if FAST_BYTES have not come. */
export const WITHIN_MS = 400;
/** Decoded bytes per wire byte assumed for a compressed wasm (gzip at the file's start: 3.5). */
export const ENCODED_RATIO = 3;

/** @typedef {"fast"|"slow"} Verdict */
/** @typedef {{bytecode?: string, source?: string}} BootZips  the zips the build ships, by kind
 * (file names in assets/pyodide/, from python_stdlib_boot.json) */

/**
 * The verdict after `bytes` (decoded) arrived `elapsed` ms after the request, or null while
 * it is too early to say.
 * @param {number} elapsed @param {number} bytes @param {boolean} encoded  the body is compressed
 * @returns {Verdict|null}
 */
export function linkVerdict(elapsed, bytes, encoded) {
  if (bytes >= FAST_BYTES * (encoded ? ENCODED_RATIO : 1) && elapsed <= WITHIN_MS) return "fast";
  return elapsed >= WITHIN_MS ? "slow" : null;
}

/**
 * The zip Python boots with: the snapshot's (`kept`) when the build still ships it; otherwise
 * bytecode on a fast link, sources on a slow one; with no verdict (the page could not measure)
 * bytecode, which wins on most links; whichever is shipped when only one is.
 * @param {{zips: BootZips, verdict: Verdict|null, kept?: string|null}} choice
 * @returns {string} a file name of `zips`
 */
export function chooseBootZip({ zips, verdict, kept = null }) {
  const shipped = [zips.bytecode, zips.source].filter((name) => typeof name === "string");
  if (shipped.length === 0) throw new Error("python_stdlib_boot.json lists no boot zip");
  if (kept && shipped.includes(kept)) return kept;
  const wanted = verdict === "slow" ? zips.source : zips.bytecode;
  return wanted ?? shipped[0];
}

/**
 * Worker side: the "stdlib" stage of the worker's fetch (fetch-pipeline.js): a request for
 * BOOT_ZIP_PLACEHOLDER goes out for the file `choose()` names (in the same folder), once named.
 * @param {import("./fetch-pipeline.js").FetchPipeline} pipeline
 * @param {() => Promise<string>} choose  the zip's file name (chooseBootZip)
 */
export function useBootZip(pipeline, choose) {
  pipeline.set("stdlib", async (input, init, next) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.endsWith(`/${BOOT_ZIP_PLACEHOLDER}`)) return next(input, init);
    return next(new URL(await choose(), url).href, init);
  });
}

/**
 * Page side: watches the wasm download and settles with the verdict (null when the download
 * could not be watched: no fetch, an error before any verdict).
 */
export class LinkProbe {
  /**
   * @param {() => number} [now]
   * @param {(callback: () => void, ms: number) => unknown} [timer]
   */
  constructor(now = () => performance.now(), timer = (callback, ms) => setTimeout(callback, ms)) {
    this.now = now;
    this.started = now(); // the request goes out now
    /** @type {(verdict: Verdict|null) => void} */
    this.settle = () => {};
    /** @type {Promise<Verdict|null>} */
    this.verdict = new Promise((resolve) => {
      this.settle = resolve; // a promise settles once: later calls change nothing
    });
    timer(() => this.settle(linkVerdict(this.now() - this.started, 0, false) ?? "slow"), WITHIN_MS);
  }

  /** Count `response`'s body as it arrives (on a clone: the original is compiled untouched). @param {Response} response */
  async track(response) {
    if (!response.ok || !response.body) {
      this.settle(null);
      return;
    }
    const encoded = Boolean(response.headers.get("Content-Encoding"));
    const reader = response.clone().body?.getReader();
    let bytes = 0;
    let broken = false;
    try {
      for (;;) {
        const { done, value } = reader ? await reader.read() : { done: true, value: undefined };
        if (done || !value) break;
        bytes += value.byteLength;
        const verdict = linkVerdict(this.now() - this.started, bytes, encoded);
        if (verdict) {
          this.settle(verdict);
          break;
        }
      }
    } catch {
      broken = true; // the download failed: the compile reports it; the timer gives the verdict
    } finally {
      reader?.cancel().catch(() => {}); // this clone is not read any further (the tee keeps nothing for it)
    }
    if (!broken) this.settle(linkVerdict(this.now() - this.started, bytes, encoded) ?? "fast"); // the whole file came first
  }

  /** The download could not start. */
  failed() {
    this.settle(null);
  }
}
