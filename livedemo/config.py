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
    vendored_wheels = c.Optional(c.Type(str))
    """A folder of Pyodide wheels kept in the repository (e.g. numpy) with their SHA256SUMS;
    each is checked before it is self-hosted, and a mismatch fails the build."""
    extra_wheels = c.Optional(c.Type(str))
    """A folder of more wheels for this build (``PYODIDE_WHEELS_DIR``): each one that fits the
    pinned Pyodide is self-hosted, replacing a vendored one of the same package; the build warns
    about the others, with the reason."""
    cdn_fallback = c.Type(bool, default=False)
    """Off: the site's lock lists only what the site serves, and a demo declaring any other
    package fails the build. On: Pyodide's other packages load from ``cdn_url``."""
    cdn_url = c.Optional(c.Type(str))
    """Where packages not self-hosted load from with ``cdn_fallback``; default: jsDelivr for the
    pinned version."""
    cache_dir = c.Type(str, default=".cache/livedemo")
    """Build-time outputs and the demo wheel are cached here ("" disables the cache)."""
    timeout = c.Type(int, default=60)
    """Default per-run time limit in the browser, in seconds."""
    assets_dir = c.Optional(c.Type(str))
    """The built front-end (default: the package's ``assets/dist``, made by ``npm run build``)."""
