"""``energiezukunft refresh``: download (if newer) → build → publish gate → publish → clean up.

One run holds the data directory's lock, writes one JSON line per step
(:mod:`.log`) and ends with an exit code a scheduler can act on (see
:data:`EXIT_CODES`). The previous export stays in ``data/raw`` until the new
build is published; only then are exports beyond ``keep_exports`` deleted
(builds are pruned by :func:`etl.publish.publish`).

"Nothing new" means: no file was downloaded in this run and a kept build (served,
older or refused) was already built from the newest export, so a rollback
holds until the next export appears and a refused export is not rebuilt every
hour (``force`` builds anyway).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from etl import download, gate, publish
from etl.config import Settings
from etl.download import sources as dl
from etl.download.transfer import ProgressCallback, TransferPolicy, new_session
from etl.failures import EXIT_GATE_REFUSED, EXIT_SOURCE_FAILED, GateRefusedError
from etl.readers.base import ProgressFactory
from etl.refresh.log import RunLog

EXIT_PUBLISHED = 0
EXIT_OTHER = 1
EXIT_BUILD_FAILED = EXIT_SOURCE_FAILED  # 3
EXIT_REFUSED = EXIT_GATE_REFUSED  # 4
EXIT_BUSY = 5  # etl.failures.EXIT_WRITER_BUSY: another build holds the writer lock
EXIT_DOWNLOAD_FAILED = 6
EXIT_NOTHING_NEW = 10
#: Outcome -> exit code, as documented in the README and docs/operations.md.
EXIT_CODES = {
    "published": EXIT_PUBLISHED,
    "build_failed": EXIT_BUILD_FAILED,
    "refused": EXIT_REFUSED,
    "download_failed": EXIT_DOWNLOAD_FAILED,
    "busy": EXIT_BUSY,
    "nothing_new": EXIT_NOTHING_NEW,
    "error": EXIT_OTHER,
}


@dataclass
class RefreshOptions:
    """What a refresh run may do."""

    days_back: int = 3
    keep_exports: int = 2
    dry_run: bool = False
    force: bool = False
    accept_changes: str | None = None
    today: date | None = None
    policy: TransferPolicy = field(default_factory=TransferPolicy.from_env)


@dataclass
class RefreshResult:
    """How a run ended."""

    outcome: str
    message: str
    build: Path | None = None
    plan: list[str] = field(default_factory=list)
    log: RunLog | None = None
    table: str | None = None

    @property
    def exit_code(self) -> int:
        """The process exit code of this outcome."""
        return EXIT_CODES[self.outcome]


@dataclass
class Hooks:
    """Progress displays supplied by the CLI (all optional)."""

    transfer: Callable[[str], ProgressCallback] | None = None
    build: ProgressFactory | None = None
    on_wait: Callable[[str], None] | None = None


class _Stop(Exception):
    """Ends the run with an outcome (raised inside a logged step)."""

    def __init__(self, outcome: str, message: str, **extra: object) -> None:
        super().__init__(message)
        self.outcome = outcome
        self.extra = extra


def built_exports(processed_dir: Path) -> set[str]:
    """File names of the MaStR exports the kept builds (also refused ones) were built from."""
    paths = publish.list_builds(processed_dir)
    paths += sorted((processed_dir / gate.REFUSED_DIR).glob("energy-*.duckdb"))
    names: set[str] = set()
    for path in paths:
        try:
            con = duckdb.connect(str(path), read_only=True)
        except duckdb.Error:
            continue  # a build being written: not a finished build
        try:
            rows = con.execute(
                "SELECT source_file FROM meta_load_runs WHERE source = 'mastr_bulk'"
            ).fetchall()
            names |= {r[0] for r in rows}
        except duckdb.Error:
            pass
        finally:
            con.close()
    return names


def run_refresh(
    settings: Settings, options: RefreshOptions, hooks: Hooks | None = None
) -> RefreshResult:
    """Run one refresh; never raises for the expected outcomes (see :data:`EXIT_CODES`).

    Holds the writer lock of the processed folder (:func:`etl.lock.writer_lock`) from
    the download to the clean-up, so an upload or ``etl`` run waits for it.
    """
    from etl.lock import WriterBusyError, writer_lock

    hooks = hooks or Hooks()
    log = RunLog(settings.processed_dir, write=not options.dry_run)
    result = RefreshResult("error", "")
    try:
        if options.dry_run:
            result = _steps(settings, options, hooks, log)
        else:
            with writer_lock(
                settings.processed_dir, purpose="refresh", wait_s=settings.writer_wait_s,
                on_wait=hooks.on_wait,
            ):  # fmt: skip
                result = _steps(settings, options, hooks, log)
    except WriterBusyError as exc:
        result = RefreshResult("busy", str(exc))
    except _Stop as stop:
        result = RefreshResult(stop.outcome, str(stop), **stop.extra)  # type: ignore[arg-type]
    except Exception as exc:  # logged with its reason; the served build is untouched
        result = RefreshResult("error", f"{type(exc).__name__}: {exc}")
    result.log = log
    if not options.dry_run:
        build = result.build.name if result.build else None
        log.result(result.outcome, result.exit_code, result.message, build=build)
    return result


def _steps(settings: Settings, options: RefreshOptions, hooks: Hooks, log: RunLog) -> RefreshResult:
    raw = settings.raw_dir
    raw.mkdir(parents=True, exist_ok=True)
    plan: list[str] = []
    with new_session() as session:
        with log.step("discover", days_back=options.days_back) as fig:
            try:
                found = dl.find_newest(
                    raw, session, options.policy, today=options.today or date.today(),
                    days_back=options.days_back,
                )  # fmt: skip
            except download.DownloadError as exc:
                raise _Stop("download_failed", str(exc)) from exc
            fig.update(
                export=found.candidate.file_name, url=found.candidate.url,
                present=found.present, size_bytes=found.size_bytes, tried=found.tried,
            )  # fmt: skip
        vg_missing = not (raw / dl.VG250_FILE).exists()
        if options.dry_run:
            return _dry_run(settings, options, found, vg_missing)
        mastr = _fetch(log, "download_mastr", hooks, lambda cb: dl.fetch_mastr(
            raw, found, session, options.policy, cb))  # fmt: skip
        vg250 = _fetch(log, "download_vg250", hooks, lambda cb: dl.fetch_vg250(
            raw, session, options.policy, cb))  # fmt: skip
    nothing_downloaded = not (mastr.new or vg250.new or options.force)
    if nothing_downloaded and mastr.path.name in built_exports(settings.processed_dir):
        served = publish.served_database(settings.processed_dir)
        message = f"nothing new: {mastr.path.name} was built already"
        log.line("build", "skipped", reason=message)
        return RefreshResult("nothing_new", message, served, plan)
    build = _build(settings, options, hooks, log)
    with log.step("prune", keep_exports=options.keep_exports) as fig:
        removed = dl.prune_exports(raw, options.keep_exports)
        fig["exports_removed"] = [p.name for p in removed]
        fig["builds_kept"] = [p.name for p in publish.list_builds(settings.processed_dir)]
    return RefreshResult("published", f"published {build.name} from {mastr.path.name}", build)


def _fetch(
    log: RunLog, step: str, hooks: Hooks, fetch: Callable[[ProgressCallback | None], dl.Fetched]
) -> dl.Fetched:
    with log.step(step) as fig:
        callback = hooks.transfer(step.removeprefix("download_")) if hooks.transfer else None
        try:
            got = fetch(callback)
        except download.DownloadError as exc:
            raise _Stop("download_failed", str(exc)) from exc
        fig.update(file=got.path.name, new=got.new, size_bytes=got.size_bytes, url=got.url)
        if got.new:
            fig["mb_per_s"] = round(got.size_bytes / 1e6 / max(got.duration_s, 1e-6), 2)
        else:
            fig["status"] = "skipped"
    return got


def _build(settings: Settings, options: RefreshOptions, hooks: Hooks, log: RunLog) -> Path:
    """Build, gate and publish; log the steps ``build`` and ``gate`` and ``publish``."""
    from etl.build import build_database
    from etl.failures import SourceFailedError

    with log.step("build", region=settings.region_prefix) as fig:
        try:
            report = build_database(
                settings, progress=hooks.build, accept_changes=options.accept_changes,
                purpose="refresh", on_wait=hooks.on_wait,
            )  # fmt: skip
        except GateRefusedError as exc:
            fig["status"] = "ok"
            decision = gate.read_last(settings.processed_dir)
            log.line("gate", "refused", decision="refused", reasons=exc.reasons,
                     kept=str(exc.kept) if exc.kept else None)  # fmt: skip
            raise _Stop("refused", str(exc), build=exc.kept, table=exc.table) from exc
        except SourceFailedError as exc:
            raise _Stop("build_failed", str(exc)) from exc
        except publish.PointerMovedError as exc:
            raise _Stop("busy", str(exc)) from exc
        except Exception as exc:
            raise _Stop("build_failed", f"{type(exc).__name__}: {exc}") from exc
        fig.update(build=report.path.name, is_demo=report.is_demo, **_figures(report.counts))
        fig["build_duration_s"] = round(report.duration_s, 2)
    decision = report.gate
    log.line(
        "gate", "ok", decision=decision.decision if decision else None,
        reasons=decision.reasons if decision else [],
        compared_with=decision.compared_with if decision else None,
    )  # fmt: skip
    size = report.path.stat().st_size if report.path.exists() else None
    log.line("publish", "ok", build=report.path.name, size_bytes=size, **_mw(report.path))
    return report.path


def _figures(counts: dict[str, int]) -> dict[str, int]:
    return {k: int(v) for k, v in counts.items() if k in ("units", "problems")}


def _mw(path: Path) -> dict[str, object]:
    """Units and MW in operation of a published build (for the log)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        units, kw = con.execute(
            "SELECT count(*), sum(gross_capacity_kw) FROM core_mastr__units"
        ).fetchone()
        meta = dict(con.execute("SELECT key, value FROM meta_build").fetchall())
    finally:
        con.close()
    return {"units": int(units), "gross_mw": round(float(kw or 0) / 1000, 1),
            "data_date": meta.get("data_date")}  # fmt: skip


