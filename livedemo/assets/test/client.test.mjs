// The page's worker client (client.js) with a worker the test plays: which messages it sends,
// how events are routed by id, and what a crash or a Stop on static hosting does to the
// requests under way. The real worker is exercised by tests/browser/.

import assert from "node:assert/strict";
import { test } from "node:test";
import { WorkerClient } from "../src/client.js";
import { Launch } from "../src/launch.js";
import { ERROR_TYPE, EVENT, FATAL_REASON, REQUEST } from "../src/protocol.js";

/** A worker played by the test: it records what the page posts and answers when told. */
class PlayedWorker extends EventTarget {
  constructor() {
    super();
    this.received = [];
    this.terminated = false;
  }

  postMessage(message) {
    this.received.push(message);
  }

  terminate() {
    this.terminated = true;
  }

  answer(event) {
    this.dispatchEvent(new MessageEvent("message", { data: event }));
  }
}

function client({ launched = () => null, loading = [] } = {}) {
  const workers = [];
  const restarts = [];
  const made = new WorkerClient(new URL("https://site/worker.js"), new URL("https://site/pyodide/"), {
    onLoading: (event) => loading.push(event),
    launched,
    onRestart: () => restarts.push(workers.length),
    prefetch: ["numpy"],
    createWorker: () => {
      const worker = new PlayedWorker();
      workers.push(worker);
      return /** @type {any} */ (worker);
    },
    compile: async () => /** @type {any} */ ("compiled module"),
    probe: () => /** @type {any} */ ({ verdict: Promise.resolve("slow") }),
  });
  return { made, workers, restarts };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

test("start sends init, then the compiled wasm and the link's verdict with the same id, and resolves on ready", async () => {
  const { made, workers } = client();
  const ready = made.start();
  assert.equal(made.start(), ready, "one start at a time");
  await settle();
  const [worker] = workers;
  const [init, ...rest] = worker.received;
  assert.equal(init.type, REQUEST.INIT);
  assert.equal(init.compiledWasm, true);
  assert.equal(init.link, true);
  assert.deepEqual(init.prefetch, ["numpy"]);
  const sorted = rest.sort((a, b) => a.type.localeCompare(b.type));
  assert.deepEqual(sorted, [
    { type: REQUEST.LINK, id: init.id, verdict: "slow" },
    { type: REQUEST.WASM, id: init.id, module: "compiled module" },
  ]);
  worker.answer({ type: EVENT.READY, id: init.id, version: "test" });
  assert.deepEqual(await ready, { type: EVENT.READY, id: init.id, version: "test" });
});

test("events reach the request they belong to; the terminal one settles it", async () => {
  const { made, workers } = client();
  made.start();
  const seen = [];
  const { id, done } = made.send({ type: REQUEST.RUN, code: "print(1)" }, (event) => seen.push(event.type));
  const worker = workers[0];
  assert.equal(worker.received.at(-1).id, id);
  worker.answer({ type: EVENT.RUNNING, id });
  worker.answer({ type: EVENT.STDOUT, id: id + 100, text: "not ours" });
  worker.answer({ type: EVENT.STDOUT, id, text: "1\n" });
  worker.answer({ type: EVENT.RESULT, id, elapsed: 5 });
  worker.answer({ type: EVENT.STDOUT, id, text: "late" }); // after the end: dropped
  assert.deepEqual(await done, { type: EVENT.RESULT, id, elapsed: 5 });
  assert.deepEqual(seen, [EVENT.RUNNING, EVENT.STDOUT]);
});

test("a crash under a run ends every request waiting on that worker, as a crash", async () => {
  const { made, workers, restarts } = client();
  made.start();
  const run = made.send({ type: REQUEST.RUN, code: "boom()" });
  const queued = made.send({ type: REQUEST.RUN, code: "print(2)" });
  workers[0].answer({ type: EVENT.FATAL, id: run.id, reason: FATAL_REASON.CRASH, message: "stack" });
  assert.equal((await run.done).reason, FATAL_REASON.CRASH);
  const other = await queued.done;
  assert.equal(other.type, EVENT.FATAL);
  assert.equal(other.reason, FATAL_REASON.CRASH);
  assert.ok(workers[0].terminated);
  assert.equal(restarts.length, 1);
});

test("Stop on static hosting replaces the worker and settles the run with the reason given", async () => {
  const { made, workers, restarts } = client();
  made.start();
  assert.equal(made.interruptible, false); // no crossOriginIsolated here
  const { id, done } = made.send({ type: REQUEST.RUN, code: "while True: pass" });
  const reason = { type: ERROR_TYPE.STOPPED, message: "Stopped.", traceback: "" };
  made.stop(id, reason);
  assert.deepEqual(await done, { type: EVENT.ERROR, id, error: reason, elapsed: 0 });
  assert.ok(workers[0].terminated);
  assert.equal(workers.length, 2, "a fresh worker starts");
  assert.deepEqual(restarts, [1]);
  assert.equal(workers[1].received[0].type, REQUEST.INIT);
});

/** What page.js starts on intent (launch.js), with a played worker and a wasm compile the test settles. */
function launch({ counted = 0 } = {}) {
  const worker = new PlayedWorker();
  let compiled = () => {};
  const made = new Launch(new URL("https://site/worker.js"), new URL("https://site/pyodide/pyodide.asm.wasm"), {
    createWorker: () => /** @type {any} */ (worker),
    compile: (url, counter) => {
      counter.loaded = counted; // bytes that arrived before the client took the counter over
      counter.pending = counted > 0 ? 1 : 0;
      return new Promise((resolve) => {
        compiled = resolve;
      });
    },
  });
  return { made, worker, compiled: (module) => compiled(module) };
}

test("the first start takes over the worker and the wasm compile launched on intent, with its byte count", async () => {
  const launched = launch({ counted: 1000 });
  const loading = [];
  let taken = launched.made;
  const { made, workers } = client({ launched: () => [taken, (taken = null)][0], loading });
  const ready = made.start();
  assert.equal(workers.length, 0, "no second worker");
  const [init] = launched.worker.received;
  assert.equal(init.type, REQUEST.INIT);
  assert.equal(loading.at(-1).loaded, 1000, "the bytes counted before the take-over are reported");
  launched.compiled("compiled early");
  await settle();
  assert.deepEqual(launched.worker.received[1], { type: REQUEST.WASM, id: init.id, module: "compiled early" });
  launched.worker.answer({ type: EVENT.READY, id: init.id, version: "test" });
  assert.equal((await ready).type, EVENT.READY);

  // Stop on static hosting: the next worker is the client's own, with the same compiled module.
  const run = made.send({ type: REQUEST.RUN, code: "while True: pass" });
  made.stop(run.id, { type: ERROR_TYPE.INTERRUPTED, message: "stopped", traceback: "" });
  assert.equal(launched.worker.terminated, true);
  assert.equal(workers.length, 1);
  await settle();
  assert.equal(workers[0].received[1].module, "compiled early");
});

test("a launched worker that failed before the take-over ends the start as fatal", async () => {
  const launched = launch();
  launched.worker.dispatchEvent(new Event("error")); // its script could not load, say
  const { made } = client({ launched: () => launched.made });
  const event = await made.start();
  assert.equal(event.type, EVENT.FATAL);
  assert.match(event.message, /could not be loaded/);
  assert.equal(launched.worker.terminated, true);
});

test("a launch that comes after the client started on its own is not kept", async () => {
  let pending = null;
  const { made, workers } = client({ launched: () => [pending, (pending = null)][0] });
  made.start();
  pending = launch().made;
  const worker = pending.worker;
  made.start();
  assert.equal(worker?.terminated, true, "no second Python boots in the background");
  assert.equal(workers.length, 1);
});
