import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


@pytest.fixture
def warehouse(tmp_path, monkeypatch) -> Path:
    """A throwaway DuckDB file that every command of the test uses."""
    path = tmp_path / "test.duckdb"
    monkeypatch.setenv("RTT_DUCKDB_PATH", str(path))
    monkeypatch.delenv("RTT_DATA_DIR", raising=False)
    return path
