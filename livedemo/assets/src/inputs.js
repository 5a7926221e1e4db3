// The inputs a demo declares in Python (livedemo/inputs.py): sliders, number fields, choices
// and points on a plot, as live form controls. page.js turns the build's disabled controls
// into live ones before the runtime loads (the first change is the reader's intent); block.js
// makes or updates controls from the `input` events of a live run. Every control is a real,
// labelled form control; the points plot has a list of number fields that does everything
// the pointer does. A change calls the panel's `onChange` at most once per animation frame;
// typing in a number field waits for a pause (or Enter). Values leave here only as data.

const TYPING_MS = 400;
/** The points plot: the same proportions, margins and ticks as livedemo/input_markup.py. */
const PLOT = { width: 600, height: 230, minHeight: 180, maxHeight: 280, left: 36, right: 12, top: 10, bottom: 26 };
const HIT_PX = 16; // a press this close to a point grabs it
const DOUBLE_MS = 450; // a second press on the same point this soon removes it
const SVG = "http://www.w3.org/2000/svg";

/** block element → its InputPanel */
const panels = new WeakMap();

/** The panel of a block, if it has inputs. */
export const panelOf = (block) => panels.get(block);

const minus = (text) => text.replace(/^-/, "\u2212");

/** A number as the page writes it in fields: fixed decimals on a grid, else shortest. */
export function formatNumber(value, decimals) {
  return decimals === null || decimals === undefined ? String(value) : value.toFixed(decimals);
}

function snap(value, origin, step, decimals) {
  return Number((origin + Math.round((value - origin) / step) * step).toFixed(decimals));
}

/** Declarations equal apart from the value in use. */
function sameDeclaration(a, b) {
  const { value: _a, ...restA } = a;
  const { value: _b, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB);
}

const equal = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function svgElement(tag, attributes) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/** About `count` round ticks in [low, high], as input_markup.nice_ticks computes them. */
export function niceTicks(low, high, count = 6) {
  const raw = (high - low) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw * (1 - 1e-9));
  const ticks = [];
  for (let n = Math.ceil(low / step - 1e-9); n * step <= high + 1e-9 * step; n++) {
    ticks.push(Number((n * step).toFixed(10)));
  }
  return ticks;
}

// --- One control per kind: an element, its value, and whether a value is allowed ---------

class Control {
  /** @param {object} spec  a declaration from Python @param {string} id @param {Function} notify */
  constructor(spec, id, notify) {
    this.spec = spec;
    this.id = id;
    this.notify = notify;
  }

  get default() {
    return this.spec.default;
  }

  /** A wrapper with the label, as input_markup.py writes it. */
  frame(field) {
    const wrapper = element("div", "livedemo-input");
    wrapper.id = this.id;
    wrapper.dataset.control = this.spec.control;
    const label = element("label", "livedemo-input-label", this.spec.label);
    label.htmlFor = field.id;
    wrapper.append(label, field);
    return wrapper;
  }
}

class SliderControl extends Control {
  constructor(spec, id, notify, value) {
    super(spec, id, notify);
    const field = element("input", "livedemo-input-range");
    Object.assign(field, { type: "range", id: `${id}-field`, name: spec.name });
    Object.assign(field, { min: String(spec.low), max: String(spec.high), step: String(spec.step) });
    this.field = field;
    this.shown = element("output", "livedemo-input-value");
    this.shown.htmlFor = field.id;
    this.element = this.frame(field);
    this.element.append(this.shown);
    this.set(value);
    field.addEventListener("input", () => {
      this.show();
      notify();
    });
  }

  get value() {
    const number = Number(this.field.value);
    return this.spec.integer ? Math.round(number) : snap(number, this.spec.low, this.spec.step, this.spec.decimals);
  }

  set(value) {
    this.field.value = formatNumber(value, this.spec.decimals);
    this.show();
  }

  show() {
    const text = formatNumber(this.value, this.spec.decimals);
    this.shown.textContent = text;
    this.field.setAttribute("aria-valuetext", minus(text));
  }

