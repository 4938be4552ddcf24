"""The authorisation matrix of issue #10: every web URL, every role, against objects of Kota
Samarinda (and everything hanging from them).

Each persona stands somewhere else relative to those objects:

    R  superuser                          everything
    A  Admin Provinsi Kaltim              the objects are in its province
    P  Pimpinan Kaltim (executive)        in its province, read only
    S  TKKSD Kota Samarinda               its own region
    O  Perangkat Daerah (Dinkes Samarinda) its own region, its own OPD
    K  TKKSD Kab. Kutai Kartanegara       another region of the same province
    X  TKKSD Kota Pontianak               another province

MATRIX names, for each URL, the personas a GET and a POST lets through; everybody else must be
refused (403, or 404: the object does not exist for them) — or, for a method the view does not
serve, every persona gets 405 ("405"). "Let through" means neither refused nor sent to the
login; the request itself may still be incomplete (an empty form answers with its errors), so
for writes the row says who passes the access checks, and the apps' own tests say what a
complete request then does. Every request runs in a transaction that is rolled back, so one
persona's delete cannot change what the next one sees.

A URL without a row fails the test, as does a stale row: a new page cannot ship without a
decision on who may use it. Anonymous visitors are covered by `test_url_access.py`.
"""

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import get_resolver, reverse

from sinergi.agencies.models import Agency, AgencyImport
from sinergi.agreements.import_models import AgreementImport
from sinergi.agreements.models import AgreementDocument, Milestone
from sinergi.evaluations.models import AnnualReport, Criterion, Evaluation
from sinergi.extractions.models import DocumentExtraction
from sinergi.innovations.models import (
    Innovation,
    InnovationFile,
    InnovationResult,
    ReplicationInterest,
)
from sinergi.innovations.tests.factories import InnovationFactory
from sinergi.monitoring.models import Indicator, MonitoringReport, Obligation, ReportEvidence
from sinergi.planning.models import BudgetLine, NomenclatureImport, NomenclatureVersion
from sinergi.spm.models import Entry
from sinergi.spm.models import Indicator as SpmIndicator
from sinergi.tests.factories import UserFactory
from sinergi.tests.test_url_access import PUBLIC, SKIPPED_NAMESPACES, _patterns
from sinergi.tokens.services import token_create
from sinergi.webhooks.models import Webhook

pytestmark = pytest.mark.django_db
PERSONAS = "RAPSOKX"
ALL = PERSONAS
SCOPE = "RAPSO"  # whoever sees Samarinda: its province, itself
MANAGERS = "RAS"  # whoever manages Samarinda's records: its TKKSD, its province's admin
ADMINS = "RA"
MANAGING_ROLES = "RASKX"  # whoever manages some region (the row is about their own)
PROPOSING_ROLES = "RASOKX"  # whoever may propose in some region: all but the executive
PROPOSERS_HERE = "RASO"  # whoever may propose in Samarinda
UPLOADER = "S"  # an import in progress is its uploader's alone (TKKSD Samarinda here)
NOT_SERVED = "405"
# Personal data in the world below (the officer's contact, an officer's and a signatory's name)
CONTACT = ("0812-5555-0101", "siti.rahmawati@dinkes-samarinda.go.id")
NAMES = ("Siti Rahmawati", "Andi Harun Pratama")
PERSONAL = CONTACT + NAMES

