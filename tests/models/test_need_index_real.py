"""The need indices of the warehouse `make test` builds from the real files, against the figures
the data folder's README gives for 2025/26 (computed there from the same files, by hand), and the
practices of the 2025/26 file that reach a CCG only through an earlier file."""

from __future__ import annotations

from tests.helpers import built_warehouse, needs_real_files, query

pytestmark = needs_real_files


def test_2025_26_need_indices_are_the_published_readme_figures():
    indices = dict(query(built_warehouse(), "select ccg_code, round(need_index, 2) from intermediate.int_need_indices "
                                    "where allocation_year = '2025/26' and ccg_code in ('03R', '15F', '00R')"))
    assert indices == {"03R": 1.11, "15F": 0.95, "00R": 1.27}


def test_2025_26_practices_reach_a_ccg_through_the_earlier_files():
    assert query(built_warehouse(), "select practices, practices_reaching_a_ccg, practices_placed_by_earlier_file, ccgs "
                            "from marts.need_index_coverage where allocation_year = '2025/26'") == \
        [(6348, 6335, 6335, 106)]