  allows(value) {
    return typeof value === "number" && Number.isFinite(value) && value >= this.spec.low && value <= this.spec.high;
  }
}

class NumberControl extends Control {
  constructor(spec, id, notify, value) {
    super(spec, id, notify);
    const field = element("input", "livedemo-input-number");
    Object.assign(field, { type: "number", id: `${id}-field`, name: spec.name });
    if (spec.low !== null) field.min = String(spec.low);
    if (spec.high !== null) field.max = String(spec.high);
    field.step = spec.step === null ? "any" : String(spec.step);
    this.field = field;
    this.problem = element("span", "livedemo-input-problem");
    this.problem.id = `${id}-problem`;
    this.element = this.frame(field);
    this.element.append(this.problem);
    this.accepted = value;
    this.set(value);
    let timer = 0;
    const commit = () => {
      clearTimeout(timer);
      if (this.check() && !equal(this.value, this.accepted)) {
        this.accepted = this.value;
        notify();
      }
    };
    field.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(commit, TYPING_MS);
    });
    field.addEventListener("change", commit);
    field.addEventListener("keydown", (event) => {
      if (event.key === "Enter") commit();
    });
  }

  /** Whether the field holds an allowed number; says what is wrong when it does not. */
  check() {
    const ok = this.field.value.trim() !== "" && this.field.checkValidity();
    this.field.setAttribute("aria-invalid", String(!ok));
    if (ok) {
      this.field.removeAttribute("aria-describedby");
      this.problem.textContent = "";
    } else {
      const { low, high, integer } = this.spec;
      const range = low !== null && high !== null ? ` from ${low} to ${high}` : low !== null ? ` of at least ${low}` : high !== null ? ` of at most ${high}` : "";
      this.problem.textContent = `Enter a ${integer ? "whole number" : "number"}${range}.`;
      this.field.setAttribute("aria-describedby", this.problem.id);
    }
    return ok;
  }

  /** The last allowed value typed (what the demo runs with). */
  get value() {
    if (!this.field.checkValidity() || this.field.value.trim() === "") return this.accepted;
    const number = this.field.valueAsNumber;
    return this.spec.integer ? Math.round(number) : number;
  }

  set(value) {
    this.accepted = value;
    this.field.value = formatNumber(value, this.spec.decimals);
    this.check();
  }

  allows(value) {
    const { low, high } = this.spec;
    return typeof value === "number" && Number.isFinite(value) && (low === null || value >= low) && (high === null || value <= high);
  }
}

class ChoiceControl extends Control {
  constructor(spec, id, notify, value) {
    super(spec, id, notify);
    const field = element("select", "livedemo-input-choice");
    Object.assign(field, { id: `${id}-field`, name: spec.name });
    spec.options.forEach((option, index) => {
      const node = element("option", "", String(option));
      node.value = String(index);
      field.append(node);
    });
    this.field = field;
    this.element = this.frame(field);
    this.set(value);
    field.addEventListener("change", () => notify());
  }

  get value() {
    return this.spec.options[Number(this.field.value)];
  }

  set(value) {
    const index = this.spec.options.findIndex((option) => option === value);
    this.field.value = String(Math.max(0, index));
  }

  allows(value) {
    return this.spec.options.some((option) => option === value);
  }
}

/**
 * Points on a plot: press on the plot to add one (and drag to place it), drag one to move
 * it, double-click one to remove it. The list below it does the same with number fields and
 * buttons, by keyboard; every change is announced.
 */
class PointsControl extends Control {
  constructor(spec, id, notify, value, announce) {
    super(spec, id, notify);
    this.announce = announce;
    this.points = value.map(([x, y]) => [x, y]);
    const root = element("fieldset", "livedemo-input livedemo-points");
    root.id = id;
    root.dataset.control = "points";
    const legend = element("legend", "livedemo-input-label", spec.label);
    this.area = element("div", "livedemo-points-area");
    this.svg = svgElement("svg", { class: "livedemo-points-plot", "aria-hidden": "true", focusable: "false" });
    this.area.append(this.svg);
    const hint = element("p", "livedemo-points-hint",
      "Click the plot to add a point, drag a point to move it, double-click one to remove it; or use the list.");
    this.count = element("p", "livedemo-points-count");
    this.list = element("ol", "livedemo-points-list");
    this.add = element("button", "livedemo-button livedemo-points-add", "Add a point");
    this.add.type = "button";
    this.add.addEventListener("click", () => this.addFromList());
    root.append(legend, this.area, hint, this.count, this.list, this.add);
    this.element = root;
    this.drag = null;
    this.listen();
    this.rows();
    new ResizeObserver(() => this.draw()).observe(this.area);
  }

