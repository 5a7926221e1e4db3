// Bundle the live-demo front end into livedemo/assets/dist/ (`npm run build`).
//
//   page.js    ESM entry for every page; editor, plots and the runtime controller are
//              split into chunks loaded on intent
//   worker.js  ESM module worker, with livedemo/*.py inlined as text
//   spec-check.js  ESM module worker that explains an invalid plot spec (Ajv + Vega-Lite's
//              schema, copied beside it), started only when a plot fails
//   math.js    KaTeX rendering of .arithmatex elements (KaTeX is a chunk, loaded only with math)
//   livedemo.css, math.css (KaTeX's CSS, its fonts copied beside it)
//
// Options: --sourcemap (write .map files), --watch (rebuild on change).

import { copyFile, mkdir, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = fileURLToPath(new URL(".", import.meta.url));
const src = `${here}src/`;
const outdir = `${here}dist`;
const args = new Set(process.argv.slice(2));
const common = {
  bundle: true,
  minify: true,
  sourcemap: args.has("--sourcemap"),
  target: ["es2022", "chrome100", "firefox100", "safari16"],
  legalComments: "linked",
  logLevel: "warning",
  outdir,
};

const builds = [
  {
    ...common,
    entryPoints: [`${src}page.js`, `${src}math.js`],
    format: "esm",
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
  },
  {
    ...common,
    entryPoints: [`${src}worker.js`, `${src}spec-check.js`],
    format: "esm",
    loader: { ".py": "text" },
  },
  {
    ...common,
    entryPoints: [`${src}livedemo.css`, `${src}math.css`],
    loader: { ".woff2": "file", ".woff": "file", ".ttf": "file" },
    assetNames: "fonts/[name]-[hash]",
  },
];

await rm(outdir, { recursive: true, force: true });
// spec-check.js checks a plot that failed against the schema of the vega-lite it draws with.
await mkdir(outdir, { recursive: true });
await copyFile(fileURLToPath(new URL("../../node_modules/vega-lite/build/vega-lite-schema.json", import.meta.url)),
  `${outdir}/vega-lite-schema.json`);
if (args.has("--watch")) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log(`watching ${src}`);
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
