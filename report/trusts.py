"""The hospitals behind the areas, from the providers' marts (docs/methodology.md, "Providers" and
"Hospitals and their catchments"): a page per NHS trust with a catchment (build/report/trusts/<code>.html) and an index of
the trusts compared (trusts/index.html), the section of each area page that says where its
residents are treated, and `python -m report --provider RXF` in the terminal. The pages are plain
tables, every figure quoted from the marts."""

from __future__ import annotations

import difflib
import html
from pathlib import Path

from report import charts, data, shell
from rtt.errors import RttError
from rtt.warehouse import Connection

KIND_LABELS = {"nhs_trust": "NHS trust", "independent_sector": "independent sector", "other": "other"}
NOT_COMPARED = {"specialist_or_national": "specialist or national: most of its referrals come from far away",
                "small_catchment": "a catchment under 50,000 residents",
                "few_admissions": "it admits almost no one (under 100 completed admitted pathways a month)"}
SOURCES_SHOWN = 15  # the CCGs a trust page lists as its catchment's largest parts
TREATING_SHOWN = 8  # the organisations an area page lists as treating its residents


class UnknownProvider(RttError):
    exit_code = 2


def trusts(con: Connection) -> list[dict]:
    """Every trust with a catchment, compared or not (all specialties), with its ICB and region."""
    return data.rows(con, """
        select c.*, p.icb_code, p.icb_name, p.region_code, p.region_name
        from marts.trust_catchments as c
        left join (select distinct organisation_code, icb_code, icb_name, region_code, region_name
                   from marts.providers where provider_kind = 'nhs_trust') as p on p.organisation_code = c.trust_code
        where c.specialty = 'all'
        order by c.trust_code""")


def trust_rates(con: Connection) -> dict[str, list[dict]]:
    found = data.rows(con, "select * from marts.trust_league_table order by measure, specialty, basis")
    return data.grouped(found, lambda row: row["trust_code"])


def headline_league(rates: dict[str, list[dict]]) -> list[dict]:
    """The trusts compared on the report's headline selection (completed admitted pathways, all
    specialties, crude), by rank."""
    return sorted((r for rows in rates.values() for r in rows if r["measure"] == data.MEASURE
                   and r["specialty"] == data.SPECIALTY and r["basis"] == "crude"), key=lambda r: r["national_rank"])


def catchment_sources(con: Connection) -> dict[str, list[dict]]:
    """The CCGs each trust's catchment draws on (its share of their new RTT periods), largest first."""
    found = data.rows(con, """
        select organisation_code, ccg_code, ccg_name, pathways as new_periods, share_of_ccg
        from marts.ccg_provider_flows
        where measure = 'new_periods' and specialty = 'all' and provider_kind = 'nhs_trust'
        order by organisation_code, pathways desc, ccg_code""")
    return data.grouped(found, lambda row: row["organisation_code"])


def trust_months(con: Connection) -> dict[str, list[dict]]:
    """Each trust's month by month, all specialties: what its page charts."""
    found = data.rows(con, """
        select trust_code, month, measure, per_1000 from marts.trust_monthly_activity
        where specialty = 'all' and measure in ('admitted_completed', 'incomplete') order by trust_code, measure, month""")
    return data.grouped(found, lambda row: row["trust_code"])


def treating(con: Connection, measure: str = data.MEASURE, specialty: str = data.SPECIALTY) -> dict[str, list[dict]]:
    """The organisations treating each CCG's residents, most first."""
    found = data.rows(con, """
        select ccg_code, organisation_code, organisation_name, provider_kind, pathways, share_of_ccg, trust_in_own_icb
        from marts.ccg_provider_flows where measure = ? and specialty = ? order by ccg_code, rank_in_ccg""",
                      [measure, specialty])
    return data.grouped(found, lambda row: row["ccg_code"])


def provider_mix(con: Connection, measure: str = data.MEASURE, specialty: str = data.SPECIALTY) -> dict[str, dict]:
    found = data.rows(con, "select * from marts.ccg_provider_mix where measure = ? and specialty = ? and basis = 'crude'",
                      [measure, specialty])
    return {row["ccg_code"]: row for row in found}


