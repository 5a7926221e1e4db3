// @ts-check
// A throw-away module worker that says what is wrong with a Vega-Lite spec that could not be
// drawn, by checking it against the schema of the vega-lite package the page draws with (the
// same schema the build checks plots against). Started only after a plot failed: compiling a
// 1.5 MB schema takes a while, so it happens here, never on the page's main thread.
//
//   page → worker  {spec}            → worker → page  {problem: string|null}

import Ajv from "ajv";

const SCHEMA_URL = new URL("./vega-lite-schema.json", import.meta.url);

let validate = null;

/** Same wording as livedemo/plots.py: where in the spec, and the allowed values when listed. */
function explain(errors) {
  const depth = (error) => error.instancePath.split("/").length;
  const deepest = Math.max(...errors.map(depth));
  const here = errors.filter((error) => depth(error) === deepest);
  const path = here[0].instancePath.slice(1).replaceAll("/", ".") || "the top level";
  const allowed = [];
  for (const error of here) {
    const values = error.keyword === "enum" ? error.params.allowedValues : error.keyword === "const" ? [error.params.allowedValue] : [];
    for (const value of values) if (!allowed.includes(value)) allowed.push(value);
  }
  if (allowed.length > 0) {
    const shown = allowed.slice(0, 16).map((value) => JSON.stringify(value)).join(", ");
    return `at ${path}: ${JSON.stringify(here[0].data)} is not one of ${shown}${allowed.length > 16 ? ", ..." : ""}`;
  }
  return `at ${path}: ${here[0].message}`;
}

self.addEventListener("message", async (/** @type {MessageEvent} */ { data }) => {
  try {
    if (!validate) {
      const schema = await (await fetch(SCHEMA_URL)).json();
      const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, validateFormats: false });
      validate = ajv.compile(schema);
    }
    const valid = validate(data.spec);
    self.postMessage({ problem: valid ? null : `the plot's spec is not valid Vega-Lite ${explain(validate.errors)}` });
  } catch (error) {
    self.postMessage({ problem: null, failure: String(error) });
  }
});