# url name → (who passes GET, who passes POST)
MATRIX: dict[str, tuple[str, str]] = {
    "tokens:list": (ALL, ALL),
    "tokens:revoke": (NOT_SERVED, "S"),  # a token is its owner's alone
    "webhooks:list": (MANAGING_ROLES, MANAGING_ROLES),
    "webhooks:deliveries": (MANAGERS, MANAGERS),
    "webhooks:deactivate": (NOT_SERVED, MANAGERS),
    "accounts:profile": (ALL, ALL),
    "accounts:switch_region": (NOT_SERVED, "A"),
    "accounts:password_change": (ALL, ALL),
    "regions:list": (ALL, ALL),
    "regions:export": (ALL, ALL),
    "regions:detail": (ALL, ALL),
    "agencies:list": (ALL, ALL),
    "agencies:create": (MANAGING_ROLES, MANAGING_ROLES),
    "agencies:export": (ALL, ALL),
    "agencies:trash": (ADMINS, ADMINS),
    "agencies:import": (MANAGING_ROLES, MANAGING_ROLES),
    "agencies:import_template": (ALL, ALL),
    "agencies:import_review": (UPLOADER, UPLOADER),
    "agencies:detail": (SCOPE, SCOPE),
    "agencies:edit": (PROPOSERS_HERE, PROPOSERS_HERE),
    "agencies:delete": (MANAGERS, MANAGERS),
    "agencies:restore": (NOT_SERVED, ADMINS),
    "audit:list": (ADMINS, ADMINS),
    "audit:export": (ADMINS, ADMINS),
    "extractions:list": (PROPOSING_ROLES, PROPOSING_ROLES),
    "extractions:detail": (PROPOSERS_HERE, PROPOSERS_HERE),
    "extractions:progress": (PROPOSERS_HERE, PROPOSERS_HERE),
    "extractions:discard": (NOT_SERVED, MANAGERS),
    "extractions:file": (PROPOSERS_HERE, PROPOSERS_HERE),
    "embeddings:search": (ALL, ALL),
    "embeddings:similar": (SCOPE, SCOPE),
    "recommendations:ask": (ALL, ALL),
    "recommendations:partners": (ALL, ALL),
    "agreements:list": (ALL, ALL),
    "agreements:agency_options": (ALL, ALL),
    "agreements:create": (PROPOSING_ROLES, PROPOSING_ROLES),
    "agreements:export": (ALL, ALL),
    "agreements:import_upload": (MANAGING_ROLES, MANAGING_ROLES),
    "agreements:import_template": (ALL, ALL),
    "agreements:import_review": (UPLOADER, UPLOADER),
    "agreements:import_confirm": (NOT_SERVED, UPLOADER),
    "agreements:import_progress": (UPLOADER, UPLOADER),
    "agreements:import_cancel": (NOT_SERVED, UPLOADER),
    "agreements:import_errors": (UPLOADER, UPLOADER),
    "agreements:detail": (SCOPE, SCOPE),
    "agreements:edit": (MANAGERS, MANAGERS),
    "agreements:transition": (NOT_SERVED, MANAGERS),
    "agreements:milestone_complete": (NOT_SERVED, MANAGERS),
    "agreements:document_upload": (NOT_SERVED, MANAGERS),
    "agreements:document_download": (SCOPE, SCOPE),
    "planning:nomenclature_versions": (ALL, ALL),
    "planning:nomenclature_import": (ADMINS, ADMINS),
    "planning:nomenclature_preview": ("R", "R"),  # its uploader (the superuser) alone
    "planning:nomenclature_items": (ALL, ALL),
    "planning:nomenclature_export": (ALL, ALL),
    "planning:authority": (ALL, ALL),
    "planning:authority_export": (ALL, ALL),
    "planning:agreement": (SCOPE, MANAGERS),
    "planning:budget_export": (SCOPE, SCOPE),
    "planning:budget_line_edit": (MANAGERS, MANAGERS),
    "planning:budget_line_delete": (NOT_SERVED, MANAGERS),
    "monitoring:reports": (ALL, ALL),
    "monitoring:reports_export": (ALL, ALL),
    "monitoring:agreement": (SCOPE, SCOPE),
    "monitoring:obligation_create": (MANAGERS, MANAGERS),
    "monitoring:obligation_edit": (MANAGERS, MANAGERS),
    "monitoring:obligation_delete": (NOT_SERVED, MANAGERS),
    "monitoring:obligation_fulfil": (NOT_SERVED, MANAGERS),
    "monitoring:obligation_reopen": (NOT_SERVED, MANAGERS),
    "monitoring:obligation_evidence": (SCOPE, SCOPE),
    "monitoring:indicator_create": (MANAGERS, MANAGERS),
    "monitoring:indicator_edit": (MANAGERS, MANAGERS),
    "monitoring:indicator_delete": (NOT_SERVED, MANAGERS),
    "monitoring:report_create": (MANAGERS, MANAGERS),
    "monitoring:report_detail": (SCOPE, SCOPE),
    "monitoring:report_edit": (MANAGERS, MANAGERS),
    "monitoring:report_delete": (NOT_SERVED, MANAGERS),
    "monitoring:report_transition": (NOT_SERVED, MANAGERS),
    "monitoring:report_comment": (NOT_SERVED, MANAGERS),
    "monitoring:evidence_upload": (NOT_SERVED, MANAGERS),
    "monitoring:evidence_download": (SCOPE, SCOPE),
    "monitoring:evidence_delete": (NOT_SERVED, MANAGERS),
    "alerts:queue": (ALL, ALL),
    "alerts:export": (ALL, ALL),
    "evaluations:agreement": (SCOPE, SCOPE),
    "evaluations:start": (NOT_SERVED, MANAGERS),
    "evaluations:score": (NOT_SERVED, MANAGERS),
    "evaluations:recompute": (NOT_SERVED, MANAGERS),
    "evaluations:finalise": (NOT_SERVED, MANAGERS),
    "evaluations:annual": ("RAPSKX", "RAPSKX"),
    "evaluations:annual_progress": ("RAPS", "RAPS"),
    "evaluations:annual_download": ("RAPS", "RAPS"),
    "evaluations:agencies": (ALL, ALL),
    "evaluations:agencies_export": (ALL, ALL),
    "evaluations:agency": (SCOPE, SCOPE),
    "dashboards:index": (ALL, ALL),
    "dashboards:export": (ALL, ALL),
    "dashboards:network": (ALL, ALL),
    "dashboards:network_data": (ALL, ALL),
    "maps:index": (ALL, ALL),
    "maps:values": (ALL, NOT_SERVED),
    "maps:lines": (ALL, NOT_SERVED),
    "maps:values_table": (ALL, NOT_SERVED),
    "maps:values_export": (ALL, NOT_SERVED),
    "spm:index": (ALL, ALL),
    "spm:comparison": (ALL, ALL),
    "spm:comparison_export": (ALL, ALL),
    "spm:entry": (MANAGERS, MANAGERS),
    "spm:evidence": (SCOPE, SCOPE),
    "spm:import": (MANAGING_ROLES, MANAGING_ROLES),
    "spm:import_template": (ALL, ALL),
    "innovations:list": (ALL, ALL),
    "innovations:export": (ALL, ALL),
    "innovations:rankings": (ALL, ALL),
    "innovations:create": (PROPOSING_ROLES, PROPOSING_ROLES),
    "innovations:detail": (SCOPE, SCOPE),
    "innovations:edit": (MANAGERS, MANAGERS),
    "innovations:publish": (NOT_SERVED, MANAGERS),
    "innovations:withdraw": (NOT_SERVED, MANAGERS),
    "innovations:figure_add": (NOT_SERVED, MANAGERS),
    "innovations:figure_delete": (NOT_SERVED, MANAGERS),
    "innovations:file_upload": (NOT_SERVED, MANAGERS),
    "innovations:file_download": (SCOPE, SCOPE),
    "innovations:file_delete": (NOT_SERVED, MANAGERS),
    "innovations:interest_create": ("RAKX", "RAKX"),
    "innovations:interests": (ALL, ALL),
    "innovations:interest": (SCOPE, SCOPE),
    "innovations:interest_letter": (SCOPE, SCOPE),
    "innovations:interest_accept": (NOT_SERVED, MANAGERS),
    "innovations:interest_decline": (NOT_SERVED, MANAGERS),
    "innovations:interest_withdraw": (NOT_SERVED, ADMINS),
}


