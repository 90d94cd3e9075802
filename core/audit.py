"""The audit log's side of removing personal data: a row anonymised in place keeps no
copy of what it held in its history either."""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType


def forget_history(queryset):
    """Delete the audit log's entries of the rows of ``queryset``; returns how many."""
    model = queryset.model
    keys = [str(pk) for pk in queryset.values_list("pk", flat=True)]
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_pk__in=keys
    )
    return entries.delete()[0]