def find_trust(con: Connection, wanted: str) -> dict:
    """The trust whose code is `wanted`, or whose name holds it (one match only)."""
    found = trusts(con)
    text = wanted.strip().lower()
    matches = [t for t in found if t["trust_code"].lower() == text] or [t for t in found if text in t["trust_name"].lower()]
    if len(matches) == 1:
        return matches[0]
    if matches:
        listed = ", ".join(f"{t['trust_code']} {t['trust_name']}" for t in matches[:10])
        raise UnknownProvider(f"'{wanted}' matches {len(matches)} trusts: {listed}. Give the code.")
    # Near matches by a word of the name (a misspelt place: 'moorfeilds'), names being long.
    near = ", ".join(f"{t['trust_code']} {t['trust_name']}" for t in found if any(
        difflib.get_close_matches(word, t["trust_name"].lower().split(), n=1, cutoff=0.8) for word in text.split())
    ) or "none"
    raise UnknownProvider(f"no NHS trust '{wanted}' with a catchment among the {len(found)} in "
                          f"marts.trust_catchments; near matches: {near}")


def comparison(trust: dict) -> str:
    if trust["compared"]:
        return "compared with the other trusts"
    return "not compared: " + NOT_COMPARED.get(trust["not_compared_because"], trust["not_compared_because"])


def rate_text(row: dict) -> str:
    return (f"{row['per_1000']:.1f} per 1,000 of catchment (95% interval {row['per_1000_lower_95']:.1f} – "
            f"{row['per_1000_upper_95']:.1f}); rank {row['national_rank']} of {row['rank_of']} (95% interval "
            f"{row['rank_lower_95']} – {row['rank_upper_95']}); the trusts' pooled rate {row['england_per_1000']:.1f}")


def trust_lines(con: Connection, wanted: str, measure: str = data.MEASURE, specialty: str = data.SPECIALTY) -> list[str]:
    trust = find_trust(con, wanted)
    lines = [f"{trust['trust_name']} ({trust['trust_code']}), {trust['region_name'] or 'region unknown'}: "
             f"catchment {trust['catchment_population']:,.0f} residents, {trust['local_share']:.0%} of its referrals "
             f"from CCGs it serves locally; {comparison(trust)}"]
    for row in trust_rates(con).get(trust["trust_code"], []):
        if row["measure"] == measure and row["specialty"] == specialty:
            lines.append(f"  {measure.replace('_', ' ')}, {data.specialty_label(specialty)}, {row['basis'].replace('_', '-')}, "
                         f"{row['window_start']:%b %Y} – {row['window_end']:%b %Y}: {rate_text(row)}")
    sources = catchment_sources(con).get(trust["trust_code"], [])[:5]
    lines.append("  its catchment's largest parts: " + "; ".join(
        f"{s['share_of_ccg']:.0%} of {s['ccg_name']}'s residents" for s in sources))
    return lines


def table(head: list[str], rows: list[list[str]], element_id: str) -> str:
    cells = lambda row, tag: "".join(f"<{tag}>{cell}</{tag}>" for cell in row)  # noqa: E731
    return (f'<table id="{element_id}"><tr>{cells(head, "th")}</tr>'
            + "".join(f"<tr>{cells(row, 'td')}</tr>" for row in rows) + "</table>")


def shown_rate(row: dict) -> list[str]:
    """The rate and its interval as a reader takes them: over the window for a flow; for the
    waiting list, a stock summed over the window's month-ends, the mean month-end list."""
    prefix, suffix = ("monthly_", " (mean month-end)") if row["counted_as"] == "stock" else ("", "")
    return [f"{row[prefix + 'per_1000']:.1f}{suffix}",
            f"{row[prefix + 'per_1000_lower_95']:.1f} – {row[prefix + 'per_1000_upper_95']:.1f}"]


def monthly_html(months: list[dict]) -> str:
    """The month-by-month chart, drawn by the report's one copy of plotly (assets/), offline."""
    if not months:
        return ""
    return ('<h2>Month by month</h2><div id="monthly"></div>'
            + shell.json_script("monthly-figure", shell.figure_data(charts.trust_months(months)))
            + '<script src="../assets/plotly.min.js"></script><script>'
              'const figure = JSON.parse(document.getElementById("monthly-figure").textContent);'
              f'Plotly.newPlot("monthly", figure.data, figure.layout, {shell.json_dumps(shell.PLOTLY_CONFIG)});'
              "</script>")


