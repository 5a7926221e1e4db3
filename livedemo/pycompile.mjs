// pyodide-build's `py-compile`, run by the pinned Pyodide under Node, for livedemo/bootstdlib.py.
//
// Bytecode must be made by the interpreter that will read it: the host's Python (3.13 in the
// venv) makes .pyc files Pyodide's CPython rejects ("bad magic number"). So the pinned Pyodide
// itself runs the pinned pyodide-build: the host venv's site-packages are mounted read-only
// (pyodide-build and its dependencies are pure Python), and its click command runs on a zip in
// a work folder, with SOURCE_DATE_EPOCH set so the bytecode does not carry the time of the build.
//
//   node pycompile.mjs /path/to/node_modules/pyodide /path/to/site-packages /work/folder name.zip
//
// Replaces /work/folder/name.zip by its compiled form (each .py becomes a .pyc beside nothing);
// prints pyodide-build's version on stdout.

import path from "node:path";

const [pyodideDir, sitePackages, workDir, zipName] = process.argv.slice(2);
if (!pyodideDir || !sitePackages || !workDir || !zipName) {
  process.stderr.write("usage: node pycompile.mjs /path/to/node_modules/pyodide /path/to/site-packages /work/folder name.zip\n");
  process.exit(2);
}
const { loadPyodide } = await import(path.resolve(pyodideDir, "pyodide.mjs"));
const log = (text) => process.stderr.write(`${text}\n`);
const pyodide = await loadPyodide({
  indexURL: `${path.resolve(pyodideDir)}/`,
  stdout: log,
  stderr: log,
  env: { SOURCE_DATE_EPOCH: "315532800" }, // 1980-01-01, the earliest time a zip can say
});
const { FS } = pyodide;
for (const [host, mount] of [[sitePackages, "/host/site-packages"], [workDir, "/host/work"]]) {
  FS.mkdirTree(mount);
  FS.mount(FS.filesystems.NODEFS, { root: path.resolve(host) }, mount);
}
pyodide.globals.set("zip_name", zipName);
const version = pyodide.runPython(`
import sys
import __main__
sys.dont_write_bytecode = True  # nothing of Pyodide's written into the host's venv
sys.path.append("/host/site-packages")
__main__.__file__ = "/host/site-packages/pyodide_build/__main__.py"  # where the CLI looks for itself
from importlib.metadata import version
import py_compile
from pyodide_build.cli.py_compile import main

# pyodide-build names each code object after its path inside the zip ("socket.py"); name it
# after where Pyodide mounts the boot zip, as a module compiled from source there is named, so
# tracebacks say "/lib/python314.zip/socket.py" and livedemo's runner folds it as a library frame.
_compile = py_compile.compile
def _compile_named_in_zip(file, cfile=None, dfile=None, *args, **kwargs):
    mounted = f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip/{dfile}" if dfile else None
    return _compile(file, cfile, mounted, *args, **kwargs)
py_compile.compile = _compile_named_in_zip
main([f"/host/work/{zip_name}", "--silent", "--no-keep", "--compression-level", "9"], standalone_mode=False)
version("pyodide-build")
`);
process.stdout.write(`${version}\n`);
