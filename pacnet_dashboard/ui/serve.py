"""`python -m pacnet_dashboard.ui.serve [streamlit options]`: `streamlit run app.py`, with the link checks ready
before the first viewer arrives.

Streamlit empties a query string past its limits before any script runs; `links` wraps that step so the page can
say so, but under a plain `streamlit run` the wrapper arrives with the first script run, too late for the very
first viewer after a start. Importing it here, before the server starts, closes that gap. `make run` uses this.
"""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.web import cli

from pacnet_dashboard.ui.links import note_dropped_links

APP = Path(__file__).resolve().parents[2] / "app.py"


def main(argv: list[str]) -> int:
    """Run the dashboard's app.py under Streamlit with the given options (for example --server.port 8501)."""
    note_dropped_links()  # already done by the import; said here because it is why this launcher exists
    sys.argv = ["streamlit", "run", str(APP), *argv]
    return cli.main(prog_name="streamlit")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
