// @ts-check
// What a reader changed in a block, kept in this browser (localStorage) for this page, so that
// a reload brings it back: the edited code and the input values. Nothing is sent anywhere.
// An entry belongs to the author's code it was saved against: when the author publishes new
// code for the block (or blocks move), the reader's old version is not forced on it. Reset
// forgets it. Storage may be unavailable (private windows, disabled, full): then nothing is
// kept and nothing fails.

const PREFIX = "livedemo:v1:";

/** A short fingerprint of the author's code (FNV-1a, 32 bits). */
function fingerprint(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16);
}

const keyOf = (block) => `${PREFIX}${location.pathname}#${block.id}`;

/** The author's code of a block, as the build wrote it (`pre > code`: Material may add a button). */
export function authorCode(block) {
  return block.querySelector(".livedemo-code pre > code, .livedemo-code pre")?.textContent ?? "";
}

/**
 * What the reader left in this block: `{code?, inputs?}`, or null.
 * @param {HTMLElement} block @param {string} original  the author's code
 */
export function loadSaved(block, original = authorCode(block)) {
  try {
    const entry = JSON.parse(localStorage.getItem(keyOf(block)) ?? "null");
    if (!entry || entry.author !== fingerprint(original)) return null;
    return { code: typeof entry.code === "string" ? entry.code : undefined, inputs: entry.inputs ?? undefined };
  } catch {
    return null;
  }
}

/**
 * Keep the reader's version: `code` (undefined: the author's) and `inputs` (undefined: the
 * defaults). With neither, the entry goes.
 */
export function save(block, original, { code, inputs }) {
  try {
    const key = keyOf(block);
    if (code === undefined && inputs === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify({ author: fingerprint(original), code, inputs }));
  } catch {
    // Not kept: storage is off or full.
  }
}
