"""Raise the agreements' data version (core.versions) whenever a model the dashboards, the
network, the map or the public portal read is saved or deleted. Bulk writes send no signals:
their services raise it themselves."""

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from sinergi.core.versions import AGREEMENTS, bump_data_version, version_raised


def data_changed(sender: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # fixtures being loaded
        return
    if kwargs.get("action", "post_").startswith("pre_"):  # m2m: only after the change
        return
    bump_data_version()


def version_raised_receiver(sender: Any, name: str, **kwargs: Any) -> None:
    if name == AGREEMENTS:
        from sinergi.dashboards.answers import schedule_store

        schedule_store()


def connect() -> None:
    version_raised.connect(version_raised_receiver, dispatch_uid="national-answers")
    from sinergi.affairs.models import Affair
    from sinergi.agreements.models import Agreement, Organization, Party
    from sinergi.alerts.models import Warning
    from sinergi.planning.models import AgreementFlag
    from sinergi.regions.models import Region, RegionBorder

    for model in (Agreement, Party, Organization, Warning, AgreementFlag, Affair, Region):
        uid = f"data-version-{model._meta.label_lower}"
        post_save.connect(data_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(data_changed, sender=model, dispatch_uid=f"{uid}-delete")
    post_delete.connect(data_changed, sender=RegionBorder, dispatch_uid="data-version-borders")
    m2m_changed.connect(
        data_changed, sender=Agreement.other_affairs.through, dispatch_uid="data-version-affairs"
    )
