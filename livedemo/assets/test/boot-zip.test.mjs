// Which boot zip a reader's Python starts with (boot-zip.js): the link verdict on the three
// network profiles the benchmarks emulate, the choice with and without a snapshot, and the probe
// on a real streamed Response with a clock the test drives.

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BOOT_ZIP_PLACEHOLDER, ENCODED_RATIO, FAST_BYTES, LinkProbe, WITHIN_MS, chooseBootZip, linkVerdict, useBootZip,
} from "../src/boot-zip.js";
import { FetchPipeline } from "../src/fetch-pipeline.js";

const KB = 1024;
/** benchmarks/first_output.py's profiles: round trip (ms) and bytes per ms down. */
const PROFILES = {
  loopback: { latency: 1, perMs: 500_000 },
  "4g": { latency: 60, perMs: 9e6 / 8 / 1000 },
  slow: { latency: 150, perMs: 1.6e6 / 8 / 1000 },
};
/** Decoded bytes per wire byte of pyodide.asm.wasm's first 128 KB, gzip -6 (measured: 3.5). */
const GZIP_START = 3.5;

/**
 * The verdict and when it comes, for the wasm arriving in 16 KB chunks on `profile`; `shared`
 * bytes (the worker script, the page's chunks) share the link first.
 */
function verdictOn({ latency, perMs }, { gzip = false, shared = 0 } = {}) {
  const wireChunk = 16 * KB;
  for (let wire = wireChunk; ; wire += wireChunk) {
    const at = latency + (shared + wire) / perMs;
    const decoded = gzip ? wire * GZIP_START : wire;
    const verdict = at >= WITHIN_MS ? linkVerdict(WITHIN_MS, decoded, gzip) : linkVerdict(at, decoded, gzip);
    if (verdict) return { verdict, at: Math.min(at, WITHIN_MS) };
  }
}

test("loopback and fast 4G are fast in time for the stdlib request, the slow profile is slow", () => {
  for (const gzip of [false, true]) {
    const loopback = verdictOn(PROFILES.loopback, { gzip });
    assert.equal(loopback.verdict, "fast");
    assert.ok(loopback.at < 20, `loopback ${loopback.at} ms`);
    // The worker script (70 KB uncompressed) downloads at the same time.
    const fourG = verdictOn(PROFILES["4g"], { gzip, shared: 70 * KB });
    assert.equal(fourG.verdict, "fast", `4g, gzip ${gzip}`);
    assert.ok(fourG.at < 250, `4g verdict at ${fourG.at} ms (gzip ${gzip}): the stdlib request goes out ~230 ms or later`);
    assert.deepEqual(verdictOn(PROFILES.slow, { gzip }), { verdict: "slow", at: WITHIN_MS }, `slow, gzip ${gzip}`);
  }
});

test("the boundary lies between the profiles: 4 Mbit/s is fast, 2 Mbit/s slow (60 ms round trip)", () => {
  for (const gzip of [false, true]) {
    assert.equal(verdictOn({ latency: 60, perMs: 4e6 / 8 / 1000 }, { gzip }).verdict, "fast");
    assert.equal(verdictOn({ latency: 60, perMs: 2e6 / 8 / 1000 }, { gzip }).verdict, "slow");
  }
});

test("no verdict before its time; a compressed body must bring more decoded bytes", () => {
  assert.equal(linkVerdict(100, FAST_BYTES - 1, false), null);
  assert.equal(linkVerdict(100, FAST_BYTES, false), "fast");
  assert.equal(linkVerdict(100, FAST_BYTES, true), null);
  assert.equal(linkVerdict(100, FAST_BYTES * ENCODED_RATIO, true), "fast");
  assert.equal(linkVerdict(WITHIN_MS, 0, false), "slow");
  assert.equal(linkVerdict(WITHIN_MS + 1, FAST_BYTES * 10, false), "slow"); // came, but too late
});

