// @ts-check
// A block's life as a pure state machine: no DOM, no timers. The scheduler's calls on a block's
// view (block.js) are the moves; the view keeps the phase and renders from it (busy or idle in
// data-state, which buttons are enabled, whether Reset may act).
//
//   idle ─queue→ queued ─load→ loading ─run→ running ─finish→ done
//                  │  └────────run────────────┘   │
//                  └──── fail | stop | supersede ─┴→ failed | stopped | superseded
//   done, failed, stopped, superseded ─queue→ queued (run again), ─reset→ idle (Reset)

export const PHASE = Object.freeze({
  IDLE: "idle",
  QUEUED: "queued",
  LOADING: "loading",
  RUNNING: "running",
  DONE: "done",
  FAILED: "failed",
  STOPPED: "stopped",
  SUPERSEDED: "superseded",
});

/** @typedef {typeof PHASE[keyof typeof PHASE]} Phase */

/** @type {Phase[]} */
const BUSY = [PHASE.QUEUED, PHASE.LOADING, PHASE.RUNNING];
/** @type {Phase[]} */
const SETTLED = [PHASE.IDLE, PHASE.DONE, PHASE.FAILED, PHASE.STOPPED, PHASE.SUPERSEDED];

/** @typedef {"queue"|"load"|"run"|"finish"|"fail"|"stop"|"supersede"|"reset"} Move */

/**
 * Each move: the phases it may start from, and where it leads.
 * @type {Record<Move, {from: Phase[], to: Phase}>}
 */
const MOVES = {
  /** a run is requested (or, already waiting, its message changes: "Waiting…" → "Starting…") */
  queue: { from: [...SETTLED, PHASE.QUEUED, PHASE.LOADING], to: PHASE.QUEUED },
  /** the runtime or the block's packages download */
  load: { from: [PHASE.QUEUED, PHASE.LOADING], to: PHASE.LOADING },
  /** Python starts the block's code */
  run: { from: [PHASE.QUEUED, PHASE.LOADING], to: PHASE.RUNNING },
  finish: { from: [PHASE.RUNNING], to: PHASE.DONE },
  /** the code raised, a package did not load, or the runtime broke */
  fail: { from: BUSY, to: PHASE.FAILED },
  /** Stop, the time limit, or cancelled before it ran */
  stop: { from: BUSY, to: PHASE.STOPPED },
  /** the inputs changed while it ran: the next run follows */
  supersede: { from: BUSY, to: PHASE.SUPERSEDED },
  /** Reset: code, inputs and output back to the build's */
  reset: { from: SETTLED, to: PHASE.IDLE },
};
Object.freeze(MOVES);

/** Whether `move` is allowed in `phase`. @param {Phase} phase @param {Move} move */
export const allowed = (phase, move) => MOVES[move].from.includes(phase);

/**
 * The phase after `move`. A move the machine does not allow is a bug in its caller: it is
 * reported (console) and the phase it leads to is taken anyway, so the page goes on working.
 * @param {Phase} phase @param {Move} move @returns {Phase}
 */
export function advance(phase, move) {
  if (!allowed(phase, move)) console.error(`livedemo: a block cannot ${move} when ${phase}`);
  return MOVES[move].to;
}

/** Whether a block in `phase` is busy: Stop is available, Run and Reset are not. @param {Phase} phase */
export const isBusy = (phase) => BUSY.includes(phase);

/** Every move, for tests and tools. */
export const MOVE_NAMES = /** @type {Move[]} */ (Object.keys(MOVES));