def _dry_run(
    settings: Settings, options: RefreshOptions, found: dl.Found, vg_missing: bool
) -> RefreshResult:
    name = found.candidate.file_name
    plan = []
    if found.present:
        plan.append(f"export {name} is in {settings.raw_dir} already: no download")
    else:
        size = f"{found.size_bytes / 1e6:,.1f} MB" if found.size_bytes else "size unknown"
        plan.append(f"would download {found.candidate.url} ({size}) and verify it")
    if vg_missing:
        plan.append(f"would download VG250 from {dl.vg250_url()}")
    new = not found.present or vg_missing or options.force
    if not new and name in built_exports(settings.processed_dir):
        plan.append(f"nothing new: {name} was built already (--force builds anyway)")
        return RefreshResult("nothing_new", "dry run: nothing new", plan=plan)
    served = publish.served_database(settings.processed_dir)
    plan.append(
        f"would build region {settings.region_prefix or 'Deutschland'} into "
        f"{settings.processed_dir}, gate it against "
        f"{served.name if served else 'nothing (first build)'} and publish it; "
        f"keep {settings.keep_builds} builds and {options.keep_exports} exports"
    )
    return RefreshResult("published", "dry run: would build and publish", plan=plan)


def with_keep(settings: Settings, keep_builds: int | None) -> Settings:
    """``settings`` with another number of kept builds (``None``: unchanged)."""
    if keep_builds is None:
        return settings
    return dataclasses.replace(settings, keep_builds=keep_builds)
