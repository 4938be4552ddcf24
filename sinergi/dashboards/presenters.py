"""The dashboard's figures as charts: one definition gives the chart data, the table under it
(every number a link to the agreement list) and the CSV of the chart."""

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from sinergi.dashboards.selectors import DashboardFilters

UNSIGNED = "Belum ditandatangani"
HEADINGS = {"perubahan_persen": "Perubahan dari tahun sebelumnya", "jenis_mitra": "Jenis"}


@dataclass
class Row:
    label: str
    count: int
    params: dict[str, str] | None  # the list page's filters for this row; None: no link
    extra: list[Any] = field(default_factory=list)  # further columns of the CSV
    shown: list[Any] = field(default_factory=list)  # the same as the table shows them
    url: str = ""

    def __post_init__(self) -> None:
        self.shown = self.shown or self.extra


@dataclass
class Chart:
    slug: str  # URL part of the CSV export and id of the canvas
    title: str
    type: str  # bar, line, doughnut, hbar
    header: str  # first column
    rows: list[Row]
    extra_headers: list[str] = field(default_factory=list)
    # What the chart draws when it is not the table (the status doughnut: exclusive buckets).
    plot: list[tuple[str, int]] | None = None
    note: str = ""

    def data(self) -> dict[str, Any]:
        """For the chart script (through json_script)."""
        plot = self.plot if self.plot is not None else [(r.label, r.count) for r in self.rows]
        return {
            "id": self.slug,
            "type": self.type,
            "title": self.title,
            "labels": [label for label, _ in plot],
            "values": [count for _, count in plot],
        }

    def table_headers(self) -> list[str]:
        """The CSV's column names as the table heads them: `jenis_dokumen` → Jenis dokumen."""
        names = [self.header, "jumlah", *self.extra_headers]
        return [HEADINGS.get(name, name.replace("_", " ").capitalize()) for name in names]

    def csv(self) -> tuple[list[str], list[list[Any]]]:
        headers = [self.header, "jumlah", *self.extra_headers]
        return headers, [[r.label, r.count, *r.extra] for r in self.rows]


def list_url(filters: DashboardFilters, params: dict[str, str] | None) -> str:
    if params is None:
        return ""
    query = urlencode({**filters.list_params(), **params})
    return f"{reverse('agreements:list')}?{query}" if query else reverse("agreements:list")


def charts(figures: dict[str, Any], filters: DashboardFilters) -> list[Chart]:
    """Every chart of the dashboard, its rows linked to the agreement list."""
    found = [
        _years(figures),
        _coded(
            "jenis-kerja-sama", "Menurut jenis kerja sama", "doughnut", "kind", figures["by_kind"]
        ),
        _coded("jenis-dokumen", "Menurut jenis dokumen", "bar", "doc_type", figures["by_doc_type"]),
        _status(figures),
        _coded(
            "urusan", "Menurut urusan (utama atau lain)", "hbar", "affair", figures["by_sector"]
        ),
        _partners(figures),
        _coded(
            "tanda-perencanaan", "Tanda perencanaan dan anggaran", "hbar", "flag", figures["flags"]
        ),
    ]
    for chart in found:
        for row in chart.rows:
            row.url = list_url(filters, row.params)
    return found


def _years(figures: dict[str, Any]) -> Chart:
    rows = [
        Row(
            str(r["year"]) if r["year"] is not None else UNSIGNED,
            r["count"],
            {"year": str(r["year"])} if r["year"] is not None else None,
            ["" if r["change_pct"] is None else r["change_pct"]],
            [_change(r["change_pct"])],
        )
        for r in figures["by_year"]
    ]
    plot = [(r.label, r.count) for r in rows if r.label != UNSIGNED]
    return Chart(
        "tahun",
        "Kerja sama per tahun penandatanganan",
        "bar",
        "tahun",
        rows,
        ["perubahan_persen"],
        plot=plot,
        note=figures["year_summary"],
    )


def _change(pct: int | None) -> str:
    return "" if pct is None else f"{pct:+d}%"


def _coded(slug: str, title: str, type_: str, param: str, items: list[dict[str, Any]]) -> Chart:
    rows = [Row(i["label"], i["count"], {param: i["code"]}) for i in items]
    return Chart(slug, title, type_, param_header(param), rows)


def param_header(param: str) -> str:
    return {
        "kind": "jenis_kerja_sama",
        "doc_type": "jenis_dokumen",
        "affair": "urusan",
        "flag": "tanda",
    }[param]


def _status(figures: dict[str, Any]) -> Chart:
    rows = [Row(i["label"], i["count"], {"status": i["code"]}) for i in figures["by_status"]]
    plot = [(i["label"], i["count"]) for i in figures["status_buckets"]]
    note = "Berlaku mencakup yang akan berakhir; simbolis = peringatan tidak ada kegiatan."
    return Chart(
        "status", "Menurut status per hari ini", "doughnut", "status", rows, plot=plot, note=note
    )


def _partners(figures: dict[str, Any]) -> Chart:
    rows = [
        Row(
            p["label"],
            p["count"],
            {"region": p["code"]} if p["code"] else {"organization": p["organization"]},
            [p["group"]],
        )
        for p in figures["top_partners"]
    ]
    note = "Wilayah dan organisasi yang paling sering menjadi pihak, selain wilayah Anda."
    return Chart("mitra", "Mitra terbanyak", "hbar", "mitra", rows, ["jenis_mitra"], note=note)


def chart_by_slug(figures: dict[str, Any], filters: DashboardFilters, slug: str) -> Chart | None:
    return next((c for c in charts(figures, filters) if c.slug == slug), None)
