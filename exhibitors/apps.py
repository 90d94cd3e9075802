from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitorsConfig(AppConfig):
    name = "exhibitors"
    verbose_name = _("Exhibitors")

    def ready(self):
        from core.public_cache import invalidate_all_on_rename, invalidate_on_change
        from exhibitors.models import (
            Application,
            Exhibitor,
            LegalDocument,
            OnlineLink,
            Product,
            ProductPhoto,
        )
        from exhibitors.selectors import public_scopes_of
        from expo import public_scopes

        invalidate_on_change(Exhibitor, lambda exhibitor: public_scopes_of(pk=exhibitor.pk))
        invalidate_all_on_rename(Exhibitor)
        # A document's check shows as a verified badge on the public pages.
        for model in (OnlineLink, Product, LegalDocument):
            invalidate_on_change(model, lambda row: public_scopes_of(pk=row.exhibitor_id))
        invalidate_on_change(
            ProductPhoto, lambda photo: public_scopes_of(products=photo.product_id)
        )
        # A decision changes the edition's pages, and its count on the home page.
        invalidate_on_change(
            Application,
            lambda application: [
                *public_scopes.of_editions([application.edition_id]),
                public_scopes.EDITIONS,
            ],
        )
