"""sqlfluff over the project's SQL, skipping each file that passed with the same text and the same
lint settings before (ruff keeps its cache the same way), so the loop while working lints what
changed. The settings are everything else a file's result depends on: .sqlfluff, the macros and
generic tests it renders with, the templater's dbt stand-ins and sqlfluff's version.

    python lint/sql.py              lint what changed since it last passed
    python lint/sql.py --no-cache   lint everything (CI's clean clone has no cache anyway)
"""

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINTED = ("models", "tests/generic", "tests/singular", "macros")
SETTINGS = (".sqlfluff", "macros", "tests/generic", "lint/sqlfluff_dbt")
CACHE = ROOT / "build" / "sqlfluff-passed.json"


def files_under(names: tuple[str, ...], suffixes: tuple[str, ...]) -> list[Path]:
    found = set()
    for name in names:
        path = ROOT / name
        found |= {path} if path.is_file() else {p for p in path.rglob("*") if p.suffix in suffixes}
    return sorted(found)


def settings_key() -> str:
    digest = hashlib.sha256()
    for package in ("sqlfluff", "sqlfluffrs"):
        try:
            digest.update(f"{package}=={version(package)}\n".encode())
        except PackageNotFoundError:
            digest.update(f"{package} absent\n".encode())
    for path in files_under(SETTINGS, (".sql", ".py")):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def file_keys() -> dict[str, str]:
    """Each SQL file to lint, by its path from the root, with the hash of its text and the settings."""
    settings = settings_key()
    return {
        str(path.relative_to(ROOT)): hashlib.sha256(settings.encode() + path.read_bytes()).hexdigest()
        for path in files_under(LINTED, (".sql",))
    }


def lint(paths: list[str]) -> list[dict]:
    """sqlfluff's JSON result for the files: one record per file, with its violations."""
    with tempfile.TemporaryDirectory() as folder:
        result = Path(folder) / "result.json"
        subprocess.run(
            [sys.executable, "-m", "sqlfluff", "lint", "--processes", "2", "--format", "json",
             "--write-output", str(result), *paths],
            cwd=ROOT, check=False,
        )
        if not result.exists():
            sys.exit("sqlfluff wrote no result: see its message above")
        return json.loads(result.read_text())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-cache", action="store_true", help="lint every file")
    arguments = parser.parse_args()

    keys = file_keys()
    passed = {} if arguments.no_cache or not CACHE.exists() else json.loads(CACHE.read_text())
    to_lint = [path for path, key in keys.items() if passed.get(path) != key]
    print(f"sqlfluff: {len(to_lint)} of {len(keys)} SQL files to lint "
          f"({len(keys) - len(to_lint)} passed unchanged before)")
    results = lint(to_lint) if to_lint else []

    failed = 0
    for record in results:
        if record["violations"]:
            failed += 1
            for violation in record["violations"]:
                print(f"{record['filepath']}:{violation['start_line_no']}:{violation['start_line_pos']}: "
                      f"{violation['code']} {violation['description']}")
        else:
            passed[record["filepath"]] = keys[record["filepath"]]
    passed = {path: key for path, key in passed.items() if keys.get(path) == key}
    CACHE.parent.mkdir(exist_ok=True)
    CACHE.write_text(json.dumps(passed, indent=0, sort_keys=True))
    print(f"sqlfluff: {failed} file(s) with violations" if failed else "sqlfluff: all passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