class _Rollback(Exception):
    pass


def _put_back_files() -> None:
    """Rolling back a delete brings its row back but not its file: write the file again."""
    for model, field in FILE_FIELDS:
        for row in model.objects.exclude(**{field: ""}):
            stored = getattr(row, field)
            if not stored.storage.exists(stored.name):
                stored.storage.save(stored.name, ContentFile(b"%PDF-1.4\n"))


def _world(
    make_active_agreement: Any, samarinda: Any, kaltim: Any, region: Any, health: Any, users: dict
) -> dict[str, Any]:
    """Samarinda's objects, one of each kind a URL can point at."""
    tkksd, officer = users["S"], users["O"]
    officer.first_name, officer.last_name = NAMES[0].split()
    officer.phone, officer.email = CONTACT
    officer.save()
    agreement = make_active_agreement(
        tkksd,
        samarinda,
        [region("64.71")],
        start_date=datetime.date(2025, 1, 1),
        duration_months=36,
    )
    party = agreement.parties.get(region=samarinda)
    party.signatory_name = NAMES[1]
    party.save()
    document = AgreementDocument.objects.create(
        agreement=agreement,
        kind="naskah",
        title="Naskah",
        original_name="n.pdf",
        content_type="application/pdf",
        size=9,
        uploaded_by=tkksd,
        sha256="1" * 64,
        file=ContentFile(b"%PDF-1.4\n", name="n.pdf"),
    )
    report = MonitoringReport.objects.create(
        agreement=agreement,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 6, 30),
        author=officer,
    )
    evidence = ReportEvidence.objects.create(
        report=report,
        original_name="b.pdf",
        content_type="application/pdf",
        size=9,
        sha256="0" * 64,
        uploaded_by=tkksd,
        file=ContentFile(b"%PDF-1.4\n", name="b.pdf"),
    )
    innovation = InnovationFactory(region=samarinda, affair=health, status=Innovation.Status.DRAFT)
    published = InnovationFactory(region=samarinda, affair=health)
    agency = users["O"].agency
    deleted = Agency.objects.create(region=samarinda, name="Dinas Lama")
    deleted.mark_deleted(by=tkksd)
    deleted.save()
    indicator_code = SpmIndicator.objects.filter(service__level="kabupaten_kota").first()
    entry = Entry.objects.create(
        region=samarinda,
        year=2025,
        quarter=4,
        indicator=indicator_code,
        served=1,
        target_population=2,
        evidence=ContentFile(b"%PDF-1.4\n", name="e.pdf"),
    )
    token, _ = token_create(user=tkksd, name="uji", scope="baca", days=1)
    return {
        "agreement": agreement.pk,
        "milestone": Milestone.objects.filter(agreement=agreement).first().pk,
        "document": document.pk,
        "obligation": Obligation.objects.create(
            agreement=agreement,
            party=party,
            description="Menyediakan ruang",
            evidence=ContentFile(b"%PDF-1.4\n", name="k.pdf"),
        ).pk,
        "indicator": Indicator.objects.create(
            agreement=agreement, name="Pasien", unit="orang", target=10
        ).pk,
        "report": report.pk,
        "evidence": evidence.pk,
        "evaluation": Evaluation.objects.create(agreement=agreement, year=2025).pk,
        "criterion": Criterion.objects.first().pk,
        "annual_report": AnnualReport.objects.create(
            region=samarinda,
            year=2025,
            requested_by=tkksd,
            state=AnnualReport.State.DONE,
            xlsx=ContentFile(b"PK\x03\x04", name="l.xlsx"),
        ).pk,
        "budget_line": BudgetLine.objects.create(
            agreement=agreement, party=party, fiscal_year=2025
        ).pk,
        "agency": agency.pk,
        "deleted_agency": deleted.pk,
        "agency_import": AgencyImport.objects.create(
            created_by=tkksd, file_name="opd.xlsx", file_sha256="0" * 64
        ).pk,
        "agreement_import": AgreementImport.objects.create(
            created_by=tkksd, file_name="ks.xlsx", file_sha256="0" * 64
        ).pk,
        "nomenclature_import": NomenclatureImport.objects.create(
            created_by=users["R"],
            year=2025,
            file_name="n.xlsx",
            sha256="0" * 64,
            preview={"items": [], "errors": [], "duplicates": [], "skipped": [], "counts": {}},
        ).pk,
        "nomenclature_version": NomenclatureVersion.objects.create(
            year=2025, source_name="n.xlsx", sha256="0" * 64, created_by=users["R"]
        ).pk,
        "extraction": DocumentExtraction.objects.create(
            owner_region=samarinda,
            created_by=tkksd,
            original_name="n.pdf",
            file_kind="pdf",
            size=9,
            sha256="0" * 64,
            file=ContentFile(b"%PDF-1.4\n", name="n.pdf"),
            status=DocumentExtraction.Status.READY,
        ).pk,
        "innovation": innovation.pk,
        "published_innovation": published.pk,
        "figure": InnovationResult.objects.create(
            innovation=innovation, label="Waktu", after=1, year=2025
        ).pk,
        "file": InnovationFile.objects.create(
            innovation=innovation,
            kind="dokumen",
            original_name="i.pdf",
            content_type="application/pdf",
            size=9,
            uploaded_by=tkksd,
            file=ContentFile(b"%PDF-1.4\n", name="i.pdf"),
        ).pk,
        "interest": ReplicationInterest.objects.create(
            innovation=published,
            region=region("64.71"),
            letter_number="1",
            letter_date=datetime.date(2026, 1, 5),
            reason="Perlu",
            letter=ContentFile(b"%PDF-1.4\n", name="s.pdf"),
            letter_content_type="application/pdf",
        ).pk,
        "webhook": Webhook.objects.create(
            region=samarinda,
            name="SIPD",
            url="https://contoh.go.id/kait",
            secret="s" * 64,
            created_by=tkksd,
        ).pk,
        "token": token.pk,
        "spm_entry": entry.pk,
        "spm_indicator": indicator_code.code,
    }


