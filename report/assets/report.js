// Shared by the main page and every area, ICB and region page: their figures unpacked, the measure
// and specialty selectors, the area search, and clicks on a chart's points that open an area's
// page. Each page defines drawSelection(measure, specialty, basis), which redraws what follows the
// selection.
"use strict";

// Every page's figures come packed (report/shell.py, packed: JSON, gzip, base64), so the report
// grows little as months are loaded: the browser unpacks them, then `draw(values)`.
async function unpacked(base64) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(stream).text());
}

function whenUnpacked(packedTexts, draw) {
  Promise.all(packedTexts.map(unpacked)).then(draw).catch((error) => {
    document.getElementById("facts").textContent = `This page could not unpack its figures (${error}): it needs a ` +
      "browser from 2023 or later (Edge or Chrome 80, Firefox 113, Safari 16.4). Every figure is also in exports/.";
    throw error;
  });
}

// The selectors a page may have, in the order the address carries them (#measure/specialty/basis).
// A page without one of them (an area page has no basis selector) keeps the value it was opened
// with, so the choice survives a round trip between pages.
const SELECTOR_IDS = ["measure", "specialty", "basis"];
const DEFAULTS = {basis: "crude"};
const fromAddress = {};

function chosenSelection() {
  return SELECTOR_IDS.map((id) => document.getElementById(id)?.value ?? fromAddress[id] ?? DEFAULTS[id]);
}

// The selection travels in the address: a link to another page keeps it, and a page opened with
// one starts there.
const withSelection = (href) => `${href}#${chosenSelection().join("/")}`;

function selectionFromAddress() {
  const wanted = decodeURIComponent(window.location.hash.slice(1)).split("/");
  SELECTOR_IDS.forEach((id, index) => {
    const select = document.getElementById(id);
    if (!select) {
      if (wanted[index]) fromAddress[id] = wanted[index];
    } else if ([...select.options].some((option) => option.value === wanted[index])) {
      select.value = wanted[index];
    }
  });
}

function wireSelectors(drawSelection) {
  selectionFromAddress();
  const draw = () => {
    window.location.replace(`#${chosenSelection().join("/")}`);  // the address, without a new history entry
    drawSelection(...chosenSelection());
  };
  for (const id of SELECTOR_IDS) document.getElementById(id)?.addEventListener("change", draw);
  draw();
}

// Clicking a point whose customdata starts with a CCG code opens that area's page.
function openAreaOnClick(chartId, areaHref) {
  document.getElementById(chartId).on("plotly_click", (event) => {
    const code = event.points[0].customdata && event.points[0].customdata[0];
    if (code) window.location.href = withSelection(areaHref(code));
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
      link.href = withSelection(areaHref(area.code));
      link.textContent = `${area.name} (${area.code})`;
      item.append(link);
      return item;
    }));
  });
  box.addEventListener("keydown", (event) => {
    const found = matches();
    if (event.key === "Enter" && found.length) window.location.href = withSelection(areaHref(found[0].code));
  });
}
