"""Innovations where other parts of Sinergi use them: partner recommendations, region
profiles, the map and the agreement page."""

from typing import Any

import pytest
from django.urls import reverse

from sinergi.conftest import client_for
from sinergi.innovations.models import Innovation
from sinergi.recommendations.partners import recommend_partners

pytestmark = pytest.mark.django_db


def test_a_region_with_a_replicable_innovation_is_recommended_as_partner(
    make_innovation: Any, region: Any, samarinda: Any, province_admin: Any, health: Any
) -> None:
    pontianak, berau = region("61.71"), region("64.03")
    make_innovation(pontianak, name="Puskesmas Keliling Sungai")
    make_innovation(berau, name="Tidak Dibagi", replicable=False)
    make_innovation(berau, name="Masih Draf", status=Innovation.Status.DRAFT)

    found = {
        c.region.code: c
        for c in recommend_partners(user=province_admin, region=samarinda, affair=health)
        if c.region
    }

    assert "61.71" in found  # another province: only its innovation puts it on the list
    assert any("Puskesmas Keliling Sungai" in reason for reason in found["61.71"].reasons)
    assert not any(
        "Tidak Dibagi" in r or "Masih Draf" in r for c in found.values() for r in c.reasons
    )


def test_the_region_profile_lists_what_it_shares_and_replicates(
    make_innovation: Any, samarinda: Any, kukar: Any, tkksd_samarinda: Any, tkksd_kukar: Any
) -> None:
    from sinergi.innovations import services
    from sinergi.innovations.tests.test_replication import _letter

    shared = make_innovation(samarinda, name="Antrean Daring")
    make_innovation(samarinda, name="Draf Internal", status=Innovation.Status.DRAFT)
    interest = services.interest_submit(user=tkksd_kukar, innovation=shared, data=_letter(kukar))
    agreement = services.interest_accept(user=tkksd_samarinda, interest=interest)

    own = (
        client_for(tkksd_samarinda).get(reverse("regions:detail", args=["64.72"])).content.decode()
    )
    assert "Antrean Daring" in own
    assert "Draf Internal" in own
    assert "direplikasi 1 daerah" in own
    seen_by_kukar = (
        client_for(tkksd_kukar).get(reverse("regions:detail", args=["64.72"])).content.decode()
    )
    assert "Antrean Daring" in seen_by_kukar
    assert "Draf Internal" not in seen_by_kukar
    kukar_page = (
        client_for(tkksd_kukar).get(reverse("regions:detail", args=["64.02"])).content.decode()
    )
    assert "Mereplikasi inovasi daerah lain" in kukar_page
    assert "Antrean Daring" in kukar_page

    detail = client_for(tkksd_kukar).get(reverse("agreements:detail", args=[agreement.pk]))
    assert "Replikasi inovasi" in detail.content.decode()


def test_the_map_counts_published_innovations_per_region(
    make_innovation: Any, samarinda: Any, kukar: Any, tkksd_samarinda: Any, superuser: Any
) -> None:
    make_innovation(samarinda)
    make_innovation(samarinda)
    make_innovation(kukar)
    make_innovation(kukar, status=Innovation.Status.DRAFT)
    client = client_for(superuser)
    regencies = client.get(
        reverse("maps:values"), {"tingkat": "kabupaten_kota", "metrik": "inovasi"}
    ).json()
    assert regencies["values"]["64.72"]["value"] == 2
    assert regencies["values"]["64.02"]["value"] == 1
    provinces = client.get(
        reverse("maps:values"), {"tingkat": "provinsi", "metrik": "inovasi"}
    ).json()
    assert provinces["values"]["64"]["value"] == 3
    assert "Inovasi daerah" in provinces["metric_label"]
