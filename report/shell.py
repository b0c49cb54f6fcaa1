"""What the main page and the area pages share: the style, the selectors and the search box, page
data embedded as JSON, the shared JavaScript (report/assets/report.js), and writing a page so a
reader never sees half of it. Nothing is loaded from the network."""

from __future__ import annotations

import base64
import gzip
import html
import json
import math
from datetime import UTC, date, datetime
from pathlib import Path

import plotly.io
import plotly.offline

from report.data import MEASURES, specialty_label
from report.docs_site import DOCS_PAGE
from rtt.warehouse import table_exists

ASSETS = Path(__file__).resolve().parent / "assets"
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}
STYLE = """
body { font-family: Arial, Helvetica, sans-serif; margin: 2rem auto; max-width: 1200px; color: #222; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2.5rem; border-bottom: 1px solid #ddd; }
.facts { background: #f6f8fa; padding: 0.8rem 1rem; border-radius: 4px; }
.choose { position: sticky; top: 0; background: #fff; padding: 0.5rem 0; z-index: 10; border-bottom: 1px solid #ddd; }
.choose label { margin-right: 1.2rem; } #area-results { margin: 0.3rem 0; columns: 3; font-size: 0.9rem; }
table { border-collapse: collapse; font-size: 0.85rem; } td, th { padding: 2px 8px; text-align: right; }
th { background: #eee; } td:first-child, th:first-child, td:nth-child(2), th:nth-child(2) { text-align: left; }
tr.bad td { background: #fdd; } tr.this td { font-weight: bold; background: #eef5ff; }
.footer { color: #777; }
"""


# Figures quoted in the pages' JSON keep this many significant figures, and never fewer than their
# whole part (a population of 1,234,567 stays whole): past what a page shows (two decimals of a
# figure below 1,000 at most), and every digit costs bytes in every page for every month.
SIGNIFICANT_FIGURES = 5


def plain(value):
    """A value JSON can carry: dates as ISO text, NaN (never meant as a number) as null, and other
    floats to SIGNIFICANT_FIGURES."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, float):
        if math.isnan(value):
            return None
        whole_digits = len(str(int(abs(value)))) if abs(value) >= 1 else 0
        return float(f"{value:.{max(SIGNIFICANT_FIGURES, whole_digits)}g}")
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


def json_dumps(value) -> str:
    return json.dumps(plain(value), allow_nan=False, separators=(",", ":"), default=int)  # int: HUGEINT sums


def json_script(element_id: str, value) -> str:
    """Data for the page's JavaScript (and for tests that read what a page quotes)."""
    safe = json_dumps(value).replace("</", "<\\/")  # a name holding "</script>" cannot end the block
    return f'<script type="application/json" id="{element_id}">{safe}</script>'


def packed(value) -> str:
    """`value` as JSON, gzip-compressed and base64-encoded, for report.js's `unpacked`. Every
    page's figures and assets/series.js are packed: as JSON text the month-by-month figures grew
    the report by about 0.08 MB for each month loaded, packed by about 0.05 (bench/README.md).
    mtime=0: the same figures make the same bytes."""
    return base64.b64encode(gzip.compress(json_dumps(value).encode(), mtime=0)).decode("ascii")


def packed_script(element_id: str, value) -> str:
    """A page's figures, packed (base64 text cannot end the block)."""
    return f'<script type="application/gzip+json;base64" id="{element_id}">{packed(value)}</script>'


def figure_data(figure) -> dict:
    """A plotly figure as plain JSON for Plotly.react, without its template (the page sets it once)."""
    found = json.loads(plotly.io.to_json(figure))
    found["layout"].pop("template", None)
    return found


def template_data() -> dict:
    return json.loads(plotly.io.json.to_json_plotly(plotly.io.templates["plotly_white"].to_plotly_json()))


