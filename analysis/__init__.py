"""The Streamlit-free analysis layer: queries, estimates, figures, formats, filters and texts.

Everything here is pure Python on top of the served database; the dashboard
(``dashboard/``) and the briefings (``reports/``) both use it. Nothing in this
package imports Streamlit: caching is added by the dashboard through
:func:`analysis.db.set_query_runner`.
"""
