// @ts-check
// One live control per kind of input a demo declares (livedemo/inputs.py): a slider, a
// number field, a choice. Each has an element (the same shape as the build's disabled control,
// input_markup.py), a value, a way to set it, and whether a value is allowed. The points
// input, a plot with a list, is in points-input.js. Used by inputs.js.

const TYPING_MS = 400; // typing in a field waits this long for a pause (or Enter)

/** A minus sign for text readers see (fields keep the ASCII one). */
export const minus = (text) => text.replace(/^-/, "\u2212");

/** A number as the page writes it in fields: fixed decimals on a grid, else shortest. */
export function formatNumber(value, decimals) {
  return decimals === null || decimals === undefined ? String(value) : value.toFixed(decimals);
}

/** `value` on the grid `origin + n·step`, with `decimals` digits (as _snap in inputs.py). */
export function snap(value, origin, step, decimals) {
  return Number((origin + Math.round((value - origin) / step) * step).toFixed(decimals));
}

export const equal = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** Call `commit` when typing in `field` pauses, when it changes, and on Enter. */
export function onTyped(field, commit) {
  let timer = 0;
  const now = () => {
    clearTimeout(timer);
    commit();
  };
  field.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(now, TYPING_MS);
  });
  field.addEventListener("change", now);
  field.addEventListener("keydown", (event) => {
    if (event.key === "Enter") now();
  });
}

export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// --- One control per kind: an element, its value, and whether a value is allowed ---------

export class Control {
  /** @param {object} spec  a declaration from Python @param {string} id @param {Function} notify */
  constructor(spec, id, notify) {
    this.spec = spec;
    this.id = id;
    this.notify = notify;
    /** @type {HTMLElement} set by each kind's constructor */
    this.element;
  }

  get default() {
    return this.spec.default;
  }

  /** The control leaves the page. */
  remove() {
    this.element.remove();
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

export class SliderControl extends Control {
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

export class NumberControl extends Control {
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
    onTyped(field, () => {
      if (this.check() && !equal(this.value, this.accepted)) {
        this.accepted = this.value;
        notify();
      }
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

export class ChoiceControl extends Control {
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