def selectors(choices: list[tuple[str, str]], search: bool, bases: dict[str, str] | None = None) -> str:
    """The measure and specialty selectors (first choice selected), the basis selector where a page
    draws both bases, and the area search box."""
    measures = list(dict.fromkeys(measure for measure, _ in choices))
    specialties = list(dict.fromkeys(specialty for _, specialty in choices))
    options = lambda values, label: "".join(  # noqa: E731
        f'<option value="{value}">{html.escape(label(value))}</option>' for value in values)
    box = ('<label>Find an area: <input id="area-search" type="search" placeholder="name or code, e.g. Leeds or 15F" '
           'autocomplete="off"></label><ul id="area-results"></ul>') if search else ""
    basis = f'<label>Rates: <select id="basis">{options(bases, bases.get)}</select></label>' if bases else ""
    return (f'<div class="choose"><label>Measure: <select id="measure">{options(measures, MEASURES.get)}</select>'
            f'</label><label>Specialty: <select id="specialty">{options(specialties, specialty_label)}</select>'
            f"</label>{basis}{box}</div>")


def group_href(grouping: str, code: str) -> str:
    """An ICB's or region's page, in build/report/groups/ (report/group_pages.py)."""
    return f"{grouping}-{code}.html"


def search_list(areas: list[dict]) -> list[dict]:
    """The areas the search box looks through (data.areas), as report.js reads them."""
    return [{"code": area["ccg_code"], "name": area["ccg_name"]} for area in areas]


# Which published build the pages were drawn from (rtt/snapshots.py), shown in every footer; set
# once by `python -m report` before it draws, None for a warehouse read in place.
BUILD: dict = {}


def note_build(con) -> None:
    """Remember the build the warehouse's `published.build` names, if it has one."""
    BUILD.clear()
    if table_exists(con, "published.build"):
        build_id, built_at = con.execute("select build_id, built_at from published.build").fetchone()
        BUILD.update(build_id=build_id, built_at=built_at)


def built_line() -> str:
    if BUILD:
        return f"Built {BUILD['built_at']:%Y-%m-%d %H:%M} UTC (build <code class=\"build-id\">{BUILD['build_id']}</code>)"
    return f"Built {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"


def page(title: str, heading: str, body: str, scripts: str, root: str = "") -> str:
    """A report page; `root` leads from it to the report folder ('../' from a page in a subfolder)."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>{STYLE}</style>{scripts}</head>
<body><h1>{heading}</h1>{body}
<p class="footer">{built_line()} from NHS England, ONS and NHS Digital
data (Open Government Licence v3.0). The models and columns behind every figure:
<a class="dbt-docs" href="{root}{DOCS_PAGE}">the warehouse's dbt documentation</a> (written by
<code>make run</code>, or <code>python -m report --dbt-docs</code>).</p></body></html>"""


def drawn_page(title: str, heading: str, intro: str, sections: tuple[tuple[str, str], ...], data_id: str,
               content: dict, choices: list[tuple[str, str]], areas: list[dict], scripts: tuple[str, ...]) -> str:
    """An area, ICB or region page: the link home and `intro`, the selectors, a facts box, its
    sections, its figures packed (id `data_id`), drawn by `scripts` from ../assets/."""
    body = (f'<p><a id="main-page" href="../index.html">← every area (main page)</a> · {intro}</p>'
            + selectors(choices, search=True)
            + '<div class="facts" id="facts"></div>'
            + "".join(f"<h2>{title}</h2>{inner}" for title, inner in sections)
            + packed_script(data_id, content)
            + json_script("plotly-template", template_data())
            + json_script("areas", search_list(areas))
            + f"<script>const PLOTLY_CONFIG = {json_dumps(PLOTLY_CONFIG)};</script>"
            + "".join(f'<script src="../assets/{script}"></script>' for script in scripts))
    return page(title, heading, body, "", root="../")


def inline_scripts() -> str:
    """plotly's JavaScript and ours, inlined: the main page is one file that works anywhere."""
    return (f"<script>{plotly.offline.get_plotlyjs()}</script>"
            f"<script>{asset('report.js')}</script>")


def asset(name: str) -> str:
    """The text of one of our scripts in report/assets/."""
    return (ASSETS / name).read_text()


def write_assets(folder: Path) -> None:
    """One shared copy of plotly's JavaScript and ours for the area pages."""
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(folder / "plotly.min.js", plotly.offline.get_plotlyjs())
    for script in ASSETS.glob("*.js"):
        write_atomically(folder / script.name, script.read_text())


def write_atomically(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
    return path
