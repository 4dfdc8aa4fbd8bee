"""Texts (German, English): problems found in office lists (``iss_<code>``).

Defined in :mod:`etl.schema.issue_texts`, where the ETL also takes the German
reason of each office finding from; re-exported here for :func:`analysis.i18n.t`.
"""

from __future__ import annotations

from etl.schema.issue_texts import TEXTS, issue_text

__all__ = ["TEXTS", "issue_text"]
