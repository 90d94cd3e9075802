from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoothsConfig(AppConfig):
    name = "booths"
    verbose_name = _("Booths")

    def ready(self):
        from booths.models import Assignment, Booth, VenueImage
        from core.public_cache import invalidate_on_change

        invalidate_on_change(Booth, Assignment, VenueImage)