  get value() {
    return this.points.map(([x, y]) => [x, y]);
  }

  set(value) {
    this.points = value.map(([x, y]) => [x, y]);
    this.rows();
    this.draw();
  }

  allows(value) {
    const { x, y, min, max } = this.spec;
    return Array.isArray(value) && value.length >= min && value.length <= max && value.every(
      (p) => Array.isArray(p) && p.length === 2 && p.every(Number.isFinite) &&
        p[0] >= x[0] && p[0] <= x[1] && p[1] >= y[0] && p[1] <= y[1],
    );
  }

  /** A coordinate on the grid of `step`, inside its axis. */
  clamp(value, [low, high]) {
    const { step, decimals } = this.spec;
    return Math.min(high, Math.max(low, snap(value, 0, step, decimals)));
  }

  describe([x, y]) {
    const { decimals } = this.spec;
    return `(${minus(formatNumber(x, decimals))}, ${minus(formatNumber(y, decimals))})`;
  }

  changed(message) {
    this.announce(message);
    this.notify();
  }

  // --- The plot ---------------------------------------------------------------------------

  geometry() {
    const width = Math.max(200, this.area.clientWidth || PLOT.width);
    const height = Math.min(PLOT.maxHeight, Math.max(PLOT.minHeight, Math.round((width * PLOT.height) / PLOT.width)));
    const inner = { width: width - PLOT.left - PLOT.right, height: height - PLOT.top - PLOT.bottom };
    const [x0, x1] = this.spec.x;
    const [y0, y1] = this.spec.y;
    return {
      width,
      height,
      sx: (v) => PLOT.left + ((v - x0) / (x1 - x0)) * inner.width,
      sy: (v) => PLOT.top + ((y1 - v) / (y1 - y0)) * inner.height,
      fromScreen: (px, py) => [
        x0 + ((px - PLOT.left) / inner.width) * (x1 - x0),
        y1 - ((py - PLOT.top) / inner.height) * (y1 - y0),
      ],
      inner,
    };
  }

  draw() {
    const g = (this.geo = this.geometry());
    const svg = this.svg;
    svg.setAttribute("viewBox", `0 0 ${g.width} ${g.height}`);
    svg.setAttribute("width", String(g.width));
    svg.setAttribute("height", String(g.height));
    const parts = [svgElement("rect", {
      class: "livedemo-points-frame", x: PLOT.left, y: PLOT.top, width: g.inner.width, height: g.inner.height,
    })];
    const bottom = PLOT.top + g.inner.height;
    for (const tick of niceTicks(...this.spec.x)) {
      const x = g.sx(tick);
      parts.push(svgElement("line", { class: tick === 0 ? "livedemo-points-zero" : "livedemo-points-grid", x1: x, x2: x, y1: PLOT.top, y2: bottom }));
      const label = svgElement("text", { class: "livedemo-points-tick", x, y: bottom + 17, "text-anchor": "middle", "font-size": 12 });
      label.textContent = minus(String(tick));
      parts.push(label);
    }
    for (const tick of niceTicks(...this.spec.y)) {
      const y = g.sy(tick);
      parts.push(svgElement("line", { class: tick === 0 ? "livedemo-points-zero" : "livedemo-points-grid", x1: PLOT.left, x2: PLOT.left + g.inner.width, y1: y, y2: y }));
      const label = svgElement("text", { class: "livedemo-points-tick", x: PLOT.left - 6, y: y + 4, "text-anchor": "end", "font-size": 12 });
      label.textContent = minus(String(tick));
      parts.push(label);
    }
    this.points.forEach((point, index) => {
      const dot = svgElement("circle", { class: "livedemo-points-dot", cx: g.sx(point[0]), cy: g.sy(point[1]), r: 6 });
      if (this.drag?.index === index) dot.classList.add("livedemo-points-dot--active");
      parts.push(dot);
    });
    svg.replaceChildren(...parts);
  }

