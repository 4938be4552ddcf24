"""Region isolation through the API, for every operation of the OpenAPI schema.

Samarinda owns an agreement (with Balikpapan) and everything that hangs from it, an OPD, a
draft innovation and an annual report. An officer of another province (TKKSD Pontianak), then
one of another region of the same province (TKKSD Kukar), calls each operation with a
read-write token: requests valid in shape (generated from the schema), aimed at Samarinda's
objects. Object operations must answer 403 or 404 and change nothing;
lists must not contain Samarinda's rows. An operation missing from EXPECTED fails the test, so
a new endpoint cannot ship without a decision on who may call it.
"""

import datetime
import json
from typing import Any

import pytest
import schemathesis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings

from sinergi.agreements.services import document_upload
from sinergi.config.api import api
from sinergi.evaluations.models import AnnualReport, Evaluation
from sinergi.innovations.models import Innovation, ReplicationInterest
from sinergi.innovations.tests.factories import InnovationFactory
from sinergi.monitoring.models import MonitoringReport
from sinergi.monitoring.services import ObligationInput, obligation_create
from sinergi.tests.factories import AgencyFactory
from sinergi.tests.files import pdf
from sinergi.tokens.services import token_create

pytestmark = pytest.mark.django_db
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
SECRET = "Rahasia Samarinda"  # in every title and name an outsider must not see

# operation → how isolation shows: "object" (403/404 for Samarinda's objects), "list" (no
# Samarinda rows in the answer), "create" (refused for Samarinda's region), or "open: why".
EXPECTED = {
    "region_list": "open: kode wilayah Kemendagri adalah data referensi publik",
    "region_detail": "open: data referensi publik",
    "affair_list": "open: data referensi publik",
    "agency_list": "list",
    "agency_detail": "object",
    "agreement_list": "list",
    "agreement_create": "create",
    "agreement_get": "object",
    "agreement_update": "object",
    "agreement_transition": "object",
    "agreement_timeline": "object",
    "agreement_document_list": "object",
    "agreement_document_download": "object",
    "agreement_planning_get": "object",
    "agreement_planning_put": "object",
    "nomenclature_list": "open: nomenklatur program-kegiatan berlaku nasional",
    "authority_map": "open: pembagian kewenangan menurut UU 23/2014, sama untuk semua",
    "monitoring_report_list": "object",
    "monitoring_report_create": "object",
    "monitoring_report_get": "object",
    "monitoring_report_update": "object",
    "monitoring_report_transition": "object",
    "monitoring_obligation_list": "object",
    "monitoring_obligation_fulfil": "object",
    "monitoring_indicator_list": "object",
    "warning_list": "list",
    "evaluation_criteria": "open: rubrik evaluasi sama untuk semua",
    "evaluation_list": "object",
    "evaluation_start": "object",
    "evaluation_score": "object",
    "evaluation_finalise": "object",
    "annual_report_request": "create",
    "annual_report_get": "object",
    "agency_performance_list": "list",
    "dashboard_figures": "list",
    "dashboard_network": "list",
    "map_boundaries": "open: batas wilayah adalah data referensi publik",
    "map_values": "list",
    "map_lines": "list",
    "spm_index": "create",
    "spm_values": "create",
    "assist_search": "list",
    "assist_similar": "object",
    "assist_ask": "list",
    "assist_partners": "create",
    "innovation_public_list": "open: hanya inovasi yang diterbitkan",
    "innovation_public_detail": "object",
    "innovation_list": "list",
    "innovation_create": "create",
    "innovation_interest_list": "list",
    "innovation_detail": "object",
    "innovation_publish": "object",
    "innovation_interest_submit": "object",
    "innovation_interest_accept": "object",
    "innovation_interest_decline": "object",
}
# Bodies or queries aimed at Samarinda where the schema alone cannot say so.
# Creations get whole valid bodies: a generated code would be refused before the right is.
AIMED_AT_SAMARINDA = {
    "agreement_create": {
        "owner_region": "64.72",
        "doc_type": "kb",
        "title": "Dari luar",
        "primary_affair": "1.02",
        "parties": [{"region": "64.72"}, {"region": "64.71"}],
    },
    "annual_report_request": {"region": "64.72", "year": 2025},
    "innovation_create": {
        "region": "64.72",
        "name": "Dari luar",
        "affair": "1.02",
        "kind": "lainnya",
        "form": "digital",
        "maturity": "inisiatif",
        "started_year": 2024,
        "problem": "x",
        "description": "x",
    },
    "spm_index": {"region": "64.72", "year": 2025},
    "spm_values": {"region": "64.72", "year": 2025},
    "assist_partners": {"region": "64.72"},
    "evaluation_score": {"value": 80, "basis": "uji"},  # a Decimal the schema allows as text
}


CREATIONS = {"agreement_create", "innovation_create", "annual_report_request"}


@pytest.fixture
def django_settings(settings: Any) -> Any:
    return settings  # hypothesis has its own `settings`


