// @ts-check
// A returning reader's Python starts from a memory snapshot instead of booting (worker side).
//
// The first boot on a browser takes a snapshot of Python's memory right after start-up (the
// standard library initialised, livedemo's modules imported, no demo code run, no package
// loaded) and keeps it, gzip-compressed, in the site's Cache Storage. Later page views, and the
// fresh worker after Stop, restore it: Python is ready in a fraction of the boot time. A
// snapshot is keyed by the Pyodide version and livedemo's own files, so a new deploy makes a
// new one; a snapshot that does not restore is deleted and Python boots as usual. Nothing
// leaves the browser. A snapshot is stored with the name of the boot standard library zip it was
// made with (a header of its cache entry): its memory holds that zip's table of contents, so the
// next boot fetches the same zip whatever the link says then (boot-zip.js).

const CACHE = "livedemo-python-snapshots";
/** The header of a kept snapshot that names its boot zip. */
const BOOT_ZIP_HEADER = "X-Livedemo-Boot-Zip";

/** Whether this browser can keep snapshots (Cache Storage and compression streams). */
const supported = () =>
  typeof caches !== "undefined" && typeof CompressionStream === "function" && typeof DecompressionStream === "function";

async function sha256(text) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

async function decompress(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Keep `bytes` gzip-compressed under `key`, made with the boot zip `bootZip`; older snapshots
 * of this site go. Never throws.
 */
export async function storeSnapshot(key, bytes, bootZip = "") {
  try {
    const cache = await caches.open(CACHE);
    for (const old of await cache.keys()) if (old.url !== key) await cache.delete(old);
    const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
    const body = await new Response(stream).arrayBuffer();
    const headers = { "Content-Type": "application/octet-stream", [BOOT_ZIP_HEADER]: bootZip };
    await cache.put(key, new Response(body, { headers }));
  } catch {
    // Storage full or refused: the next page view boots as usual.
  }
}

export class Snapshots {
  /** @param {Record<string, string>} files  livedemo's Python files, part of the snapshot */
  constructor(files) {
    this.files = Object.entries(files).map(([name, text]) => `${name}\n${text}`).join("\n");
  }

  /** The cache key for Pyodide `version` with these files, or null without Cache Storage. */
  async key(version) {
    if (!supported()) return null;
    try {
      return new URL(`./livedemo-snapshot/${version}/${await sha256(this.files)}`, self.location.href).href;
    } catch {
      return null;
    }
  }

  /**
   * The kept snapshot, or null when there is none (or it cannot be read). Found at once; its
   * bytes are a promise, decompressed while Pyodide imports its runtime and starts its other
   * downloads (loadPyodide's `_loadSnapshot` takes a promise and awaits it only before
   * instantiating): the two no longer run one after the other.
   * `zip`: the boot zip it was made with (null for a snapshot stored before they said).
   * @returns {Promise<{bytes: Promise<Uint8Array>, zip: string|null}|null>}
   */
  async find(version) {
    const key = await this.key(version);
    if (!key) return null;
    try {
      const response = await (await caches.open(CACHE)).match(key);
      if (!response) return null;
      const bytes = response.arrayBuffer().then(decompress);
      bytes.catch(() => {}); // a damaged snapshot fails loadPyodide, which then boots as usual
      return { bytes, zip: response.headers.get(BOOT_ZIP_HEADER) || null };
    } catch {
      return null;
    }
  }

  /**
   * Keep `bytes` for the next page views. Compressing 30 MB takes about half a second, so it
   * happens in a throw-away worker of its own (snapshot-store.js, the bytes moved, not copied):
   * a Run the reader asks for meanwhile starts at once. It starts only once `after` settles
   * (the runs that waited for this boot are over, or a few seconds have passed): on a machine
   * with few cores, compressing beside the first run slowed it (about 1.5 s of CPU on 2 cores,
   * while numpy installed and ran).
   */
  async save(version, bytes, bootZip, after = Promise.resolve()) {
    const key = await this.key(version);
    if (!key) return;
    await after;
    try {
      // This module is bundled into dist/worker.js; the store is dist/snapshot-store.js.
      const store = new Worker(new URL("./snapshot-store.js", import.meta.url), { type: "module" });
      store.postMessage({ key, bytes, bootZip }, [bytes.buffer]);
    } catch {
      await storeSnapshot(key, bytes, bootZip); // no nested workers here: compress in this one
    }
  }

  /** Forget the snapshot (it did not restore). */
  async drop(version) {
    const key = await this.key(version);
    if (key) await caches.open(CACHE).then((cache) => cache.delete(key)).catch(() => {});
  }
}
