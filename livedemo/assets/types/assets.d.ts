// Modules esbuild loads that TypeScript cannot read by itself (see ../build.mjs).

/** livedemo/*.py, inlined into worker.js as text (esbuild's "text" loader). */
declare module "*.py" {
  const source: string;
  export default source;
}
