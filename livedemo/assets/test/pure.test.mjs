// Unit tests of the front end's pure functions, run by node's own test runner without a browser
// (`npm test`, part of `make test`). The browser tests (tests/browser/) cover the same modules
// through the page; these pin down the logic alone, fast.

import assert from "node:assert/strict";
import { test } from "node:test";
import { EVENT, TERMINAL, packageErrorMessage } from "../src/protocol.js";
import { canonical, withDependencies } from "../src/prefetch.js";
import { formatDownload, shorten, STATUS_CHARS } from "../src/status.js";
import { OpenLine } from "../src/terminal.js";
import { StreamBatch } from "../src/stream-batch.js";

test("every terminal event is an event, and only ready/result/error/fatal end a request", () => {
  const events = new Set(Object.values(EVENT));
  for (const kind of TERMINAL) assert.ok(events.has(kind), kind);
  assert.deepEqual([...TERMINAL].sort(), ["error", "fatal", "ready", "result"]);
});

test("a package error names each package and where it was looked for", () => {
  assert.equal(
    packageErrorMessage([{ name: "numpy", url: "https://x/numpy.whl" }, { name: "nope", url: null }]),
    "could not load numpy from https://x/numpy.whl, nope (this site's lock file does not list it)",
  );
});

test("dependencies come before the packages that need them, each once", () => {
  const lock = {
    scipy: { depends: ["numpy", "openblas"] },
    numpy: { depends: [] },
    openblas: { depends: [] },
    "scikit-learn": { depends: ["scipy", "numpy", "joblib"] },
    joblib: { depends: [] },
  };
  const order = withDependencies(lock, ["scikit-learn"]);
  assert.equal(new Set(order).size, order.length);
  for (const [name, entry] of Object.entries(lock)) {
    if (!order.includes(name)) continue;
    for (const dependency of entry.depends) assert.ok(order.indexOf(dependency) < order.indexOf(name), `${dependency} before ${name}`);
  }
  assert.equal(canonical("Scikit_Learn"), "scikit-learn");
});

test("a long status message is cut to STATUS_CHARS at a word", () => {
  const long = "word ".repeat(100).trim();
  const short = shorten(long);
  const suffix = "… (the full message is below)";
  assert.ok(short.endsWith(suffix), short);
  const kept = short.slice(0, -suffix.length);
  assert.ok(kept.length <= STATUS_CHARS && kept.length > STATUS_CHARS * 0.7, `${kept.length}`);
  assert.ok(long.startsWith(kept) && kept.endsWith("word"), kept);
  assert.equal(shorten("short"), "short");
  assert.equal(formatDownload(3_100_000, 12_300_000), "3.1 MB of 12.3 MB");
});

test("carriage returns rewrite the open line, as a terminal does", () => {
  const line = new OpenLine();
  assert.deepEqual(line.feed("10%"), { line: null, text: "10%" });
  assert.deepEqual(line.feed("\r50%"), { line: "50%", text: "" });
  assert.deepEqual(line.feed("\rdone\nnext"), { line: "done", text: "\nnext" });
  assert.equal(line.line, "next");
});

test("stream writes are passed on whole, in order, on flush", () => {
  const got = [];
  const batch = new StreamBatch((stream, text) => got.push([stream, text]));
  batch.write("stdout", "a\n");
  batch.write("stdout", "b");
  batch.write("stderr", "c\n");
  batch.flush();
  assert.equal(got.map(([, text]) => text).join(""), "a\nbc\n");
  assert.deepEqual(got.map(([stream]) => stream).filter((s, i, all) => s !== all[i - 1]), ["stdout", "stderr"]);
});

test("the protocol names each error type and fatal reason once, as the contract says", async () => {
  const { ERROR_TYPE, FATAL_REASON, FROM_PYTHON, INTERRUPTED_MESSAGE } = await import("../src/protocol.js");
  const types = Object.values(ERROR_TYPE);
  assert.equal(new Set(types).size, types.length);
  assert.deepEqual(types.sort(), ["KeyboardInterrupt", "PackageError", "Stopped", "Superseded", "TimeLimit"]);
  assert.deepEqual({ ...FATAL_REASON }, { START: "start", CRASH: "crash" }); // FatalEvent.reason's typedef
  for (const kind of FROM_PYTHON) assert.ok(Object.values(EVENT).includes(kind), `${kind} is passed on as a page event`);
  assert.deepEqual([...FROM_PYTHON].sort(), ["display", "input", "progress"]); // livedemo/contract.json's "events"
  assert.equal(INTERRUPTED_MESSAGE, "Stopped"); // runner.py's message for KeyboardInterrupt, from the contract
});

test("the front end's README maps every module, and only modules that exist", async () => {
  const { readFileSync, readdirSync } = await import("node:fs");
  const src = new URL("../src/", import.meta.url);
  const readme = readFileSync(new URL("README.md", src), "utf8");
  const rows = new Set([...readme.matchAll(/^\| ([^|]+) \|/gm)].flatMap(([, cell]) => [...cell.matchAll(/`([\w.-]+)`/g)].map(([, name]) => name)));
  const modules = readdirSync(src).filter((name) => /\.(js|css)$/.test(name));
  for (const name of modules) assert.ok(rows.has(name), `${name} has no row in livedemo/assets/src/README.md`);
  for (const name of rows) assert.ok(modules.includes(name), `README.md maps ${name}, which is not in src/`);
});
