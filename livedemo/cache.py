"""A small on-disk cache of build-time demo outputs.

Keys are hashes of everything that can change an output (the code of the session
so far, the packages' versions, the demo library's files), so ``mkdocs serve``
rebuilds re-run only what changed. Entries are JSON files; a corrupt or
unreadable entry is treated as a miss, never as an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def digest(*parts: str) -> str:
    """A stable hash of several strings (length-prefixed, so boundaries matter)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode()
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def tree_digest(root: Path, pattern: str = "**/*") -> str:
    """Hash the names and contents of the files under ``root`` (caches, bytecode skipped)."""
    h = hashlib.sha256()
    if root.is_dir():
        for path in sorted(p for p in root.glob(pattern) if p.is_file()):
            rel = path.relative_to(root).as_posix()
            parts = rel.split("/")
            if rel.endswith(".pyc") or any(
                p in ("__pycache__", "build", "dist") or p.endswith(".egg-info") for p in parts
            ):
                continue
            h.update(rel.encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def library_digest(demos_dir: Path) -> str:
    """Hash what demo code can import from ``demos_dir``: its packages and top-level modules.

    Demo scripts in plain folders are left out: their code is part of each block's own key,
    so editing one script re-runs that demo only, not every demo of the site.
    """
    parts = []
    if demos_dir.is_dir():
        for child in sorted(demos_dir.iterdir()):
            if child.is_dir() and (child / "__init__.py").is_file():
                parts.append(f"{child.name}:{tree_digest(child)}")
            elif child.suffix == ".py":
                parts.append(f"{child.name}:{hashlib.sha256(child.read_bytes()).hexdigest()}")
    return digest(*parts)


class OutputCache:
    """JSON entries under one folder, or nothing at all when ``folder`` is None."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def get(self, key: str) -> Any | None:
        if self.folder is None:
            return None
        try:
            return json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, key: str, value: Any) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        # Write then rename, so a build killed half-way never leaves a torn entry.
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(value, out)
        os.replace(tmp, self.folder / f"{key}.json")
