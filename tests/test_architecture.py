"""The pure core never imports streamlit; only pacnet_dashboard/ui does."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pacnet_dashboard


def _core_modules() -> list[str]:
    found = pkgutil.walk_packages(pacnet_dashboard.__path__, prefix="pacnet_dashboard.")
    return sorted(m.name for m in found if not m.name.startswith("pacnet_dashboard.ui") and m.name != "pacnet_dashboard.__main__")


def test_core_modules_do_not_import_streamlit() -> None:
    modules = _core_modules()
    assert "pacnet_dashboard.model" in modules and "pacnet_dashboard.cli" in modules
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + "print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
