"""The snapshots' bookkeeping (rtt/snapshots.py) without a build: what is kept, pruned, rolled back
to and withdrawn, and the first publish over a project laid out before publishing existed."""

from __future__ import annotations

import os

from rtt.snapshots import Publication, inside_a_snapshot


def publication(tmp_path) -> Publication:
    return Publication(tmp_path / "rtt.duckdb", tmp_path / "exports", tmp_path / "build" / "report")


def publish_build(made: Publication, build_id: str) -> None:
    candidate = made.new_candidate(build_id)
    (candidate / "rtt.duckdb").write_text(build_id)
    for folder in ("exports", "report"):
        (candidate / folder).mkdir()
        (candidate / folder / "index.html").write_text(build_id)
    made.publish(made.commit(candidate, {"build": build_id}))


def kept(made: Publication) -> list[str]:
    return [snapshot.build_id for snapshot in made.snapshots()]


def test_pruning_keeps_the_newest_and_the_published(tmp_path):
    made = publication(tmp_path)
    for build_id in ("b1", "b2", "b3", "b4"):
        publish_build(made, build_id)
    assert [s.build_id for s in made.prune(keep=3)] == ["b1"] and kept(made) == ["b2", "b3", "b4"]
    made.publish(made.snapshots()[0])  # b2 published by hand: pruning to one keeps it
    assert [s.build_id for s in made.prune(keep=1)] == ["b3"] and kept(made) == ["b2", "b4"]


def test_rollback_withdraws_the_build_it_replaces(tmp_path):
    made = publication(tmp_path)
    for build_id in ("b1", "b2", "b3"):
        publish_build(made, build_id)
    assert made.rollback().build_id == "b2"
    assert kept(made) == ["b1", "b2"] and (tmp_path / "rtt.duckdb").read_text() == "b2"
    publish_build(made, "b4")
    assert made.rollback().build_id == "b2"  # never the withdrawn b3
    assert (tmp_path / "exports" / "index.html").read_text() == "b2"
    assert (tmp_path / "build" / "report" / "index.html").read_text() == "b2"


def test_the_first_publish_replaces_what_an_older_version_wrote_in_place(tmp_path):
    made = publication(tmp_path)
    (tmp_path / "rtt.duckdb").write_text("old warehouse")
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "old.csv").write_text("old")
    publish_build(made, "b1")
    assert os.path.islink(tmp_path / "rtt.duckdb") and (tmp_path / "rtt.duckdb").read_text() == "b1"
    assert sorted(p.name for p in (tmp_path / "exports").iterdir()) == ["build.json", "index.html"]
    assert not list(made.builds.glob("partial-*"))
    assert inside_a_snapshot(tmp_path / "exports") and not inside_a_snapshot(tmp_path)
