// @ts-check
// The points input: a plot on which the reader presses to add a point (and drags to place
// it), drags one to move it, and presses twice on one to remove it; the list below it does
// the same with number fields and buttons, by keyboard, and every change is announced. The
// plot is drawn at the width of the page with the margins and ticks of the build's drawing
// (livedemo/input_markup.py). Used by inputs.js.

import { POINTS_PLOT } from "./contract.js";
import { Control, element, equal, formatNumber, minus, onTyped, snap } from "./input-controls.js";

/** The points plot: the same proportions, margins and ticks as livedemo/input_markup.py. */
const PLOT = POINTS_PLOT;
const HIT_PX = 16; // a press this close to a point grabs it
const DOUBLE_MS = 450; // a second press on the same point this soon removes it
const SVG = "http://www.w3.org/2000/svg";

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

/**
 * Points on a plot: press on the plot to add one (and drag to place it), drag one to move
 * it, double-click one to remove it. The list below it does the same with number fields and
 * buttons, by keyboard; every change is announced.
 */
export class PointsControl extends Control {
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
    this.resized = new ResizeObserver(() => this.draw()); // drawn at the width of the page
    this.resized.observe(this.area);
  }

  remove() {
    this.resized.disconnect();
    super.remove();
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
        this.removePoint(index, false); // a double press (click or tap)
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
      onTyped(field, () => {
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
      });
      label.append(name, field);
      item.append(label);
    });
    const remove = element("button", "livedemo-button livedemo-points-remove", "Remove");
    remove.type = "button";
    remove.setAttribute("aria-label", `Remove point ${index + 1}`);
    remove.setAttribute("aria-disabled", String(this.points.length <= this.spec.min));
    remove.addEventListener("click", () => this.removePoint(index, true));
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

  removePoint(index, fromList) {
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
    const point = /** @type {[number, number]} */ ([this.clamp((xs[best] + xs[best + 1]) / 2, this.spec.x), this.clamp(y, this.spec.y)]);
    this.points.push(point);
    this.rows();
    this.draw();
    this.list.lastElementChild?.querySelector("input")?.focus();
    this.changed(`Point ${this.points.length} added at ${this.describe(point)}; ${this.counted()}.`);
  }
}
