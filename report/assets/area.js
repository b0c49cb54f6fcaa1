// Draws one area's page from its figures (the packed block "area", quoted from the marts) and the
// series it shares with other pages (SERIES, assets/series.js; helpers in monthly.js): whatever
// follows the measure and specialty selectors is redrawn by drawSelection.
"use strict";

let AREA = null;
const AREAS = JSON.parse(document.getElementById("areas").textContent);
const areaHref = (code) => `${encodeURIComponent(code)}.html`;

function monthRows(key) {  // the selection's months, with its ICB's and England's rates and caveats
  const chosen = AREA.selections[key], england = SERIES.england[key] ?? {};
  const caveat = (month) => Object.fromEntries(AREA.caveat_columns.map((name, i) => [name, chosen.caveats[month]?.[i]]));
  return rowsOf(chosen.months, {icb_per_1000: SERIES.groups.icb22?.[AREA.icb_code]?.[key], ...england})
    .map((row) => ({...row, ...caveat(row.month)}));
}

function drawFacts(w) {
  const interval = isStock(w) ? "" :
    ` (95% interval ${number(w.per_1000_lower_95)} – ${number(w.per_1000_upper_95)})`;
  const position = w.vs_england_overdispersed.replace("_99_8", " the 99.8% limits").replace("_95", " the 95% limits")
    .replace("within", "within the limits");
  document.getElementById("facts").innerHTML = `
    <p><b>${escapeHtml(capitalised(words(w.measure)))}, ${escapeHtml(specialtyWords(w.specialty))},
    ${monthName(w.window_start)} – ${monthName(w.window_end)} (${w.months} months):</b>
    ${number(windowRate(w))} per 1,000 residents${interval}; England ${number(englandRate(w))}.</p>
    <p><b>National rank ${w.national_rank} of ${w.rank_of}</b> (95% interval ${w.rank_lower_95} – ${w.rank_upper_95});
    against England allowing for the real spread between areas: ${position}. ${w.pathways.toLocaleString("en-GB")}
    pathways; population ${Math.round(w.population).toLocaleString("en-GB")} (${escapeHtml(w.population_source)},
    vintage ${w.population_vintage_earliest} to ${w.population_vintage_latest}).</p>${needFacts(w)}`;
}

// Beside the crude figures, the need-adjusted ones (marts.ccg_need_adjusted_league) and what
// levelling up inside its ICB would mean (marts.ics_levelling_up).
function needFacts(w) {
  const target = `England's target, the upper quartile of need-adjusted rates (${number(w.england_upper_quartile_per_1000)})`;
  const gap = w.pathways_a_year_at_england_upper_quartile === null ? "" : `<p id="levelling-up"><b>Levelling up:</b> ` +
    (w.pathways_a_year_at_england_upper_quartile > 0 ? `at ${target}, it would complete ` +
      gapWords(w.pathways_a_year_at_england_upper_quartile, w.pathways_a_year_at_england_upper_quartile_lower_95,
        w.pathways_a_year_at_england_upper_quartile_upper_95) : `it is at or above ${target}`) +
    `; its ICB's members below the target, ${gapWords(w.icb_pathways_a_year_at_england_upper_quartile,
      w.icb_pathways_a_year_at_england_upper_quartile_lower_95, w.icb_pathways_a_year_at_england_upper_quartile_upper_95)}.
    For comparison, at the rate of ${escapeHtml(w.icb_best_ccg_name)}, its ICB's highest member (a maximum that grows
    with the ICB's size), it would complete ${number(w.pathways_a_year_at_ics_best, 0)} more a year, its ICB
    ${number(w.icb_pathways_a_year_at_best, 0)}.</p>`;
  return `<p id="need"><b>For its need</b> (NHS England's need index ${number(w.need_index, 2)}, allocation years
    ${escapeHtml(w.need_index_year_earliest)} to ${escapeHtml(w.need_index_year_latest)}): ${number(w.standardised_ratio, 2)}
    times England's rate for its need (95% interval ${number(w.ratio_lower_95, 2)} – ${number(w.ratio_upper_95, 2)});
    <b>need-adjusted rank ${w.need_adjusted_national_rank} of ${w.rank_of}</b> (95% interval
    ${w.need_adjusted_rank_lower_95} – ${w.need_adjusted_rank_upper_95}).</p>${gap}`;
}

