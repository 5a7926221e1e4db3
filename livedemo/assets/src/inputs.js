// @ts-check
// The inputs a demo declares in Python (livedemo/inputs.py), as live form controls: one
// panel per block. page.js turns the build's disabled controls into live ones before the
// runtime loads (the first change is the reader's intent); block.js makes or updates controls
// from the `input` events of a live run. Every control is a real, labelled form control
// (input-controls.js; the points plot and its list in points-input.js). A change calls the
// panel's `onChange` at most once per animation frame. Values leave here only as data.

import { ChoiceControl, NumberControl, SliderControl, element, equal } from "./input-controls.js";
import { PointsControl } from "./points-input.js";

/** block element → its InputPanel */
const panels = new WeakMap();

/** The panel of a block, if it has inputs. */
export const panelOf = (block) => panels.get(block);

/** Declarations equal apart from the value in use. */
function sameDeclaration(a, b) {
  const { value: _a, ...restA } = a;
  const { value: _b, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB);
}

/** @typedef {SliderControl|NumberControl|ChoiceControl|PointsControl} AnyControl */

const KINDS = { slider: SliderControl, number: NumberControl, choice: ChoiceControl, points: PointsControl };

// --- A block's inputs -------------------------------------------------------------------------

export class InputPanel {
  /**
   * @param {HTMLElement} block  the .livedemo element
   * @param {HTMLElement} root  its .livedemo-inputs element
   * @param {() => void} onChange  the reader changed a value
   */
  constructor(block, root, onChange) {
    this.block = block;
    this.root = root;
    this.onChange = onChange;
    /** @type {Map<string, AnyControl>} */
    this.controls = new Map();
    this.frame = 0;
    /** values sent with the run under way, and the inputs it declared so far */
    this.run = null;
    this.announcer = element("p", "livedemo-inputs-announce");
    this.announcer.setAttribute("aria-live", "polite");
    root.append(this.announcer);
    panels.set(block, this);
  }

  /** Call onChange once in the next frame, however many changes come before it. */
  changed() {
    if (!this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.onChange();
      });
    }
  }

  announce(message) {
    // Cleared first, so that the same message twice is announced twice.
    this.announcer.textContent = "";
    requestAnimationFrame(() => {
      this.announcer.textContent = message;
    });
  }

  make(spec, value) {
    const Kind = KINDS[spec.control];
    if (!Kind) return null;
    const id = `${this.block.id}-input-${spec.name}`;
    return new Kind(spec, id, () => this.changed(), value, (message) => this.announce(message));
  }

  /** The reader's values, by input name. */
  values() {
    return Object.fromEntries([...this.controls].map(([name, control]) => [name, control.value]));
  }

  /** The values as one string, to compare with the values behind the shown output. */
  key(values = this.values()) {
    return JSON.stringify(Object.keys(values).sort().map((name) => [name, values[name]]));
  }

  defaultKey() {
    return this.key(Object.fromEntries([...this.controls].map(([name, control]) => [name, control.default])));
  }

  isDefault() {
    return this.key() === this.defaultKey();
  }

  /** Put saved values back (no run: the reader has not asked for one yet). */
  restore(values) {
    for (const [name, value] of Object.entries(values ?? {})) {
      const control = this.controls.get(name);
      if (control?.allows(value)) control.set(value);
    }
  }

  /** Every input back to its default (Reset: the build's output, for the defaults, comes back). */
  reset() {
    let changed = false;
    for (const control of this.controls.values()) {
      if (!equal(control.value, control.default)) {
        control.set(control.default);
        changed = true;
      }
    }
    if (changed) this.announce("Inputs back to their defaults.");
  }

  /** A run starts with `values`. */
  begin(values) {
    this.run = { sent: values, seen: [] };
  }

  /**
   * A live run declared an input (`spec.value` is the value it used): keep its control when
   * the declaration is unchanged, else make it anew. A value the run did not accept is shown,
   * unless the reader changed the control since.
   */
  declare(spec) {
    this.run?.seen.push(spec.name);
    const existing = this.controls.get(spec.name);
    if (existing && sameDeclaration(existing.spec, spec)) {
      const sent = this.run?.sent?.[spec.name];
      if (!equal(sent, spec.value) && equal(existing.value, sent)) existing.set(spec.value);
      return;
    }
    const control = this.make(spec, spec.value);
    if (!control) return;
    if (existing) {
      existing.element.before(control.element);
      existing.remove();
    } else this.root.insertBefore(control.element, this.announcer);
    this.controls.set(spec.name, control);
  }

  /** The run finished: inputs it no longer declares go, the others follow its order. */
  end(ok) {
    const run = this.run;
    this.run = null;
    if (!ok || !run) return;
    for (const [name, control] of this.controls) {
      if (!run.seen.includes(name)) {
        control.remove();
        this.controls.delete(name);
      }
    }
    const order = [...new Set(run.seen)].map((name) => this.controls.get(name)?.element).filter(Boolean);
    const shown = [...this.root.children].filter((node) => order.includes(node));
    if (order.some((node, i) => shown[i] !== node)) {
      // Moving a node takes the focus from it: only when the order changed.
      for (const node of order) this.root.insertBefore(node, this.announcer);
    }
    this.root.hidden = this.controls.size === 0;
  }
}

/**
 * The block's panel: its build-time controls made live (with `saved` values put back), or an
 * empty one for a block whose inputs a live run declares; null when it has none and `create`
 * is false.
 * @param {HTMLElement} block @param {() => void} onChange
 * @param {{saved?: object, create?: boolean}} [options]
 */
export function inputPanel(block, onChange, { saved, create = false } = {}) {
  const existing = panels.get(block);
  if (existing) return existing;
  let root = /** @type {HTMLElement|null} */ (block.querySelector(":scope > .livedemo-inputs"));
  if (!root && !create) return null;
  if (!root) {
    root = element("div", "livedemo-inputs");
    block.insertBefore(root, block.querySelector(":scope > .livedemo-output"));
  }
  root.querySelector(":scope > .livedemo-inputs-note")?.remove();
  root.setAttribute("role", "group");
  const title = block.querySelector(".livedemo-title")?.textContent?.trim() || "the demo";
  root.setAttribute("aria-label", `Inputs of ${title}`);
  const panel = new InputPanel(block, root, onChange);
  for (const built of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll(":scope > [data-input]"))) {
    let spec;
    try {
      spec = JSON.parse(built.dataset.input);
    } catch {
      continue; // malformed: the disabled control stays
    }
    const control = panel.make(spec, spec.value);
    if (!control) continue;
    built.replaceWith(control.element);
    panel.controls.set(spec.name, control);
  }
  panel.restore(saved);
  return panel;
}
