"""Stop glibc from handing freed medium-sized blocks back to the OS (native runs only).

A meta-batch of per-task 40×40 weights is 320 KB. With glibc's default settings such
blocks are released to the OS when freed and page-faulted back on the next
allocation, which costs more than the arithmetic on them: about half of a MAML
meta-iteration here. Raising the mmap and trim thresholds keeps them in the heap.
The browser (Pyodide's WebAssembly heap never shrinks) does not have the problem,
so the library itself does not do this; scripts call ``keep_freed_memory()``.
"""

from __future__ import annotations

import ctypes
import ctypes.util

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3


def keep_freed_memory() -> bool:
    """Raise glibc's mmap and trim thresholds; return False where that is not possible."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, 32 * 2**20)) and bool(mallopt(M_TRIM_THRESHOLD, 256 * 2**20))
