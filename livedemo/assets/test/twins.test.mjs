// The page's half of the twins: logic the build does in Python and the page in JavaScript,
// run on the golden cases of twins.json. tests/livedemo/test_twins.py runs the Python half on
// the same cases and compares with the same expectations, so the two cannot drift apart.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { ChoiceControl, NumberControl, SliderControl } from "../src/input-controls.js";
import { niceTicks, PointsControl } from "../src/points-input.js";
import { clipLines, LINE_CHARS } from "../src/render.js";
import { OpenLine } from "../src/terminal.js";

const CASES = JSON.parse(readFileSync(new URL("twins.json", import.meta.url), "utf8"));
const text = (pieces) => pieces.map(([piece, times]) => piece.repeat(times)).join("");

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
