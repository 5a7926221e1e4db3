"""What one build of a site shares across its pages: the Pyodide lock, the output cache, the
plot files, the checked inputs. Made once per process and settings (``SiteBuild.shared``),
because Zensical makes a new Markdown extension for every page.
"""

from __future__ import annotations

import json
import logging
import platform
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from livedemo import lockfile, slimwheel
from livedemo.cache import OutputCache, digest, library_digest, tree_digest
from livedemo.errors import DemoError
from livedemo.execute import PageRunner, forget_modules_under
from livedemo.plotfiles import PlotFiles
from livedemo.settings import Settings

log = logging.getLogger("livedemo")

PACKAGE_DIR = Path(__file__).parent


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


@dataclass
class SiteBuild:
    settings: Settings
    root: Path
    docs_dir: Path
    demos_dir: Path
    pyodide_dir: Path
    assets_dir: Path
    lock: lockfile.Lock
    cache: OutputCache
    environment: str
    schema: Path
    plots: PlotFiles
    scratch: object = field(default=None, repr=False)
    demo_sources: set[str] = field(default_factory=set)  # every demo's code seen (bootstdlib.py)

    def runner(self) -> PageRunner:
        """A new runner for one page: sessions never cross pages."""
        return PageRunner(self.cache, self.environment, self.demos_dir, self.schema)

    @classmethod
    def make(cls, settings: Settings, *, write_plots: bool = False) -> "SiteBuild":
        root = Path(settings.root or ".").absolute()
        pyodide_dir = settings.path(settings.pyodide_dir)
        assets_dir = settings.path(settings.assets_dir) if settings.assets_dir else PACKAGE_DIR / "assets/dist"
        _check_inputs(settings, pyodide_dir, assets_dir)
        cache_dir = settings.path(settings.cache_dir) if settings.cache_dir else None
        scratch = None if cache_dir else tempfile.TemporaryDirectory(prefix="livedemo-")
        work = (cache_dir or Path(scratch.name)) / "lock"  # type: ignore[union-attr]
        lock = _make_lock(settings, pyodide_dir, work)
        for problem in lock.problems:
            log.warning(problem)
        for note in lock.notes:
            log.info(note)
        demos_dir = settings.path(settings.demos_dir)
        environment = digest(
            platform.python_version(), _version("numpy"), _version("vl-convert-python"),
            tree_digest(PACKAGE_DIR, "*.py"), library_digest(demos_dir),
        )
        forget_modules_under(demos_dir)  # a rebuild under `serve` sees edited demo code
        # The schema of the vega-lite npm package that draws live plots: build-time plots are
        # checked against it, so a spec that could not be drawn live fails the build.
        schema = pyodide_dir.parent / "vega-lite" / "build" / "vega-lite-schema.json"
        if not schema.is_file():
            raise DemoError(f"livedemo: {schema} is missing: run `npm ci` (or `make build`)")
        docs_dir = settings.path(settings.docs_dir)
        return cls(settings, root, docs_dir, demos_dir, pyodide_dir, assets_dir, lock,
                   OutputCache(cache_dir / "outputs" if cache_dir else None), environment, schema,
                   PlotFiles(docs_dir, write=write_plots), scratch)

    @classmethod
    def shared(cls, settings: Settings) -> "SiteBuild":
        """The build for ``settings`` in this process, made on first use."""
        build = _SHARED.get(settings)
        if build is None:
            build = _SHARED[settings] = cls.make(settings)
        return build


_SHARED: dict[Settings, SiteBuild] = {}


def _check_inputs(settings: Settings, pyodide_dir: Path, assets_dir: Path) -> None:
    package_json = pyodide_dir / "package.json"
    if not package_json.is_file():
        raise DemoError(f"livedemo: Pyodide not found at {pyodide_dir}: run `npm ci` (or `make build`)")
    found = json.loads(package_json.read_text(encoding="utf-8")).get("version")
    if found != settings.pyodide_version:
        raise DemoError(
            f"livedemo: Pyodide {found} is installed but {settings.pyodide_version} is pinned: run `npm ci`"
        )
    if not _appears(assets_dir / "page.js"):
        raise DemoError(
            f"livedemo: the front-end is not built ({assets_dir}/page.js is missing): "
            "run `npm run build` (or `make build`)"
        )


def _appears(path: Path, seconds: float = 2.0) -> bool:
    """Whether ``path`` exists, waiting a little: ``npm run build`` swaps its folder by renaming."""
    deadline = time.monotonic() + seconds
    while not path.is_file():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _make_lock(settings: Settings, pyodide_dir: Path, work: Path) -> lockfile.Lock:
    """Build the demo wheel (cached by its sources), check the Pyodide wheels, make the lock."""
    base = pyodide_dir / "pyodide-lock.json"
    cdn = None
    if settings.cdn_fallback:
        cdn = settings.cdn_url or f"https://cdn.jsdelivr.net/pyodide/v{settings.pyodide_version}/full/"
    try:
        target = lockfile.Target.of(json.loads(base.read_text(encoding="utf-8"))["info"])
        vendored = (lockfile.verified_vendored(settings.path(settings.vendored_wheels))
                    if settings.vendored_wheels else [])
        # Served without what nothing reads in the browser (slimwheel.py), cached by hash.
        vendored = [slimwheel.slimmed(wheel, work) for wheel in vendored]
        extra = settings.path(settings.extra_wheels) if settings.extra_wheels else None
        pyodide_wheels, problems, notes = lockfile.choose_wheels(vendored, extra, target)
        demo_wheels: list[Path] = []
        if settings.demo_package:
            project = settings.path(settings.demo_package)
            key = digest(tree_digest(project), _version("setuptools"))
            wheel_dir = work / f"wheel-{key[:16]}"
            demo_wheels = sorted(wheel_dir.glob("*.whl"))
            if len(demo_wheels) != 1:
                demo_wheels = [lockfile.build_wheel(project, wheel_dir)]
        lock = lockfile.make_lock(base, demo_wheels, pyodide_wheels, work, cdn)
    except (lockfile.LockfileError, slimwheel.SlimWheelError) as exc:
        raise DemoError(f"livedemo: {exc}") from None
    lock.problems += problems
    lock.notes += notes
    return lock