def trust_page(trust: dict, rates: list[dict], sources: list[dict], months: list[dict]) -> str:
    name = html.escape(trust["trust_name"])
    facts = (f'<p class="facts">{name} ({trust["trust_code"]}): {html.escape(trust["region_name"] or "")}, '
             f'ICB {html.escape(trust["icb_name"] or trust["icb_code"] or "unknown")}. Catchment '
             f'{trust["catchment_population"]:,.0f} residents, shared out from {trust["ccgs_referring"]} CCGs by '
             f'their new RTT periods here; {trust["local_share"]:.0%} of them from CCGs it serves locally. '
             f'{html.escape(comparison(trust)).capitalize()}.</p>')
    rate_rows = [[data.MEASURES.get(r["measure"], r["measure"]), data.specialty_label(r["specialty"]),
                  r["basis"].replace("_", "-"), *shown_rate(r),
                  f"{r['national_rank']} of {r['rank_of']}", f"{r['rank_lower_95']} – {r['rank_upper_95']}",
                  r["vs_england_overdispersed"].replace("_", " ")] for r in rates]
    source_rows = [[f'<a href="../areas/{s["ccg_code"]}.html">{html.escape(s["ccg_name"])}</a>', f"{s['new_periods']:,}",
                    f"{s['share_of_ccg']:.1%}"] for s in sources[:SOURCES_SHOWN]]
    window = (f"{rates[0]['window_start']:%B %Y} – {rates[0]['window_end']:%B %Y}" if rates else "the window")
    body = ('<p><a href="../index.html">← every area (main page)</a> · <a href="index.html">every trust</a></p>' + facts
            + monthly_html(months)
            + (f"<h2>Its rate for every measure and specialty, {window}</h2>"
               + table(["measure", "specialty", "basis", "per 1,000 over the window", "95% interval", "rank",
                        "rank 95% interval", "against the trusts, allowing for their spread"], rate_rows, "rates")
               if rates else "")
            + "<h2>Where its catchment lives</h2><p>The CCGs whose residents it receives most referrals from, "
              "and its share of each CCG's new RTT periods, which is its share of that CCG's residents.</p>"
            + table(["CCG", "new RTT periods", "its share of the CCG"], source_rows, "sources"))
    return shell.page(f"{trust['trust_name']}: RTT activity per 1,000 of catchment", name, body, "", root="../")


def case_studies_table(cases: list[dict], pages: set[str]) -> str:
    """The MTG's four case-study trusts, where they rank in their case's specialty."""
    rows = []
    for case in cases:
        name = html.escape(case["trust_name"] or case["trust_code"])
        trust = f'<a href="{case["trust_code"]}.html">{name}</a>' if case["trust_code"] in pages else name
        standing = (f"{case['per_1000']:.1f} per 1,000 (rank {case['national_rank']} of {case['rank_of']}, 95% interval "
                    f"{case['rank_lower_95']} – {case['rank_upper_95']})" if case["national_rank"] is not None
                    else html.escape(NOT_COMPARED.get(case["not_compared_because"], "not ranked in this window")))
        share = (f"{case['share_of_named_area']:.0%} of {html.escape(case['ccg_name'])}'s"
                 if case["share_of_named_area"] is not None else "")
        rows.append([html.escape(case["case_study"]), trust, data.specialty_label(case["specialty"]), standing, share])
    return table(["the release's case study", "trust", "specialty", "completed admitted pathways over the window",
                  "share of the area's pathways it treats"], rows, "case-studies")


