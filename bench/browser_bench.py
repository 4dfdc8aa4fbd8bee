"""Browser benchmark: each page as felt in headless Chromium, on the demo build.

``run()`` (called by ``python -m bench``; alone: ``python -m bench.browser_bench``) starts
the real app (``streamlit run``) on the demo database and, per page of the navigation:

- **figures s**: from navigation start until the first headline figure (``st.metric``
  value) is in the page (``-`` on pages without metrics);
- **charts s**: until every plotly chart has drawn its SVG (and maps their canvas),
  Streamlit's script run has ended and all of that held for 0.4 s;
- **cold**: the first visit of the page in a new browser context (empty HTTP cache), on a
  server process that has not yet served that page; **warm**: median of ``repeats`` reloads
  in the same context (HTTP cache and server caches filled);
- **bytes on a first visit** (the cold visit): HTTP bytes as transferred (CDP
  ``Network.loadingFinished.encodedDataLength``, headers included), the same bodies
  uncompressed, and the WebSocket messages (Streamlit's protobuf deltas: the figure JSON);
  ``direct`` = the Streamlit server itself, ``nginx`` = through a local nginx with the
  compression of ``deploy/nginx/energiezukunft.conf`` (:mod:`bench.proxy`; n/a without nginx);
- the machine's load (``os.getloadavg()``, 1 min) at the start of every page's runs.

The table is printed and appended (date, commit, label) to ``bench/results/browser.md``.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import os
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.app_process import app_server

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "bench" / "work" / "browser"
RESULTS = REPO / "bench" / "results" / "browser.md"
CHROMIUM = "/usr/bin/chromium"
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
#: Pages not measured: the office's upload form has no figures.
SKIP_PAGES = ("hochladen",)
#: Seconds one visit may take before it counts as failed.
VISIT_TIMEOUT_S = 90

#: Records, inside the page, when the first metric value appeared (ms since navigation).
_INIT_SCRIPT = """
window.__ezMetric = null;
new MutationObserver(() => {
  if (window.__ezMetric === null && document.querySelector('[data-testid="stMetricValue"]'))
    window.__ezMetric = performance.now();
}).observe(document, {subtree: true, childList: true});
window.__ezWs = {open: null, last: null};
const EzSocket = window.WebSocket;
window.WebSocket = function (...args) {
  const ws = new EzSocket(...args);
  ws.addEventListener('open', () => { window.__ezWs.open = performance.now(); });
  ws.addEventListener('message', () => { window.__ezWs.last = performance.now(); });
  return ws;
};
window.WebSocket.prototype = EzSocket.prototype;
Object.assign(window.WebSocket, EzSocket);
"""
#: True (the time in ms) once the page has finished: connected, script not running, every
#: chart drawn, some content rendered; held for 400 ms.
_DONE = """
() => {
  const app = document.querySelector('[data-test-script-state]');
  const conn = document.querySelector('[data-test-connection-state]');
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  const decks = [...document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')];
  const ok = app && app.getAttribute('data-test-script-state') === 'notRunning'
    && (!conn || conn.getAttribute('data-test-connection-state') === 'CONNECTED')
    && document.querySelector('[data-testid="stMain"] h1')
    && !document.querySelector('[data-stale="true"]')
    && !document.querySelector(
      '[data-testid="stSkeleton"],[data-testid="stSkeletonElement"],[data-testid="stAppSkeleton"]')
    && charts.every(c => c.querySelector('.main-svg'))
    && decks.every(c => c.querySelector('canvas'));
  const now = performance.now();
  if (!ok) { window.__ezDoneSince = null; return false; }
  if (window.__ezDoneSince == null) window.__ezDoneSince = now;
  return now - window.__ezDoneSince >= 400 ? window.__ezDoneSince : false;
}
"""


def nav_paths(app: Path = REPO / "streamlit_app.py") -> list[str]:
    """URL paths of the app's pages in navigation order (from ``PAGES`` in ``streamlit_app.py``).

    The first (default) page is served at ``/`` only; the bench visits it there."""
    tree = ast.parse(app.read_text(encoding="utf-8"))
    for node in tree.body:
        target = getattr(node, "target", None) or (getattr(node, "targets", None) or [None])[0]
        if isinstance(target, ast.Name) and target.id == "PAGES" and node.value is not None:
            pages = ast.literal_eval(node.value)
            return [p[3] for p in pages if p[3] not in SKIP_PAGES]
    raise RuntimeError("streamlit_app.py has no literal PAGES list")


def _page_url(base: str, path: str) -> str:
    """The address of page ``path``: the default (first) page lives at ``/`` only."""
    default = nav_paths()[0]
    return f"{base}/" if path == default else f"{base}/{path}"


@dataclass
class Traffic:
    """Bytes of one visit, from Chromium's DevTools network events."""

    transferred: int = 0  # HTTP, as on the wire (compressed where compressed), headers included
    uncompressed: int = 0  # HTTP bodies after decoding
    websocket: int = 0  # WebSocket message payloads received (after permessage-deflate)
    js_uncompressed: int = 0
    encodings: set[str] = field(default_factory=set)


def _watch_traffic(page: object) -> Traffic:
    """Start counting the bytes ``page`` receives (CDP Network domain)."""
    traffic = Traffic()
    cdp = page.context.new_cdp_session(page)  # type: ignore[attr-defined]
    js: set[str] = set()

    def on_response(e: dict) -> None:
        headers = {k.lower(): v for k, v in e["response"].get("headers", {}).items()}
        if headers.get("content-encoding"):
            traffic.encodings.add(headers["content-encoding"])
        if "javascript" in e["response"].get("mimeType", ""):
            js.add(e["requestId"])

    def on_data(e: dict) -> None:
        traffic.uncompressed += e["dataLength"]
        if e["requestId"] in js:
            traffic.js_uncompressed += e["dataLength"]

    def on_finished(e: dict) -> None:
        traffic.transferred += int(e["encodedDataLength"])

    def on_frame(e: dict) -> None:
        r = e["response"]
        n = len(r.get("payloadData", ""))
        traffic.websocket += n * 3 // 4 if r.get("opcode") == 2 else n  # binary frames: base64

    cdp.on("Network.responseReceived", on_response)
    cdp.on("Network.dataReceived", on_data)
    cdp.on("Network.loadingFinished", on_finished)
    cdp.on("Network.webSocketFrameReceived", on_frame)
    cdp.send("Network.enable")
    return traffic


@dataclass
class Visit:
    """Timings (s) of one page load."""

    figures_s: float | None
    charts_s: float
    charts: int
    server_s: float | None  # WebSocket open → its last message of the run (≈ the script run)


def _visit(page: object, url: str) -> Visit:
    page.goto(url, wait_until="commit")  # type: ignore[attr-defined]
    done = page.wait_for_function(_DONE, polling=50, timeout=VISIT_TIMEOUT_S * 1000)  # type: ignore[attr-defined]
    charts_ms = float(done.json_value())
    metric_ms = page.evaluate("window.__ezMetric")  # type: ignore[attr-defined]
    ws = page.evaluate("window.__ezWs")  # type: ignore[attr-defined]
    server = (ws["last"] - ws["open"]) / 1000 if ws and ws["open"] and ws["last"] else None
    n = page.evaluate(  # type: ignore[attr-defined]
        'document.querySelectorAll(\'[data-testid="stPlotlyChart"],'
        '[data-testid="stDeckGlJsonChart"]\').length'
    )
    return Visit(
        round(metric_ms / 1000, 2) if metric_ms is not None else None,
        round(charts_ms / 1000, 2),
        n,
        round(server, 2) if server is not None else None,
    )


def measure_page(
    browser: object, url: str, repeats: int, viewport: dict[str, int]
) -> dict[str, object]:
    """One cold visit (new context) and ``repeats`` warm reloads of the page at ``url``."""
    load = os.getloadavg()[0]
    context = browser.new_context(viewport=viewport, locale="de-DE")  # type: ignore[attr-defined]
    try:
        context.add_init_script(_INIT_SCRIPT)
        page = context.new_page()
        traffic = _watch_traffic(page)
        cold = _visit(page, url)
        first_visit = Traffic(**vars(traffic))
        warm = [_visit(page, url) for _ in range(repeats)]
    finally:
        context.close()
    figs = [v.figures_s for v in warm if v.figures_s is not None]
    return {
        "load": round(load, 1),
        "charts": cold.charts,
        "cold_figures_s": cold.figures_s,
        "cold_charts_s": cold.charts_s,
        "warm_figures_s": round(statistics.median(figs), 2) if figs else None,
        "warm_charts_s": round(statistics.median(v.charts_s for v in warm), 2),
        "warm_server_s": _median([v.server_s for v in warm]),
        "traffic": first_visit,
    }


def proxied_bytes(browser: object, proxy: str, url: str, viewport: dict[str, int]) -> int:
    """Bytes nginx sent for one cold visit of ``url`` (new context), WebSocket included."""
    from bench.proxy import bytes_sent

    before = bytes_sent(proxy)
    context = browser.new_context(viewport=viewport, locale="de-DE")  # type: ignore[attr-defined]
    try:
        context.add_init_script(_INIT_SCRIPT)
        _visit(context.new_page(), url)
    finally:
        context.close()
    deadline = time.monotonic() + 10  # the WebSocket is logged once nginx has seen it close
    last = -1
    while True:
        time.sleep(0.5)
        sent = bytes_sent(proxy) - before
        if sent == last or time.monotonic() > deadline:
            return sent
        last = sent


def demo_build(work: Path = WORK) -> Path:
    """Build (once per bench run) the demo database the app serves; returns its folder."""
    from etl.build import build_database
    from etl.config import Settings

    settings = Settings(raw_dir=work / "raw", processed_dir=work / "demo")
    build_database(settings, force_demo=True)
    return settings.processed_dir


def _median(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(statistics.median(known), 2) if known else None


def _mb(n: int | None) -> str:
    return "n/a" if n is None else f"{n / 1e6:,.2f}"


def _s(v: float | None) -> str:
    return "–" if v is None else f"{v:.2f}"


def table(rows: list[dict[str, object]]) -> str:
    """The markdown table of :func:`run`'s rows."""
    lines = [
        "| page | charts | figures warm s | charts warm s | server warm s "
        "| figures cold s | charts cold s "
        "| first visit MB direct (uncompressed) | first visit MB nginx | WebSocket MB "
        "| load |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        t: Traffic = r["traffic"]  # type: ignore[assignment]
        proxied: int | None = r.get("proxied")  # type: ignore[assignment]
        lines.append(
            f"| {r['page']} | {r['charts']} | {_s(r['warm_figures_s'])} "  # type: ignore[arg-type]
            f"| {_s(r['warm_charts_s'])} | {_s(r['warm_server_s'])} "  # type: ignore[arg-type]
            f"| {_s(r['cold_figures_s'])} "  # type: ignore[arg-type]
            f"| {_s(r['cold_charts_s'])} "  # type: ignore[arg-type]
            f"| {_mb(t.transferred + t.websocket)} ({_mb(t.uncompressed + t.websocket)}) "
            f"| {_mb(proxied)} "
            f"| {_mb(t.websocket)} | {r['load']} |"
        )
    return "\n".join(lines)


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True, text=True, timeout=10, check=True,
        )  # fmt: skip
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True, text=True, timeout=10,
        ).stdout.strip()  # fmt: skip
        return out.stdout.strip() + ("+changes" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def append_results(rows: list[dict[str, object]], label: str, repeats: int, viewport: str) -> None:
    """Append this run (date, commit, label, table) to ``bench/results/browser.md``."""
    header = (
        "# Browser benchmark\n\n"
        "Each page of the app in headless Chromium on the demo build (`bench/browser_bench.py`, "
        "`make bench`). figures = first `st.metric` value visible; charts = every chart "
        "drawn and Streamlit idle; warm = median of the reloads in a browser context with a "
        "filled cache; server = WebSocket open until its last message (≈ the script run on "
        "the server); cold = first visit in a new context. First-visit MB = HTTP bytes as "
        "transferred plus WebSocket payloads; `nginx` = through a local nginx with the "
        "compression of `deploy/nginx/energiezukunft.conf`. load = 1-min load average when "
        "the page's runs started (2-core machine shared with other work). Newest run last.\n"
    )
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else header
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    text += (
        f"\n## {stamp} · commit {_commit()} · {label}\n\n"
        f"Viewport {viewport}, warm = median of {repeats}; {os.cpu_count()} cores.\n\n"
        + table(rows)
        + "\n"
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")


def run(
    console: object | None = None,
    *,
    repeats: int = 5,
    pages: list[str] | None = None,
    phone: bool = False,
    proxy: bool = True,
    label: str = "",
    write_results: bool = True,
) -> list[dict[str, object]]:
    """Measure every page (or ``pages``) in Chromium; print the table and append it to the
    results file. Returns one row per page."""
    from playwright.sync_api import sync_playwright

    from bench.proxy import nginx_proxy

    say = console.print if console is not None else print  # type: ignore[attr-defined]
    viewport = PHONE if phone else DESKTOP
    WORK.mkdir(parents=True, exist_ok=True)
    say("browser bench: building the demo database …")
    processed = demo_build()
    paths = pages or nav_paths()
    rows: list[dict[str, object]] = []
    with app_server(processed, WORK / "app.log") as url, sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            for path in paths:
                say(f"browser bench: {path} …")
                row = measure_page(browser, _page_url(url, path), repeats, viewport)
                rows.append({"page": path, **row})
            if proxy:
                with nginx_proxy(url) as proxied:
                    for row in rows:
                        row["proxied"] = (
                            proxied_bytes(
                                browser, proxied, _page_url(proxied, row["page"]), viewport
                            )
                            if proxied
                            else None
                        )
        finally:
            browser.close()
    say(table(rows))
    if write_results:
        size = f"{viewport['width']}×{viewport['height']}"
        append_results(rows, label or "make bench", repeats, size)
    return rows


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python -m bench.browser_bench [--pages a,b] [--repeats 5] [--phone]``."""
    parser = argparse.ArgumentParser(prog="python -m bench.browser_bench", description=__doc__)
    parser.add_argument("--pages", type=lambda t: [p for p in t.split(",") if p], default=None)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--phone", action="store_true", help="390×844 instead of 1440×900")
    parser.add_argument("--no-proxy", action="store_true", help="skip the nginx byte count")
    parser.add_argument("--label", default="", help="what this run measures (results file)")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    run(
        repeats=args.repeats,
        pages=args.pages,
        phone=args.phone,
        proxy=not args.no_proxy,
        label=args.label,
        write_results=not args.no_write,
    )


if __name__ == "__main__":
    main()
