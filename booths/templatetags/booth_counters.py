from django import template

from booths.selectors import edition_counters as count_for_edition

register = template.Library()


@register.inclusion_tag("admin/booths/edition_counters.html")
def edition_counters(edition):
    """The live counters of an edition, for admin pages of the apps booths builds on.

    A template tag, so the edition and application pages show them without those apps
    importing this one; htmx then refreshes them from ``BoothAdmin.counters_view``.
    """
    return count_for_edition(edition=edition)
