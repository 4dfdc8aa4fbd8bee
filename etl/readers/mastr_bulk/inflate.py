"""Inflating one zip member with ISA-L (``isal``), checked like :mod:`zipfile` checks it.

ISA-L inflates deflate streams and computes CRC-32 about three times faster
than the zlib behind :mod:`zipfile`; inflating is most of the cost of reading
a bulk export. The member is located through the zip's central directory
(:class:`zipfile.ZipInfo`) and its local header; at its end the CRC-32 and the
size are compared with the directory's, and a mismatch raises
:class:`zipfile.BadZipFile` with zipfile's own wording ("Bad CRC-32 …").
Members that are neither stored nor deflated, or encrypted, are left to
:mod:`zipfile`.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from typing import BinaryIO

from isal import isal_zlib

#: Compressed bytes read from the file at once.
_INPUT_BYTES = 256 << 10
_LOCAL_HEADER = struct.Struct("<4s22xHH")


def supported(info: zipfile.ZipInfo) -> bool:
    """Whether :class:`InflatedMember` can read this member (stored or deflated, not encrypted)."""
    return info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) and not (
        info.flag_bits & 0x1
    )


class InflatedMember:
    """A readable stream of one member's inflated bytes (``read(n)`` like a file)."""

    def __init__(self, fh: BinaryIO, info: zipfile.ZipInfo) -> None:
        fh.seek(info.header_offset)
        magic, name_len, extra_len = _LOCAL_HEADER.unpack(fh.read(_LOCAL_HEADER.size))
        if magic != b"PK\x03\x04":
            raise zipfile.BadZipFile(f"bad local file header of {info.filename!r}")
        fh.seek(info.header_offset + _LOCAL_HEADER.size + name_len + extra_len)
        self._fh = fh
        self._name = info.filename
        self._left = info.compress_size
        self._expected_crc = info.CRC
        self._expected_size = info.file_size
        self._crc = 0
        self._size = 0
        self._inflater = (
            isal_zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
        )
        self._tail = b""
        self._eof = False

    def read(self, n: int = -1) -> bytes:
        """Up to ``n`` inflated bytes (``b""`` at the end); checks CRC and size at the end."""
        if self._eof:
            return b""
        n = 1 << 20 if n is None or n < 0 else n
        data = self._read_stored(n) if self._inflater is None else self._inflate(n)
        self._crc = isal_zlib.crc32(data, self._crc)
        self._size += len(data)
        if self._eof:
            self._check()
        return data

    def _read_stored(self, n: int) -> bytes:
        data = self._fh.read(min(n, self._left))
        self._left -= len(data)
        if self._left and len(data) < n:
            raise EOFError("the file ends inside the member (truncated zip)")
        self._eof = self._left == 0
        return data

    def _inflate(self, n: int) -> bytes:
        assert self._inflater is not None
        out: list[bytes] = []
        got = 0
        while got < n and not self._eof:
            src = self._tail
            if not src:
                src = self._fh.read(min(_INPUT_BYTES, self._left))
                self._left -= len(src)
                if not src:
                    raise EOFError(
                        "Compressed file ended before the end-of-stream marker was reached"
                    )
            try:
                chunk = self._inflater.decompress(src, n - got)
            except isal_zlib.error as exc:  # same handling as a zlib error of zipfile
                raise zlib.error(f"Error while decompressing data: {exc}") from exc
            self._tail = self._inflater.unconsumed_tail
            out.append(chunk)
            got += len(chunk)
            self._eof = self._inflater.eof
        return out[0] if len(out) == 1 else b"".join(out)

    def _check(self) -> None:
        if self._crc != self._expected_crc:
            raise zipfile.BadZipFile(f"Bad CRC-32 for file {self._name!r}")
        if self._size != self._expected_size:
            raise zipfile.BadZipFile(f"Bad size for file {self._name!r}")
