"""The architecture: the pure core never imports streamlit, and the layers import only downwards, never in a circle."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import networkx as nx

import pacnet_dashboard

LAYERS = {"io": 0, "scenario": 1, "model": 2, "analysis": 3, "history": 3, "figures": 4, "report": 5, "cli": 6,
          "ui": 7}
"""Each top-level part of the package and its rank: a part may import itself and the parts ranked below it."""

PACKAGE_DIR = Path(pacnet_dashboard.__file__).parent


def _modules() -> list[str]:
    found = pkgutil.walk_packages(pacnet_dashboard.__path__, prefix="pacnet_dashboard.")
    return sorted(m.name for m in found if m.name != "pacnet_dashboard.__main__")


def _core_modules() -> list[str]:
    return [m for m in _modules() if not m.startswith("pacnet_dashboard.ui")]


def _source(module: str) -> Path:
    rel = Path(*module.split(".")[1:])
    return PACKAGE_DIR / rel / "__init__.py" if (PACKAGE_DIR / rel).is_dir() else PACKAGE_DIR / f"{rel}.py"


def _imports(module: str) -> set[str]:
    """The package modules that `module` imports, at the top or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(_source(module).read_text())):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    known = set(_modules())
    return {m for m in found if m in known and m != module}


def _part(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def test_every_module_belongs_to_a_layer() -> None:
    assert {_part(m) for m in _modules()} <= set(LAYERS)


def test_core_modules_do_not_import_streamlit() -> None:
    modules = _core_modules()
    assert "pacnet_dashboard.model.simulate" in modules and "pacnet_dashboard.cli" in modules
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + "print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _upward(edges: list[tuple[str, str]]) -> list[str]:
    """The imports that point to the same rank in another part, or to a higher rank."""
    return [f"{m} -> {t}" for m, t in edges
            if _part(t) is not None and _part(m) != _part(t) and LAYERS[_part(t)] >= LAYERS[_part(m)]]


def test_layers_import_only_downwards() -> None:
    assert _upward([(m, t) for m in _modules() for t in _imports(m)]) == []


def test_no_import_cycle() -> None:
    """Modules only: a package's `__init__` runs before its modules whoever imports them, so it is no edge."""
    graph = nx.DiGraph((m, t) for m in _modules() for t in _imports(m) if _source(t).name != "__init__.py")
    assert list(nx.simple_cycles(graph)) == []


def test_the_checkers_can_fail() -> None:
    """An upward import is reported, a downward one is not, and the import reader sees real imports."""
    assert _upward([("pacnet_dashboard.figures.charts", "pacnet_dashboard.cli.common"),
                    ("pacnet_dashboard.analysis.sweep", "pacnet_dashboard.history.replay")]) == [
        "pacnet_dashboard.figures.charts -> pacnet_dashboard.cli.common",
        "pacnet_dashboard.analysis.sweep -> pacnet_dashboard.history.replay"]
    assert _upward([("pacnet_dashboard.cli.common", "pacnet_dashboard.model.simulate")]) == []
    assert "pacnet_dashboard.model.simulate" in _imports("pacnet_dashboard.figures.charts")


def test_one_browser_harness_serves_the_tests_the_benchmarks_and_the_screenshots() -> None:
    root = PACKAGE_DIR.parent
    users = [root / "tests" / "test_browser.py", root / "bench" / "bench_ui.py",
             root / "docs" / "screenshots" / "take.py"]
    assert all("from harness.browser import" in f.read_text() for f in users)
    everything = [*root.joinpath("tests").glob("*.py"), *root.joinpath("bench").glob("*.py"), *users]
    old_import = "from tests." + "test_browser import"
    assert [f.name for f in everything if old_import in f.read_text()] == []
