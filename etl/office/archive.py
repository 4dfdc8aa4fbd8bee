"""Unpack zip archives (XLSX workbooks, zipped Shapefiles) in chunks, never trusting headers.

A zip declares each member's size in its headers, and a crafted file lies: a
member declared as 1 KB may inflate to gigabytes, and Python's ``zipfile``
inflates a whole compressed member in one call when asked for all of it. Here
every member is read in chunks of :data:`CHUNK` bytes and the bytes actually
produced are charged to a :class:`Budget`; the first chunk over the limit
stops the reading. Every error of a damaged archive (bad CRC, truncated
stream, encryption, unknown compression, sizes that contradict the data)
becomes a :class:`~etl.office.cells.FileProblem` naming the member.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from etl.office.cells import FileProblem

#: Bytes inflated per read.
CHUNK = 64 * 1024
#: Most members an uploaded archive may have.
MAX_MEMBERS = 1_000


class Budget:
    """The bytes that may still be unpacked from one archive."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def take(self, n: int, member: str) -> None:
        """Charge ``n`` unpacked bytes of ``member``; refuse past the limit."""
        self.used += n
        if self.used > self.limit:
            mb = self.limit // (1024 * 1024)
            raise FileProblem(
                "archive_too_large",
                f"the archive unpacks to more than {mb} MB (at member {member!r})",
                limit=mb,
                member=member,
            )


def damaged(member: str, exc: BaseException) -> FileProblem:
    """The refusal for an archive member that cannot be read."""
    error = f"{type(exc).__name__}: {exc}"[:200]
    return FileProblem(
        "archive_damaged",
        f"the archive is damaged or its headers are false (member {member!r}: {error})",
        member=member,
        error=error,
    )


def open_zip(source: bytes | Path) -> zipfile.ZipFile:
    """Open a zip from bytes or a path; refuse unreadable ones and too many members."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except Exception as exc:  # BadZipFile, OSError, ValueError, struct errors …
        raise damaged("(central directory)", exc) from exc
    if len(zf.infolist()) > MAX_MEMBERS:
        n = len(zf.infolist())
        zf.close()
        raise FileProblem(
            "archive_members",
            f"the archive has {n} members, more than {MAX_MEMBERS}",
            limit=MAX_MEMBERS,
            members=n,
        )
    return zf


class MemberReader(io.RawIOBase):
    """A member as a read-only stream that charges every inflated byte to a budget."""

    def __init__(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget) -> None:
        self.name = info.filename
        self._budget = budget
        try:
            self._src = zf.open(info)
        except Exception as exc:
            raise damaged(info.filename, exc) from exc

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        """Up to ``min(size, CHUNK)`` bytes (never the whole member at once)."""
        size = CHUNK if size is None or size < 0 or size > CHUNK else size
        try:
            data = self._src.read(size)
        except FileProblem:
            raise
        except Exception as exc:  # BadZipFile (CRC), zlib.error, EOFError, RuntimeError …
            raise damaged(self.name, exc) from exc
        self._budget.take(len(data), self.name)
        return data

    def readinto(self, b: bytearray | memoryview) -> int:
        data = self.read(len(b))
        b[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._src.close()
        super().close()


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget) -> bytes:
    """A whole member, inflated chunk by chunk under ``budget``."""
    parts: list[bytes] = []
    with MemberReader(zf, info, budget) as src:
        while chunk := src.read(CHUNK):
            parts.append(chunk)
    return b"".join(parts)


def extract_member(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, budget: Budget
) -> None:
    """Write a member to ``target``, chunk by chunk under ``budget``."""
    with MemberReader(zf, info, budget) as src, target.open("wb") as out:
        while chunk := src.read(CHUNK):
            out.write(chunk)
