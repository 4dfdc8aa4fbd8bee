"""Write hostile upload files in their real formats: wide XLSX, large CSV, zip bombs.

These are the probes of issue 12, small enough to write in a test:

- :func:`wide_xlsx`: a real XLSX (OOXML zip, deflated) whose only sheet has the
  permit list's header and then ``rows`` rows of ``cols`` numeric cells: about
  137 KB on disk for 19,990 × 190 cells, about 60 MB of sheet XML.
- :func:`large_csv`: a ``;`` CSV of the permit list whose rows carry many
  columns of wrong values, padded to ``size`` bytes.
- :func:`bomb_zip`: a zip with one member that inflates to ``inflated`` bytes
  of zeros, with an honest size header or one that lies (declares 1,000 bytes);
  with ``crc_of_prefix`` the lying header even carries the CRC of the declared
  prefix, so a reader that trusts the header sees a valid member.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from etl.office.spec import WIND_PERMITS

_CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="xl/workbook.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
_WB = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Liste" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WB_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="http://schemas.openxmlformats'
    '.org/officeDocument/2006/relationships/worksheet"/></Relationships>'
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = "</sheetData></worksheet>"


def _xlsx_parts(zf: zipfile.ZipFile) -> None:
    zf.writestr("[Content_Types].xml", _CT)
    zf.writestr("_rels/.rels", _RELS)
    zf.writestr("xl/workbook.xml", _WB)
    zf.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)


def _header_row(cols: int) -> str:
    names = [f.header_de for f in WIND_PERMITS.fields]
    names += [f"Extra {i}" for i in range(len(names) + 1, cols + 1)]
    cells = "".join(f'<c t="inlineStr"><is><t>{n}</t></is></c>' for n in names[:cols])
    return f"<row>{cells}</row>"


def wide_xlsx(path: Path, rows: int = 19_990, cols: int = 190) -> Path:
    """The permit list's header, then ``rows`` rows of ``cols`` cells holding the number 7."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        _xlsx_parts(zf)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write((_SHEET_HEAD + _header_row(cols)).encode())
            row = ("<row>" + "<c><v>7</v></c>" * cols + "</row>").encode()
            block = row * 1000
            for _ in range(rows // 1000):
                out.write(block)
            out.write(row * (rows % 1000))
            out.write(_SHEET_TAIL.encode())
    return path


def large_csv(path: Path, size: int = 10 * 1024 * 1024 - 1024, cols: int = 190) -> Path:
    """A permit-list CSV of about ``size`` bytes: the header, then rows of ``cols`` bad values."""
    names = [f.header_de for f in WIND_PERMITS.fields]
    names += [f"Extra {i}" for i in range(len(names) + 1, cols + 1)]
    header = (";".join(names[:cols]) + "\r\n").encode("utf-8")
    row = (";".join(["x7"] * cols) + "\r\n").encode("utf-8")
    n = max(0, (size - len(header)) // len(row))
    path.write_bytes(header + row * n)
    return path


def tall_csv(path: Path, size: int = 10 * 1024 * 1024 - 1024) -> Path:
    """A permit-list CSV of about ``size`` bytes with short valid-looking rows (far too many)."""
    header = ";".join(f.header_de for f in WIND_PERMITS.fields) + "\r\n"
    row = "V-1;Windpark;13076001;;4;25,0;beantragt" + ";" * (len(WIND_PERMITS.fields) - 7)
    row += "\r\n"
    body = row.encode() * max(0, (size - len(header)) // len(row))
    path.write_bytes(header.encode() + body)
    return path


def _deflate_zeros(n: int) -> tuple[bytes, int, int]:
    """Raw deflate stream of ``n`` zero bytes, its CRC-32, and the CRC of the first 1,000."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(1 << 20)
    parts, crc, left = [], 0, n
    while left:
        piece = chunk[: min(left, len(chunk))]
        parts.append(comp.compress(piece))
        crc = zlib.crc32(piece, crc)
        left -= len(piece)
    parts.append(comp.flush())
    return b"".join(parts), crc, zlib.crc32(bytes(1000))


def bomb_zip(
    path: Path,
    member: str = "gebiete.shp",
    inflated: int = 400 * 1024 * 1024,
    lie: bool = True,
    crc_of_prefix: bool = False,
    extra: dict[str, bytes] | None = None,
) -> Path:
    """A zip whose ``member`` inflates to ``inflated`` zero bytes (see module docstring).

    ``extra`` members are stored honestly before it (e.g. the rest of an XLSX).
    """
    data, crc, prefix_crc = _deflate_zeros(inflated)
    declared = 1000 if lie else inflated
    declared_crc = prefix_crc if crc_of_prefix else crc
    name = member.encode()
    out = bytearray()
    central = bytearray()
    entries = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, content in (extra or {}).items():
            zf.writestr(n, content)
    if extra:
        # keep the honest members written above, then append the bomb by hand
        raw = path.read_bytes()
        eocd = raw.rfind(b"PK\x05\x06")
        entries, cd_size, cd_start = struct.unpack("<HII", raw[eocd + 10 : eocd + 20])
        out += raw[:cd_start]
        central += raw[cd_start : cd_start + cd_size]
    offset = len(out)
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, declared_crc, len(data), declared, len(name), 0
    )
    out += local + name + data
    central += struct.pack(
        "<IHHHHHHIIIHHHHHII",
        0x02014B50,
        20,
        20,
        0,
        8,
        0,
        0,
        declared_crc,
        len(data),
        declared,
        len(name),
        0,
        0,
        0,
        0,
        0,
        offset,
    )
    central += name
    cd_offset = len(out)
    out += central
    out += struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, entries + 1, entries + 1, len(central), cd_offset, 0
    )
    path.write_bytes(bytes(out))
    return path


def xlsx_bomb(path: Path, inflated: int = 400 * 1024 * 1024, lie: bool = True) -> Path:
    """A real XLSX whose sheet member inflates to ``inflated`` bytes (honest or lying header)."""
    extra = {
        "[Content_Types].xml": _CT.encode(),
        "_rels/.rels": _RELS.encode(),
        "xl/workbook.xml": _WB.encode(),
        "xl/_rels/workbook.xml.rels": _WB_RELS.encode(),
    }
    return bomb_zip(path, "xl/worksheets/sheet1.xml", inflated, lie=lie, extra=extra)
