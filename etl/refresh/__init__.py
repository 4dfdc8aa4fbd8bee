"""Running the pipeline on a schedule: ``energiezukunft refresh``, ``builds``, ``rollback``.

Modules, arrows one way: :mod:`.pipeline` (download → build → gate → publish →
clean up, under the writer lock, with exit codes), :mod:`.log` (one JSON line
per step in ``<processed>/logs/``), :mod:`.builds` (the kept builds, rollback).

==== ====================================================================
code outcome of ``energiezukunft refresh``
==== ====================================================================
0    published: a new build is served
10   nothing new: the newest export was built already (no error)
3    build failed: a source failed or the build raised; nothing published
4    refused by the publish gate; the new build kept in ``refused/``
5    another build holds the writer lock (``EZ_WRITER_WAIT``, 600 s); nothing done
6    download failed (nothing offered, network, corrupt zip); nothing placed
1    any other error
==== ====================================================================
"""

from __future__ import annotations

from etl.refresh.pipeline import (
    EXIT_CODES,
    Hooks,
    RefreshOptions,
    RefreshResult,
    run_refresh,
)

__all__ = ["EXIT_CODES", "Hooks", "RefreshOptions", "RefreshResult", "run_refresh"]
