// @ts-check
// Carriage returns as a terminal shows them: "\r" moves back to the start of the line and what
// follows writes over it, so `print("\r50%", end="")` progress shows only its latest state.
// livedemo/terminal.py does the same to the build-time output, so the two stay equal.

/**
 * `line` after writing `piece` (no "\n" in it) at `cursor`.
 * @param {string} line @param {number} cursor @param {string} piece
 * @returns {[string, number]} the line and the new cursor
 */
export function overwrite(line, cursor, piece) {
  const parts = piece.split("\r");
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index];
    if (index > 0) cursor = 0;
    line = line.slice(0, cursor) + part + line.slice(cursor + part.length);
    cursor += part.length;
  }
  return [line, cursor];
}

/** The line being written by one stream (the text after its last "\n") and its cursor. */
export class OpenLine {
  constructor() {
    this.line = "";
    this.cursor = 0;
  }

  /**
   * Take the next write. Returns `line`: the new content of the line that was open, when the
   * write changed what is already shown (null: it only appends), and `text`: what to show
   * after it, carriage returns resolved.
   * @param {string} text
   * @returns {{line: string|null, text: string}}
   */
  feed(text) {
    if (!text.includes("\r") && this.cursor === this.line.length) {
      const end = text.lastIndexOf("\n");
      this.line = end === -1 ? this.line + text : text.slice(end + 1);
      this.cursor = this.line.length;
      return { line: null, text };
    }
    const lines = text.split("\n");
    [this.line, this.cursor] = overwrite(this.line, this.cursor, lines[0]);
    const line = this.line;
    if (lines.length === 1) return { line, text: "" };
    const rest = [];
    for (let index = 1; index < lines.length; index++) {
      [this.line, this.cursor] = overwrite("", 0, lines[index]);
      rest.push(this.line);
    }
    return { line, text: `\n${rest.join("\n")}` };
  }
}