FILE_FIELDS = [
    (AgreementDocument, "file"),
    (ReportEvidence, "file"),
    (Entry, "evidence"),
    (DocumentExtraction, "file"),
    (InnovationFile, "file"),
    (Obligation, "evidence"),
    (ReplicationInterest, "letter"),
    (AnnualReport, "xlsx"),
]

# Which object a URL's `pk` names, by URL name (the other parameters say it by their names).
PK_OF = {
    "tokens": "token",
    "webhooks": "webhook",
    "agencies:import_review": "agency_import",
    "agencies:restore": "deleted_agency",
    "agencies": "agency",
    "extractions": "extraction",
    "embeddings": "agreement",
    "agreements:import_review": "agreement_import",
    "agreements:import_confirm": "agreement_import",
    "agreements:import_progress": "agreement_import",
    "agreements:import_cancel": "agreement_import",
    "agreements:import_errors": "agreement_import",
    "agreements": "agreement",
    "planning:nomenclature_preview": "nomenclature_import",
    "planning:nomenclature_items": "nomenclature_version",
    "planning:nomenclature_export": "nomenclature_version",
    "planning:budget_line_edit": "budget_line",
    "planning:budget_line_delete": "budget_line",
    "planning": "agreement",
    "monitoring": "agreement",
    "evaluations:annual_progress": "annual_report",
    "evaluations:annual_download": "annual_report",
    "evaluations:agency": "agency",
    "evaluations": "agreement",
    "spm": "spm_entry",
    "innovations:interest_create": "published_innovation",
    "innovations:interest": "interest",
    "innovations:interest_letter": "interest",
    "innovations:interest_accept": "interest",
    "innovations:interest_decline": "interest",
    "innovations:interest_withdraw": "interest",
    "innovations": "innovation",
}
OTHER_PARAMS = {
    "milestone_pk": "milestone",
    "document_pk": "document",
    "obligation_pk": "obligation",
    "indicator_pk": "indicator",
    "report_pk": "report",
    "evidence_pk": "evidence",
    "evaluation_pk": "evaluation",
    "criterion_pk": "criterion",
    "figure_pk": "figure",
    "file_pk": "file",
}
FIXED = {"code": "64.72", "fmt": "csv", "action": "ajukan", "year": 2025, "quarter": 4}


