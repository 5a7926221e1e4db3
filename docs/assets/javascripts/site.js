// Site-wide touches on top of Material, loaded with defer on every page.

// Material's search panel is a dialog without a name (axe and Lighthouse: aria-dialog-name).
for (const dialog of document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])')) {
  dialog.setAttribute("aria-label", "Search");
}

// Sections that moved to another post of a series: a link shared before the split (such as
// .../introduction-to-meta-learning/#reptile) lands on a link with that id and the class
// moved-section, written in the post's Markdown; follow it to the section's new place.
function followMovedSection() {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id ? document.getElementById(id) : null;
  if (target instanceof HTMLAnchorElement && target.classList.contains("moved-section")) {
    location.replace(target.href);
  }
}
followMovedSection();
window.addEventListener("hashchange", followMovedSection);
