"""The demo machinery's settings, declared in one place and read by every builder.

They are the options of the Markdown extension (``markdown_extensions: - livedemo.extension:``
in mkdocs.yml), so MkDocs, Zensical and ``python -m livedemo prepare`` read the same values.
Relative paths are relative to ``root``: the folder of mkdocs.yml (the MkDocs adapter and the
prepare step pass it; under Zensical it is the folder the build runs in).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Literal, get_args, get_origin, get_type_hints

from livedemo.options import did_you_mean

StdlibBytecode = Literal["auto", "always", "never"]


@dataclass(frozen=True)
class Settings:
    root: str = ""
    """The project's folder ("" for the current folder)."""
    docs_dir: str = "docs"
    """The pages; the prepare step writes the runtime files into its ``assets/``."""
    demos_dir: str = "demos"
    """Where ``file="..."`` of a fence is looked up."""
    demo_package: str = "demos"
    """A folder with a pyproject.toml, built as a wheel for the browser ("" for none)."""
    pyodide_dir: str = "node_modules/pyodide"
    """The Pyodide npm package, self-hosted under ``assets/pyodide/``."""
    pyodide_version: str = "314.0.7"
    """The pinned version; a different installed version fails the build."""
    vendored_wheels: str = ""
    """A folder of Pyodide wheels kept in the repository (e.g. numpy) with their SHA256SUMS;
    each is checked before it is self-hosted, and a mismatch fails the build."""
    extra_wheels: str = ""
    """A folder of more wheels for this build (``PYODIDE_WHEELS_DIR``): each one that fits the
    pinned Pyodide is self-hosted, replacing a vendored one of the same package."""
    cdn_fallback: bool = False
    """Off: the site's lock lists only what the site serves, and a demo declaring any other
    package fails the build. On: Pyodide's other packages load from ``cdn_url``."""
    cdn_url: str = ""
    """Where packages not self-hosted load from with ``cdn_fallback``; default: jsDelivr."""
    cache_dir: str = ".cache/livedemo"
    """Build-time outputs and the demo wheel are cached here ("" disables the cache)."""
    timeout: int = 60
    """Default per-run time limit in the browser, in seconds."""
    stdlib_bytecode: StdlibBytecode = "auto"
    """The boot standard library as bytecode (pyodide-build's py-compile, run by the pinned
    Pyodide under Node: 1.5 MB instead of 0.8, but Python compiles none of it at boot) or as
    sources. ``auto``: both ship, and each reader's worker takes bytecode on a fast link, the
    sources on a slow one, by the link it measures (``assets/src/boot-zip.js``; bytecode won on
    loopback and fast 4G and lost on the slow profile,
    benchmarks/results/first_output-stdlib-bytecode-vs-source.txt). ``always``: only the
    bytecode zip ships; ``never``: only the sources."""
    assets_dir: str = ""
    """The built front end (default: the package's ``assets/dist``, made by ``npm run build``)."""

    @classmethod
    def of(cls, options: dict[str, Any], **given: Any) -> "Settings":
        """Settings from the extension's options (``None`` means "not set"); ``given`` wins.
        An unknown option is an error: a typo must not silently change the build."""
        known = {f.name: f for f in fields(cls)}
        values = {**{k: v for k, v in options.items() if v is not None}, **given}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ValueError(f"livedemo.extension: unknown option(s) {', '.join(unknown)} "
                             f"(known: {', '.join(known)})")
        hints = get_type_hints(cls)
        typed = {}
        for name, value in values.items():
            choices = get_args(hints[name]) if get_origin(hints[name]) is Literal else ()
            if choices:
                if isinstance(value, bool) or value not in choices:
                    raise ValueError(f"livedemo.extension: {name}: {value!r} is not allowed: expected one of "
                                     f"{', '.join(repr(c) for c in choices)}{did_you_mean(str(value), choices)}")
                typed[name] = value
                continue
            kind = type(known[name].default)
            typed[name] = value if isinstance(value, kind) else (
                value in (True, "true", "True", "1", "yes") if kind is bool else kind(value))
        return cls(**typed)

    def path(self, value: str) -> Path:
        """``value`` (a setting's path) as an absolute path."""
        return (Path(self.root or ".") / value).absolute()