PARAM_OF = {  # where the usual value does not fit this URL
    ("agreements:transition", "action"): "akhiri",  # applies to an agreement in force
    ("evaluations:annual_download", "fmt"): "xlsx",
    ("dashboards:export", "slug"): "jenis-dokumen",
}


def _pdf(name: str = "bukti.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


# Complete POST bodies where an empty one stops at the form before the rights are checked:
# with them, the only reason left to refuse is the persona's rights.
POST_DATA: dict[str, Any] = {
    "agreements:transition": lambda: {"reason": "tujuan_tercapai", "note": "Selesai"},
    "agreements:document_upload": lambda: {"kind": "naskah", "title": "Lampiran", "file": _pdf()},
    "monitoring:evidence_upload": lambda: {"file": _pdf()},
    "evaluations:start": lambda: {"year": 2026},
    "evaluations:score": lambda: {"value": "80", "basis": "Laporan lengkap"},
    "innovations:figure_add": lambda: {"label": "Waktu", "after": "2", "year": 2025},
    "innovations:file_upload": lambda: {"kind": "dokumen", "file": _pdf()},
    "innovations:interest_decline": lambda: {"note": "Belum dapat dilayani"},
    "spm:entry": lambda: {"target_population": 10, "served": 5},
}


def _url_kwargs(name: str, params: list[str], world: dict[str, Any]) -> dict[str, Any]:
    kwargs: dict[str, Any] = {}
    for param in params:
        if param == "pk":
            key = PK_OF.get(name) or PK_OF[name.split(":")[0]]
            kwargs[param] = world[key]
        elif param == "indicator":
            kwargs[param] = world["spm_indicator"]
        elif param in OTHER_PARAMS:
            kwargs[param] = world[OTHER_PARAMS[param]]
        elif (name, param) in PARAM_OF:
            kwargs[param] = PARAM_OF[name, param]
        else:
            kwargs[param] = FIXED[param]
    return kwargs


def _site_patterns() -> Iterator[tuple[str, list[str]]]:
    for name, pattern in _patterns(get_resolver().url_patterns):
        if name.split(":")[0] in SKIPPED_NAMESPACES or name in PUBLIC:
            continue
        params = list(getattr(pattern, "converters", {}) or {}) or list(
            pattern.regex.groupindex if hasattr(pattern, "regex") else []
        )
        yield name, params


def _answer(client: Client, method: str, url: str, data: Any = None) -> HttpResponse:
    try:
        with transaction.atomic():
            response = getattr(client, method)(url, data() if data and method == "post" else None)
            raise _Rollback
    except _Rollback:
        pass
    _put_back_files()
    return response


def _outcome(response: HttpResponse) -> str:
    status = response.status_code
    if status in {403, 404}:
        return "n"
    if status == 405:
        return "m"
    if status == 401 or (status == 302 and response["Location"].startswith("/akun/masuk/")):
        return "l"
    if status >= 500:
        return "e"
    return "y"


@pytest.fixture
def users(officer: Any, samarinda: Any, kaltim: Any, region: Any) -> dict[str, Any]:
    return {
        "R": UserFactory(username="root", is_superuser=True, is_staff=True, role="", region=None),
        "A": UserFactory(username="admin.kaltim", role="admin_provinsi", region=kaltim),
        "P": UserFactory(username="pimpinan.kaltim", role="pimpinan", region=kaltim),
        "S": UserFactory(username="tkksd.samarinda", role="tkksd", region=samarinda),
        "O": officer,
        "K": UserFactory(username="tkksd.kukar", role="tkksd", region=region("64.02")),
        "X": UserFactory(username="tkksd.pontianak", role="tkksd", region=region("61.71")),
    }


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _row(
    clients: dict[str, Client], name: str, url: str, personal: list[tuple[str, str, str]]
) -> tuple[str, str]:
    """(GET, POST) as written in MATRIX, from the answers each persona gets; the personal data
    each GET shows goes to `personal` as (persona, url name, what)."""
    found = []
    for method in ("get", "post"):
        outcomes = {}
        for persona in PERSONAS:
            response = _answer(clients[persona], method, url, POST_DATA.get(name))
            outcomes[persona] = _outcome(response)
            if method == "get" and response.status_code == 200 and not response.streaming:
                page = response.content.decode(errors="replace")
                personal.extend((persona, name, what) for what in PERSONAL if what in page)
        if set(outcomes.values()) == {"m"}:
            found.append(NOT_SERVED)
        else:
            # anything but "let through" or "refused" (a 500, a login page) shows as is
            odd = [f"{p}={o}" for p, o in outcomes.items() if o not in "yn"]
            found.append("".join(p for p, o in outcomes.items() if o == "y") + " ".join(odd))
    return found[0], found[1]


def test_every_url_has_a_decision() -> None:
    names = {name for name, _ in _site_patterns()}
    assert names - set(MATRIX) == set(), "URLs without a row in MATRIX"
    assert set(MATRIX) - names == set(), "rows for URLs that no longer exist"


def test_each_role_reaches_exactly_what_the_matrix_says(
    users: dict[str, Any],
    make_active_agreement: Any,
    samarinda: Any,
    kaltim: Any,
    region: Any,
    health: Any,
    settings: Any,
    tmp_path: Any,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    world = _world(make_active_agreement, samarinda, kaltim, region, health, users)
    clients = {key: _client(user) for key, user in users.items()}
    wrong, personal = [], []
    for name, params in _site_patterns():
        url = reverse(name, kwargs=_url_kwargs(name, params, world))
        found = _row(clients, name, url, personal)
        if name in MATRIX and found != MATRIX[name]:
            wrong.append(f"{name} {url}: expected {MATRIX[name]}, found {found}")
    assert wrong == []
    # UU 27/2022: an officer's contact details only on their own profile and in the audit
    # trail (the change of them, for the admins who answer for accounts); names of officers
    # and signatories only to those who see the agreement.
    assert {(p, n) for p, n, what in personal if what in CONTACT} == {
        ("O", "accounts:profile"),
        *((admin, page) for admin in ADMINS for page in ("audit:list", "audit:export")),
    }
    assert {p for p, _n, what in personal if what in NAMES} == set(SCOPE)


# Pages of one agreement: who may open those of the province's own agreement (Kaltim with Kab.
# Berau; Samarinda, Kukar and Pontianak are not parties).
AGREEMENT_PAGES = [
    "agreements:detail",
    "agreements:edit",
    "planning:agreement",
    "monitoring:agreement",
    "evaluations:agreement",
    "embeddings:similar",
]


def test_the_provinces_own_agreement_is_the_provinces(
    users: dict[str, Any], make_active_agreement: Any, kaltim: Any, region: Any
) -> None:
    agreement = make_active_agreement(
        users["A"],
        kaltim,
        [region("64.03")],
        start_date=datetime.date(2025, 1, 1),
        duration_months=24,
    )
    clients = {key: _client(user) for key, user in users.items()}
    found = {
        name: "".join(
            p
            for p in PERSONAS
            if _outcome(_answer(clients[p], "get", reverse(name, kwargs={"pk": agreement.pk})))
            == "y"
        )
        for name in AGREEMENT_PAGES
    }
    assert found == {
        "agreements:detail": "RAP",
        "agreements:edit": ADMINS,
        "planning:agreement": "RAP",
        "monitoring:agreement": "RAP",
        "evaluations:agreement": "RAP",
        "embeddings:similar": "RAP",
    }
