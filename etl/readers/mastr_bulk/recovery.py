"""Zips without a central directory (truncated downloads): members from local headers.

A truncated zip is read member by member from its local headers; a damaged
member yields the records read before the damage.
"""

from __future__ import annotations

import mmap
import os
import struct
import zlib
from pathlib import Path
from typing import BinaryIO

from etl.readers.mastr_bulk.members import CATALOG_MEMBER, MEMBER_RE
from etl.readers.mastr_bulk.records import CHUNK_BYTES


class LocalMemberStream:
    """Inflate one member from its local header on, until its end or the file's end."""

    def __init__(self, fh: BinaryIO, offset: int, method: int | None, size: int | None) -> None:
        self._fh = fh
        self._fh.seek(offset)
        self._method = method
        self._left = size
        self._inflater = zlib.decompressobj(-15) if method == 8 else None
        self._pending = b""
        self._eof = False

    def read(self, n: int = -1) -> bytes:
        """Up to ``n`` inflated bytes; raises EOFError when the file ends inside the member."""
        if self._eof:
            return b""
        n = CHUNK_BYTES if n is None or n < 0 else n
        if self._inflater is None:  # stored
            if self._left is None:
                raise EOFError("stored member without size: cannot be read sequentially")
            data = self._fh.read(min(n, self._left))
            self._left -= len(data)
            if not data and self._left > 0:
                raise EOFError("the file ends inside the member (truncated zip)")
            self._eof = self._left == 0
            return data
        out = []
        got = 0
        while got < n:
            if self._inflater.unconsumed_tail:
                src = self._inflater.unconsumed_tail
            else:
                src = self._fh.read(1 << 20)
                if not src:
                    if got:
                        break
                    raise EOFError("the file ends inside the member (truncated zip)")
            chunk = self._inflater.decompress(src, n - got)
            out.append(chunk)
            got += len(chunk)
            if self._inflater.eof:
                self._eof = True
                break
        return b"".join(out)


def scan_local_headers(path: Path) -> list[tuple[str, int, int, int | None]]:
    """Members found by their local headers: (name, data offset, method, compressed size)."""
    found = []
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size == 0:
            return []
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            pos = mm.find(b"PK\x03\x04")
            while pos >= 0 and pos + 30 <= size:
                (_, _, flags, method, _, _, _, csize, _, nlen, xlen) = struct.unpack(
                    "<IHHHHHIIIHH", mm[pos : pos + 30]
                )
                name_bytes = mm[pos + 30 : pos + 30 + nlen]
                name = name_bytes.decode("utf-8" if flags & 0x800 else "cp437", "replace")
                if method in (0, 8) and (MEMBER_RE.match(name) or name == CATALOG_MEMBER):
                    data = pos + 30 + nlen + xlen
                    comp = None if flags & 0x08 or csize == 0xFFFFFFFF else csize
                    found.append((name, data, method, comp))
                pos = mm.find(b"PK\x03\x04", pos + 4)
    seen: set[str] = set()
    unique = []
    for item in found:
        if item[0] not in seen:
            seen.add(item[0])
            unique.append(item)
    return unique
