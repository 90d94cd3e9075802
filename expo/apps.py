from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpoConfig(AppConfig):
    name = "expo"
    verbose_name = _("Expo editions")

    def ready(self):
        from core.public_cache import invalidate_on_change
        from expo.models import Edition, Partner

        invalidate_on_change(Edition, Partner, Edition.host_regions.through)
