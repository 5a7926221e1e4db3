"""The plugin's settings (``plugins: - livedemo: ...`` in mkdocs.yml), declared in one place."""

from __future__ import annotations

from mkdocs.config import base, config_options as c


class LiveDemoConfig(base.Config):
    """Paths are relative to mkdocs.yml's folder."""

    demos_dir = c.Type(str, default="demos")
    """Where ``file="..."`` of a fence is looked up."""
    demo_package = c.Type(str, default="demos")
    """A folder with a pyproject.toml, built as a wheel for the browser ("" for none)."""
    pyodide_dir = c.Type(str, default="node_modules/pyodide")
    """The Pyodide npm package, self-hosted under ``assets/pyodide/``."""
    pyodide_version = c.Type(str, default="314.0.7")
    """The pinned version; a different installed version fails the build."""
    cdn_url = c.Optional(c.Type(str))
    """Where packages not self-hosted load from; default: jsDelivr for the pinned version."""
    local_wheels = c.Optional(c.Type(str))
    """A folder of Pyodide's own wheels (e.g. numpy) to self-host after a sha256 check."""
    cache_dir = c.Type(str, default=".cache/livedemo")
    """Build-time outputs and the demo wheel are cached here ("" disables the cache)."""
    timeout = c.Type(int, default=60)
    """Default per-run time limit in the browser, in seconds."""
    assets_dir = c.Optional(c.Type(str))
    """The built front-end (default: the package's ``assets/dist``, made by ``npm run build``)."""
