// What the area, ICB and region pages share: their figures and the series they draw from
// (SERIES, assets/series.js), unpacked; plotly's layout, number formats, tables, months on a time
// axis with NHS England's series breaks marked, and the waiting list beside England's.
"use strict";

let SERIES = null;
// Unpacks the shared series and the page's figures (the block `id`), then `draw(figures)`.
function drawWhenUnpacked(id, draw) {
  whenUnpacked([PACKED_SERIES, document.getElementById(id).textContent], ([series, figures]) => {
    SERIES = series;
    draw(figures);
  });
}

const TEMPLATE = JSON.parse(document.getElementById("plotly-template").textContent);
const LAYOUT = {template: TEMPLATE, font: {family: "Arial, Helvetica, sans-serif", size: 12},
                margin: {l: 60, r: 10, t: 50, b: 40}, legend: {orientation: "h", y: -0.15}};

// Month-by-month figures come as one list per column, aligned to SERIES.months: back to one
// object per month, beside the shared columns, keeping the months the area has figures for.
const rowsOf = (columns, shared = {}) => SERIES.months.map((month, i) => Object.fromEntries([["month", month],
  ...[...Object.entries(columns), ...Object.entries(shared)].map(([name, values]) => [name, values?.[i] ?? null])]))
  .filter((row) => Object.keys(columns).some((name) => row[name] !== null));
const number = (value, digits = 1) => (value === null || value === undefined ? "–" :
  value.toLocaleString("en-GB", {minimumFractionDigits: digits, maximumFractionDigits: digits}));
const percent = (value) => (value === null || value === undefined ? "–" : `${(100 * value).toFixed(1)}%`);
// A levelling-up gap in pathways a year with its 95% interval, as report/words.py words it.
const gapWords = (pathways, lower, upper) =>
  `${number(pathways, 0)} more a year (95% interval ${number(lower, 0)} – ${number(upper, 0)})`;
// "2021-07-01" -> "Jul 2021", as marts.loaded_months labels every loaded month.
const monthName = (iso) => SERIES.month_labels[iso.slice(0, 10)] ?? iso.slice(0, 7);
const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const words = (name) => document.querySelector(`#measure option[value="${name}"]`)?.textContent ?? name;
const capitalised = (text) => text.replace(/^./, (c) => c.toUpperCase());
const specialtyWords = (name) => document.querySelector(`#specialty option[value="${name}"]`)?.textContent ?? name;

// The waiting list is a stock (counted_as): the league's window rate sums month-end lists, so the
// page quotes the mart's per-month form, as the main page draws it.
const isStock = (w) => w.counted_as === "stock";
const windowRate = (w) => (isStock(w) ? w.monthly_per_1000 : w.per_1000);
const englandRate = (w) => (isStock(w) ? w.monthly_england_per_1000 : w.england_per_1000);

function table(id, head, rows) {
  const cells = (row, tag) => row.map((c) => `<${tag}>${c}</${tag}>`).join("");
  document.getElementById(id).innerHTML = `<tr>${cells(head, "th")}</tr>` +
    rows.map(([cls, row]) => `<tr class="${cls}">${cells(row, "td")}</tr>`).join("");
}

// Months on a time axis: a month not loaded is a gap in the line (a null breaks it), not a
// neighbour, and each break in NHS England's series (marts.series_breaks) is marked.
const LONGER_THAN_A_MONTH = 32 * 24 * 3600 * 1000;
function monthly(months, value) {
  const x = [], y = [], text = [];
  months.forEach((m, i) => {
    if (i && Date.parse(m.month) - Date.parse(months[i - 1].month) > LONGER_THAN_A_MONTH) {
      x.push(months[i - 1].month); y.push(null); text.push("");
    }
    x.push(m.month); y.push(value(m)); text.push(monthName(m.month));
  });
  return {x, y, text};
}

function seriesBreaks(months) {
  const first = months[0]?.month, last = months.at(-1)?.month;
  const within = SERIES.series_breaks.filter((b) => first && b.break_month > first && b.break_month <= last);
  return {
    shapes: within.map((b) => ({type: "line", xref: "x", yref: "paper", x0: b.break_month, x1: b.break_month,
      y0: 0, y1: 1, line: {dash: "dot", color: "#888", width: 1}})),
    annotations: within.map((b) => ({x: b.break_month, xref: "x", yref: "paper", y: 1, xanchor: "left",
      showarrow: false, font: {size: 10, color: "#666"}, text: `${b.break_month_label}: ${b.break_name.replaceAll("_", " ")}`,
      hovertext: escapeHtml(b.description)})),
  };
}

// An area's waiting list by specialty (columns aligned to SERIES.months) beside England's.
function drawWaits(own, name, specialty) {
  const england = Object.fromEntries(Object.entries(SERIES.england_waits[specialty] ?? {})
    .map(([column, values]) => [`england_${column}`, values]));
  const waits = rowsOf(own ?? {}, england);
  const x = waits.map((m) => m.month);
  const panels = [["median_weeks", "median wait, weeks"], ["pct_within_18_weeks", "share within 18 weeks"],
    ["over_52_weeks_per_1000", "waiting 52+ weeks per 1,000"]];
  const traces = panels.flatMap(([column], index) => {
    const axis = index ? String(index + 1) : "";
    return [
      {x, y: waits.map((m) => m[column]), name, xaxis: `x${axis}`, yaxis: `y${axis}`,
        line: {color: "#1f77b4", width: 3}, showlegend: index === 0, mode: "lines"},
      {x, y: waits.map((m) => m[`england_${column}`]), name: "England", xaxis: `x${axis}`, yaxis: `y${axis}`,
        line: {color: "#d62728", width: 2}, showlegend: index === 0, mode: "lines"},
    ];
  });
  const axes = {};
  panels.forEach(([column, title], index) => {
    const axis = index ? String(index + 1) : "";
    axes[`xaxis${axis}`] = {domain: [index * 0.35, index * 0.35 + 0.3], anchor: `y${axis}`};
    axes[`yaxis${axis}`] = {anchor: `x${axis}`, title: {text: title}, rangemode: "tozero",
      tickformat: column.startsWith("pct") ? ".0%" : ""};
  });
  Plotly.react("waits", traces, {...LAYOUT, ...axes, height: 340, title: {text: `The waiting list, ` +
    `${specialtyWords(specialty)}, beside England's (median from the week bands)`, x: 0}}, PLOTLY_CONFIG);
}
