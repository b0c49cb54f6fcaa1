"""Land NHS England RTT extracts and their reference data, raw and with lineage, in DuckDB."""
