from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitorsConfig(AppConfig):
    name = "exhibitors"
    verbose_name = _("Exhibitors")

    def ready(self):
        from core.public_cache import invalidate_on_change
        from exhibitors.models import (
            Application,
            Exhibitor,
            LegalDocument,
            OnlineLink,
            Product,
            ProductPhoto,
        )

        # A document's check shows as a verified badge on the public pages.
        invalidate_on_change(
            Exhibitor, OnlineLink, Product, ProductPhoto, Application, LegalDocument
        )
