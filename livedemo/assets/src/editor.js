// @ts-check
// The CodeMirror 6 editor that replaces a block's static code when the reader edits it.
// Colours come from Material's CSS variables (see livedemo.css), so the light and dark
// palettes both work.
//
// Editing is a mode the reader enters and leaves on purpose, so that moving through the page
// with Tab never changes code: Tab stops on the code's scroll area (arrow keys scroll it);
// Enter or a click starts editing, where Tab indents; Escape stops editing and returns to the
// scroll area. The editing area itself is never in the Tab order.

import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { EditorState, Prec } from "@codemirror/state";
import { EditorView, drawSelection, highlightSpecialChars, keymap } from "@codemirror/view";
import { tagHighlighter, tags } from "@lezer/highlight";

/** Token classes, styled in livedemo.css with Material's --md-code-hl-* colours; operators and
 * punctuation stay in the plain code colour, as in the build-time code (markup.py). */
const highlighter = tagHighlighter([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword], class: "tok-keyword" },
  { tag: [tags.string, tags.special(tags.string)], class: "tok-string" },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], class: "tok-number" },
  { tag: tags.comment, class: "tok-comment" },
  { tag: [tags.function(tags.variableName), tags.function(tags.definition(tags.variableName))], class: "tok-function" },
  { tag: [tags.definition(tags.variableName), tags.className, tags.typeName], class: "tok-definition" },
  { tag: [tags.self, tags.special(tags.variableName)], class: "tok-special" },
  { tag: tags.invalid, class: "tok-invalid" },
]);

/**
 * Mount an editor in `parent`.
 * @param {HTMLElement} parent
 * @param {object} options
 * @param {string} options.code
 * @param {string} options.label  accessible name of the code
 * @param {string} options.idleHint  id of the text read on the scroll area ("press Enter to edit")
 * @param {string} options.editingHint  id of the text read when editing starts
 * @param {() => void} options.onRun  Ctrl/Cmd-Enter
 * @param {(code: string) => void} options.onChange
 * @param {(editing: boolean) => void} [options.onMode]  editing started or stopped
 */
export function createEditor(parent, { code, label, idleHint, editingHint, onRun, onChange, onMode = () => {} }) {
  let view;
  const leave = () => {
    view.scrollDOM.focus();
    return true;
  };
  view = new EditorView({
    parent,
    state: EditorState.create({
      doc: code,
      extensions: [
        Prec.highest(keymap.of([
          { key: "Mod-Enter", run: () => (onRun(), true) },
          { key: "Escape", run: leave },
        ])),
        history(),
        drawSelection(),
        highlightSpecialChars(),
        indentOnInput(),
        bracketMatching(),
        indentUnit.of("    "),
        EditorState.tabSize.of(4),
        python(),
        syntaxHighlighting(highlighter),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        // Out of the Tab order: it is reached with Enter or a click, never by moving through.
        EditorView.contentAttributes.of({ "aria-label": `${label} (editing)`, "aria-describedby": editingHint, tabindex: "-1" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
          if (update.focusChanged) onMode(update.view.hasFocus);
        }),
      ],
    }),
  });
  const scroller = view.scrollDOM;
  scroller.tabIndex = 0;
  scroller.setAttribute("role", "group");
  scroller.setAttribute("aria-label", label);
  scroller.setAttribute("aria-describedby", idleHint);
  scroller.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target === scroller) {
      event.preventDefault();
      view.focus();
    }
  });
  return {
    view,
    getCode: () => view.state.doc.toString(),
    setCode(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    /** Start editing, with the cursor at the given screen point when there is one. */
    focus(point) {
      view.focus();
      const pos = point ? view.posAtCoords(point) : null;
      if (pos !== null) view.dispatch({ selection: { anchor: pos } });
    },
    destroy: () => view.destroy(),
  };
}
