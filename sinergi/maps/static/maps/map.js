// The map of /peta/ and the small map of a region's profile (Leaflet, no tile server: the
// boundaries on a plain background, so it works offline). Data comes from the JSON
// endpoints named in the element's data-* attributes; no inline script (strict CSP).
(() => {
  "use strict";

  // "Cetak" buttons anywhere (the region profile's printable summary).
  document.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("[data-print]")) {
      window.print();
    }
  });

  const element = document.getElementById("peta");
  if (!element || !window.L) {
    return;
  }
  const cfg = element.dataset;
  const statusLine = document.getElementById("peta-status");
  const say = (text) => {
    if (statusLine) statusLine.textContent = text;
  };
  // A class per region ("wilayah-64-72") so tests and user styles can find its polygon.
  const regionClass = (code) => `wilayah-${code.replace(/\./g, "-")}`;
  const profileUrl = (code) => cfg.profile.replace("KODE", encodeURIComponent(code));
  const numberFormat = new Intl.NumberFormat("id-ID");

  const map = L.map(element, { attributionControl: false, zoomSnap: 0.25, minZoom: 3 });
  map.setView([-2.5, 118], 4.5);
  const pointsLayer = L.featureGroup().addTo(map);
  const linesLayer = L.featureGroup().addTo(map);
  let regions = null; // the L.geoJSON layer of polygons
  let values = null; // the last answer of the values endpoint
  const drawn = new Set(); // codes drawn as polygons

  async function getJson(url) {
    const response = await fetch(url, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (!response.ok) {
      let message = `Gagal memuat data peta (${response.status}).`;
      try {
        message = (await response.json()).message || message;
      } catch (error) {
        // The body was not JSON: keep the generic message.
      }
      throw new Error(message);
    }
    return response.json();
  }

  function tooltip(title, lines) {
    const box = document.createElement("div");
    const heading = document.createElement("strong");
    heading.textContent = title;
    box.append(heading);
    for (const line of lines) {
      box.append(document.createElement("br"), document.createTextNode(line));
    }
    return box;
  }

  function boundariesUrl() {
    const params = new URLSearchParams({ tingkat: cfg.level });
    if (cfg.province) params.set("provinsi", cfg.province);
    return `${cfg.boundaries}?${params}`;
  }

  // ---- the choropleth (full map) ----

  function formParams() {
    const form = document.getElementById("filter-peta");
    const params = new URLSearchParams(form ? new FormData(form) : undefined);
    for (const [key, value] of [...params]) {
      if (value === "") params.delete(key);
    }
    return params;
  }

  function regionValue(code) {
    if (!values) return undefined;
    const row = values.values[code];
    if (row) return row;
    return values.complete ? { value: 0, jumlah: 0, aktif: 0 } : null; // null: outside scope
  }

  function colourOf(row) {
    if (row === null) return values.outside_colour;
    const value = row.value;
    if (value === null || value === undefined) return values.legend[0].colour;
    const found = values.legend.find((c) => c.min <= value && value <= c.max);
    return (found || values.legend[values.legend.length - 1]).colour;
  }

  function describe(row) {
    if (row === null) return ["Di luar cakupan Anda"];
    if (row === undefined) return [];
    if (values.metric === "spm") {
      const index = row.value === null || row.value === undefined
        ? "belum ada data" : numberFormat.format(row.value);
      return [`Indeks SPM: ${index}`, `${numberFormat.format(row.jumlah)} kerja sama`];
    }
    if (values.metric === "simbolis") {
      if (row.simbolis === null) return ["Tidak ada kerja sama berlaku"];
      const share = Math.round(row.simbolis * 100);
      return [`${share}% simbolis (${row.simbolis_jumlah} dari ${row.aktif} berlaku)`];
    }
    return [
      `${numberFormat.format(row.jumlah)} kerja sama`,
      `${numberFormat.format(row.aktif)} berlaku`,
    ];
  }

  function styleFull(feature) {
    const row = regionValue(feature.properties.code);
    return {
      color: "#4a4a4a",
      weight: 0.7,
      fillOpacity: row === null ? 0.45 : 0.85,
      fillColor: row === undefined ? "#ffffff" : colourOf(row),
    };
  }

  function drawLegend() {
    const list = document.getElementById("legenda");
    if (!list || !values) return;
    list.replaceChildren();
    const add = (colour, label, extraClass) => {
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = `map-swatch ${extraClass || ""}`;
      swatch.style.backgroundColor = colour;
      item.append(swatch, document.createTextNode(label));
      list.append(item);
    };
    const caption = document.createElement("li");
    caption.className = "fw-semibold mb-1";
    caption.textContent = values.metric_label;
    list.append(caption);
    for (const entry of values.legend) add(entry.colour, entry.label);
    if (!values.complete) add(values.outside_colour, "Di luar cakupan Anda");
    if (pointsLayer.getLayers().length) add("#ffffff", "Titik: wilayah tanpa batas", "map-swatch-point");
  }

  async function loadValues(withTable) {
    const params = formParams();
    params.set("tingkat", cfg.level);
    values = await getJson(`${cfg.values}?${params}`);
    if (regions) regions.setStyle(styleFull);
    pointsLayer.eachLayer((marker) => {
      marker.setStyle({ fillColor: colourOf(regionValue(marker.options.code) ?? null) });
    });
    drawLegend();
    if (withTable) await loadTable(params);
  }

  // The table under the map is rendered with the page; a metric changed in place redraws it.
  async function loadTable(params) {
    const table = document.getElementById("tabel-nilai");
    if (!table || !table.dataset.url) return;
    const response = await fetch(`${table.dataset.url}?${params}`, { credentials: "same-origin" });
    if (!response.ok) throw new Error(`Gagal memuat tabel nilai (${response.status}).`);
    table.innerHTML = await response.text(); // server-rendered and escaped by Django
  }

  function linkItem(text, href, count) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = href;
    link.textContent = text;
    item.append(link);
    if (count !== undefined) item.append(document.createTextNode(` · ${count}`));
    return item;
  }

  function pointMarker(code, name, lat, lng, layer) {
    const marker = L.circleMarker([lat, lng], {
      radius: 6,
      color: "#333333",
      weight: 1,
      fillColor: "#ffffff",
      fillOpacity: 0.9,
      code,
    });
    marker.bindTooltip(() => tooltip(name, describe(regionValue(code))), { sticky: true });
    marker.on("click", () => window.location.assign(profileUrl(code)));
    return marker.addTo(layer || pointsLayer);
  }

  function listWithoutBoundary(collection) {
    const list = document.getElementById("tanpa-batas");
    if (!list) return;
    list.replaceChildren();
    for (const region of collection.without_boundary || []) {
      const where = region.lat === null ? " (koordinat tidak diketahui)" : " (titik)";
      list.append(linkItem(region.name + where, profileUrl(region.code)));
      if (region.lat !== null && region.lng !== null) {
        pointMarker(region.code, region.name, region.lat, region.lng);
      }
    }
    if (!list.children.length) list.append(linkItem("Semua wilayah memiliki batas.", "#"));
  }

  async function loadLines() {
    linesLayer.clearLayers();
    const toggle = document.getElementById("f-garis");
    const organisations = document.getElementById("mitra-organisasi");
    const params = formParams();
    const data = await getJson(`${cfg.lines}?${params}`);
    if (organisations) {
      organisations.replaceChildren();
      for (const org of data.organizations) {
        const href = `${cfg.list}?${new URLSearchParams({ organization: org.id })}`;
        organisations.append(linkItem(`${org.name} (${org.kind_label})`, href, org.count));
      }
      if (!data.organizations.length) {
        const none = document.createElement("li"); // a list holds only items (WCAG: list)
        none.className = "text-muted";
        none.textContent = "Tidak ada.";
        organisations.append(none);
      }
    }
    if (toggle && !toggle.checked) {
      offerFarPartners();
      return;
    }
    let missing = 0;
    for (const line of data.lines) {
      const a = data.points[line.a];
      const b = data.points[line.b];
      if (!a || !b || a.lat === null || b.lat === null) {
        missing += 1;
        continue;
      }
      for (const [code, end] of [[line.a, a], [line.b, b]]) {
        const known = (group) => group.getLayers().some((m) => m.options.code === code);
        if (!drawn.has(code) && !known(pointsLayer) && !known(linesLayer)) {
          // A partner outside the boundaries drawn here: a point, gone with the lines.
          pointMarker(code, end.name, end.lat, end.lng, linesLayer);
        }
      }
      const polyline = L.polyline([[a.lat, a.lng], [b.lat, b.lng]], {
        color: "#c0392b",
        weight: 1.5 + 1.5 * Math.log2(line.count),
        opacity: 0.75,
        interactive: true,
      });
      polyline.bindTooltip(tooltip(`${a.name} – ${b.name}`, [`${line.count} kerja sama`]), {
        sticky: true,
      });
      polyline.addTo(linesLayer);
    }
    if (missing) say(`${missing} garis tidak tergambar: koordinat wilayahnya tidak diketahui.`);
    drawLegend();
    offerFarPartners();
  }

  // Partners outside the boundaries drawn (another province) may lie outside the view: a
  // button widens it to them, so the view keeps the user's own regions large by default.
  function offerFarPartners() {
    const button = document.getElementById("tampilkan-mitra");
    if (!button) return;
    const view = map.getBounds();
    const far = linesLayer
      .getLayers()
      .filter((layer) => layer instanceof L.CircleMarker && !view.contains(layer.getLatLng()));
    button.hidden = far.length === 0;
    button.textContent = `Tampilkan ${far.length} wilayah mitra di luar tampilan`;
  }

  function showAllPartners() {
    const bounds = linesLayer.getBounds();
    if (regions && regions.getLayers().length) bounds.extend(regions.getBounds());
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [8, 8] });
    const button = document.getElementById("tampilkan-mitra");
    if (button) button.hidden = true;
  }

  async function full() {
    const collection = await getJson(boundariesUrl());
    regions = L.geoJSON(collection, {
      style: (feature) => ({
        color: "#4a4a4a",
        weight: 0.7,
        fillColor: "#ffffff",
        fillOpacity: 0.85,
        className: regionClass(feature.properties.code),
      }),
      onEachFeature: (feature, layer) => {
        const { code, name } = feature.properties;
        drawn.add(code);
        layer.bindTooltip(() => tooltip(name, describe(regionValue(code))), { sticky: true });
        layer.on("click", () => window.location.assign(profileUrl(code)));
      },
    }).addTo(map);
    listWithoutBoundary(collection);
    fit(regions.getLayers().length ? regions : pointsLayer);
    await loadValues();
    await loadLines();
    linesLayer.bringToFront();
    say(`${collection.features.length} wilayah digambar.`);
    element.dataset.ready = "1"; // for tests and screenshots
  }

  function fit(layer, padding) {
    if (layer.getLayers().length) map.fitBounds(layer.getBounds(), { padding: padding || [8, 8] });
  }

  function enhanceForm() {
    const partners = document.getElementById("tampilkan-mitra");
    if (partners) partners.addEventListener("click", showAllPartners);
    const form = document.getElementById("filter-peta");
    if (!form) return;
    // The metric and the lines redraw in place; the other filters submit the form.
    form.addEventListener("change", (event) => {
      const id = event.target.id;
      if (id !== "f-metrik" && id !== "f-garis") return;
      history.replaceState(null, "", `?${formParams()}`);
      redraw(id === "f-metrik" ? () => loadValues(true) : loadLines);
    });
  }

  // One redraw at a time, in the order asked: a slow answer never overwrites a newer one.
  let queue = Promise.resolve();
  function redraw(job) {
    element.dataset.ready = "0";
    queue = queue
      .then(job)
      .catch((error) => say(error.message))
      .then(() => {
        element.dataset.ready = "1";
      });
  }

  // ---- the small map of a region's profile ----

  async function mini() {
    const collection = await getJson(boundariesUrl());
    let target = null;
    const layer = L.geoJSON(collection, {
      style: (feature) => {
        const mine = feature.properties.code === cfg.highlight;
        return {
          className: regionClass(feature.properties.code),
          color: mine ? "#084543" : "#8a8a8a",
          weight: mine ? 2 : 0.6,
          fillColor: mine ? "#0b5d5b" : "#f2f2f2",
          fillOpacity: mine ? 0.7 : 0.6,
        };
      },
      onEachFeature: (feature, polygon) => {
        const { code, name } = feature.properties;
        if (code === cfg.highlight) target = polygon;
        polygon.bindTooltip(tooltip(name, []), { sticky: true });
        polygon.on("click", () => window.location.assign(profileUrl(code)));
      },
    }).addTo(map);
    if (target) {
      target.bringToFront();
      map.fitBounds(target.getBounds(), { padding: [20, 20] });
    } else if (cfg.lat && cfg.lng) {
      L.circleMarker([Number(cfg.lat), Number(cfg.lng)], { radius: 7, color: "#084543" }).addTo(map);
      map.setView([Number(cfg.lat), Number(cfg.lng)], 8);
    } else {
      fit(layer);
    }
    say(target ? "" : "Batas wilayah ini belum dimuat.");
    element.dataset.ready = "1";
  }

  enhanceForm();
  queue = (cfg.highlight ? mini() : full()).catch((error) => say(error.message));
})();