def index_page(found: list[dict], rates: dict[str, list[dict]], regions: list[dict], cases: list[dict]) -> str:
    headline = headline_league(rates)
    link = lambda code, name: f'<a href="{code}.html">{html.escape(name)}</a>'  # noqa: E731
    league_rows = [[str(r["national_rank"]), link(r["trust_code"], r["trust_name"]), html.escape(r["region_name"] or ""),
                    f"{r['per_1000']:.1f}", f"{r['per_1000_lower_95']:.1f} – {r['per_1000_upper_95']:.1f}",
                    f"{r['rank_lower_95']} – {r['rank_upper_95']}", f"{r['catchment']:,.0f}"] for r in headline]
    region_rows = [[html.escape(r["region_name"] or r["region_code"]), str(r["trusts"]), f"{r['pooled_per_1000']:.1f}",
                    f"{r['median_per_1000']:.1f}", link(r["highest_trust_code"], r["highest_trust_name"]),
                    f"{r['highest_per_1000']:.1f}"] for r in sorted(
                        (r for r in regions if r["measure"] == data.MEASURE and r["specialty"] == data.SPECIALTY
                         and r["basis"] == "crude"), key=lambda r: -r["pooled_per_1000"])]
    excluded = [[link(t["trust_code"], t["trust_name"]), html.escape(NOT_COMPARED[t["not_compared_because"]])]
                for t in found if not t["compared"]]
    window = f"{headline[0]['window_start']:%B %Y} – {headline[0]['window_end']:%B %Y}, " if headline else ""
    body = ('<p><a href="../index.html">← every area (main page)</a></p>'
            '<p class="facts">A trust has no residents of its own: each CCG\'s residents are shared among the '
            "providers treating them by the CCG's new RTT periods at each (proportional flow, as OHID's acute "
            "trust catchments), and a trust's rate counts the pathways it completed for them per 1,000 of its "
            "share. The same intervals, funnels and ranked intervals as the CCGs' league; docs/methodology.md, "
            '"Hospitals and their catchments", says what the rate can and cannot show.</p>'
            + f"<h2>The trusts compared: completed admitted pathways, all specialties, {window}crude</h2>"
            + table(["rank", "trust", "region", "per 1,000 of catchment over the window", "95% interval",
                     "rank 95% interval", "catchment"], league_rows, "trust-league")
            + "<h2>Regions: their trusts pooled, and their median trust</h2>"
            + table(["region", "trusts", "pooled per 1,000 over the window", "median trust over the window",
                     "highest trust", "its rate over the window"], region_rows, "trust-regions")
            + "<h2>The MTG's case studies</h2>" + case_studies_table(cases, {t["trust_code"] for t in found})
            + "<h2>Trusts with a catchment, not compared</h2>"
            + table(["trust", "why"], excluded, "not-compared"))
    return shell.page("NHS trusts: RTT activity per 1,000 of catchment", "NHS trusts: pathways per 1,000 of catchment",
                      body, "", root="../")


def treated_html(ccg_code: str, flows: list[dict], mix: dict | None) -> str:
    """An area page's section: who treats its residents (completed admitted pathways, all specialties)."""
    if not flows or mix is None:
        return "<p>The files of the window name no provider for this area.</p>"
    parts = (f"<p>Completed admitted pathways, all specialties, over the window: {mix['per_1000']:.1f} per 1,000 "
             f"residents, of which NHS trusts treated {mix['nhs_trust_per_1000']:.1f}, the independent sector "
             f"{mix['independent_sector_per_1000']:.1f} and other providers {mix['other_per_1000']:.1f} "
             f"(England {mix['england_nhs_trust_per_1000']:.1f}, {mix['england_independent_sector_per_1000']:.1f} and "
             f"{mix['england_other_per_1000']:.1f}). Trusts of its own ICB treated "
             f"{(mix['own_icb_trust_share'] or 0):.0%} of them.</p>")
    name = lambda f: (f'<a href="../trusts/{f["organisation_code"]}.html">{html.escape(f["organisation_name"])}</a>'  # noqa: E731
                      if f["provider_kind"] == "nhs_trust" else html.escape(f["organisation_name"]))
    rows = [[name(f), KIND_LABELS[f["provider_kind"]], f"{f['pathways']:,}", f"{f['share_of_ccg']:.1%}"]
            for f in flows[:TREATING_SHOWN]]
    return parts + table(["treated by", "kind", "pathways", "share"], rows, "treated-by")


def write_trust_pages(con: Connection, folder: Path) -> list[Path]:
    """Every trust's page and the index; returns the trusts' pages."""
    found, rates, sources, months = trusts(con), trust_rates(con), catchment_sources(con), trust_months(con)
    regions = data.rows(con, "select * from marts.trust_region_rates")
    cases = data.rows(con, "select * from marts.mtg_case_studies order by trust_code")
    written = [shell.write_atomically(folder / f"{t['trust_code']}.html",
                                      trust_page(t, rates.get(t["trust_code"], []), sources.get(t["trust_code"], []),
                                                 months.get(t["trust_code"], [])))
               for t in found]
    shell.write_atomically(folder / "index.html", index_page(found, rates, regions, cases))
    return written
