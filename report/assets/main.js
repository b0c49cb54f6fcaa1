// The main page: every selection's charts and text are embedded (JSON "selections", drawn in
// Python from the marts); choosing a measure, specialty or basis swaps them in.
"use strict";
const SELECTIONS = JSON.parse(document.getElementById("selections").textContent);
const TEMPLATE = JSON.parse(document.getElementById("plotly-template").textContent);
const AREAS = JSON.parse(document.getElementById("areas").textContent);
const areaHref = (code) => `areas/${encodeURIComponent(code)}.html`;
function drawSelection(measure, specialty, basis) {
  const chosen = (SELECTIONS[`${measure}/${specialty}`] ?? {})[basis];
  document.getElementById("nothing").hidden = Boolean(chosen);
  if (!chosen) return;
  for (const [id, figure] of Object.entries(chosen.figures)) {
    Plotly.react(id, figure.data, {...figure.layout, template: TEMPLATE}, PLOTLY_CONFIG);
  }
  for (const [id, text] of Object.entries(chosen.html)) document.getElementById(id).innerHTML = text;
}
wireSelectors(drawSelection);
for (const id of ["league", "ranks", "funnel", "ics"]) openAreaOnClick(id, areaHref);
wireAreaSearch(AREAS, areaHref);