@pytest.fixture
def samarinda_world(
    make_active_agreement: Any, tkksd_samarinda: Any, samarinda: Any, region: Any, health: Any
) -> dict[str, Any]:
    agreement = make_active_agreement(
        tkksd_samarinda,
        samarinda,
        [region("64.71")],
        title=f"{SECRET}: rujukan pasien",
        start_date=datetime.date(2025, 1, 1),
        duration_months=36,
    )
    document = document_upload(
        user=tkksd_samarinda,
        agreement=agreement,
        kind="naskah",
        title="Naskah",
        upload=SimpleUploadedFile("n.pdf", pdf()),
    )
    party = agreement.parties.get(region=samarinda)
    obligation = obligation_create(
        user=tkksd_samarinda,
        agreement=agreement,
        data=ObligationInput(party=party, description="Menyediakan ruang rawat"),
    )
    report = MonitoringReport.objects.create(
        agreement=agreement,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 6, 30),
        author=tkksd_samarinda,
    )
    evaluation = Evaluation.objects.create(agreement=agreement, year=2025)
    annual = AnnualReport.objects.create(region=samarinda, year=2025, requested_by=tkksd_samarinda)
    agency = AgencyFactory(region=samarinda, name=f"{SECRET} Dinas")
    draft = InnovationFactory(
        region=samarinda, affair=health, name=f"{SECRET} draf", status=Innovation.Status.DRAFT
    )
    shared = InnovationFactory(region=samarinda, affair=health, name="Inovasi terbuka")
    interest = ReplicationInterest.objects.create(
        innovation=shared,
        region=region("64.71"),
        letter_number=f"{SECRET}/1",
        letter_date=datetime.date(2026, 1, 5),
        reason="Perlu",
    )
    return {
        "agreement_id": agreement.pk,
        "document_id": document.pk,
        "obligation_id": obligation.pk,
        "report_id": report.pk,
        "evaluation_id": evaluation.pk,
        "agency_id": agency.pk,
        "innovation_id": draft.pk,
        "interest_id": interest.pk,
        "code": "kesesuaian_tujuan",
        "annual_report_id": annual.pk,
    }


def _sample(operation: Any) -> Any:
    """One request valid in shape, the same on every run."""
    found: list[Any] = []

    @given(case=operation.as_strategy())
    @settings(
        max_examples=1,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def take(case: Any) -> None:
        found.append(case)

    take()
    return found[0]


DECIMALS = {"value", "budget_realised", "target", "before", "after"}


def _plain_numbers(body: Any) -> Any:
    """Decimal fields as plain numbers: the schema also allows text that the server then
    refuses (422), and a refused shape would hide whether the right was checked."""
    if isinstance(body, dict):
        return {k: 1 if k in DECIMALS else _plain_numbers(v) for k, v in body.items()}
    if isinstance(body, list):
        return [_plain_numbers(v) for v in body]
    return body


def _request(operation: Any, ids: dict[str, Any]) -> tuple[str, str, dict[str, Any], Any]:
    """(method, path, query, body) valid in shape, with Samarinda's ids and codes."""
    case = _sample(operation)
    params = dict(case.path_parameters or {})
    for name in params:
        key = "annual_report_id" if operation.path.endswith("laporan-tahunan/{report_id}") else name
        params[name] = ids[key]
    path = operation.path.format(**params)
    aimed = AIMED_AT_SAMARINDA.get(operation.definition.raw.get("operationId"), {})
    body = _plain_numbers(case.body) if isinstance(case.body, dict) else None
    query = dict(case.query or {})
    if operation.method.upper() in {"GET", "DELETE"}:
        query.update(aimed)
    elif operation.definition.raw["operationId"] in CREATIONS:
        body = aimed
    else:
        body = {**(body or {}), **aimed} if aimed else body
    return operation.method.upper(), path, query, body


@pytest.mark.parametrize("outsider", ["tkksd_pontianak", "tkksd_kukar"])
def test_no_operation_reaches_another_regions_data(
    samarinda_world: dict[str, Any], outsider: str, request: Any, django_settings: Any
) -> None:
    """Another province (Pontianak) and another region of Samarinda's own province (Kukar)."""
    django_settings.SINERGI_API_RATE = 100_000
    user = request.getfixturevalue(outsider)
    _token, text = token_create(user=user, name="x", scope="baca_tulis", days=1)
    client = Client(headers={"Authorization": f"Bearer {text}"})
    operations = [result.ok() for result in schema.get_all_operations()]
    ids = {op.definition.raw["operationId"] for op in operations}
    assert ids == set(EXPECTED), "an operation without a decision in EXPECTED (or a stale entry)"
    problems = []
    for operation in operations:
        expected = EXPECTED[operation.definition.raw["operationId"]]
        if expected.startswith("open:"):
            continue
        method, path, query, body = _request(operation, samarinda_world)
        url = path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
        response = client.generic(
            method,
            url,
            json.dumps(body, default=str) if body is not None else "",
            content_type="application/json",
        )
        content = b"".join(response.streaming_content) if response.streaming else response.content
        if expected in {"object", "create"} and response.status_code not in {403, 404}:
            problems.append(f"{method} {url}: {response.status_code} {content[:200]!r}")
        if expected == "list" and (response.status_code >= 500 or SECRET.encode() in content):
            problems.append(f"{method} {url}: {response.status_code} shows Samarinda's rows")
    assert problems == []


# A read-only role sees Samarinda's objects but may change none of them, even holding a
# read-write token: every writing operation answers 403 (not 404: the object is visible).
ANSWERS_FOR_THE_EXECUTIVE = {
    "annual_report_request": (201, "a report is a reading of the records: the executive may ask"),
    "innovation_interest_submit": (404, "the innovation is a draft: not offered to anybody yet"),
}


def test_the_executive_reads_but_writes_nothing(
    samarinda_world: dict[str, Any], executive: Any, django_settings: Any
) -> None:
    django_settings.SINERGI_API_RATE = 100_000
    _token, text = token_create(user=executive, name="x", scope="baca_tulis", days=1)
    client = Client(headers={"Authorization": f"Bearer {text}"})
    found = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() == "GET":
            continue
        method, path, _query, body = _request(operation, samarinda_world)
        response = client.generic(
            method,
            path,
            json.dumps(body, default=str) if body is not None else "",
            content_type="application/json",
        )
        found[operation.definition.raw["operationId"]] = response.status_code
    expected = {op: ANSWERS_FOR_THE_EXECUTIVE.get(op, (403, ""))[0] for op in found}
    assert len(found) >= 17
    assert found == expected
