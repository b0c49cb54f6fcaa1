import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


@pytest.fixture
def warehouse(tmp_path, monkeypatch) -> Path:
    """A throwaway DuckDB file that every command of the test uses, written and read in place."""
    path = tmp_path / "test.duckdb"
    monkeypatch.setenv("RTT_DUCKDB_PATH", str(path))
    monkeypatch.setenv("RTT_WAREHOUSE_PATH", str(path))
    monkeypatch.delenv("RTT_DATA_DIR", raising=False)
    return path


@pytest.fixture
def publisher():
    """The publishers' sites on 127.0.0.1 (tests/publishers.py)."""
    from tests.publishers import PublisherStub

    stub = PublisherStub()
    yield stub
    stub.close()
