"""Render a :class:`~reports.model.Briefing` as an A4 PDF with fpdf2.

Text is set in DejaVu Sans (a TTF font with full Unicode: umlauts, ²,
non-breaking spaces, en dashes); fpdf2's built-in fonts are Latin-1 only.
Debian ships it in ``fonts-dejavu-core`` (``/usr/share/fonts/truetype/dejavu``);
``EZ_FONT_DIR`` points elsewhere if needed.

Every page carries the demo label (when the database is demo data), the
attribution, the data date and the database build; the PDF metadata (title,
subject, keywords) repeat data date and build so a file can be traced later.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from fpdf import FPDF, FontFace
from fpdf.enums import TableBordersLayout, XPos, YPos

from analysis import format as fmt
from reports.model import Briefing, Image, ImageRow, Paragraph, Section, TableBlock

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts/dejavu"),
)
FONT = "DejaVu"

# Colours (RGB)
INK = (33, 37, 41)
MUTED = (102, 108, 116)
ACCENT = (0, 94, 130)  # dark teal, matches the dashboard's primary colour family
CARD = (240, 245, 247)
DEMO_BG = (255, 236, 179)
DEMO_INK = (133, 77, 14)
PARTIAL_BG = (190, 30, 45)  # red band: the build is incomplete
PARTIAL_INK = (255, 255, 255)

MARGIN = 18.0
TOP = 20.0
BOTTOM = 20.0


def find_font_dir() -> Path:
    """Folder holding ``DejaVuSans.ttf`` and ``DejaVuSans-Bold.ttf``."""
    candidates = [Path(os.environ["EZ_FONT_DIR"])] if os.environ.get("EZ_FONT_DIR") else []
    for d in (*candidates, *FONT_DIRS):
        if (d / "DejaVuSans.ttf").exists() and (d / "DejaVuSans-Bold.ttf").exists():
            return d
    raise FileNotFoundError(
        "DejaVu fonts not found: install Debian's fonts-dejavu-core "
        "(apt-get install fonts-dejavu-core) or set EZ_FONT_DIR to a folder with "
        "DejaVuSans.ttf and DejaVuSans-Bold.ttf"
    )


class _BriefingPDF(FPDF):
    """FPDF with the briefing's page header (demo label) and footer (trace line)."""

    def __init__(self, briefing: Briefing) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.briefing = briefing
        font_dir = find_font_dir()
        self.add_font(FONT, "", str(font_dir / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(font_dir / "DejaVuSans-Bold.ttf"))
        band = 8 * (bool(briefing.is_demo) + bool(briefing.partial_label))
        self.set_margins(MARGIN, TOP + band, MARGIN)
        self.set_auto_page_break(auto=True, margin=BOTTOM + 4)
        self.set_text_color(*INK)

    @property
    def content_width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def header(self) -> None:
        b = self.briefing
        self.set_y(8)
        self.set_font(FONT, "", 7.5)
        self.set_text_color(*MUTED)
        self.cell(
            self.content_width / 2, 4, f"Energiezukunft LUP · {b.region_name}", new_x=XPos.RIGHT
        )
        self.cell(self.content_width / 2, 4, _title_short(b), align="R", new_x=XPos.LMARGIN)
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.4)
        self.line(self.l_margin, 13, self.w - self.r_margin, 13)
        if b.is_demo:
            self.set_xy(self.l_margin, 15)
            self.set_fill_color(*DEMO_BG)
            self.set_text_color(*DEMO_INK)
            size = 8.5  # shrink the label until it fits the band (it must be read whole)
            self.set_font(FONT, "B", size)
            while self.get_string_width(b.demo_label) > self.content_width - 4 and size > 5:
                size -= 0.25
                self.set_font(FONT, "B", size)
            self.cell(
                self.content_width,
                6,
                b.demo_label,
                align="C",
                fill=True,
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
        if b.partial_label:
            self.set_xy(self.l_margin, 15 + (8 if b.is_demo else 0))
            self.set_fill_color(*PARTIAL_BG)
            self.set_text_color(*PARTIAL_INK)
            self.set_font(FONT, "B", 7.5)
            label = b.partial_label
            while len(label) > 20 and self.get_string_width(label) > self.content_width - 4:
                label = label[: int(len(label) * 0.9)].rstrip() + "…"
            self.cell(self.content_width, 6, label, align="C", fill=True, new_x=XPos.LMARGIN)
        self.set_text_color(*INK)
        self.set_y(self.t_margin)

    def footer(self) -> None:
        b = self.briefing
        self.set_y(-BOTTOM + 2)
        self.set_draw_color(200, 205, 210)
        self.set_line_width(0.2)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1)
        self.set_font(FONT, "", 6.8)
        self.set_text_color(*MUTED)
        self.multi_cell(self.content_width, 3.2, b.attribution, align="L", new_x=XPos.LMARGIN)
        page = "Seite" if b.lang == "de" else "Page"
        self.cell(self.content_width * 0.85, 3.4, b.footer, new_x=XPos.RIGHT)
        self.cell(self.content_width * 0.15, 3.4, f"{page} {self.page_no()}/{{nb}}", align="R")
        self.set_text_color(*INK)


