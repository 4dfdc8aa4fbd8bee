"""The briefing download button of the dashboard (the briefings themselves are in ``reports/``)."""
