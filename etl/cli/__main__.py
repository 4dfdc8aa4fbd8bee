"""``python -m etl.cli``."""

from etl.cli.app import main

main()
