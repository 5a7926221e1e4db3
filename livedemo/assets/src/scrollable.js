// @ts-check
// Output that scrolls must be reachable by keyboard (WCAG 2.1.1): like Material does for code
// blocks, an output <pre> gets tabindex="0" while it overflows (sideways, or down past its
// maximum height), and loses it after.

/** @type {ResizeObserver|null} */
let observer = null;

/** @param {Element} element */
function update(element) {
  const overflows = element.scrollWidth > element.clientWidth || element.scrollHeight > element.clientHeight;
  if (overflows) element.setAttribute("tabindex", "0");
  else element.removeAttribute("tabindex");
}

/** Keep `element`'s tabindex in step with whether it overflows (its size changes as text arrives).
 * A pre capped by max-height keeps its size while text grows, so appends also call `refresh`. */
/** @param {Element} element */
export function keyboardScrollable(element) {
  observer ??= new ResizeObserver((entries) => {
    for (const entry of entries) update(entry.target);
  });
  observer.observe(element);
}

/** Check again after content changed without a resize (a box at its maximum height). */
/** @param {Element} element */
export function refreshScrollable(element) {
  update(element);
}
