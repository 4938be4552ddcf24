"""Reads of evaluations and annual reports for pages and the API, with their access rules."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from sinergi.accounts.scope import visible_regions
from sinergi.agreements.models import Agreement
from sinergi.evaluations.models import AnnualReport, Evaluation, Score
from sinergi.regions.models import Region, RegionQuerySet

# Who may request and read the annual report of a region in their scope.
REPORT_ROLES = {"admin_provinsi", "tkksd", "pimpinan"}


def evaluations_of(agreement: Agreement) -> QuerySet[Evaluation]:
    scores = Score.objects.select_related("criterion").order_by("criterion__order", "pk")
    return (
        agreement.evaluations.select_related("reviewer")
        .prefetch_related(Prefetch("scores", queryset=scores))
        .order_by("-year")
    )


def evaluation_get(*, agreement: Agreement, pk: int) -> Evaluation:
    """An evaluation of an agreement already fetched with `agreement_get_for_user`."""
    evaluation = evaluations_of(agreement).filter(pk=pk).first()
    if evaluation is None:
        raise Http404("Evaluasi tidak ditemukan.")
    return evaluation


def report_regions(user: Any) -> RegionQuerySet:
    """Regions whose annual report the user may request and download."""
    if user.is_authenticated and user.is_superuser:
        return Region.objects.all()
    if getattr(user, "role", "") not in REPORT_ROLES:
        return Region.objects.none()
    return visible_regions(user)


def annual_reports_for(user: Any) -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(region__in=report_regions(user)).select_related(
        "region", "requested_by"
    )


def annual_report_get_for_user(*, user: Any, pk: int) -> AnnualReport:
    """The one access-checked lookup of an annual report: 404 outside the user's scope."""
    report = annual_reports_for(user).filter(pk=pk).first()
    if report is None:
        raise Http404("Laporan tidak ditemukan.")
    return report
