"""Static PNG images of the dashboard's plotly figures, via kaleido.

kaleido 1.x drives a Chrome-family browser (Debian's ``/usr/bin/chromium`` is
found by itself; ``BROWSER_PATH`` overrides). The first image costs about
2 s to start the browser; :func:`ensure_server` keeps one browser running
(``kaleido.start_sync_server``) so each further image takes about 0.15 s.
Maps are switched to the tile-free ``white-bg`` style, so they render without
internet and the PDF does not depend on a tile server.
"""

from __future__ import annotations

import atexit
import contextlib
import threading
import warnings

import plotly.graph_objects as go
import plotly.io as pio

_lock = threading.Lock()
_server_started = False

#: Print size of charts: width in CSS pixels; ``scale`` sharpens for print.
DEFAULT_WIDTH = 900
DEFAULT_SCALE = 2.0


def ensure_server() -> None:
    """Start kaleido's persistent browser once per process (stopped at exit)."""
    global _server_started
    if _server_started:
        return
    import kaleido

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kaleido.start_sync_server(silence_warnings=True)
    _server_started = True
    atexit.register(_stop_server)


def _stop_server() -> None:
    global _server_started
    if not _server_started:
        return
    import kaleido

    with contextlib.suppress(Exception):  # best effort at interpreter exit
        kaleido.stop_sync_server(silence_warnings=True)
    _server_started = False


def make_offline(fig: go.Figure) -> go.Figure:
    """A copy of ``fig`` whose maps use the tile-free style (no network needed)."""
    fig = go.Figure(fig)
    if any(t.type in ("scattermap", "choroplethmap", "densitymap") for t in fig.data):
        fig.update_layout(map_style="white-bg")
    if any(t.type in ("scattermapbox", "choroplethmapbox", "densitymapbox") for t in fig.data):
        fig.update_layout(mapbox_style="white-bg")
    return fig


def to_png(
    fig: go.Figure,
    *,
    width: int = DEFAULT_WIDTH,
    height: int = 420,
    scale: float = DEFAULT_SCALE,
) -> tuple[bytes, float]:
    """PNG bytes of ``fig`` and the image's aspect ratio (height / width)."""
    fig = make_offline(fig)
    fig.update_layout(width=width, height=height)
    with _lock:
        ensure_server()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "kopts ignored when using a server"
            png = pio.to_image(fig, format="png", width=width, height=height, scale=scale)
    return png, height / width
