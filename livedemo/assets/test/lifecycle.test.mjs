// A block's life (lifecycle.js) without a page: the runs the scheduler drives, move by move.

import assert from "node:assert/strict";
import { test } from "node:test";
import { MOVE_NAMES, PHASE, advance, allowed, isBusy } from "../src/lifecycle.js";

/** The phases a block passes through for these moves, each checked as allowed. */
function walk(moves, from = PHASE.IDLE) {
  const phases = [];
  let phase = from;
  for (const move of moves) {
    assert.ok(allowed(phase, move), `${move} when ${phase}`);
    phase = advance(phase, move);
    phases.push(phase);
  }
  return phases;
}

test("a first run: queued, Python loads, runs, done", () => {
  assert.deepEqual(walk(["queue", "load", "load", "run", "finish"]),
    [PHASE.QUEUED, PHASE.LOADING, PHASE.LOADING, PHASE.RUNNING, PHASE.DONE]);
});

test("a run ends failed, stopped or superseded, and the block can run again or be reset", () => {
  for (const [move, phase] of [["fail", PHASE.FAILED], ["stop", PHASE.STOPPED], ["supersede", PHASE.SUPERSEDED]]) {
    for (const under of [["queue"], ["queue", "load"], ["queue", "run"]]) {
      const phases = walk([...under, move]);
      assert.equal(phases.at(-1), phase, `${under} then ${move}`);
      assert.deepEqual(walk(["queue", "run", "finish"], phase).at(-1), PHASE.DONE);
      assert.equal(walk(["reset"], phase)[0], PHASE.IDLE);
    }
  }
});

test("waiting for another block then starting keeps the block queued", () => {
  assert.deepEqual(walk(["queue", "queue", "load", "queue", "run"]),
    [PHASE.QUEUED, PHASE.QUEUED, PHASE.LOADING, PHASE.QUEUED, PHASE.RUNNING]);
});

test("only queued, loading and running are busy; a busy block cannot be reset or finish early", () => {
  assert.deepEqual(Object.values(PHASE).filter(isBusy), [PHASE.QUEUED, PHASE.LOADING, PHASE.RUNNING]);
  for (const phase of [PHASE.QUEUED, PHASE.LOADING, PHASE.RUNNING]) assert.equal(allowed(phase, "reset"), false, phase);
  assert.equal(allowed(PHASE.QUEUED, "finish"), false);
  assert.equal(allowed(PHASE.IDLE, "run"), false);
  assert.equal(allowed(PHASE.RUNNING, "load"), false);
  assert.equal(allowed(PHASE.DONE, "stop"), false);
});

test("every move leads somewhere from somewhere, and a move not allowed is reported", (t) => {
  for (const move of MOVE_NAMES) assert.ok(Object.values(PHASE).some((phase) => allowed(phase, move)), move);
  const errors = t.mock.method(console, "error", () => {});
  assert.equal(advance(PHASE.IDLE, "finish"), PHASE.DONE); // the page goes on
  assert.equal(errors.mock.callCount(), 1);
  assert.match(errors.mock.calls[0].arguments[0], /cannot finish when idle/);
});
