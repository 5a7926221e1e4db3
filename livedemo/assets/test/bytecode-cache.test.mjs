// The package bytecode cache's data (bytecode-cache.js): one blob holds a package's .pyc files
// and gives them back byte for byte; a damaged blob is refused.

import assert from "node:assert/strict";
import { test } from "node:test";
import { packFiles, unpackFiles } from "../src/bytecode-cache.js";

const pyc = (flags, body) => {
  const bytes = new Uint8Array(16 + body.length);
  bytes.set([0x2b, 0x0e, 0x0d, 0x0a]); // a magic number
  new DataView(bytes.buffer).setUint32(4, flags, true);
  new DataView(bytes.buffer).setUint32(8, 1_700_000_000, true); // source mtime
  new DataView(bytes.buffer).setUint32(12, 4321, true); // source size
  bytes.set(body, 16);
  return bytes;
};

test("a blob gives back every file, path and bytes, in order", () => {
  const files = [
    ["numpy/__pycache__/__init__.cpython-314.pyc", pyc(0, [1, 2, 3])],
    ["numpy/_core/__pycache__/é.cpython-314.pyc", pyc(0, [])],
    ["numpy/__pycache__/empty.pyc", new Uint8Array(0)],
  ];
  const back = unpackFiles(packFiles(files));
  assert.deepEqual(back.map(([path, bytes]) => [path, [...bytes]]), files.map(([path, bytes]) => [path, [...bytes]]));
  assert.deepEqual(unpackFiles(packFiles([])), []);
});

test("a blob that does not add up is refused", () => {
  const blob = packFiles([["a/__pycache__/b.pyc", pyc(0, [9, 9, 9])]]);
  assert.throws(() => unpackFiles(blob.subarray(0, blob.length - 1)), /damaged/);
  assert.throws(() => unpackFiles(new Uint8Array([...blob, 0])), /damaged/);
  assert.throws(() => unpackFiles(new TextEncoder().encode("damaged")));
});
