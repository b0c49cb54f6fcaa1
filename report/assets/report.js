// Shared by the main page and every area page: the measure and specialty selectors, the area
// search, and clicks on a chart's points that open an area's page. Each page defines
// drawSelection(measure, specialty), which redraws what follows the selection.
"use strict";

function chosenSelection() {
  return [document.getElementById("measure").value, document.getElementById("specialty").value];
}

function wireSelectors(drawSelection) {
  for (const id of ["measure", "specialty"]) {
    document.getElementById(id).addEventListener("change", () => drawSelection(...chosenSelection()));
  }
  drawSelection(...chosenSelection());
}

// Clicking a point whose customdata starts with a CCG code opens that area's page.
function openAreaOnClick(chartId, areaHref) {
  document.getElementById(chartId).on("plotly_click", (event) => {
    const code = event.points[0].customdata && event.points[0].customdata[0];
    if (code) window.location.href = areaHref(code);
  });
}

// A search box that lists the areas whose code or name holds what was typed; Enter opens the first.
function wireAreaSearch(areas, areaHref) {
  const box = document.getElementById("area-search");
  const results = document.getElementById("area-results");
  const matches = () => {
    const wanted = box.value.trim().toLowerCase();
    if (!wanted) return [];
    return areas.filter((a) => a.code.toLowerCase() === wanted || a.name.toLowerCase().includes(wanted));
  };
  box.addEventListener("input", () => {
    results.replaceChildren(...matches().slice(0, 12).map((area) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = areaHref(area.code);
      link.textContent = `${area.name} (${area.code})`;
      item.append(link);
      return item;
    }));
  });
  box.addEventListener("keydown", (event) => {
    const found = matches();
    if (event.key === "Enter" && found.length) window.location.href = areaHref(found[0].code);
  });
}
