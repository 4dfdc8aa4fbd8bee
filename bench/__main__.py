"""``python -m bench`` (``make bench``): the benchmarks, not part of the test suite.

Options: ``--sizes 1e5,1e6`` (units per generated zip; ``6e6`` is opt-in as it
takes long), ``--skip-openmastr``, ``--openmastr-max-units 1e6`` (open-mastr
1.0.0 and 0.17.4 are not run on larger zips), ``--skip-etl`` / ``--skip-dashboard`` /
``--skip-browser``. ``EZ_BENCH_WORK=DIR`` keeps the generated zips in ``DIR``
(default ``bench/work``). The ETL rows come from :mod:`bench.etl_bench`; the
dashboard rows from ``bench.dashboard_bench`` when that module exists
(``run(console=...)``); the pages as felt in Chromium from
:mod:`bench.browser_bench` (figures, charts, bytes of a first visit, direct and
through nginx).
"""

from __future__ import annotations

import argparse
import importlib


def _sizes(text: str) -> list[int]:
    return [int(float(part)) for part in text.split(",") if part.strip()]


def main(argv: list[str] | None = None) -> None:
    """Parse the options and run the benchmarks."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", type=_sizes, default=[100_000, 1_000_000])
    parser.add_argument("--skip-openmastr", action="store_true")
    parser.add_argument(
        "--openmastr-max-units",
        type=lambda t: int(float(t)),
        default=1_000_000,
        help="run open-mastr only up to this many units (default 1e6)",
    )
    parser.add_argument("--skip-etl", action="store_true", help="only the dashboard rows")
    parser.add_argument("--skip-dashboard", action="store_true", help="only the ETL rows")
    parser.add_argument("--skip-browser", action="store_true", help="no Chromium measurement")
    args = parser.parse_args(argv)

    from rich.console import Console

    console = Console()
    if not args.skip_etl:
        from bench import etl_bench

        etl_bench.run(
            args.sizes,
            skip_openmastr=args.skip_openmastr,
            openmastr_max_units=args.openmastr_max_units,
            console=console,
        )
    dashboard_bench = None
    if not args.skip_dashboard:
        try:
            dashboard_bench = importlib.import_module("bench.dashboard_bench")
        except ModuleNotFoundError:
            dashboard_bench = None
    if dashboard_bench is not None:
        dashboard_bench.run(console=console)
    if not args.skip_browser:
        from bench import browser_bench

        browser_bench.run(console=console)


if __name__ == "__main__":
    main()
