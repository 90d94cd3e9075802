from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitorsConfig(AppConfig):
    """The site visitors and buyers see: editions, the directory, exhibitor and product
    pages, the floor plan. It reads every domain app; none of them knows it."""

    name = "visitors"
    verbose_name = _("Public site")
