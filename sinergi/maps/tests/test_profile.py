"""The region profile page (/wilayah/<code>/): figures from the agreements in scope only."""

import re
from pathlib import Path
from typing import Any

import pytest

from sinergi.agreements.models import Agreement
from sinergi.conftest import client_for
from sinergi.maps.profile import Figure
from sinergi.planning.models import AgreementFlag

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile_data(data_set: dict[str, Agreement], dinkes_samarinda: Any) -> dict[str, Agreement]:
    a1, a4 = data_set["a1"], data_set["a4"]
    a1.parties.get(region__code="64.72").agencies.add(dinkes_samarinda)
    for agreement in (a1, a4):
        AgreementFlag.objects.create(agreement=agreement, code="belum_dianggarkan", explanation="-")
    return data_set


def counts(rows: list[Figure]) -> dict[str, int]:
    return {figure.label: figure.count for figure in rows}


def link(figure: Figure) -> str:
    return f'href="/kerja-sama/?{figure.query.replace("&", "&amp;")}">{figure.count}</a>'


@pytest.mark.usefixtures("profile_data")
class TestProfileFigures:
    def test_it_counts_agreements_by_status_and_sector_with_links_to_the_list(
        self, province_admin: Any
    ) -> None:
        response = client_for(province_admin).get("/wilayah/64.72/")
        profile = response.context["profile"]
        assert profile.total == 4
        assert counts(profile.by_status) == {
            "Usulan": 1,
            "Berlaku": 2,
            "Berakhir": 1,  # a2 ends today
            "Akan berakhir (≤ 90 hari)": 1,  # a4 ends tomorrow
        }
        active = next(f for f in profile.by_status if f.code == "berlaku")
        assert active.query == "region=64.72&status=berlaku"
        assert [(f.code, f.count) for f in profile.by_sector] == [("1.02", 4)]
        html = response.content.decode()
        for figure in [*profile.by_status, *profile.by_sector]:
            assert link(figure) in html
        assert 'href="/kerja-sama/?region=64.72"><strong>4</strong>' in html

    def test_every_figure_is_what_the_list_behind_its_link_counts(
        self, province_admin: Any
    ) -> None:
        client = client_for(province_admin)
        profile = client.get("/wilayah/64.72/").context["profile"]
        shown = [*profile.by_status, *profile.by_sector, *profile.agencies, *profile.flags]
        shown += [*profile.partner_regions, *profile.partner_organizations]
        for figure in shown:
            listed = client.get(f"/kerja-sama/?{figure.query}").context["counts"]["semua"]
            assert listed == figure.count, figure
        assert len(shown) == 10

    def test_it_lists_partners_opds_and_flags(self, province_admin: Any) -> None:
        response = client_for(province_admin).get("/wilayah/64.72/")
        profile = response.context["profile"]
        assert [(f.code, f.label, f.count) for f in profile.partner_regions] == [
            ("64.02", "Kabupaten Kutai Kartanegara", 2),
            ("61.71", "Kota Pontianak", 1),
        ]
        assert [(f.label, f.code, f.count) for f in profile.partner_organizations] == [
            ("Universitas Mulawarman", "Perguruan tinggi", 1)
        ]
        assert counts(profile.agencies) == {"Dinas Kesehatan Kota Samarinda": 1}
        assert counts(profile.flags) == {"Belum dianggarkan tahun berjalan": 2}
        html = response.content.decode()
        assert '<a href="/wilayah/61.71/">Kota Pontianak</a>' in html
        assert "Dinas Kesehatan Kota Samarinda" in html

    def test_spm_and_innovations_say_when_there_are_none(self, province_admin: Any) -> None:
        html = client_for(province_admin).get("/wilayah/64.72/").content.decode()
        assert "Capaian SPM" in html
        assert "Data capaian Standar Pelayanan Minimal belum tersedia." in html
        assert "Belum ada inovasi wilayah ini di katalog." in html

    def test_a_tkksd_sees_its_own_region_from_its_agreements(self, tkksd_samarinda: Any) -> None:
        profile = client_for(tkksd_samarinda).get("/wilayah/64.72/").context["profile"]
        assert profile.total == 4


@pytest.mark.usefixtures("profile_data")
class TestProfileScope:
    def test_a_region_outside_scope_shows_reference_data_but_no_agreements(
        self, tkksd_pontianak: Any
    ) -> None:
        # Pontianak is a party to a2, with Samarinda: still nothing of Samarinda's is shown.
        response = client_for(tkksd_pontianak).get("/wilayah/64.72/")
        html = response.content.decode()
        assert response.status_code == 200
        assert response.context["profile"] is None
        assert "Kota Samarinda" in html
        assert "Kawasan perbatasan negara" in html
        assert "di luar cakupan Anda" in html
        assert "Menurut status" not in html
        assert "Universitas Mulawarman" not in html
        assert "Kutai Kartanegara" not in html

    def test_a_regency_tkksd_does_not_see_a_neighbours_figures(self, tkksd_samarinda: Any) -> None:
        response = client_for(tkksd_samarinda).get("/wilayah/64.02/")
        assert response.context["profile"] is None
        assert "di luar cakupan Anda" in response.content.decode()

    def test_the_pontianak_profile_counts_only_what_pontianak_may_see(
        self, tkksd_pontianak: Any
    ) -> None:
        profile = client_for(tkksd_pontianak).get("/wilayah/61.71/").context["profile"]
        assert counts(profile.by_status) == {"Berakhir": 1}
        assert counts(profile.partner_regions) == {"Kota Samarinda": 1}
        assert profile.flags == []

    def test_the_executive_sees_the_province_profile(self, executive: Any) -> None:
        profile = client_for(executive).get("/wilayah/64/").context["profile"]
        assert profile.total == 2  # Kaltim records a4 (not a party) and is a party to a5
        assert counts(profile.partner_regions) == {
            "Kabupaten Kutai Kartanegara": 2,
            "Kota Samarinda": 1,
        }


class TestPrintableSummary:
    def test_the_page_has_a_print_button_print_css_and_a_small_map_without_inline_code(
        self, province_admin: Any
    ) -> None:
        html = client_for(province_admin).get("/wilayah/64.72/").content.decode()
        assert (
            '<button type="button" class="btn btn-sm btn-sinergi" data-print>Cetak</button>' in html
        )
        assert '<link rel="stylesheet" href="/static/maps/print.css">' in html
        assert '<script src="/static/maps/map.js" defer></script>' in html
        assert 'data-highlight="64.72"' in html
        assert 'data-level="kabupaten_kota" data-province="64"' in html
        assert not re.search(r"\sstyle=", html)
        assert not re.search(r"<script(?![^>]*\ssrc=)", html)

    def test_a_province_is_drawn_among_the_provinces(self, province_admin: Any) -> None:
        html = client_for(province_admin).get("/wilayah/64/").content.decode()
        assert 'data-level="provinsi" data-province=""' in html

    def test_the_print_stylesheet_hides_navigation_and_forms(self) -> None:
        from django.contrib.staticfiles import finders

        path = finders.find("maps/print.css")
        assert path is not None
        css = Path(path).read_text(encoding="utf-8")
        assert "@media print" in css
        assert re.search(r"nav, footer, form, \.btn", css)