  /** Index of the point nearest to the screen position, if within reach. */
  nearest(px, py) {
    const g = this.geo ?? this.geometry();
    let best = -1;
    let distance = HIT_PX;
    this.points.forEach(([x, y], index) => {
      const d = Math.hypot(g.sx(x) - px, g.sy(y) - py);
      if (d <= distance) [best, distance] = [index, d];
    });
    return best;
  }

  listen() {
    const local = (event) => {
      const box = this.svg.getBoundingClientRect();
      const g = this.geo ?? this.geometry();
      return [((event.clientX - box.left) / box.width) * g.width, ((event.clientY - box.top) / box.height) * g.height];
    };
    const place = (event) => {
      const [x, y] = this.geo.fromScreen(...local(event));
      return [this.clamp(x, this.spec.x), this.clamp(y, this.spec.y)];
    };
    this.svg.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      const [px, py] = local(event);
      let index = this.nearest(px, py);
      let added = false;
      const last = this.lastPress;
      this.lastPress = { index, at: event.timeStamp };
      if (index !== -1 && last?.index === index && event.timeStamp - last.at < DOUBLE_MS) {
        event.preventDefault();
        this.lastPress = null;
        this.remove(index, false); // a double press (click or tap)
        return;
      }
      if (index === -1) {
        if (this.points.length >= this.spec.max) {
          this.announce(`At most ${this.spec.max} points: remove one first.`);
          return;
        }
        this.points.push(place(event));
        index = this.points.length - 1;
        added = true;
      }
      event.preventDefault();
      this.svg.setPointerCapture(event.pointerId);
      this.drag = { index, added, moved: false, pointer: event.pointerId };
      this.rows();
      this.draw();
      if (added) this.notify();
    });
    this.svg.addEventListener("pointermove", (event) => {
      const drag = this.drag;
      if (!drag || drag.pointer !== event.pointerId) return;
      const point = place(event);
      if (equal(point, this.points[drag.index])) return;
      this.points[drag.index] = point;
      drag.moved = true;
      this.updateRow(drag.index);
      this.draw();
      this.notify();
    });
    const end = (event) => {
      const drag = this.drag;
      if (!drag || drag.pointer !== event.pointerId) return;
      this.drag = null;
      this.draw();
      const where = this.describe(this.points[drag.index]);
      if (drag.added) this.announce(`Point ${drag.index + 1} added at ${where}; ${this.counted()}.`);
      else if (drag.moved) this.announce(`Point ${drag.index + 1} moved to ${where}.`);
      if (drag.moved || drag.added) this.lastPress = { index: drag.added ? -1 : drag.index, at: 0 };
    };
    this.svg.addEventListener("pointerup", end);
    this.svg.addEventListener("pointercancel", end);
  }

  // --- The list: the same, with number fields and buttons ----------------------------------

  counted() {
    const n = this.points.length;
    return `${n} ${n === 1 ? "point" : "points"}`;
  }

  /** Rebuild the rows (after a point was added or removed). */
  rows() {
    const { min, max } = this.spec;
    this.count.textContent = `${this.counted()} (from ${min} to ${max})`;
    this.list.replaceChildren(...this.points.map((point, index) => this.row(point, index)));
    this.add.setAttribute("aria-disabled", String(this.points.length >= max));
  }

  row(point, index) {
    const item = element("li", "livedemo-points-row");
    item.append(element("span", "livedemo-points-number", String(index + 1)));
    ["x", "y"].forEach((axis, k) => {
      const label = element("label", "livedemo-points-coordinate");
      const name = element("span", "", axis);
      name.setAttribute("aria-hidden", "true");
      const field = element("input");
      const [low, high] = this.spec[axis];
      Object.assign(field, { type: "number", step: String(this.spec.step), min: String(low), max: String(high) });
      field.value = formatNumber(point[k], this.spec.decimals);
      field.setAttribute("aria-label", `${axis} of point ${index + 1}`);
      field.dataset.axis = String(k);
      let timer = 0;
      const commit = () => {
        clearTimeout(timer);
        const number = field.valueAsNumber;
        if (!Number.isFinite(number) || !field.checkValidity()) {
          field.setAttribute("aria-invalid", "true");
          return;
        }
        field.setAttribute("aria-invalid", "false");
        const value = this.clamp(number, this.spec[axis]);
        const current = this.points[index];
        if (!current || current[k] === value) return;
        current[k] = value;
        this.draw();
        this.changed(`Point ${index + 1} moved to ${this.describe(current)}.`);
      };
      field.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(commit, TYPING_MS);
      });
      field.addEventListener("change", commit);
      field.addEventListener("keydown", (event) => {
        if (event.key === "Enter") commit();
      });
      label.append(name, field);
      item.append(label);
    });
    const remove = element("button", "livedemo-button livedemo-points-remove", "Remove");
    remove.type = "button";
    remove.setAttribute("aria-label", `Remove point ${index + 1}`);
    remove.setAttribute("aria-disabled", String(this.points.length <= this.spec.min));
    remove.addEventListener("click", () => this.remove(index, true));
    item.append(remove);
    return item;
  }

  /** Show a point's coordinates in its row, unless the reader is typing there. */
  updateRow(index) {
    const fields = this.list.children[index]?.querySelectorAll("input") ?? [];
    for (const field of fields) {
      if (field !== document.activeElement) field.value = formatNumber(this.points[index][Number(field.dataset.axis)], this.spec.decimals);
    }
  }

  remove(index, fromList) {
    if (this.points.length <= this.spec.min) {
      this.announce(`At least ${this.spec.min} ${this.spec.min === 1 ? "point is" : "points are"} needed.`);
      return;
    }
    const [point] = this.points.splice(index, 1);
    this.rows();
    this.draw();
    if (fromList) {
      const buttons = this.list.querySelectorAll(".livedemo-points-remove");
      (buttons[Math.min(index, buttons.length - 1)] ?? this.add).focus();
    }
    this.changed(`Point ${index + 1} at ${this.describe(point)} removed; ${this.counted()}.`);
  }

  /** Add a point in the widest gap between the points' x, at y = 0 (or the middle of y). */
  addFromList() {
    if (this.points.length >= this.spec.max) {
      this.announce(`At most ${this.spec.max} points: remove one first.`);
      return;
    }
    const [x0, x1] = this.spec.x;
    const xs = [x0, ...this.points.map(([x]) => x).sort((a, b) => a - b), x1];
    let best = 0;
    for (let i = 1; i < xs.length - 1; i++) if (xs[i + 1] - xs[i] > xs[best + 1] - xs[best]) best = i;
    const [y0, y1] = this.spec.y;
    const y = y0 <= 0 && 0 <= y1 ? 0 : (y0 + y1) / 2;
    const point = [this.clamp((xs[best] + xs[best + 1]) / 2, this.spec.x), this.clamp(y, this.spec.y)];
    this.points.push(point);
    this.rows();
    this.draw();
    this.list.lastElementChild?.querySelector("input")?.focus();
    this.changed(`Point ${this.points.length} added at ${this.describe(point)}; ${this.counted()}.`);
  }
}

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
    /** @type {Map<string, Control>} */
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
    if (existing) existing.element.replaceWith(control.element);
    else this.root.insertBefore(control.element, this.announcer);
    this.controls.set(spec.name, control);
  }

  /** The run finished: inputs it no longer declares go, the others follow its order. */
  end(ok) {
    const run = this.run;
    this.run = null;
    if (!ok || !run) return;
    for (const [name, control] of this.controls) {
      if (!run.seen.includes(name)) {
        control.element.remove();
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
  let root = block.querySelector(":scope > .livedemo-inputs");
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
  for (const built of root.querySelectorAll(":scope > [data-input]")) {
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
