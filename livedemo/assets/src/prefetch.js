// @ts-check
// Download the page's packages while Python boots, instead of after it (worker side).
//
// Without this, a first run waits for the runtime (wasm, standard library), and only then
// starts downloading numpy and the demo wheel. The page tells the worker which packages its
// blocks declare; the worker reads the lock file, fetches those wheels and their dependencies
// (the browser checks each against the lock's sha256), and keeps the bytes. When Pyodide's
// loadPackage asks for one of them, it gets the bytes already there. A wheel whose download
// failed is simply fetched again by Pyodide, which then reports the failure.
//
// The wheels wait for `after` (the worker passes "the runtime's own files have arrived, or
// the boot is over"): on a slow network, downloads share the bandwidth, so a wheel fetched at
// once delays the files Python needs to start, and nothing overlaps the boot's computing.
// Fetched after them, the wheels download while Python boots (benchmarks/first_output.py,
// profiles 4g and slow). Their URLs are known at once, so a loadPackage that comes first
// waits for the same download instead of starting a second one.

/** The lock's hex sha256 as a Subresource Integrity value. */
function integrity(hex) {
  const bytes = hex.match(/../g).map((pair) => Number.parseInt(pair, 16));
  return `sha256-${btoa(String.fromCharCode(...bytes))}`;
}

/** A package name as lock files key it (PEP 503). */
export const canonical = (name) => name.toLowerCase().replace(/[-_.]+/g, "-");

/** `names` and, before each, what it depends on in `packages` (each name once; a name the
 * lock does not list is kept, without dependencies). */
export function withDependencies(packages, names) {
  const order = [];
  const visit = (name) => {
    if (order.includes(name)) return;
    for (const dependency of packages[name]?.depends ?? []) visit(canonical(dependency));
    order.push(name);
  };
  names.map(canonical).forEach(visit);
  return order;
}

export class PackagePrefetch {
  /** @param {import("./fetch-pipeline.js").FetchPipeline} pipeline  the worker's fetch: this is its "prefetch" stage */
  constructor(pipeline) {
    /** @type {Map<string, Promise<ArrayBuffer|null>>} absolute URL → bytes (null: failed) */
    this.wheels = new Map();
    /** @type {Map<string, Promise<any>>} lock URL → its packages (read once) */
    this.locks = new Map();
    this.fetch = pipeline.below("prefetch"); // its own downloads are counted
    pipeline.set("prefetch", (input, init, fetch) => {
      const url = String(input instanceof Request ? input.url : input);
      const kept = this.wheels.get(url);
      if (!kept) return fetch(input, init);
      this.wheels.delete(url); // handed over once: the bytes are not kept twice
      return kept.then((bytes) => {
        if (!bytes) return fetch(input, init); // download it the usual way: its error is reported
        return new Response(bytes, { headers: { "Content-Type": "application/octet-stream" } });
      });
    });
  }

  /**
   * Read the lock file now, before the names are known: the worker does at its start, so that
   * the wheels' downloads can begin the moment `after` settles, not a round trip later (by
   * then Python's boot may hold the worker's thread for a second or more).
   * @param {string} lockURL
   * @returns {Promise<any>} its packages (rejects when it cannot be read)
   */
  readLock(lockURL) {
    if (!this.locks.has(lockURL)) {
      const packages = this.fetch(lockURL).then((response) => response.json()).then((lock) => lock.packages);
      packages.catch(() => {}); // start() reports nothing either: Pyodide fetches (and reports) it
      this.locks.set(lockURL, packages);
    }
    return /** @type {Promise<any>} */ (this.locks.get(lockURL));
  }

  /**
   * Download `names` and their dependencies, as listed in the lock file at `lockURL`, once
   * `after` settles (the lock at once, unless readLock has).
   * @param {string} lockURL @param {string[]} names @param {Promise<unknown>} [after]
   */
  async start(lockURL, names, after = Promise.resolve()) {
    if (names.length === 0) return;
    const ready = after.catch(() => {});
    try {
      const packages = await this.readLock(lockURL);
      for (const name of withDependencies(packages, names).filter((n) => packages[n])) {
        const url = new URL(packages[name].file_name, lockURL).href;
        if (this.wheels.has(url)) continue;
        const options = packages[name].sha256 ? { integrity: integrity(packages[name].sha256) } : {};
        this.wheels.set(url, ready.then(() => this.fetch(url, options))
          .then((response) => (response.ok ? response.arrayBuffer() : null))
          .catch(() => null));
      }
    } catch {
      // No lock: Pyodide fetches (and reports) everything itself.
    }
  }
}