function drawMonths(months, w) {
  const line = (value, name, color, width) => ({...monthly(months, value), name, mode: "lines+markers",
    line: {color, width}, hovertemplate: `%{text}: %{y:.2f}<extra>${escapeHtml(name)}</extra>`});
  const timeAxis = {type: "date", tickformat: "%b %Y"};
  Plotly.react("rates", [
    line((m) => m.per_1000, AREA.name, "#1f77b4", 3),
    line((m) => m.icb_per_1000, `ICB: ${AREA.icb_name ?? "none"}`, "#9ecae1", 2),
    line((m) => m.england_per_1000, "England", "#d62728", 2),
  ], {...LAYOUT, ...seriesBreaks(months), height: 380, xaxis: timeAxis, title: {text: `${capitalised(words(w.measure))}, ` +
      `${specialtyWords(w.specialty)}: per 1,000 residents each month`, x: 0},
    yaxis: {title: {text: "per 1,000 residents"}, rangemode: "tozero"}}, PLOTLY_CONFIG);
  const rankOf = Math.max(...months.map((m) => m.rank_of), w.rank_of);
  Plotly.react("ranks", [{...monthly(months, (m) => m.national_rank), mode: "lines+markers", name: "rank",
    customdata: monthly(months, (m) => m.rank_of).y, line: {color: "#1f77b4"},
    hovertemplate: "%{text}: rank %{y} of %{customdata}<extra></extra>"}],
  {...LAYOUT, ...seriesBreaks(months), height: 300, showlegend: false, xaxis: timeAxis,
    title: {text: `National rank each month (1 = most per 1,000, of ${rankOf})`, x: 0},
    yaxis: {title: {text: "rank"}, range: [rankOf + 2, -2]}}, PLOTLY_CONFIG);
  table("monthly", ["month", "pathways", "per 1,000", "ICB per 1,000", "England per 1,000", "national rank",
    "missing (absent providers)", "code published as"], months.map((m) => [
    m.incomplete_data_flag || m.code_published_as ? "bad" : "", [monthName(m.month),
      m.pathways.toLocaleString("en-GB"), number(m.per_1000, 2), number(m.icb_per_1000, 2),
      number(m.england_per_1000, 2), `${m.national_rank} of ${m.rank_of}`,
      m.incomplete_data_flag ? `${percent(m.absent_provider_share)} (${escapeHtml(m.absent_provider_codes)})` : "",
      escapeHtml(m.code_published_as ?? "")]]));
}

function drawSpecialties() {
  const windows = Object.values(AREA.selections).map((s) => s.window);
  const measures = [...document.querySelectorAll("#measure option")].map((option) => option.value);
  const specialties = [...new Set(windows.map((w) => w.specialty))];
  const cell = (measure, specialty) => {
    const w = windows.find((x) => x.measure === measure && x.specialty === specialty);
    return w ? `${number(windowRate(w))} (rank ${w.national_rank})` : "–";
  };
  table("specialties", ["specialty", ...measures.map(words)],
    specialties.map((s) => ["", [escapeHtml(specialtyWords(s)), ...measures.map((m) => cell(m, s))]]));
}

function drawPeers(peers) {
  table("peers", ["rank", "CCG", "per 1,000", "95% interval", "pathways"], peers.map((p) => [
    p.code === AREA.code ? "this" : "", [p.national_rank, `<a href="${withSelection(areaHref(p.code))}">${escapeHtml(p.ccg_name ??
      p.code)}</a>`, number(windowRate(p)), isStock(p) ? "" :
      `${number(p.per_1000_lower_95)} – ${number(p.per_1000_upper_95)}`, p.pathways.toLocaleString("en-GB")]]));
}

function drawCaveats(w, months) {
  const items = [];
  if (w.incomplete_data_flag) {
    items.push(`Providers that usually treat its patients sent no data for part of the window: ` +
      `${percent(w.absent_provider_share)} of its expected activity is missing.`);
  }
  for (const m of months.filter((m) => m.incomplete_data_flag)) {
    items.push(`${monthName(m.month)}: no data from ${escapeHtml(m.absent_provider_codes)} ` +
      `(${percent(m.absent_provider_share)} of its usual activity).`);
  }
  items.push("Months with smaller absences (below the missing-data flag's share of usual activity) are not " +
    "listed here; marts.ccg_monthly_activity holds every month's absent providers.");
  const loaded = new Set(months.map((m) => m.month));
  for (const [label, distant] of Object.entries(AREA.distant_populations)) {
    const named = distant.filter((month) => loaded.has(month)).map(monthName);
    if (named.length) {
      items.push(`${named.join(", ")}: the population is more than two years from the month ` +
        `(${escapeHtml(label)}), the nearest the warehouse holds.`);
    }
  }
  for (const m of months.filter((m) => m.code_published_as)) {
    items.push(`${monthName(m.month)}: its code was published as ${escapeHtml(m.code_published_as)}, so the area ` +
      "counted may not match its population.");
  }
  items.push(`Population: ${escapeHtml(w.population_source)}, vintage ${w.population_vintage_earliest} to ` +
    `${w.population_vintage_latest}.`);
  document.getElementById("caveats").innerHTML = items.map((item) => `<li>${item}</li>`).join("");
}

function drawSelection(measure, specialty) {  // the basis the page was opened with travels on
  document.getElementById("main-page").href = withSelection("../index.html");
  const chosen = AREA.selections[`${measure}/${specialty}`];
  if (!chosen) {
    document.getElementById("facts").textContent = "The marts hold no figures for this measure and specialty.";
    return;
  }
  drawFacts(chosen.window);
  const months = monthRows(`${measure}/${specialty}`);
  drawMonths(months, chosen.window);
  drawWaits(AREA.waits[specialty], AREA.name, specialty);
  drawPeers(chosen.peers);
  drawCaveats(chosen.window, months);
}

wireAreaSearch(AREAS, areaHref);
drawWhenUnpacked("area", (figures) => {
  AREA = figures;
  wireSelectors(drawSelection);
  drawSpecialties();
});
