"""Installable: the runtime pins match requirements.txt, and an installed copy outside the checkout simulates the
baseline exactly as the checkout does (the data ship inside the package and are read through importlib.resources)."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _requirements() -> list[str]:
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    return [line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()]


def test_the_project_pins_the_runtime_dependencies_of_requirements_txt() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["dependencies"] == _requirements()
    assert all("==" in pin for pin in project["dependencies"])


def _run(python: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    return subprocess.run([str(python), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.mark.slow
def test_an_installed_copy_outside_the_checkout_gives_the_same_json(tmp_path: Path) -> None:
    """`pip install .` into a fresh virtualenv (its dependencies taken from this environment, so no network),
    then `python -m pacnet_dashboard simulate --scenario baseline` from another folder."""
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info", "build",
                                                                 ".pytest_cache", ".hypothesis", "tests", "docs"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path).stdout
    Path(purelib.strip(), "shared_dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    install = _run(python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", str(source),
                   cwd=tmp_path)
    assert install.returncode == 0, install.stderr[-2000:]
    shutil.rmtree(source)  # the installed copy must not lean on the copied sources
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = _run(python, "-c", "import pacnet_dashboard; print(pacnet_dashboard.__file__)", cwd=elsewhere)
    assert Path(where.stdout.strip()).is_relative_to(venv), where
    installed = _run(python, "-m", "pacnet_dashboard", "simulate", "--scenario", "baseline", cwd=elsewhere)
    checkout = _run(Path(sys.executable), "-m", "pacnet_dashboard", "simulate", "--scenario", "baseline", cwd=ROOT)
    assert installed.returncode == 0 and checkout.returncode == 0, installed.stderr[-2000:]
    assert installed.stdout == checkout.stdout and '"burst_probability"' in installed.stdout
    listed = _run(venv / "bin" / "pacnet-dashboard", "scenarios", cwd=elsewhere)
    bundled = {p.stem for p in (ROOT / "pacnet_dashboard" / "data" / "scenarios").glob("*.json")}
    assert set(listed.stdout.split()) == bundled
