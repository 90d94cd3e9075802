from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpoConfig(AppConfig):
    name = "expo"
    verbose_name = _("Expo editions")

    def ready(self):
        from core.public_cache import invalidate_all_on_rename, invalidate_on_change
        from expo import public_scopes
        from expo.models import AgendaSession, Edition, Partner

        invalidate_on_change(
            Edition, lambda edition: [public_scopes.edition(edition.slug), public_scopes.EDITIONS]
        )
        invalidate_all_on_rename(Edition)
        invalidate_on_change(
            Partner, lambda partner: public_scopes.of_editions([partner.edition_id])
        )
        invalidate_on_change(
            AgendaSession, lambda session: public_scopes.of_editions([session.edition_id])
        )
        # Sent with the edition, or with a region whose editions changed (then all pages).
        invalidate_on_change(
            Edition.host_regions.through,
            lambda row: [public_scopes.edition(row.slug)] if isinstance(row, Edition) else [],
        )
