"""ETL of Energiezukunft LUP: real public sources into one validated DuckDB."""

__version__ = "0.1.0"
