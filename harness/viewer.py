"""A small Streamlit websocket client: one viewer opening a page of the running dashboard, as a browser would.

It speaks Streamlit's own protocol (protobuf BackMsg and ForwardMsg over /_stcore/stream), so the load test and
`bench/` can drive many viewers at once without a browser, and can send what a browser can send, such as the
`clear_cache` message of the (hidden) developer menu. It connects to 127.0.0.1 only.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

SCRIPT_DONE_SECONDS = 300


@dataclass
class Visit:
    """What one page run sent back: the texts of its notices, how many metrics and charts, and how long it took."""

    seconds: float = 0.0
    notices: list[str] = field(default_factory=list)
    metrics: int = 0
    charts: int = 0
    finished: bool = False

    def says(self, words: str) -> bool:
        return any(words in n.replace("\\", "") for n in self.notices)


class Viewer:
    """One browser session of the dashboard at http://127.0.0.1:PORT."""

    def __init__(self, port: int) -> None:
        self.port = port
        self._connection = connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                                   origin=f"http://127.0.0.1:{port}", open_timeout=60, max_size=None)
        self.socket = self._connection.__enter__()

    def close(self) -> None:
        self._connection.__exit__(None, None, None)

    def __enter__(self) -> Viewer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open(self, page: str = "", query: str = "", timeout: float = SCRIPT_DONE_SECONDS) -> Visit:
        """Run a page (its URL path, '' for the first page) with a query string; wait until the script finishes."""
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = page
        start = time.perf_counter()
        self.socket.send(msg.SerializeToString())
        visit = Visit()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            data = self.socket.recv(timeout=max(0.1, deadline - time.monotonic()))
            forward = ForwardMsg()
            forward.ParseFromString(data)
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                _read(forward.delta.new_element, visit)
            elif kind == "script_finished":
                visit.finished = True
                break
        visit.seconds = time.perf_counter() - start
        return visit

    def clear_cache(self) -> None:
        """Send what the developer menu's "Clear cache" sends; any client can, whatever the menu shows."""
        msg = BackMsg()
        msg.clear_cache = True
        self.socket.send(msg.SerializeToString())


def _read(element: object, visit: Visit) -> None:
    kind = element.WhichOneof("type")  # type: ignore[attr-defined]
    if kind == "alert":
        visit.notices.append(element.alert.body)  # type: ignore[attr-defined]
    elif kind == "metric":
        visit.metrics += 1
    elif kind == "plotly_chart":
        visit.charts += 1
