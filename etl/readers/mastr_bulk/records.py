"""XML records of a member: decoding, splitting on the row end tag, parsing.

Each member is inflated and decoded in chunks and split into records on the
row end tag (``</EinheitSolar>``). Records are parsed by element name (any
order) with a strict regular expression for plain ``<Name>text</Name>``
children, falling back to lxml (entities, DTDs and network off) for anything
else. Members with a DTD or entity declarations are refused unread.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

#: Bytes inflated per read. Larger chunks mean fewer Python steps, more memory (a worker
#: peaks at 23 MB with 256 KiB, 29 MB with 1 MiB, at the same CPU time).
CHUNK_BYTES = 256 << 10
#: A record larger than this (characters) is treated as damage, not buffered forever.
MAX_RECORD_CHARS = 32 << 20

FIELD_RE = re.compile(r"<([A-Za-z_][\w.\-]*)>([^<]*)</\1>")
TAG_NAME_RE = re.compile(r"<([A-Za-z_][\w.\-]*)[\s/>]")
_ENTITY_RE = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
UNSAFE_MARKERS = ("<!DOCTYPE", "<!ENTITY", "<!doctype", "<!entity")
SEP = "\x00"  # cannot occur in XML text; separates values of a column in transfer


class UnsafeXmlError(ValueError):
    """A member declares a DTD or entities; it is refused without being parsed."""


class MalformedRecordError(ValueError):
    """One record is not well-formed XML."""


def _xml_char(code: int) -> str:
    """The character a reference names; ``ValueError`` unless XML allows it.

    XML 1.0 allows tab, line feed, carriage return and U+0020 to U+10FFFF
    without surrogates, U+FFFE and U+FFFF; ``&#0;`` would also be the reader's
    value separator.
    """
    if code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD:
        return chr(code)
    if 0x10000 <= code <= 0x10FFFF:
        return chr(code)
    raise ValueError(f"character reference to U+{code:04X}")


def _unescape(value: str) -> str:
    """Resolve the predefined XML entities and character references; raise on others."""
    if value.count("&") != len(_ENTITY_RE.findall(value)):
        raise MalformedRecordError("undefined entity reference")

    def sub(m: re.Match[str]) -> str:
        ref = m.group(1)
        if ref.startswith("#x"):
            return _xml_char(int(ref[2:], 16))
        if ref.startswith("#"):
            return _xml_char(int(ref[1:]))
        return _ENTITIES[ref]

    try:
        return _ENTITY_RE.sub(sub, value)
    except (ValueError, OverflowError) as exc:
        raise MalformedRecordError("invalid character reference") from exc


_LXML_PARSER = None


def _lxml_record(text: str, row: str) -> dict[str, str]:
    """Parse one record with lxml, entities/DTD/network off (the slow, general path)."""
    global _LXML_PARSER
    from lxml import etree

    if _LXML_PARSER is None:
        _LXML_PARSER = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
    if any(m in text for m in UNSAFE_MARKERS):
        raise MalformedRecordError("DTD or entity declaration inside a record")
    try:
        root = etree.fromstring(text + f"</{row}>", _LXML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise MalformedRecordError(f"not well-formed XML: {exc}") from exc
    if etree.QName(root).localname != row:
        raise MalformedRecordError(f"unexpected element <{root.tag}> instead of <{row}>")
    out: dict[str, str] = {}
    for child in root:
        if not isinstance(child.tag, str):
            continue
        if any(isinstance(c.tag, str) for c in child):
            raise MalformedRecordError(f"element {child.tag} has nested elements")
        out[etree.QName(child).localname] = "".join(child.itertext())
    return out


def parse_record(text: str, row: str) -> dict[str, str]:
    """Children of one record as ``{element name: text}``, by name, any order.

    ``text`` is the record without its end tag. Plain ``<Name>text</Name>``
    children are read with a regular expression; a record with anything else
    (attributes, CDATA, comments, nested or self-closing elements, unusual
    whitespace in tags) is parsed by lxml. Raises :class:`MalformedRecordError`.
    """
    pairs = FIELD_RE.findall(text)
    if text.count("<") == 2 * len(pairs) + 1 and text.lstrip().startswith(f"<{row}>"):
        rec = dict(pairs)
        if "&" in text:
            rec = {k: (_unescape(v) if "&" in v else v) for k, v in rec.items()}
        return rec
    return _lxml_record(text, row)


def _encoding_of(head: bytes) -> tuple[str, int]:
    """Encoding of a member from its first bytes, and the BOM length.

    The bytes decide (byte order mark, else the zero bytes of UTF-16), never the
    declaration: a member that declares UTF-16 but is UTF-8 is read as UTF-8.
    """
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", 2
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", 2
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", 3
    if head[:2] == b"<\x00":
        return "utf-16-le", 0
    if head[:2] == b"\x00<":
        return "utf-16-be", 0
    return "utf-8", 0


_DECLARED_RE = re.compile(r"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def encoding_contradiction(prolog: str, actual: str) -> tuple[str, str] | None:
    """``(declared, actual)`` when the XML declaration names another encoding than the bytes."""
    m = _DECLARED_RE.search(prolog[:500])
    if m is None:
        return None
    declared = m.group(1)

    def family(name: str) -> str:
        n = name.upper().replace("_", "-")
        return (
            "UTF-16" if n.startswith(("UTF-16", "UTF16", "UCS-2")) else n.replace("UTF8", "UTF-8")
        )

    if family(declared) == family(actual):
        return None
    return declared, actual.upper()


@dataclass
class StreamState:
    bytes_read: int = 0
    replaced_chars: bool = False
    trailing: str = ""  # text after the last complete record
    #: (declared, actual) when the member's declaration contradicts its bytes
    encoding_mismatch: tuple[str, str] | None = None


def record_blocks(
    stream: BinaryIO, row: str, state: StreamState, chunk_bytes: int = CHUNK_BYTES
) -> Iterator[tuple[str, int]]:
    """Yield ``(text, end)``: ``text[:end]`` is a block of complete records of a member.

    The block starts at a record (or the whitespace before it) and ends with
    ``</row>``; it is not sliced out, so callers search it with ``pos/endpos``.
    Raises :class:`UnsafeXmlError` when the prolog declares a DTD or entities.
    Errors of the underlying stream (damaged or truncated member) propagate
    after the blocks read before them were yielded.
    """
    end_tag = f"</{row}>"
    start_re = re.compile(rf"<{re.escape(row)}[\s>/]")
    first = stream.read(chunk_bytes)
    state.bytes_read += len(first)
    actual, bom = _encoding_of(first)
    dec = codecs.getincrementaldecoder(actual)(errors="replace")
    text = dec.decode(first[bom:], final=not first)
    # Prolog: everything before the first row element.
    while True:
        m = start_re.search(text)
        prolog = text[: m.start()] if m else text
        if any(marker in prolog for marker in UNSAFE_MARKERS):
            raise UnsafeXmlError("the member declares a DTD or entities (<!DOCTYPE/<!ENTITY)")
        if m:
            state.encoding_mismatch = encoding_contradiction(prolog, actual)
            text = text[m.start() :]
            break
        data = stream.read(chunk_bytes)
        state.bytes_read += len(data)
        if not data:
            state.trailing = text
            return
        text += dec.decode(data)
    buf = text
    while True:
        j = buf.rfind(end_tag)
        if j >= 0:
            j += len(end_tag)
            if "\ufffd" in buf:
                state.replaced_chars = True
            if SEP in buf:
                buf = buf.replace(SEP, "\ufffd")
            yield buf, j
            buf = buf[j:]
        elif len(buf) > MAX_RECORD_CHARS:
            raise MalformedRecordError(f"no </{row}> within {MAX_RECORD_CHARS} characters")
        data = stream.read(chunk_bytes)
        state.bytes_read += len(data)
        if not data:
            buf += dec.decode(b"", final=True)
            state.trailing = buf
            return
        buf += dec.decode(data)
