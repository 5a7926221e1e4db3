// The worker's one fetch (fetch-pipeline.js) with the stages the worker installs: the order
// is fixed whatever order they are installed in, and the prefetch's own downloads are counted.

import assert from "node:assert/strict";
import { test } from "node:test";
import { FetchPipeline } from "../src/fetch-pipeline.js";
import { ByteCounter, countFetches } from "../src/fetch-progress.js";
import { PackagePrefetch } from "../src/prefetch.js";
import { useCompiledWasm } from "../src/wasm.js";

/** A scope whose fetch is a small server: URL → body, anything else a 404. */
function scope(files) {
  const asked = [];
  const target = {
    asked,
    fetch: async (input) => {
      const url = String(input instanceof Request ? input.url : input);
      asked.push(url);
      return url in files ? new Response(files[url]) : new Response("missing", { status: 404 });
    },
  };
  return target;
}

test("stages run wasm → prefetch → count → the network, whatever order they were installed in", async () => {
  const order = [];
  const worker = scope({ "https://s/a": "A" });
  const pipeline = new FetchPipeline(worker);
  for (const name of ["count", "wasm", "prefetch"]) {
    pipeline.set(name, (input, init, next) => {
      order.push(name);
      return next(input, init);
    });
  }
  assert.equal(await (await worker.fetch("https://s/a")).text(), "A");
  assert.deepEqual(order, ["wasm", "prefetch", "count"]);
  assert.throws(() => pipeline.set("other", (input, init, next) => next(input, init)), /unknown fetch stage/);
});

test("a prefetched wheel is served from memory once, its download counted, failures reported", async () => {
  const lock = { packages: { numpy: { file_name: "numpy.whl", depends: [] } } };
  const worker = scope({ "https://s/pyodide-lock.json": JSON.stringify(lock), "https://s/numpy.whl": "wheel bytes" });
  const pipeline = new FetchPipeline(worker);
  const counted = [];
  const failures = [];
  const counter = new ByteCounter(() => {});
  const track = counter.track.bind(counter);
  counter.track = (response) => {
    counted.push(response.url || "response");
    track(response);
  };
  countFetches(pipeline, counter, (url, reason) => failures.push([url, reason]));
  const prefetch = new PackagePrefetch(pipeline);
  await prefetch.start("https://s/pyodide-lock.json", ["numpy"]);
  assert.equal(await (await worker.fetch("https://s/numpy.whl")).text(), "wheel bytes");
  assert.equal(await (await worker.fetch("https://s/numpy.whl")).text(), "wheel bytes");
  // the lock and the wheel downloaded once for the prefetch, then the wheel again the second time
  assert.deepEqual(worker.asked, ["https://s/pyodide-lock.json", "https://s/numpy.whl", "https://s/numpy.whl"]);
  assert.equal(counted.length, 3, "every network response is counted, the prefetch's too");
  await worker.fetch("https://s/nope.whl");
  assert.deepEqual(failures, [["https://s/nope.whl", "HTTP 404"]]);
});

test("with the page's compiled module, Pyodide's wasm is not downloaded", async () => {
  const worker = scope({ "https://s/pyodide/pyodide.asm.wasm": "wasm bytes" });
  const pipeline = new FetchPipeline(worker);
  useCompiledWasm(pipeline, Promise.resolve(/** @type {any} */ ({})), () => {});
  const response = await worker.fetch("https://s/pyodide/pyodide.asm.wasm");
  assert.equal(response.headers.get("Content-Type"), "application/wasm");
  assert.deepEqual(worker.asked, []);
  const fallback = new FetchPipeline(scope({ "https://s/pyodide/pyodide.asm.wasm": "wasm bytes" }));
  useCompiledWasm(fallback, Promise.resolve(null), () => {});
  assert.equal(await (await fallback.from(0)("https://s/pyodide/pyodide.asm.wasm")).text(), "wasm bytes");
});

test("the wheels wait for the runtime's files: the lock at once, one download however early Pyodide asks", async () => {
  const lock = { packages: { numpy: { file_name: "numpy.whl", depends: [] } } };
  const worker = scope({ "https://s/pyodide-lock.json": JSON.stringify(lock), "https://s/numpy.whl": "wheel bytes" });
  const pipeline = new FetchPipeline(worker);
  const arrived = [];
  countFetches(pipeline, new ByteCounter(() => {}), () => {}, (url) => arrived.push(url));
  const prefetch = new PackagePrefetch(pipeline);
  let release = () => {};
  const runtime = new Promise((resolve) => {
    release = resolve;
  });
  await prefetch.start("https://s/pyodide-lock.json", ["numpy"], runtime);
  assert.deepEqual(worker.asked, ["https://s/pyodide-lock.json"], "no wheel before the runtime's files");
  const early = worker.fetch("https://s/numpy.whl"); // loadPackage before the runtime arrived
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(worker.asked, ["https://s/pyodide-lock.json"]);
  release(undefined);
  assert.equal(await (await early).text(), "wheel bytes");
  assert.deepEqual(worker.asked, ["https://s/pyodide-lock.json", "https://s/numpy.whl"], "downloaded once");
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(arrived, ["https://s/pyodide-lock.json", "https://s/numpy.whl"], "each body's arrival reported");
});

test("a lock read before the names are known is not downloaded again, and the wheels go out as soon as allowed", async () => {
  const lock = { packages: { numpy: { file_name: "numpy.whl", depends: [] } } };
  const worker = scope({ "https://s/pyodide-lock.json": JSON.stringify(lock), "https://s/numpy.whl": "wheel bytes" });
  const prefetch = new PackagePrefetch(new FetchPipeline(worker));
  await prefetch.readLock("https://s/pyodide-lock.json"); // the worker's start: no names yet
  let release = () => {};
  const runtime = new Promise((resolve) => {
    release = resolve;
  });
  await prefetch.start("https://s/pyodide-lock.json", ["numpy"], runtime);
  assert.deepEqual(worker.asked, ["https://s/pyodide-lock.json"]);
  release(undefined);
  // microtasks only: the wheel's request is made before any task of the boot can take the thread
  for (let i = 0; i < 10; i++) await Promise.resolve();
  assert.deepEqual(worker.asked, ["https://s/pyodide-lock.json", "https://s/numpy.whl"]);
});

test("Pyodide's instantiation is announced once the page's module is there, before Python's start-up", async () => {
  const original = WebAssembly.instantiateStreaming;
  try {
    let release = (/** @type {any} */ _module) => {};
    const compiled = new Promise((resolve) => {
      release = resolve;
    });
    const told = [];
    useCompiledWasm(new FetchPipeline(scope({})), compiled, () => {}, () => told.push("instantiating"));
    const instantiated = WebAssembly.instantiateStreaming(/** @type {any} */ (null), {});
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.deepEqual(told, [], "not before the module has arrived");
    release(await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))); // an empty module
    assert.ok((await instantiated).instance instanceof WebAssembly.Instance);
    assert.deepEqual(told, ["instantiating"]);
  } finally {
    WebAssembly.instantiateStreaming = original;
  }
});
