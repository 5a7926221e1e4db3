// Which files of Pyodide's standard library the browser's first demos need, for
// livedemo/bootstdlib.py: the pinned Pyodide itself, under Node, boots, installs the site's wheels
// as the page does (loadPackage), imports livedemo's browser modules and the names given, and
// reports every module it loaded from its standard-library zip. Asking the real interpreter is
// the only honest answer: imports made by C code, by Pyodide's own loader and at import time
// inside numpy are invisible to a scan of the sources.
//
//   node stdlibprobe.mjs /path/to/node_modules/pyodide /path/to/livedemo < request.json
//
// request.json: {"wheels": ["/abs/numpy.whl", ...], "modules": ["json", "metalearn.maml", ...],
//   "files": livedemo's files the worker writes into the browser's Python}.
// Writes one JSON object on stdout: {"version": "<Pyodide's>", "python": "3.14.x",
// "files": ["json/__init__.py", ...], "modules": {"json": true, ...}} (paths inside
// python_stdlib.zip; every module loaded, true for a package), and Python's own
// messages on stderr. A name that does not import is skipped (listed in "failed").

import { readFileSync } from "node:fs";
import path from "node:path";

const [pyodideDir, livedemoDir] = process.argv.slice(2);
if (!pyodideDir || !livedemoDir) {
  process.stderr.write("usage: node stdlibprobe.mjs /path/to/node_modules/pyodide /path/to/livedemo < request.json\n");
  process.exit(2);
}
const request = JSON.parse(readFileSync(0, "utf8"));

const { loadPyodide } = await import(path.resolve(pyodideDir, "pyodide.mjs"));
const log = (text) => process.stderr.write(`${text}\n`);
const pyodide = await loadPyodide({
  indexURL: `${path.resolve(pyodideDir)}/`,
  stdout: log,
  stderr: log,
  fsInit: async (FS, { sitePackages }) => {
    FS.mkdirTree(`${sitePackages}/livedemo`);
    for (const name of request.files) { // livedemo/bootstdlib.py BROWSER_MODULES
      FS.writeFile(`${sitePackages}/livedemo/${name}`, readFileSync(path.join(livedemoDir, name)));
    }
  },
});
if (request.wheels.length > 0) await pyodide.loadPackage(request.wheels, { messageCallback: () => {} });
pyodide.globals.set("wanted", pyodide.toPy(request.modules));
const answer = await pyodide.runPythonAsync(`
import importlib, json, sys
failed = []
for name in ["livedemo.runner", "livedemo.display", "livedemo.inputs", "livedemo.lazystdlib", "livedemo.bytecode", "json", *wanted]:
    try:
        importlib.import_module(name)
    except BaseException as error:  # a demo's import may fail here (e.g. the browser's own js)
        failed.append(f"{name}: {type(error).__name__}: {error}")
# What a run itself loads (runner.py: compiling, output, isolation, a traceback), as the worker runs it.
from livedemo import runner
for code in ["print(1)", "import numpy as np\\nprint(np.arange(3) * 2)", "def f():\\n    raise ValueError('x')\\nf()",
             "import asyncio\\nawait asyncio.sleep(0)"]:
    await runner.execute_async(code, {"__name__": "__main__"}, filename="<probe>", on_output=lambda *_: None,
                               packages=["numpy"])
zip_path = f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip/"
files = set()
for module in list(sys.modules.values()):
    origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
    if origin.startswith(zip_path):
        files.add(origin[len(zip_path):])
loaded = {name: hasattr(module, "__path__") for name, module in list(sys.modules.items())}
json.dumps({"python": sys.version.split()[0], "files": sorted(files), "modules": loaded, "failed": failed})
`);
process.stdout.write(JSON.stringify({ version: pyodide.version, ...JSON.parse(answer) }) + "\n");
