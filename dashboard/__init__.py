"""The Streamlit dashboard: the served build, cached queries, session state and the pages."""
