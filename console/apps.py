from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ConsoleConfig(AppConfig):
    name = "console"
    verbose_name = _("Organiser console")

    def ready(self):
        from django.apps import apps

        from console.roles import sync_roles

        # After every migrate (make run, a deployment, the test database): the roles
        # follow the models and permissions the code has now. Sent once per app with
        # models; this app has none, so it listens for the auth app's.
        post_migrate.connect(
            sync_roles, sender=apps.get_app_config("auth"), dispatch_uid="console.sync_roles"
        )
