// The CodeMirror 6 editor that replaces a block's static code when the reader shows intent.
// Colours come from Material's CSS variables (see livedemo.css), so the light and dark
// palettes both work. Tab indents; Escape then Tab leaves the editor (CodeMirror's default).

import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { EditorState, Prec } from "@codemirror/state";
import { EditorView, drawSelection, highlightSpecialChars, keymap } from "@codemirror/view";
import { tagHighlighter, tags } from "@lezer/highlight";

/** Token classes, styled in livedemo.css with Material's --md-code-hl-* colours. */
const highlighter = tagHighlighter([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword], class: "tok-keyword" },
  { tag: [tags.string, tags.special(tags.string)], class: "tok-string" },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], class: "tok-number" },
  { tag: tags.comment, class: "tok-comment" },
  { tag: [tags.operator, tags.operatorKeyword], class: "tok-operator" },
  { tag: [tags.punctuation, tags.bracket], class: "tok-punctuation" },
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
 * @param {string} options.label  accessible name of the editing area
 * @param {string} [options.describedBy]  id of a hint element
 * @param {() => void} options.onRun  Ctrl/Cmd-Enter
 * @param {(code: string) => void} options.onChange
 */
export function createEditor(parent, { code, label, describedBy, onRun, onChange }) {
  const attributes = {
    "aria-label": label,
    tabindex: "0", // already focusable (contenteditable); said explicitly for checkers such as axe
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
  };
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: code,
      extensions: [
        Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => (onRun(), true) }])),
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
        EditorView.contentAttributes.of(attributes),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    getCode: () => view.state.doc.toString(),
    setCode(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    /** Focus, placing the cursor at the given screen point when there is one. */
    focus(point) {
      view.focus();
      const pos = point ? view.posAtCoords(point) : null;
      if (pos !== null) view.dispatch({ selection: { anchor: pos } });
    },
    destroy: () => view.destroy(),
  };
}
