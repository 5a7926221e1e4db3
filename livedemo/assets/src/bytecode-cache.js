// @ts-check
// A returning reader's packages import from bytecode compiled on an earlier visit (worker side).
//
// Pyodide installs a package's wheel again on every page view (a memory snapshot cannot hold a
// loaded package), and numpy's wheel carries its Python as sources: `import numpy` compiled
// about 80 files on every view (~1 s of the returning reader's 2.5-4 s in Chromium,
// benchmarks/returning_breakdown.py). So livedemo/bytecode.py records the code Python compiles
// while a demo imports a package; after the run the worker keeps it here, as .pyc files, in the
// site's Cache Storage, one entry per wheel. On a later view, once the wheel is installed and
// before the demo runs, they go back beside the sources, as `__pycache__` files marked
// "unchecked hash" (PEP 552): Python loads them without comparing them with the sources, whose
// modification times are new on every install.
//
// Stale bytecode cannot be used: the entry is keyed by Pyodide's version and the wheel's sha256
// (from the lock), and a .pyc of another Python is refused by its magic number (Python then
// compiles the source as before); a damaged entry is deleted. The sources stay, so tracebacks
// keep their lines.

const CACHE = "livedemo-package-bytecode";

/** Whether this browser can keep bytecode (Cache Storage). */
const supported = () => typeof caches !== "undefined";

/**
 * `.pyc` files as one blob: a 4-byte little-endian length, a JSON index [[path, size], …],
 * then the files' bytes in index order.
 * @param {Array<[string, Uint8Array]>} files
 */
export function packFiles(files) {
  const index = new TextEncoder().encode(JSON.stringify(files.map(([path, bytes]) => [path, bytes.length])));
  const total = 4 + index.length + files.reduce((sum, [, bytes]) => sum + bytes.length, 0);
  const blob = new Uint8Array(total);
  new DataView(blob.buffer).setUint32(0, index.length, true);
  blob.set(index, 4);
  let at = 4 + index.length;
  for (const [, bytes] of files) {
    blob.set(bytes, at);
    at += bytes.length;
  }
  return blob;
}

/**
 * The files of a blob made by packFiles; throws on a blob that does not add up.
 * @param {Uint8Array} blob
 * @returns {Array<[string, Uint8Array]>}
 */
export function unpackFiles(blob) {
  const length = new DataView(blob.buffer, blob.byteOffset, blob.byteLength).getUint32(0, true);
  /** @type {Array<[string, number]>} */
  const index = JSON.parse(new TextDecoder().decode(blob.subarray(4, 4 + length)));
  let at = 4 + length;
  /** @type {Array<[string, Uint8Array]>} */
  const files = index.map(([path, size]) => {
    const bytes = blob.subarray(at, at + size);
    at += size;
    return [path, bytes];
  });
  if (at !== blob.length) throw new Error("damaged bytecode cache entry");
  return files;
}

export class PackageBytecode {
  /**
   * @param {string} version  Pyodide's version (its Python's magic number)
   * @param {() => string} sitePackages  where wheels are installed
   */
  constructor(version, sitePackages) {
    this.version = version;
    this.sitePackages = sitePackages;
    /** @type {Map<string, Map<string, Uint8Array>>} package name → its .pyc kept (or restored), by path */
    this.kept = new Map();
  }

  /** The cache key of a lock entry, or null when it has no sha256 to name it by. */
  key(entry) {
    if (!entry?.sha256 || !entry.file_name) return null;
    const name = String(entry.file_name).split("/").pop();
    return new URL(`./livedemo-bytecode/${this.version}/${entry.sha256}/${name}`, self.location.href).href;
  }

  /**
   * Read the kept bytecode of `names` (lock entries by name), at once: a promise of
   * name → files, empty when none is kept. Never rejects.
   * @param {Record<string, any>} lock @param {string[]} names
   * @returns {Promise<Map<string, Array<[string, Uint8Array]>>>}
   */
  async find(lock, names) {
    const found = new Map();
    if (!supported()) return found;
    try {
      const cache = await caches.open(CACHE);
      await Promise.all(names.map(async (name) => {
        const key = this.key(lock[name]);
        const response = key && (await cache.match(key));
        if (!response) return;
        try {
          found.set(name, unpackFiles(new Uint8Array(await response.arrayBuffer())));
        } catch {
          await cache.delete(key); // damaged: compiled again, and kept again, this view
        }
      }));
    } catch {
      // Storage refused: Python compiles the sources as before.
    }
    return found;
  }

  /**
   * Put found bytecode beside the sources of the packages just installed.
   * @param {{FS: any}} pyodide @param {Map<string, Array<[string, Uint8Array]>>} found
   */
  restore(pyodide, found) {
    for (const [name, files] of found) {
      try {
        for (const [path, bytes] of files) {
          const full = `${this.sitePackages()}/${path}`;
          pyodide.FS.mkdirTree(full.slice(0, full.lastIndexOf("/")));
          pyodide.FS.writeFile(full, bytes);
        }
        this.kept.set(name, new Map(files));
      } catch {
        // A path the install did not make: that package compiles its sources.
      }
    }
  }

  /**
   * After a run: keep the bytecode compiled for the loaded packages `names` (`harvest(top)`:
   * livedemo/bytecode.py's, for a top-level import name), with what was kept already, when
   * the run compiled something new. Never throws.
   * @param {Record<string, any>} lock @param {string[]} names
   * @param {(top: string) => Array<[string, Uint8Array]>} harvest
   */
  async keep(lock, names, harvest) {
    for (const name of names) {
      const key = this.key(lock[name]);
      if (!key) continue;
      let made = [];
      try {
        made = (lock[name].imports ?? []).flatMap(harvest);
      } catch {
        continue;
      }
      if (made.length === 0 || !supported()) continue;
      const files = this.kept.get(name) ?? new Map();
      for (const [path, bytes] of made) files.set(path, bytes);
      this.kept.set(name, files);
      try {
        const cache = await caches.open(CACHE);
        const file = `/${key.split("/").pop()}`;
        for (const old of await cache.keys()) {
          if (old.url.endsWith(file) && old.url !== key) await cache.delete(old); // another build of it
        }
        await cache.put(key, new Response(packFiles([...files]), { headers: { "Content-Type": "application/octet-stream" } }));
      } catch {
        // Storage full or refused: the next view compiles the sources as before.
      }
    }
  }
}
