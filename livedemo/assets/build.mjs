// Bundle the live-demo front end into livedemo/assets/dist/ (`npm run build`).
//
//   page.js    ESM entry for every page; editor, plots and the runtime controller are
//              split into chunks loaded on intent; the chunks page.js itself imports are
//              listed in modulepreload.json, which the MkDocs adapter links from every
//              page's head (livedemo/modulepreload.py), so they download beside page.js
//              instead of after it
//   worker.js  ESM module worker, with livedemo/*.py inlined as text
//   spec-check.js  ESM module worker that explains an invalid plot spec (Ajv + Vega-Lite's
//              schema, copied beside it), started only when a plot fails
//   snapshot-store.js  ESM module worker that compresses and keeps a memory snapshot, started
//              by worker.js after a first boot
//   livedemo.css, math.css (KaTeX's CSS, its fonts copied beside it: the site's formulas are
//              typeset at build time by livedemo/mathmarkup.py, pages with math link it)
//
// Options: --sourcemap (write .map files), --watch (rebuild on change), --force (rebuild even
// when nothing changed).
//
// A build is skipped when its inputs (every file esbuild read, this script, its options and
// esbuild's version; listed in dist/.inputs.json) are unchanged. Otherwise it is written into
// a new folder that then replaces dist/ by renaming, so `mkdocs serve` reading dist/ while
// `make build` runs never sees a half-written bundle (the plugin re-reads a folder that
// changed under it).

import { createHash } from "node:crypto";
import { copyFile, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = fileURLToPath(new URL("../../", import.meta.url));
const src = `${here}src/`;
const dist = `${here}dist`;
const args = new Set(process.argv.slice(2));
const watch = args.has("--watch");
const outdir = watch ? dist : `${dist}.new-${process.pid}`;
const common = {
  bundle: true,
  minify: true,
  sourcemap: args.has("--sourcemap"),
  target: ["es2022", "chrome100", "firefox100", "safari16"],
  legalComments: "linked",
  logLevel: "warning",
  absWorkingDir: root,
  metafile: true,
  outdir,
};

const builds = [
  {
    ...common,
    entryPoints: [`${src}page.js`],
    format: "esm",
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
  },
  {
    ...common,
    entryPoints: [`${src}worker.js`, `${src}spec-check.js`, `${src}snapshot-store.js`],
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

/** page.js's static imports (chunks), relative to the output folder, from esbuild's metafile. */
function pageImports(metafile) {
  const prefix = `${outdir.slice(root.length)}/`;
  const page = metafile.outputs[`${prefix}page.js`];
  if (!page) throw new Error(`esbuild wrote no ${prefix}page.js`);
  return page.imports.filter((i) => i.kind === "import-statement").map((i) => i.path.slice(prefix.length));
}

const sha256 = async (path) => createHash("sha256").update(await readFile(path)).digest("hex");

/** What decides the output besides the input files: this script, its options, esbuild. */
const recipe = async () =>
  `${await sha256(fileURLToPath(import.meta.url))} ${[...args].filter((a) => a !== "--force").sort()} ${esbuild.version}`;

/** Whether dist/ was built from exactly these inputs (a missing or unreadable record: no). */
async function upToDate() {
  try {
    const record = JSON.parse(await readFile(`${dist}/.inputs.json`, "utf8"));
    if (record.recipe !== (await recipe())) return false;
    for (const [path, hash] of Object.entries(record.inputs)) {
      if ((await sha256(`${root}${path}`)) !== hash) return false;
    }
    return Object.keys(record.inputs).length > 0;
  } catch {
    return false;
  }
}

// spec-check.js checks a plot that failed against the schema of the vega-lite it draws with.
const SCHEMA = "node_modules/vega-lite/build/vega-lite-schema.json";
const copySchema = async (folder) => {
  await mkdir(folder, { recursive: true });
  await copyFile(`${root}${SCHEMA}`, `${folder}/vega-lite-schema.json`);
};

if (watch) {
  await rm(dist, { recursive: true, force: true });
  await copySchema(dist);
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log(`watching ${src}`);
} else if (args.has("--force") || !(await upToDate())) {
  await rm(outdir, { recursive: true, force: true });
  try {
    // Wait for every build before cleaning up after one that failed: the others still write.
    const settled = await Promise.allSettled(builds.map((options) => esbuild.build(options)));
    const failure = settled.find((outcome) => outcome.status === "rejected");
    if (failure) throw failure.reason;
    const results = settled.map((outcome) => outcome.value);
    await copySchema(outdir);
    await writeFile(`${outdir}/modulepreload.json`, `${JSON.stringify({ "page.js": pageImports(results[0].metafile) }, null, 1)}\n`);
    const inputs = {};
    for (const path of [...results.flatMap((r) => Object.keys(r.metafile.inputs)), SCHEMA].sort()) {
      inputs[path] = await sha256(`${root}${path}`);
    }
    await writeFile(`${outdir}/.inputs.json`, JSON.stringify({ recipe: await recipe(), inputs }, null, 1));
    const old = `${dist}.old-${process.pid}`;
    await rename(dist, old).catch((error) => { if (error.code !== "ENOENT") throw error; });
    await rename(outdir, dist);
    await rm(old, { recursive: true, force: true });
  } catch (error) {
    await rm(outdir, { recursive: true, force: true });
    throw error;
  }
}
