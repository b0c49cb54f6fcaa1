"""The few lines `make run` ends with."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from report import data, words
from report.freshness import freshness_line
from rtt.warehouse import Connection


def summary_lines(con: Connection, report_path: Path, exports: Path) -> list[str]:
    league = data.league(con)
    overall = data.summary(con)
    widest = data.widest_ics(con)
    first = league[0]

    def line(row: dict) -> str:
        flag = "  (incomplete data)" if row["incomplete_data_flag"] else ""
        flag += "  (area may differ)" if row["area_caveat_flag"] else ""
        return f"  {row['national_rank']:>3}. {row['ccg_name']:<45} {row['per_1000']:7.1f}{flag}"

    claims = [f"  {c['claim']}: this build finds {c['found'] or 'nothing'} ({words.agreement(c)})"
              for c in data.mtg_claims(con)]
    return [
        f"Completed admitted pathways per 1,000 residents, {first['window_start']:%b %Y} – "
        f"{first['window_end']:%b %Y} ({first['months']} months; population: {first['population_source']}, "
        f"vintage {first['population_vintage_earliest']:%Y-%m-%d} to {first['population_vintage_latest']:%Y-%m-%d})",
        f"England {overall['england_per_1000']:.1f}; the top CCG is {words.top_to_bottom(overall)}",
        "Five highest:", *map(line, league[:5]),
        "Five lowest:", *map(line, league[-5:]),
        f"Widest spread inside an ICB: {widest['ics_name']} — {widest['best_ccg_name']} (rank "
        f"{widest['best_national_rank']}) vs {widest['worst_ccg_name']} (rank {widest['worst_national_rank']}), "
        f"{words.times(widest['max_min_ratio'])}.",
        "Beyond the 99.8% limits even allowing for the spread real CCGs show (over-dispersion): "
        + (", ".join(f"{r['ccg_name']} ({r['vs_england_overdispersed'].split('_')[0]})" for r in league
                     if r["vs_england_overdispersed"] in ("above_99_8", "below_99_8")) or "none") + ".",
        *(["The MTG's 2022 media release, on its own months:", *claims] if claims else []),
        f"Report: {report_path}",
        f"Exports (Parquet and CSV of every mart): {exports}",
        freshness_line(data.latest_month(con), date.today()),
    ]
