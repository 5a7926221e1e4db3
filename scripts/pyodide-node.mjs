// Runs Python in the pinned Pyodide under Node, with the wheels and folders given: the real
// runtime the reader's browser runs, without a browser. Used by the test of the slim numpy wheel
// (tests/livedemo/test_slimwheel.py) and by scripts/numpy_runtime_files.py.
//
//   node scripts/pyodide-node.mjs [--wheel FILE.whl]... [--mount HOST_DIR=PYODIDE_DIR]... < code.py
//
// The code comes on stdin; its last expression, which must be a str, is written to stdout.
// Python's own prints and Pyodide's messages go to stderr, so stdout holds only that value.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "../node_modules/pyodide/pyodide.mjs";

const args = process.argv.slice(2);
const wheels = [];
const mounts = [];
for (let i = 0; i < args.length; i += 2) {
  if (args[i] === "--wheel") wheels.push(args[i + 1]);
  else if (args[i] === "--mount") mounts.push(args[i + 1].split("="));
  else throw new Error(`pyodide-node.mjs: unknown argument ${args[i]}`);
}
const toStderr = (line) => process.stderr.write(`${line}\n`);
const pyodide = await loadPyodide({
  indexURL: fileURLToPath(new URL("../node_modules/pyodide/", import.meta.url)),
  stdout: toStderr,
  stderr: toStderr,
});
for (const [host, inside] of mounts) {
  pyodide.FS.mkdirTree(inside);
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: host }, inside);
}
if (wheels.length) await pyodide.loadPackage(wheels, { messageCallback: toStderr, errorCallback: toStderr });
const result = await pyodide.runPythonAsync(readFileSync(0, "utf8"));
if (typeof result !== "string") throw new Error(`pyodide-node.mjs: the code's last expression is ${typeof result}, not str`);
process.stdout.write(result);
