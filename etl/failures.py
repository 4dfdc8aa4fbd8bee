"""Why a build fails: a source that cannot be read completely, or the publish gate.

Both are exceptions with their own exit code, so that scripts (and
``energiezukunft refresh``) can tell them apart:

==== =====================================================================
code meaning
==== =====================================================================
0    built and published
1    any other error (bad option, unexpected failure)
3    a source failed (:class:`SourceFailedError`): nothing published
4    the publish gate refused the build (:class:`GateRefusedError`): nothing
     published, the new file kept aside for inspection
5    another writer: the writer lock stayed busy (:class:`etl.lock.WriterBusyError`)
     or the pointer moved while building (:class:`etl.publish.PointerMovedError`):
     nothing published
==== =====================================================================

A reader reports a failure through :meth:`FailurePolicy.fail` (via
``LoadRun.fail``). By default the policy raises at once; with
``--accept-partial`` it records the reason and the reader goes on with what it
can read, and the build is published marked ``partial``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

EXIT_SOURCE_FAILED = 3
EXIT_GATE_REFUSED = 4
EXIT_WRITER_BUSY = 5


class SourceFailedError(RuntimeError):
    """A source could not be read completely (or at all); the build is not published."""

    exit_code = EXIT_SOURCE_FAILED

    def __init__(self, file: str, reason: str, member: str | None = None) -> None:
        self.file = file
        self.member = member
        self.reason = reason
        where = f"{file}/{member}" if member else file
        super().__init__(f"source failed: {where}: {reason}")


class GateRefusedError(RuntimeError):
    """The publish gate refused the new build; it was kept aside, the served build is unchanged."""

    exit_code = EXIT_GATE_REFUSED

    def __init__(self, reasons: list[str], table: str, kept: Path | None) -> None:
        self.reasons = reasons
        self.table = table
        self.kept = kept
        aside = f"; new build kept for inspection: {kept}" if kept else ""
        super().__init__(
            "publish gate refused the build: "
            + "; ".join(reasons)
            + aside
            + ' (publish anyway with --accept-changes "reason")'
        )


@dataclass
class FailurePolicy:
    """Whether a source failure stops the build (default) or is accepted as ``partial``."""

    accept_partial: bool = False
    reasons: list[str] = field(default_factory=list)
    #: The same reasons in German (for the "unvollständig" banner).
    reasons_de: list[str] = field(default_factory=list)

    def fail(self, file: str, reason: str, member: str | None = None) -> None:
        """Raise :class:`SourceFailedError`, or record the reason if partial builds are accepted."""
        error = SourceFailedError(file, reason, member)
        if not self.accept_partial:
            raise error
        from etl.schema.reasons import german

        self.reasons.append(str(error).removeprefix("source failed: "))
        where = f"{file}/{member}" if member else file
        self.reasons_de.append(f"{where}: {german(reason)}")

    @property
    def partial(self) -> bool:
        """Whether any failure was accepted (the build is incomplete)."""
        return bool(self.reasons)
