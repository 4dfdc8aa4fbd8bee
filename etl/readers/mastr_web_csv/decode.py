"""Decoding and splitting a web CSV file: bytes to text to records.

UTF-8 (with or without BOM) is expected. A Windows-1252 file or UTF-8 that was
double-encoded (``EnergietrÃ¤ger``) is decoded correctly with a warning;
anything else is refused. Mojibake is never loaded.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from dataclasses import dataclass


class WebCsvError(ValueError):
    """A web CSV file that cannot be loaded at all (reason in the message)."""


@dataclass
class _Decoded:
    text: str
    encoding: str
    warning: str | None = None


_MOJIBAKE_TAIL = "".join(bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore"))
_RE_MOJIBAKE = re.compile("Ã[" + re.escape(_MOJIBAKE_TAIL) + "]")


def decode_bytes(raw: bytes, file_name: str) -> _Decoded:
    """Decode the file, or raise :class:`WebCsvError`; never returns mojibake.

    UTF-8 (with or without BOM) is expected. UTF-16 with BOM and Windows-1252 are
    decoded with a warning; text that was UTF-8 decoded as Windows-1252 and saved
    again (``Ã¤`` for ``ä``) is repaired with a warning.
    """
    if raw.startswith(codecs.BOM_UTF8):
        try:
            text = raw[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise WebCsvError(
                f"{file_name}: starts with a UTF-8 byte order mark but byte {exc.start} "
                f"({raw[exc.start + 3 : exc.start + 4]!r}) is not UTF-8; the file is damaged "
                "or mixes encodings. Export it again from the MaStR."
            ) from exc
        result = _Decoded(text, "utf-8-sig")
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise WebCsvError(f"{file_name}: UTF-16 byte order mark but invalid UTF-16") from exc
        result = _Decoded(
            text, "utf-16", "file is UTF-16, not the UTF-8 of the MaStR export: decoded as UTF-16"
        )
    else:
        try:
            result = _Decoded(raw.decode("utf-8"), "utf-8")
        except UnicodeDecodeError as exc:
            try:
                text = raw.decode("cp1252")
            except UnicodeDecodeError as exc2:
                raise WebCsvError(
                    f"{file_name}: neither UTF-8 nor Windows-1252 (byte {exc.start} is "
                    f"{raw[exc.start : exc.start + 1]!r}); refused so that no garbled text "
                    "is loaded. Export it again from the MaStR."
                ) from exc2
            result = _Decoded(
                text,
                "cp1252",
                "file is not UTF-8 (re-saved by Excel?): decoded as Windows-1252 (cp1252); "
                "check umlauts in names",
            )
    result.text = unicodedata.normalize("NFC", result.text)
    if _RE_MOJIBAKE.search(result.text):
        try:
            repaired = result.text.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError) as exc:
            raise WebCsvError(
                f"{file_name}: text contains garbled umlauts (e.g. 'Ã¤' for 'ä') that cannot "
                "be repaired; export the file again from the MaStR"
            ) from exc
        result = _Decoded(
            repaired,
            result.encoding + "+repaired",
            "text was double-encoded (UTF-8 read as Windows-1252 and saved again, "
            "'Ã¤' for 'ä'): repaired",
        )
    result.text = result.text.removeprefix("\ufeff")
    return result


def _sniff_delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    # count separators outside quotes
    outside = re.sub(r'"[^"]*"', "", first)
    counts = {sep: outside.count(sep) for sep in (";", ",", "\t")}
    return max(counts, key=lambda s: counts[s]) if any(counts.values()) else ";"


def parse_csv(text: str) -> tuple[list[str], list[list[str]], str]:
    """Header, records and the separator found in the header line."""
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"')
    rows = list(reader)
    if not rows:
        return [], [], delimiter
    return rows[0], rows[1:], delimiter
