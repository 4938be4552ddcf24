// The cooperation network (Cytoscape, cose layout) from the JSON in #data-jejaring; redrawn
// after every htmx swap. Edges are coloured by status or by sector, as the select says.
(function () {
  "use strict";

  const STATUS_COLOURS = {
    berlaku_lain: "#198754",
    akan_berakhir: "#e07a1f",
    berakhir: "#6c757d",
    dalam_proses: "#3b6fb6",
    diakhiri: "#b02a37",
    ditolak: "#d1495b",
  };
  const SECTOR_PALETTE = [
    "#0b5d5b", "#e07a1f", "#3b6fb6", "#b8336a", "#6a9a1f", "#7b4fa0",
    "#c9a227", "#2a9d8f", "#8c564b", "#5f6b7a", "#d1495b", "#00798c",
  ];
  let graph = null;

  function sectorColours(edges) {
    const sectors = [...new Set(edges.map((e) => e.sector))].sort();
    return Object.fromEntries(sectors.map((s, i) => [s, SECTOR_PALETTE[i % SECTOR_PALETTE.length]]));
  }

  function nodeColour(node) {
    if (node.type === "organisasi") return "#c9a227";
    return node.in_scope ? "#0b5d5b" : "#8fb8b6";
  }

  function elements(data, colours, by) {
    const nodes = data.nodes.map((n) => ({
      data: { ...n, size: 18 + 6 * Math.sqrt(n.agreements), colour: nodeColour(n) },
    }));
    const edges = data.edges.map((e) => ({
      data: {
        ...e,
        width: 1.5 + 2 * Math.log2(1 + e.count),
        colour: (by === "sector" ? colours.sector[e.sector] : STATUS_COLOURS[e.status]) || "#999",
      },
    }));
    return nodes.concat(edges);
  }

  function legend(data, colours, by) {
    const list = document.getElementById("jejaring-legenda");
    if (!list) return;
    list.replaceChildren();
    const entries = by === "sector"
      ? Object.entries(colours.sector).map(([code, colour]) => [`Urusan ${code}`, colour])
      : Object.entries(STATUS_COLOURS).map(([code, colour]) => [data.status_labels[code] || code, colour]);
    for (const [label, colour] of entries) {
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "warna";
      swatch.style.backgroundColor = colour;
      item.append(swatch, label);
      list.append(item);
    }
  }

  function describe(container, node) {
    const target = document.getElementById("jejaring-pilihan");
    if (!target) return;
    target.replaceChildren(`${node.label}: ${node.agreements} kerja sama, ${node.degree} mitra. `);
    if (node.code) {
      const link = document.createElement("a");
      link.href = `${container.dataset.listUrl}?region=${encodeURIComponent(node.code)}`;
      link.textContent = "Lihat daftar kerja samanya";
      target.append(link);
    }
  }

  function draw() {
    const container = document.querySelector("[data-graph]");
    const source = document.getElementById("data-jejaring");
    if (graph) {
      graph.destroy();
      graph = null;
    }
    if (!container || !source || typeof cytoscape === "undefined") return;
    const data = JSON.parse(source.textContent);
    const select = document.getElementById("jejaring-warna");
    const by = select ? select.value : "status";
    const colours = { sector: sectorColours(data.edges) };
    graph = cytoscape({
      container,
      elements: elements(data, colours, by),
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000, idealEdgeLength: 110 },
      style: [
        {
          selector: "node",
          style: {
            label: "data(label)", width: "data(size)", height: "data(size)",
            "background-color": "data(colour)", "font-size": 11, "text-valign": "bottom",
            "text-margin-y": 4, "text-wrap": "wrap", "text-max-width": 120, color: "#212529",
          },
        },
        { selector: 'node[type = "organisasi"]', style: { shape: "round-rectangle" } },
        {
          selector: "edge",
          style: {
            width: "data(width)", "line-color": "data(colour)", "curve-style": "bezier",
            opacity: 0.85, label: "data(count)", "font-size": 9, color: "#495057",
            "text-background-color": "#fff", "text-background-opacity": 0.8,
          },
        },
        { selector: "node:selected", style: { "border-width": 3, "border-color": "#212529" } },
      ],
    });
    graph.on("tap", "node", (event) => describe(container, event.target.data()));
    container.dataset.rendered = String(graph.nodes().length);
    legend(data, colours, by);
  }

  document.addEventListener("change", (event) => {
    if (event.target && event.target.id === "jejaring-warna") draw();
  });
  document.addEventListener("htmx:afterSettle", draw);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
