// The main page: every selection's charts and text are embedded (packed "selections", drawn in
// Python from the marts); choosing a measure, specialty or basis swaps them in.
"use strict";
let SELECTIONS = null;
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
wireAreaSearch(AREAS, areaHref);
const packed = (id) => document.getElementById(id).textContent;
whenUnpacked([packed("selections"), packed("fixed-figures")], ([selections, fixed]) => {
  SELECTIONS = selections;
  wireSelectors(drawSelection);
  for (const id of ["league", "ranks", "funnel", "ics"]) openAreaOnClick(id, areaHref);
  // The charts that do not follow the selection, drawn once.
  for (const [id, figure] of Object.entries(fixed)) {
    Plotly.react(id, figure.data, {...figure.layout, template: TEMPLATE}, PLOTLY_CONFIG);
  }
});
