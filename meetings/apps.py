from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Business matching")

    def ready(self):
        from core.public_cache import invalidate_on_change
        from expo import public_scopes
        from meetings import selectors
        from meetings.models import Slot
        from outcomes.report import register_section

        # The participants' pages link to their booking pages once the edition has slots.
        invalidate_on_change(Slot, lambda slot: public_scopes.of_editions([slot.edition_id]))
        # The impact report counts the meetings.
        register_section(selectors.report_section)
