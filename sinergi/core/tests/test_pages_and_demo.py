from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from sinergi.accounts.models import User
from sinergi.agencies.models import Agency
from sinergi.core.demo import DEMO_PASSWORD


def test_the_public_landing_page_invites_to_log_in(reference_data: None) -> None:
    content = Client().get("/").content.decode()
    assert "Masuk" in content
    assert 'lang="id"' in content


@pytest.mark.usefixtures("reference_data")
def test_demo_data_gives_one_login_per_role_and_is_marked(
    capsys: pytest.CaptureFixture[str], settings: Any
) -> None:
    settings.DEMO_MODE = True
    call_command("load_demo_data")
    output = capsys.readouterr().out
    assert DEMO_PASSWORD in output
    roles = set(User.objects.filter(is_demo=True).values_list("role", flat=True))
    assert roles == {"", "admin_provinsi", "tkksd", "perangkat_daerah", "pimpinan"}
    assert Agency.objects.filter(is_demo=True, region__parent__code="64").count() >= 15
    assert not Agency.objects.filter(is_demo=False).exists()

    from sinergi.agreements.models import Agreement

    statuses = set(Agreement.objects.values_list("status", flat=True))
    assert {"usulan", "pembahasan_tkksd", "penyusunan", "berlaku", "berakhir"} <= statuses
    assert Agreement.objects.filter(doc_type="pks", parent__number="DEMO/KB/2025/001").count() == 2
    from sinergi.innovations.models import Innovation

    innovations = Innovation.objects.filter(is_demo=True)
    assert innovations.published().count() >= 5
    assert {i.region.code[:2] for i in innovations} >= {"64", "61"}  # Kaltim and Kalbar
    replicated = innovations.get(name__startswith="SiAP Sehat").interests
    assert replicated.get(status="diterima").agreement.status == "usulan"
    assert replicated.filter(status="diajukan").exists()
    agreements = Agreement.objects.count()

    call_command("load_demo_data")  # idempotent
    assert Agreement.objects.count() == agreements
    assert Innovation.objects.count() == innovations.count()
    assert User.objects.filter(is_demo=True).count() == len(roles) + 2

    client = Client()
    assert client.login(username="tkksd.samarinda", password=DEMO_PASSWORD)
    page = client.get("/perangkat-daerah/").content.decode()
    assert "DATA DEMO" in page
    assert "RSUD I.A. Moeis" in page
    assert "Kutai Kartanegara" not in page


@pytest.mark.usefixtures("reference_data")
def test_demo_accounts_are_refused_on_a_production_server(settings: Any) -> None:
    settings.DEBUG = False
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="SINERGI_DEMO=true"):
        call_command("load_demo_data")
    assert not User.objects.filter(is_demo=True).exists()


def test_the_home_page_counts_agreements_per_planning_flag(
    make_active_agreement: Any, tkksd_samarinda: Any, samarinda: Any, kukar: Any
) -> None:
    import datetime

    from sinergi.conftest import client_for
    from sinergi.planning.services import flags_refresh_all

    for _ in range(2):
        make_active_agreement(
            tkksd_samarinda,
            samarinda,
            [kukar],
            start_date=datetime.date.today(),
            duration_months=12,
        )
    flags_refresh_all()
    page = client_for(tkksd_samarinda).get("/").content.decode()
    assert (
        'href="/kerja-sama/?flag=belum_dianggarkan">Belum dianggarkan tahun berjalan '
        '<span class="badge text-bg-light">2</span>'
    ) in page
    assert 'Kewenangan tidak sesuai <span class="badge text-bg-light">0</span>' in page
