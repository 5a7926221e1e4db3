// TeX to markup with KaTeX, for livedemo/mathmarkup.py: one process per build converts every
// formula of the site, so Node and KaTeX start once, not once per formula.
//
//   node mathconvert.cjs /path/to/node_modules/katex
//
// Reads one JSON request a line on stdin, {"tex": "...", "display": true}, and writes one JSON
// answer a line on stdout, in the same order: {"html": "..."} or, for TeX that does not parse,
// {"html": "<KaTeX's red error text>", "error": "KaTeX parse error: ..."}. The first line it
// writes is {"version": "<KaTeX's version>"}.
"use strict";

const path = require("node:path");
const readline = require("node:readline");

const katexDir = process.argv[2];
if (!katexDir) {
  process.stderr.write("usage: node mathconvert.cjs /path/to/node_modules/katex\n");
  process.exit(2);
}
const katex = require(path.resolve(katexDir));

/** @param {{tex: string, display: boolean}} request */
function convert(request) {
  const options = {
    displayMode: Boolean(request.display),
    output: "htmlAndMathml", // the HTML is drawn; the MathML is what screen readers read
    throwOnError: true,
    strict: "ignore",
  };
  try {
    return { html: katex.renderToString(request.tex, options) };
  } catch (error) {
    if (!(error instanceof katex.ParseError)) throw error;
    return { html: katex.renderToString(request.tex, { ...options, throwOnError: false }), error: error.message };
  }
}

process.stdout.write(`${JSON.stringify({ version: katex.version })}\n`);
const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  if (!line.trim()) return;
  let answer;
  try {
    answer = convert(JSON.parse(line));
  } catch (error) {
    answer = { html: "", error: `the converter failed: ${error?.message ?? error}` };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
});
