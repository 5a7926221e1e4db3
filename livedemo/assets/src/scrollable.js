// Output that scrolls sideways must be reachable by keyboard (WCAG 2.1.1): like Material does
// for code blocks, an output <pre> gets tabindex="0" while it overflows, and loses it after.

let observer = null;

function update(element) {
  if (element.scrollWidth > element.clientWidth) element.setAttribute("tabindex", "0");
  else element.removeAttribute("tabindex");
}

/** Keep `element`'s tabindex in step with whether it overflows (its size changes as text arrives). */
export function keyboardScrollable(element) {
  observer ??= new ResizeObserver((entries) => {
    for (const entry of entries) update(entry.target);
  });
  observer.observe(element);
}
