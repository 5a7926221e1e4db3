// @ts-check
// A returning reader's packages import from bytecode compiled on an earlier visit (worker side).
//
// Pyodide installs a package's wheel again on every page view (a memory snapshot cannot hold a
// loaded package), and numpy's wheel carries its Python as sources: `import numpy` compiled
// about 80 files on every view (~1 s in Chromium, more than unpacking the wheel and loading its
// 13 shared libraries together; benchmarks/returning_breakdown.py). So the worker lets Python
// write the bytecode it compiles while a demo imports a package (`sys.dont_write_bytecode` off),
// and after the run keeps that package's `__pycache__` files in the site's Cache Storage, one
// entry per wheel. On a later view, once the wheel is installed and before the demo runs, they
// go back beside the sources, marked "unchecked hash" (PEP 552): Python loads them without
// comparing them with the sources, whose modification times are new on every install.
//
// Stale bytecode cannot be used: the entry is keyed by Pyodide's version and the wheel's sha256
// (from the lock), and a .pyc of another Python is refused by its magic number (Python then
// compiles the source as before). The sources stay, so tracebacks keep their lines.

const CACHE = "livedemo-package-bytecode";
/** PEP 552 flags: bit 0 hash-based, bit 1 check the source. 0b01: never checked. */
const UNCHECKED_HASH = 1;

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

/**
 * A copy of a .pyc that Python loads without checking its source: flags set to "unchecked
 * hash"; the 8 bytes after them (the source's time and size) are then never read.
 * @param {Uint8Array} pyc
 */
export function unchecked(pyc) {
  const copy = pyc.slice();
  if (copy.length >= 16) new DataView(copy.buffer).setUint32(4, UNCHECKED_HASH, true);
  return copy;
}

export class PackageBytecode {
  /**
   * @param {string} version  Pyodide's version (its Python's magic number)
   * @param {() => string} sitePackages  where wheels are installed
   */
  constructor(version, sitePackages) {
    this.version = version;
    this.sitePackages = sitePackages;
    /** @type {Map<string, number>} package name → .pyc files kept (or restored) */
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
        this.kept.set(name, files.length);
      } catch {
        // A path the install did not make: that package compiles its sources.
      }
    }
  }

  /**
   * After a run: keep the bytecode Python wrote for the loaded packages `names`, when there is
   * more of it than is kept already (a run imported another submodule). Never throws.
   * @param {{FS: any, loadedPackages: Record<string, unknown>}} pyodide @param {Record<string, any>} lock @param {string[]} names
   */
  async keep(pyodide, lock, names) {
    if (!supported()) return;
    for (const name of names) {
      const key = this.key(lock[name]);
      if (!key || !(name in pyodide.loadedPackages)) continue;
      const files = [];
      for (const top of lock[name].imports ?? []) this.collect(pyodide.FS, top, files);
      if (files.length === 0 || files.length <= (this.kept.get(name) ?? 0)) continue;
      this.kept.set(name, files.length);
      try {
        const cache = await caches.open(CACHE);
        for (const old of await cache.keys()) {
          if (old.url.endsWith(`/${key.split("/").pop()}`) && old.url !== key) await cache.delete(old); // another build of it
        }
        await cache.put(key, new Response(packFiles(files), { headers: { "Content-Type": "application/octet-stream" } }));
      } catch {
        // Storage full or refused: the next view compiles the sources as before.
      }
    }
  }

  /** Every .pyc under site-packages' `relative` folder, as [path from site-packages, unchecked bytes]. */
  collect(FS, relative, files) {
    const full = `${this.sitePackages()}/${relative}`;
    let names;
    try {
      if (!FS.isDir(FS.stat(full).mode)) return;
      names = FS.readdir(full);
    } catch {
      return; // a module, not a package folder
    }
    for (const name of names) {
      if (name === "." || name === "..") continue;
      const path = `${relative}/${name}`;
      if (name.endsWith(".pyc") && relative.endsWith("__pycache__")) files.push([path, unchecked(FS.readFile(`${this.sitePackages()}/${path}`))]);
      else this.collect(FS, path, files);
    }
  }
}