def _title_short(b: Briefing) -> str:
    label = "Briefing · Datenstand " if b.lang == "de" else "Briefing · data date "
    return label + fmt.day(b.data_date, b.lang)


def render_pdf(briefing: Briefing) -> bytes:
    """The briefing as PDF bytes."""
    pdf = _BriefingPDF(briefing)
    _metadata(pdf, briefing)
    pdf.add_page()
    _title(pdf, briefing)
    _headlines(pdf, briefing)
    for section in briefing.sections:
        _section(pdf, section)
    return bytes(pdf.output())


def _metadata(pdf: FPDF, b: Briefing) -> None:
    pdf.set_title(b.title)
    pdf.set_author("Koordinierungsstelle Energiezukunft LUP")
    pdf.set_creator("energiezukunft-lup (dashboard.briefing)")
    data_date = b.data_date.isoformat() if b.data_date else "unknown"
    pdf.set_subject(
        f"{b.region_name} ({b.region_key}); data date {data_date}; database build {b.build_id}"
        + ("; DEMO DATA" if b.is_demo else "")
    )
    pdf.set_keywords(
        f"build_id={b.build_id}; data_date={data_date}; region_key={b.region_key}; "
        f"kind={b.kind}; lang={b.lang}; is_demo={str(b.is_demo).lower()}; "
        f"database_file={b.database_file}" + (f"; baseline={b.baseline}" if b.baseline else "")
    )
    pdf.set_creation_date(b.generated_at)
    pdf.set_lang("de-DE" if b.lang == "de" else "en-GB")