test("the zip: the snapshot's while shipped, else bytecode when fast or unknown, sources when slow", () => {
  const both = { bytecode: "b.zip", source: "s.zip" };
  assert.equal(chooseBootZip({ zips: both, verdict: "fast" }), "b.zip");
  assert.equal(chooseBootZip({ zips: both, verdict: "slow" }), "s.zip");
  assert.equal(chooseBootZip({ zips: both, verdict: null }), "b.zip");
  assert.equal(chooseBootZip({ zips: both, verdict: "fast", kept: "s.zip" }), "s.zip");
  assert.equal(chooseBootZip({ zips: both, verdict: "slow", kept: "b.zip" }), "b.zip");
  assert.equal(chooseBootZip({ zips: both, verdict: "slow", kept: "gone.zip" }), "s.zip");
  // always / never: one zip whatever the link
  assert.equal(chooseBootZip({ zips: { bytecode: "b.zip" }, verdict: "slow" }), "b.zip");
  assert.equal(chooseBootZip({ zips: { source: "s.zip" }, verdict: "fast", kept: "b.zip" }), "s.zip");
  assert.throws(() => chooseBootZip({ zips: {}, verdict: "fast" }), /lists no boot zip/);
});

/** A response whose body the test feeds chunk by chunk. */
function streamed(headers = {}) {
  let controller;
  const body = new ReadableStream({ start: (c) => { controller = c; } });
  return { response: new Response(body, { headers }), push: (n) => controller.enqueue(new Uint8Array(n)), end: () => controller.close() };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

function probe() {
  let now = 0;
  let fire = () => {};
  const link = new LinkProbe(() => now, (callback, ms) => {
    assert.equal(ms, WITHIN_MS);
    fire = callback;
  });
  return { link, advance: (ms) => { now += ms; }, fire: () => fire() };
}

test("the probe says fast once enough bytes came in time, and leaves the original body whole", async () => {
  const { link, advance } = probe();
  const { response, push } = streamed({ "Content-Type": "application/wasm" });
  link.track(response);
  let said = null;
  link.verdict.then((verdict) => { said = verdict; });
  advance(50);
  push(FAST_BYTES / 2);
  await tick();
  assert.equal(said, null);
  advance(50);
  push(FAST_BYTES / 2);
  push(10);
  await tick();
  assert.equal(said, "fast");
  // The original response is still readable in full (the probe read a clone and let it go).
  const reader = response.body.getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await Promise.race([reader.read(), tick().then(() => ({ done: true }))]);
    if (done) break;
    bytes += value.byteLength;
  }
  assert.equal(bytes, FAST_BYTES + 10);
});

test("the probe says slow when the time passes first, even with no byte at all", async () => {
  const { link, advance, fire } = probe();
  const { response, push } = streamed({ "Content-Encoding": "gzip" });
  link.track(response);
  advance(100);
  push(FAST_BYTES); // compressed: not enough decoded bytes yet
  await tick();
  advance(WITHIN_MS);
  fire();
  assert.equal(await link.verdict, "slow");

  const silent = probe();
  silent.advance(WITHIN_MS);
  silent.fire();
  assert.equal(await silent.link.verdict, "slow");
});

test("the probe says nothing (null) when the download cannot be watched", async () => {
  const failed = probe();
  failed.link.failed();
  assert.equal(await failed.link.verdict, null);
  const missing = probe();
  await missing.link.track(new Response("no", { status: 404 }));
  assert.equal(await missing.link.verdict, null);
});

test("the stdlib stage asks for the chosen zip once chosen; other downloads do not wait for it", async () => {
  const asked = [];
  const worker = { fetch: async (input) => { asked.push(String(input)); return new Response(String(input)); } };
  const pipeline = new FetchPipeline(worker);
  let choose = () => {};
  const chosen = new Promise((resolve) => { choose = resolve; });
  useBootZip(pipeline, () => chosen);
  const stdlib = worker.fetch(`https://s/pyodide/${BOOT_ZIP_PLACEHOLDER}`);
  assert.equal(await (await worker.fetch("https://s/pyodide/pyodide.asm.mjs")).text(), "https://s/pyodide/pyodide.asm.mjs");
  assert.deepEqual(asked, ["https://s/pyodide/pyodide.asm.mjs"]); // the zip waits for the choice
  choose("python_stdlib_boot.zip");
  assert.equal(await (await stdlib).text(), "https://s/pyodide/python_stdlib_boot.zip");
  assert.deepEqual(asked, ["https://s/pyodide/pyodide.asm.mjs", "https://s/pyodide/python_stdlib_boot.zip"]);
});
