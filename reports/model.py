"""The briefing as data: what the renderers (PDF) lay out.

:mod:`reports.content` fills these from the dashboard's queries and
figures; :mod:`reports.pdf` renders them. Keeping them apart lets a
second renderer (e.g. PPTX) reuse the same content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Headline:
    """One headline figure: a formatted value, its label and an optional note."""

    key: str  # stable id, recorded in the archive index
    label: str
    value: str
    note: str = ""
    raw: float | int | None = None  # the unformatted number, for the archive


@dataclass(frozen=True)
class Paragraph:
    """Running text."""

    text: str
    small: bool = False


@dataclass(frozen=True)
class Image:
    """A static chart or map (PNG) with its caption (source, data date, assumptions)."""

    png: bytes
    caption: str
    aspect: float  # height / width of the image


@dataclass(frozen=True)
class ImageRow:
    """Images side by side (e.g. two donuts) with one caption below."""

    images: list[Image]
    caption: str = ""


@dataclass(frozen=True)
class TableBlock:
    """A small table of already formatted strings."""

    columns: list[str]
    rows: list[list[str]]
    align: list[str] | None = None  # "L" / "R" / "C" per column
    caption: str = ""
    widths: list[float] | None = None  # relative column widths


Block = Paragraph | Image | ImageRow | TableBlock


@dataclass
class Section:
    """A heading and its blocks; ``new_page`` starts it on a fresh page."""

    heading: str
    blocks: list[Block] = field(default_factory=list)
    new_page: bool = False


@dataclass
class Briefing:
    """Everything one briefing document says, already in its language."""

    lang: str
    kind: str  # "district" or "municipality"
    region_key: str  # AGS prefix of the district or the municipality's AGS
    region_name: str
    title: str
    subtitle: str
    data_date: date | None
    build_id: str
    database_file: str
    is_demo: bool
    generated_at: datetime
    demo_label: str
    footer: str  # data date, build, generated-at line (page number is added)
    attribution: str  # short source line for every page
    headlines: list[Headline] = field(default_factory=list)
    headline_note: str = ""  # small print under the headline figures (assumptions)
    sections: list[Section] = field(default_factory=list)
    baseline: str = ""  # what "changes since" compared with, for the archive
    partial_label: str = ""  # "UNVOLLSTÄNDIG – es fehlt: …" for a build with --accept-partial
