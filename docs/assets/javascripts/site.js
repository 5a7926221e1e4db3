// Site-wide touches on top of Material, loaded with defer on every page.

// Material's search panel is a dialog without a name (axe and Lighthouse: aria-dialog-name).
for (const dialog of document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])')) {
  dialog.setAttribute("aria-label", "Search");
}
