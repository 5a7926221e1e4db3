// The page's half of the twins: logic the build does in Python and the page in JavaScript,
// run on the golden cases of twins.json. tests/livedemo/test_twins.py runs the Python half on
// the same cases and compares with the same expectations, so the two cannot drift apart.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { ChoiceControl, NumberControl, SliderControl } from "../src/input-controls.js";
import { OutputCap } from "../src/output-cap.js";
import { niceTicks, PointsControl } from "../src/points-input.js";
import { clipLines, LINE_CHARS } from "../src/render.js";
import { OpenLine } from "../src/terminal.js";

const CASES = JSON.parse(readFileSync(new URL("twins.json", import.meta.url), "utf8"));
/** A text of twins.json: a string, [piece, times], or {lines: [prefix, first, last]}. */
const part = (item) => {
  if (typeof item === "string") return item;
  if (Array.isArray(item)) return item[0].repeat(item[1]);
  const [prefix, first, last] = item.lines;
  return Array.from({ length: last - first + 1 }, (_, k) => `${prefix}${first + k}\n`).join("");
};
const text = (parts) => parts.map(part).join("");

/** Adjacent pieces of one stream as one; the gap as it is. */
const merged = (pieces) =>
  pieces.reduce((all, [kind, value]) => {
    const last = all.at(-1);
    if (kind !== "gap" && last && last[0] === kind) last[1] += value;
    else if (kind === "gap" || value !== "") all.push([kind, value]);
    return all;
  }, []);

test("long lines are clipped as the build clips them", () => {
  CASES.clip.forEach((item, index) => {
    assert.equal(clipLines(text(item.text), LINE_CHARS), text(item.shown), `clip case ${index}`);
  });
});

test("carriage returns rewrite lines as the build rewrites them", () => {
  for (const { written, shown } of CASES.carriageReturns) {
    const { line, text: rest } = new OpenLine().feed(written);
    assert.equal((line ?? "") + rest, shown, JSON.stringify(written));
  }
});

test("the points plot has the build's ticks", () => {
  for (const { range: [low, high], ticks } of CASES.ticks) {
    assert.deepEqual(niceTicks(low, high), ticks, `ticks of [${low}, ${high}]`);
  }
});

const KINDS = { slider: SliderControl, number: NumberControl, choice: ChoiceControl, points: PointsControl };

test("the page allows exactly the input values Python accepts", () => {
  for (const { spec, value, allowed } of CASES.inputs) {
    // allows() reads only the declaration: no element is needed to ask it.
    const control = Object.create(KINDS[spec.control].prototype);
    control.spec = spec;
    assert.equal(control.allows(value), allowed, `${spec.control} ${JSON.stringify(spec)} given ${JSON.stringify(value)}`);
  }
});

test("a flood of output is capped as the build caps it", () => {
  CASES.capping.forEach(({ writes, shown }, index) => {
    const cap = new OutputCap();
    const pieces = [];
    for (const [stream, parts, byLine] of writes) {
      const written = text(parts);
      for (const piece of byLine ? written.match(/[^\n]*\n|[^\n]+$/g) : [written]) {
        const { head, opened } = cap.place(stream, piece);
        if (head !== null) pieces.push([stream, head]);
        if (opened) pieces.push(["gap", -1]); // counted at the end
      }
    }
    for (const piece of pieces) if (piece[0] === "gap") piece[1] = cap.gap?.lines ?? -1;
    for (const { stream, text: line } of cap.tail) pieces.push([stream, line]);
    const expected = shown.map(([kind, value]) => [kind, kind === "gap" ? value : text(value)]);
    assert.deepEqual(merged(pieces), merged(expected), `capping case ${index}`);
  });
});
