"""In Chromium: names from the office lists are shown as text in every chart, never as markup.

The demo's permit and hydrogen lists are edited (in their real formats, XLSX
and CSV) so that projects are named ``<a href="https://example.org">x</a>``,
``<b>fett</b>`` and ``<span style=…>rot</span>``, then built into a private
demo copy. On the hydrogen page (map, timeline, status, nearby capacity) and
the pipeline page, at desktop (1440×900) and phone (390×844) sizes, no ``<a>``
element comes from data, no chart SVG holds a link, and the hostile name is
visible as literal text. Screenshots: ``tests/artifacts/no_links_*.png``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from etl.build import build_database
from etl.config import Settings

pytestmark = pytest.mark.browser

LINK = '<a href="https://example.org">x</a>'
HOSTILE = [LINK, "<b>fett</b>", '<span style="color:red;font-size:80px">rot</span>']
SIZES = {"desktop": (1440, 900), "phone": (390, 844)}


def _hostile_permits(src: Path, dst: Path) -> None:
    wb = openpyxl.load_workbook(src)
    ws = wb["Liste"]
    col = [c.value for c in ws[1]].index("Projektname") + 1
    for row, name in zip(range(2, 2 + len(HOSTILE)), HOSTILE, strict=True):
        ws.cell(row=row, column=col, value=name)
    wb.save(dst)


def _hostile_hydrogen(src: Path, dst: Path) -> None:
    text = src.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    col = rows[0].index("Projektname")
    for row, name in zip(rows[1 : 1 + len(HOSTILE)], HOSTILE, strict=True):
        row[col] = name
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    dst.write_text(out.getvalue(), encoding="utf-8-sig")


@pytest.fixture(scope="module")
def url(demo_copy: Settings, start_app: Callable[..., str]) -> str:
    """The app on a demo copy rebuilt with the hostile lists (as uploads of the demo)."""
    uploads = demo_copy.demo_dir / "uploads"
    uploads.mkdir(parents=True, exist_ok=True)
    _hostile_permits(
        demo_copy.demo_dir / "windpipeline_DEMO.xlsx", uploads / "windpipeline_hostile.xlsx"
    )
    _hostile_hydrogen(
        demo_copy.demo_dir / "wasserstoff_DEMO.csv", uploads / "wasserstoff_hostile.csv"
    )
    build_database(demo_copy, force_demo=True)
    return start_app(demo_copy.processed_dir, demo_copy.raw_dir, name="no_links")


def _idle(page) -> None:
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=120_000
    )
    page.wait_for_timeout(800)
    for chart in page.locator('[data-testid="stPlotlyChart"]').all():
        chart.locator(".main-svg").first.wait_for(timeout=30_000)
    page.wait_for_timeout(1000)


def _no_links_from_data(page) -> None:
    assert page.locator('a[href*="example.org"]').count() == 0
    assert page.locator("svg a").count() == 0  # plotly draws links in chart text as <a>
    assert (
        page.locator("svg text").filter(has_text="fett").count()
        == page.locator("svg text").filter(has_text="<b>fett</b>").count()
    )


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("page_name", ["wasserstoff", "pipeline"])
def test_names_from_data_show_as_text(
    url: str, chromium, artifacts_dir: Path, page_name: str, size: str
) -> None:
    width, height = SIZES[size]
    context = chromium.new_context(viewport={"width": width, "height": height}, locale="de-DE")
    page = context.new_page()
    try:
        page.goto(f"{url}/{page_name}")
        page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
        _idle(page)
        charts = page.locator('[data-testid="stPlotlyChart"]')
        assert charts.count() >= 2
        _no_links_from_data(page)
        if page_name == "wasserstoff":
            # the timeline's axis names the projects: the link is shown as its literal text
            assert page.locator("svg text").filter(has_text='<a href="https://').count() >= 1
            bars = charts.nth(1).locator("path.point")
            if bars.count():
                bars.first.hover(force=True)
                page.wait_for_timeout(500)
                _no_links_from_data(page)
        page.screenshot(
            path=str(artifacts_dir / f"no_links_{page_name}_{size}.png"), full_page=True
        )
    finally:
        context.close()
