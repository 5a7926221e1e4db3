// @ts-check
// A throw-away module worker that compresses a Python memory snapshot and keeps it in Cache
// Storage, off the Python worker's thread (see snapshot.js). It closes itself when done.
//
//   Python worker → store  {key: string, bytes: Uint8Array, bootZip: string}   (no answer)

import { storeSnapshot } from "./snapshot.js";

self.addEventListener("message", async (/** @type {MessageEvent} */ { data }) => {
  await storeSnapshot(data.key, data.bytes, data.bootZip);
  self.close();
});
