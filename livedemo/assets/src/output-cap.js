// @ts-check
// Which lines of a run's output the page shows, as data: no DOM, so node's test runner checks it
// against the build's `capped()` (livedemo/markup.py) on the golden cases of ../test/twins.json.
// output.js draws what it decides.
//
//   - the first headLines lines are shown as they come (`place` returns them);
//   - after that, the latest tailLines lines are kept below a gap that counts the lines in
//     between; the gap also keeps those lines, up to showLimit of them, for "Show them";
//   - everything printed is kept for "Download" while it is under keepChars characters.
//
// Lines are counted by their newlines; a line still being written (no newline yet) is one line
// and stays in the tail until it ends, so the gap only takes whole lines.

import { OUTPUT_LIMITS } from "./contract.js";

/** livedemo/contract.json's "output" (keepChars: 8 M, about 16 MB of JavaScript strings). */
export const LIMITS = OUTPUT_LIMITS;

/** @typedef {{stream: string, text: string}} Piece  text of one stream */
/** @typedef {{[K in keyof typeof LIMITS]: number}} Limits */

/** @param {string} text */
export const newlines = (text) => {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  return count;
};

/** Index just past the n-th newline of text (n ≥ 1), or -1. @param {string} text @param {number} n */
const afterNewline = (text, n) => {
  let i = -1;
  for (let k = 0; k < n; k++) {
    i = text.indexOf("\n", i + 1);
    if (i === -1) return -1;
  }
  return i + 1;
};

/**
 * Index of the start of the last `n` lines of text (a trailing partial line counts as one).
 * @param {string} text @param {number} n
 */
const lastLinesStart = (text, n) => {
  let i = text.endsWith("\n") ? text.length - 1 : text.length;
  for (let k = 0; k < n; k++) {
    i = text.lastIndexOf("\n", i - 1);
    if (i === -1) return 0;
  }
  return i + 1;
};

/** Lines of text, each with its newline (the last may have none). @param {string} text */
const splitLines = (text) => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

export class OutputCap {
  /** @param {Partial<Limits>} [limits] */
  constructor(limits = {}) {
    /** @type {Limits} */
    this.limits = { ...LIMITS, ...limits };
    /** lines shown above the gap (since the last "Show them") */
    this.headLines = 0;
    /** everything printed, for Download, while it fits in keepChars */
    /** @type {{chunks: string[], chars: number, complete: boolean, lostLines: number}} */
    this.kept = { chunks: [], chars: 0, complete: true, lostLines: 0 };
    /**
     * The lines left out, once there are some: how many, and their text while there are at
     * most showLimit (null after: only counted).
     * @type {{lines: number, chunks: Piece[]|null}|null}
     */
    this.gap = null;
    /** @type {Piece[]} the latest lines, shown below the gap, one line each */
    this.tail = [];
    /** the tail or the gap changed since the page last drew them */
    this.tailChanged = false;
  }

  /** Keep text printed for Download (until keepChars; later lines are only counted). @param {string} text */
  keep(text) {
    const kept = this.kept;
    const room = kept.complete ? this.limits.keepChars - kept.chars : 0;
    if (text.length <= room) {
      kept.chunks.push(text);
      kept.chars += text.length;
      return;
    }
    if (room > 0) {
      kept.chunks.push(text.slice(0, room));
      kept.chars += room;
    }
    kept.complete = false;
    kept.lostLines += newlines(text.slice(room));
  }

  /**
   * Text printed to `stream`: what of it goes on the page above the gap now (`head`; null:
   * nothing), and whether the gap opened after that text (the rest went below it).
   * @param {string} stream @param {string} text
   * @returns {{head: string|null, opened: boolean}}
   */
  place(stream, text) {
    if (this.gap) {
      this.toTail(stream, text);
      return { head: null, opened: false };
    }
    const room = this.limits.headLines - this.headLines;
    const count = newlines(text);
    if (count < room || (count === room && text.endsWith("\n"))) {
      this.headLines += count;
      return { head: text, opened: false };
    }
    const cut = afterNewline(text, room);
    this.headLines = this.limits.headLines;
    this.gap = { lines: 0, chunks: [] };
    if (cut < text.length) this.toTail(stream, text.slice(Math.max(cut, 0)));
    return { head: cut > 0 ? text.slice(0, cut) : null, opened: true };
  }

  /**
   * The open line of `stream` was rewritten (a carriage return) once the gap exists: it is the
   * tail's last line. @param {string} stream @param {string} line
   */
  rewriteTail(stream, line) {
    const last = this.tail.at(-1);
    if (last && last.stream === stream && !last.text.endsWith("\n")) last.text = line;
    else this.toTail(stream, line);
    this.tailChanged = true;
  }

  /** Add text to the tail; lines pushed out of it go into the gap. @param {string} stream @param {string} text */
  toTail(stream, text) {
    const { tailLines } = this.limits;
    const last = this.tail.at(-1);
    if (last && last.stream === stream && !last.text.endsWith("\n")) {
      const end = text.indexOf("\n");
      const piece = end === -1 ? text : text.slice(0, end + 1);
      last.text += piece;
      text = text.slice(piece.length);
    }
    if (text) {
      const start = lastLinesStart(text, tailLines);
      if (start > 0) {
        // Everything before the last tailLines lines of this text is older than the tail too.
        for (const line of this.tail.splice(0)) this.toGap(line.stream, line.text);
        this.toGap(stream, text.slice(0, start));
      }
      for (const line of splitLines(text.slice(start))) this.tail.push({ stream, text: line });
    }
    const over = this.tail.length - tailLines;
    if (over > 0) for (const line of this.tail.splice(0, over)) this.toGap(line.stream, line.text);
    this.tailChanged = true;
  }

  /** @param {string} stream @param {string} text */
  toGap(stream, text) {
    const gap = /** @type {NonNullable<OutputCap["gap"]>} */ (this.gap);
    gap.lines += newlines(text) + (text.endsWith("\n") ? 0 : 1);
    if (gap.chunks && gap.lines <= this.limits.showLimit) {
      const last = gap.chunks.at(-1);
      if (last?.stream === stream) last.text += text;
      else gap.chunks.push({ stream, text });
    } else gap.chunks = null; // too many to show at once: only counted (and kept for Download)
  }

  /**
   * "Show them": the gap's lines and the tail, in the order printed, to put on the page in
   * place of the gap; the gap closes and another headLines lines may come before the next.
   * Null when the gap holds too many lines to show (nothing changes).
   * @returns {Piece[]|null}
   */
  release() {
    const chunks = this.gap?.chunks;
    if (!chunks) return null;
    const shown = [...chunks, ...this.tail];
    this.gap = null;
    this.tail = [];
    this.headLines = 0;
    return shown;
  }

  /** What Download saves: everything kept, and a line saying how much was not. */
  download() {
    const { chunks, complete, lostLines } = this.kept;
    /** @type {string[]} */
    const parts = [...chunks];
    if (!complete) parts.push(`\n[${lostLines.toLocaleString("en")} more lines were printed but not kept]\n`);
    return parts;
  }
}
