// @ts-check
// What the page and the build must agree on, from livedemo/contract.json (Python reads the same
// file: livedemo/contract.py, which says what each part is for; the worker writes it beside
// contract.py into the browser's Python).

import contract from "../../contract.json" with { type: "json" };

const { errors, events, narrowScreen, output, pointsPlot } = contract;

/** The file as the worker writes it for the browser's Python (livedemo/contract.py reads it). */
export const CONTRACT_JSON = /* @__PURE__ */ JSON.stringify(contract);

/** Caps on a run's output (see output.js); markup.py caps the build's output the same way. */
export const OUTPUT_LIMITS = Object.freeze({ ...output });

/** The media query of a narrow screen: narrow plots, as the build's <source media> says. */
export const NARROW_SCREEN = `(max-width: ${narrowScreen}px)`;

/** The points plot's proportions and margins in px (input_markup.py draws the same). */
export const POINTS_PLOT = Object.freeze({ ...pointsPlot });

/** Error types a run can end with besides Python's own; fatal reasons. */
export const ERROR_TYPES = Object.freeze({ ...errors.types });
export const FATAL_REASONS = Object.freeze({ ...errors.fatalReasons });
/** The message of a run KeyboardInterrupt ended (runner.py gives Python's the same). */
export const INTERRUPTED_MESSAGE = errors.messages.interrupted;

/** The events Python sends (livedemo/display.py, inputs.py); protocol.js names them. */
export const PYTHON_EVENTS = Object.freeze({ ...events });
