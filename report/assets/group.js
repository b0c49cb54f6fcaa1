// Draws one ICB's or region's page from its figures (the packed block "group", quoted from the
// marts) and the shared series (SERIES; helpers in monthly.js): its rate each month beside
// England's, its spread and levelling-up gap over the window, its members ranked with their
// intervals, and its waiting list, for whichever measure and specialty is chosen.
"use strict";

let GROUP = null;
const AREAS = JSON.parse(document.getElementById("areas").textContent);
const areaHref = (code) => `../areas/${encodeURIComponent(code)}.html`;

function drawFacts(w, members) {
  const first = members[0] ?? {};
  const spread = w.need_adjusted_between_member_sd_per_1000 === null ? "" : ` For their need, its members' true ` +
    `rates differ by a standard deviation of ${number(w.need_adjusted_between_member_sd_per_1000)} per 1,000 beyond ` +
    `chance, ${percent(w.need_adjusted_between_member_cv)} of its rate.`;
  const gap = w.pathways_a_year_at_england_upper_quartile === null ? "" : `<p id="levelling-up"><b>Levelling up:</b> ` +
    `if every member below England's target, the upper quartile of need-adjusted rates, treated at it, it would ` +
    `complete ${gapWords(w.pathways_a_year_at_england_upper_quartile, w.pathways_a_year_at_england_upper_quartile_lower_95,
      w.pathways_a_year_at_england_upper_quartile_upper_95)}. For comparison, at the rate of
    ${escapeHtml(w.best_need_adjusted_ccg_name)}, its highest member (a maximum that grows with the number of members),
    ${number(w.pathways_a_year_at_ics_best, 0)} more a year.</p>`;
  const rate = isStock(w) ? w.monthly_pooled_per_1000 : w.pooled_per_1000;
  document.getElementById("facts").innerHTML = `
    <p><b>${escapeHtml(capitalised(words(w.measure)))}, ${escapeHtml(specialtyWords(w.specialty))},
    ${monthName(first.window_start ?? "")} – ${monthName(first.window_end ?? "")} (${w.months} months):</b>
    ${number(rate)} per 1,000 residents${isStock(w) ? " (month-end mean)" : ""}; England ${number(englandRate(first))}.</p>
    <p><b>${w.member_count} members</b>, from ${number(w.min_per_1000)} to ${number(w.max_per_1000)} per 1,000
    (${number(w.max_min_ratio, 2)} times).${spread} Best: ${escapeHtml(w.best_ccg_name)} (national rank
    ${w.best_national_rank} of ${w.rank_of}); worst: ${escapeHtml(w.worst_ccg_name)} (rank ${w.worst_national_rank}).</p>
    ${gap}`;
}

function drawRates(key, w) {
  const own = SERIES.groups[GROUP.grouping]?.[GROUP.code]?.[key];
  const months = rowsOf({per_1000: own}, {england_per_1000: SERIES.england[key]?.england_per_1000});
  const line = (value, name, color, width) => ({...monthly(months, value), name, mode: "lines+markers",
    line: {color, width}, hovertemplate: `%{text}: %{y:.2f}<extra>${escapeHtml(name)}</extra>`});
  Plotly.react("rates", [line((m) => m.per_1000, GROUP.name, "#1f77b4", 3),
    line((m) => m.england_per_1000, "England", "#d62728", 2)],
  {...LAYOUT, ...seriesBreaks(months), height: 380, xaxis: {type: "date", tickformat: "%b %Y"},
    title: {text: `${capitalised(words(w.measure))}, ${specialtyWords(w.specialty)}: per 1,000 residents each month`,
      x: 0}, yaxis: {title: {text: "per 1,000 residents"}, rangemode: "tozero"}}, PLOTLY_CONFIG);
}

function drawMembers(members) {
  table("members", ["national rank", "95% interval", "CCG", "per 1,000", "95% interval", "pathways"],
    members.map((m) => ["", [m.national_rank, `${m.rank_lower_95} – ${m.rank_upper_95}`,
      `<a href="${withSelection(areaHref(m.code))}">${escapeHtml(m.ccg_name)}</a>`, number(windowRate(m)),
      isStock(m) ? "" : `${number(m.per_1000_lower_95)} – ${number(m.per_1000_upper_95)}`,
      m.pathways.toLocaleString("en-GB")]]));
}

function drawSelection(measure, specialty) {
  document.getElementById("main-page").href = withSelection("../index.html");
  const key = `${measure}/${specialty}`, chosen = GROUP.selections[key];
  if (!chosen) {
    document.getElementById("facts").textContent = "The marts hold no figures for this measure and specialty.";
    return;
  }
  drawFacts(chosen.window, chosen.members);
  drawRates(key, chosen.window);
  drawMembers(chosen.members);
  drawWaits(GROUP.waits[specialty], GROUP.name, specialty);
}

wireAreaSearch(AREAS, areaHref);
drawWhenUnpacked("group", (figures) => {
  GROUP = figures;
  wireSelectors(drawSelection);
});
