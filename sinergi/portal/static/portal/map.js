// Public portal map: province outlines and the regencies/cities party to public agreements,
// shaded by their count. Data from the element's data-url (GeoJSON); no tiles, no internet.
(function () {
  "use strict";
  var element = document.getElementById("peta-publik");
  if (!element || !window.L) { return; }
  var COLOURS = ["#f8f9fa", "#b7e4c7", "#52b788", "#1b4332"];

  function shade(count) {
    if (count <= 0) { return COLOURS[0]; }
    if (count <= 2) { return COLOURS[1]; }
    if (count <= 9) { return COLOURS[2]; }
    return COLOURS[3];
  }

  function style(feature) {
    var p = feature.properties;
    var province = p.layer === "provinsi";
    return {
      color: province ? "#495057" : "#1b4332",
      weight: province ? 1 : 0.7,
      fillColor: shade(p.count),
      fillOpacity: province ? 0.5 : 0.85
    };
  }

  function popup(feature, layer) {
    var p = feature.properties;
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = p.url;
    link.textContent = p.name + " (" + p.code + ")";
    box.appendChild(link);
    box.appendChild(document.createElement("br"));
    box.appendChild(document.createTextNode(p.count + " kerja sama dipublikasikan"));
    layer.bindPopup(box);
  }

  var map = L.map(element, { zoomSnap: 0.25, attributionControl: false });
  map.setView([-2.5, 118], 4.5);
  fetch(element.dataset.url, { headers: { Accept: "application/geo+json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, { style: style, onEachFeature: popup }).addTo(map);
      if (layer.getLayers().length) { map.fitBounds(layer.getBounds()); }
      element.dataset.loaded = String(layer.getLayers().length);
    });
})();
