"""How audit log entries read in the admin: the action in words, each change as a row."""

from auditlog.models import LogEntry
from auditlog.render import get_field_verbose_name
from django import template
from django.db import models
from django.utils.translation import gettext_lazy as _

register = template.Library()

ACTION_LABELS = {
    LogEntry.Action.CREATE: _("Added"),
    LogEntry.Action.UPDATE: _("Changed"),
    LogEntry.Action.DELETE: _("Deleted"),
    LogEntry.Action.ACCESS: _("Viewed"),
}


@register.filter
def audit_action(entry):
    return ACTION_LABELS.get(entry.action, entry.get_action_display())


@register.filter
def audit_changes(entry):
    """(field, before, after) for each changed field, choices and records by their names.

    Host regions added or removed read as ("Host regions", "", "+ Kabupaten Semarang").
    A new record lists only the fields it was given, without its id.
    """
    display = entry.changes_display_dict
    model = entry.content_type.model_class()
    rows = []
    for name, change in entry.changes_dict.items():
        label = get_field_verbose_name(entry, name)
        if isinstance(change, dict):
            sign = "+" if change.get("operation") == "add" else "−"
            rows.append((label, "", ", ".join(f"{sign} {obj}" for obj in change["objects"])))
            continue
        field = model._meta.get_field(name)
        before, after = (
            _shown(value, field=field) for value in display.get(field.verbose_name, change)
        )
        is_new = entry.action == LogEntry.Action.CREATE
        if not (is_new and (field.primary_key or after == EMPTY)):
            rows.append((label, before, after))
    return rows


EMPTY = "—"


def _shown(value, *, field):
    if value in ("None", ""):
        return EMPTY
    if isinstance(field, models.BooleanField):
        # The log keeps a Python truth value; a person reads yes or no.
        return _("yes") if value == "True" else _("no")
    return value
