// The package bytecode cache's data (bytecode-cache.js): one blob holds a package's .pyc files
// and gives them back byte for byte; a damaged blob is refused; each .pyc is marked "unchecked
// hash" (PEP 552) without touching its code.

import assert from "node:assert/strict";
import { test } from "node:test";
import { packFiles, unchecked, unpackFiles } from "../src/bytecode-cache.js";

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

test("unchecked sets the flags to 1 and changes nothing else, in a copy", () => {
  const original = pyc(0, [5, 6, 7, 8]);
  const marked = unchecked(original);
  assert.equal(new DataView(marked.buffer).getUint32(4, true), 1);
  assert.deepEqual([...marked.subarray(0, 4)], [...original.subarray(0, 4)]);
  assert.deepEqual([...marked.subarray(8)], [...original.subarray(8)]);
  assert.equal(new DataView(original.buffer).getUint32(4, true), 0);
  assert.deepEqual([...unchecked(new Uint8Array([1, 2]))], [1, 2]); // too short to be a .pyc: as it is
});
