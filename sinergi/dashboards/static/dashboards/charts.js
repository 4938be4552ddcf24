// Dashboard charts (Chart.js 4) from the JSON in #data-dasbor; redrawn after every htmx swap
// of the figures. "Unduh PNG" saves a chart's canvas. No inline script: the CSP forbids it.
(function () {
  "use strict";

  const PALETTE = [
    "#0b5d5b", "#e07a1f", "#3b6fb6", "#b8336a", "#6a9a1f", "#7b4fa0",
    "#c9a227", "#2a9d8f", "#8c564b", "#5f6b7a", "#d1495b", "#00798c",
  ];

  // Charts are drawn on a transparent canvas; a PNG needs a white background.
  const whiteBackground = {
    id: "whiteBackground",
    beforeDraw(chart) {
      const ctx = chart.ctx;
      ctx.save();
      ctx.globalCompositeOperation = "destination-over";
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    },
  };

  function config(spec) {
    const doughnut = spec.type === "doughnut";
    const colours = doughnut
      ? spec.labels.map((_, i) => PALETTE[i % PALETTE.length])
      : PALETTE[0];
    return {
      type: doughnut ? "doughnut" : spec.type === "line" ? "line" : "bar",
      data: {
        labels: spec.labels,
        datasets: [{ label: "Jumlah kerja sama", data: spec.values, backgroundColor: colours, borderColor: doughnut ? "#fff" : PALETTE[0] }],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: spec.type === "hbar" ? "y" : "x",
        plugins: { legend: { display: doughnut, position: "right" }, title: { display: false } },
        scales: doughnut ? {} : { x: { ticks: { precision: 0 } }, y: { ticks: { precision: 0 } } },
      },
      plugins: [whiteBackground],
    };
  }

  function draw() {
    const source = document.getElementById("data-dasbor");
    if (!source || typeof Chart === "undefined") return;
    const specs = new Map(JSON.parse(source.textContent).map((s) => [s.id, s]));
    document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
      const spec = specs.get(canvas.dataset.chart);
      if (!spec) return;
      const old = Chart.getChart(canvas);
      if (old) old.destroy();
      new Chart(canvas, config(spec));
      canvas.dataset.rendered = "1";
    });
  }

  function savePng(button) {
    const canvas = document.querySelector(`canvas[data-chart="${button.dataset.chartPng}"]`);
    if (!canvas) return;
    canvas.toBlob((blob) => {
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = button.dataset.filename || "grafik.png";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    }, "image/png");
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-chart-png]");
    if (button) savePng(button);
  });
  document.addEventListener("htmx:afterSettle", draw);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
