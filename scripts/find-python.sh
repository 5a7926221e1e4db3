#!/usr/bin/env bash
# Print the path of a Python >= 3.12 interpreter (Pyodide 314's lock tooling needs it).
# Order: $PYTHON, python3.13, python3.12, python3, then interpreters installed by pyenv.
set -u
ok() { "$1" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }
candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
candidates+=(python3.14 python3.13 python3.12 python3)
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root)
  for dir in $(ls -d "$root"/versions/3.1[2-9]* 2>/dev/null | sort -rV); do
    candidates+=("$dir/bin/python3")
  done
fi
for py in "${candidates[@]}"; do
  path=$(command -v "$py" 2>/dev/null) || continue
  if ok "$path"; then echo "$path"; exit 0; fi
done
cat >&2 <<'MSG'
error: no Python >= 3.12 found.
  Pyodide 314's lock-file tooling (pyodide-lock 0.2) needs Python 3.12 or newer.
  Tried: $PYTHON, python3.14, python3.13, python3.12, python3 and pyenv's versions.
  Install one (e.g. `pyenv install 3.13` or `apt-get install python3.13`) or set PYTHON=/path/to/python3.
MSG
exit 1