def _title(pdf: _BriefingPDF, b: Briefing) -> None:
    pdf.set_font(FONT, "B", 19)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(pdf.content_width, 8.5, b.title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*MUTED)
    pdf.set_font(FONT, "", 10)
    pdf.multi_cell(pdf.content_width, 5, b.subtitle, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.ln(4)


def _lines(pdf: _BriefingPDF, text: str, width: float, style: str, size: float) -> int:
    if not text:
        return 0
    pdf.set_font(FONT, style, size)
    return len(pdf.multi_cell(width, 3.0, text, dry_run=True, output="LINES"))


def _fit_size(pdf: _BriefingPDF, text: str, width: float, size: float, smallest: float) -> float:
    """The largest font size ≤ ``size`` at which ``text`` fits ``width`` on one line."""
    while size > smallest:
        pdf.set_font(FONT, "B", size)
        if pdf.get_string_width(text) <= width:
            break
        size -= 0.5
    return size


def _headlines(pdf: _BriefingPDF, b: Briefing, per_row: int = 4) -> None:
    """The headline figures as cards, ``per_row`` to a row (heights fit their text)."""
    if not b.headlines:
        return
    gap = 4.0
    w = (pdf.content_width - gap * (per_row - 1)) / per_row
    inner = w - 6
    for start in range(0, len(b.headlines), per_row):
        row = b.headlines[start : start + per_row]
        h = max(
            2.5
            + 7.5
            + 3.7 * _lines(pdf, hl.label, inner, "B", 8.2)
            + 3.0 * _lines(pdf, hl.note, inner, "", 6.8)
            + 2.5
            for hl in row
        )
        h = max(h, 22.0)
        if pdf.will_page_break(h + 2):
            pdf.add_page()
        y = pdf.get_y()
        for i, hl in enumerate(row):
            x = pdf.l_margin + i * (w + gap)
            pdf.set_fill_color(*CARD)
            pdf.rect(x, y, w, h, style="F", round_corners=True, corner_radius=1.5)
            pdf.set_xy(x + 3, y + 2.5)
            pdf.set_font(FONT, "B", _fit_size(pdf, hl.value, inner, 15, 9))
            pdf.set_text_color(*ACCENT)
            pdf.cell(inner, 7.5, hl.value, new_x=XPos.LEFT, new_y=YPos.NEXT)
            pdf.set_x(x + 3)
            pdf.set_font(FONT, "B", 8.2)
            pdf.set_text_color(*INK)
            pdf.multi_cell(inner, 3.7, hl.label, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
            if hl.note:
                pdf.set_x(x + 3)
                pdf.set_font(FONT, "", 6.8)
                pdf.set_text_color(*MUTED)
                pdf.multi_cell(inner, 3.0, hl.note, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_text_color(*INK)
        pdf.set_xy(pdf.l_margin, y + h + gap)
    if b.headline_note:
        _paragraph(pdf, Paragraph(b.headline_note, small=True))
    pdf.ln(1)


HEADING_H = 10.0


def _heading(pdf: _BriefingPDF, text: str) -> None:
    pdf.ln(2)
    pdf.set_font(FONT, "B", 12.5)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(pdf.content_width, 6.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.ln(1)


def _text_height(pdf: _BriefingPDF, text: str, size: float, line_h: float) -> float:
    if not text:
        return 0.0
    pdf.set_font(FONT, "", size)
    lines = pdf.multi_cell(pdf.content_width, line_h, text, dry_run=True, output="LINES")
    return len(lines) * line_h


def _block_height(pdf: _BriefingPDF, block: object) -> float:
    """Estimated height (mm) of a block, to keep headings with what follows."""
    if isinstance(block, Paragraph):
        small = block.small
        return _text_height(pdf, block.text, 7.5 if small else 9.5, 3.6 if small else 4.8) + 1.5
    if isinstance(block, Image):
        h = min(pdf.content_width * block.aspect, pdf.h - pdf.t_margin - BOTTOM - 20)
        return h + 1 + _text_height(pdf, block.caption, 7, 3.3) + 2
    if isinstance(block, ImageRow):
        n = max(1, len(block.images))
        w = (pdf.content_width - 4.0 * (n - 1)) / n
        h = max((w * i.aspect for i in block.images), default=0.0)
        return h + 1 + _text_height(pdf, block.caption, 7, 3.3) + 2
    if isinstance(block, TableBlock):
        return 6.0 * (len(block.rows) + 2) + _text_height(pdf, block.caption, 7, 3.3) + 3
    return 0.0


def _section(pdf: _BriefingPDF, section: Section) -> None:
    """A section: kept on one page when it is short, else its heading stays with its start."""
    heights = [_block_height(pdf, b) for b in section.blocks]
    usable = pdf.h - pdf.t_margin - BOTTOM - 4
    total = HEADING_H + sum(heights)
    first = HEADING_H + (heights[0] if heights else 0.0)
    short = total <= usable * 0.6
    fits = not pdf.will_page_break(min(first, usable)) and not (
        short and pdf.will_page_break(total)
    )
    at_top = pdf.get_y() <= pdf.t_margin + 0.5
    if not at_top and (section.new_page or not fits):
        pdf.add_page()
    _heading(pdf, section.heading)
    for block in section.blocks:
        if isinstance(block, Paragraph):
            _paragraph(pdf, block)
        elif isinstance(block, Image):
            _image(pdf, block)
        elif isinstance(block, ImageRow):
            _image_row(pdf, block)
        elif isinstance(block, TableBlock):
            _table(pdf, block)
        else:  # pragma: no cover - the model allows nothing else
            raise TypeError(f"unknown block {type(block).__name__}")


def _paragraph(pdf: _BriefingPDF, p: Paragraph) -> None:
    pdf.set_font(FONT, "", 7.5 if p.small else 9.5)
    pdf.set_text_color(*(MUTED if p.small else INK))
    pdf.multi_cell(
        pdf.content_width,
        3.6 if p.small else 4.8,
        p.text,
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_text_color(*INK)
    pdf.ln(1.5)


def _caption(pdf: _BriefingPDF, text: str) -> None:
    if not text:
        return
    pdf.set_font(FONT, "", 7)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(pdf.content_width, 3.3, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.ln(2)


def _image(pdf: _BriefingPDF, img: Image) -> None:
    w = pdf.content_width
    h = w * img.aspect
    max_h = pdf.h - pdf.t_margin - BOTTOM - 20
    if h > max_h:
        h = max_h
        w = h / img.aspect
    if pdf.will_page_break(h + 8):
        pdf.add_page()
    x = pdf.l_margin + (pdf.content_width - w) / 2
    pdf.image(io.BytesIO(img.png), x=x, y=pdf.get_y(), w=w, h=h)
    pdf.set_y(pdf.get_y() + h + 1)
    _caption(pdf, img.caption)


def _image_row(pdf: _BriefingPDF, row: ImageRow, gap: float = 4.0) -> None:
    n = len(row.images)
    if n == 0:
        return
    w = (pdf.content_width - gap * (n - 1)) / n
    h = max(w * img.aspect for img in row.images)
    if pdf.will_page_break(h + 8):
        pdf.add_page()
    y = pdf.get_y()
    for i, img in enumerate(row.images):
        pdf.image(io.BytesIO(img.png), x=pdf.l_margin + i * (w + gap), y=y, w=w, h=w * img.aspect)
    pdf.set_y(y + h + 1)
    _caption(pdf, row.caption)


def _table(pdf: _BriefingPDF, t: TableBlock) -> None:
    if not t.rows:
        return
    pdf.set_font(FONT, "", 8.5)
    n = len(t.columns)
    align = t.align or ["L"] + ["R"] * (n - 1)
    widths = t.widths or [2.0] + [1.0] * (n - 1)
    if pdf.will_page_break(6 + 5 * min(len(t.rows), 6)):
        pdf.add_page()
    with pdf.table(
        col_widths=widths,
        text_align=align,
        width=pdf.content_width,
        line_height=4.6,
        headings_style=FontFace(emphasis="BOLD", color=ACCENT, fill_color=CARD),
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        padding=0.8,
    ) as table:
        table.row(t.columns)
        for r in t.rows:
            table.row([str(v) for v in r])
    pdf.ln(1)
    _caption(pdf, t.caption)
