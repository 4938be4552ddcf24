from django.contrib.contenttypes.models import ContentType
from django.db import models

from sinergi.audit.models import AuditEntry


def history_for(obj: models.Model) -> models.QuerySet[AuditEntry]:
    """Every recorded change to `obj`, newest first. Callers must have checked access to `obj`."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
    ).select_related("actor")
