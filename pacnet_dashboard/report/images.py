"""Static images through a system Chromium: SVG and PNG of plotly figures (kaleido 1.x) and print-to-PDF.

kaleido 1.x brings no browser of its own; it drives the Chromium found here: `BROWSER_PATH` if set, else the
first of the usual names on PATH (Debian's package installs `chromium`). Without one, `ExportError` says so;
nothing else in the project needs a browser.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any, Literal

import plotly.graph_objects as go

from pacnet_dashboard.io.errors import InputError

ImageFormat = Literal["svg", "png"]
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
RENDER_TIMEOUT_S = 120


class ExportError(InputError):
    """An export cannot be made here (no Chromium, a failed render): `field` names the browser setting."""


def browser_path() -> str:
    """The Chromium executable to use; raises ExportError naming BROWSER_PATH when there is none."""
    given = os.environ.get("BROWSER_PATH")
    if given:
        if not (Path(given).is_file() and os.access(given, os.X_OK)):
            raise ExportError("BROWSER_PATH", f"{given[:200]!r} is not an executable file; point it at Chromium "
                                              "or unset it")
        return given
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ExportError("chromium", "SVG, PNG, PPTX and PDF need Chromium, and none was found: install it (Debian: "
                                  "apt-get install chromium) or set BROWSER_PATH to its executable. HTML, ZIP, CSV "
                                  "and JSON work without it")


def _run_in_thread(make: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
    """Run a coroutine on its own event loop in a fresh thread, so it works inside Streamlit's script thread too."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(make())
        except BaseException as exc:  # handed back to the caller's thread below
            box["error"] = exc

    thread = threading.Thread(target=target, name="pacnet-kaleido")
    thread.start()
    thread.join()
    if "error" in box:
        raise ExportError("chromium", f"could not draw the chart ({type(box['error']).__name__}: "
                                      f"{str(box['error'])[:200]})") from box["error"]
    return box["value"]


def figure_images(figures: Sequence[go.Figure], fmt: ImageFormat, *, width: int = 1000, height: int | None = None,
                  scale: float = 1.0) -> list[bytes]:
    """Each figure as SVG or PNG bytes, all drawn by one Chromium session (one start-up, about 3 s)."""
    import kaleido

    path = browser_path()

    async def draw() -> list[bytes]:
        async with kaleido.Kaleido(n=1, mathjax=False, timeout=RENDER_TIMEOUT_S, path=path) as k:
            out = []
            for i, fig in enumerate(figures):
                fig = still_figure(fig, f"f{i:05d}")
                opts = {"format": fmt, "width": width, "height": height or fig.layout.height or 450, "scale": scale}
                out.append(await k.calc_fig(fig, opts=opts))
            return out

    images = _run_in_thread(draw)
    if fmt == "svg":
        return [stable_svg(svg, f"f{i:05d}") for i, svg in enumerate(images)]
    return images


def still_figure(fig: go.Figure, prefix: str) -> go.Figure:
    """A still copy: no play buttons or day slider (a picture cannot play), and fixed trace uids (plotly draws a
    random one into each trace's class otherwise)."""
    fig = go.Figure(data=fig.data, layout=fig.layout)  # the frames stay behind (they may hold relayout paths)
    fig.layout.updatemenus, fig.layout.sliders = [], []
    for j, trace in enumerate(fig.data):
        trace.uid = f"{prefix}t{j}"
    return fig


_UID = re.compile(rb'id="defs-([0-9a-f]{6})"')


def stable_svg(svg: bytes, uid: str) -> bytes:
    """Replace plotly's random per-plot id (clip paths, gradients) by `uid`: the same chart gives the same bytes,
    and several SVGs inlined in one page keep distinct ids."""
    found = _UID.search(svg)
    if found is None:
        return svg
    return svg.replace(found.group(1), uid.encode("ascii"))


def print_pdf(page_html: str, *, timeout_s: int = RENDER_TIMEOUT_S) -> bytes:
    """Chromium's print-to-PDF of a self-contained HTML page; its CSS @page rules set the paper and margin boxes."""
    path = browser_path()
    with tempfile.TemporaryDirectory(prefix="pacnet-pdf-") as tmp:
        page, pdf = Path(tmp) / "brief.html", Path(tmp) / "brief.pdf"
        page.write_text(page_html, encoding="utf-8")
        cmd = [path, "--headless", "--disable-gpu", "--no-pdf-header-footer", f"--user-data-dir={tmp}/profile",
               "--no-first-run", "--disable-extensions", f"--print-to-pdf={pdf}", page.as_uri()]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.insert(1, "--no-sandbox")
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=timeout_s, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ExportError("chromium", f"could not print the PDF ({type(exc).__name__})") from None
        if done.returncode != 0 or not pdf.is_file():
            raise ExportError("chromium", f"could not print the PDF (exit {done.returncode})")
        return pdf.read_bytes()
