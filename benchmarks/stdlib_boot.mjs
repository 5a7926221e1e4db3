// One fresh Pyodide under Node, for benchmarks/stdlib_boot.py: boots with the standard-library
// zip given, installs the site's wheels and imports numpy and metalearn as a first demo does.
// Prints {"boot": ms, "numpy": ms} (numpy: wheels installed and imported, after the boot).
//
//   node stdlib_boot.mjs /path/to/pyodide /path/to/stdlib.zip wheel.whl ...
import path from "node:path";

const [pyodideDir, stdlib, ...wheels] = process.argv.slice(2);
const { loadPyodide } = await import(path.resolve(pyodideDir, "pyodide.mjs"));
const started = performance.now();
const pyodide = await loadPyodide({ indexURL: `${path.resolve(pyodideDir)}/`, stdLibURL: path.resolve(stdlib) });
const booted = performance.now();
await pyodide.loadPackage(wheels, { messageCallback: () => {} });
pyodide.runPython("import numpy, metalearn.maml, json, dataclasses");
const done = performance.now();
process.stdout.write(JSON.stringify({ boot: booted - started, numpy: done - booted }) + "\n");
