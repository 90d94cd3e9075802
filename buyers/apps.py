from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuyersConfig(AppConfig):
    name = "buyers"
    verbose_name = _("Buyers")

    def ready(self):
        from buyers import selectors
        from exhibitors.selectors import register_dashboard_panel
        from outcomes.report import register_section

        # The owner's dashboard shows the inbox and its counter without naming it, and the
        # impact report what came of the inquiries.
        register_dashboard_panel(selectors.inbox_panel)
        register_section(selectors.report_section)
