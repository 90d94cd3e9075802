"""The production settings the bench runs the portal with, and the data it runs on."""

import io
import os
import secrets

# The scale edition's size: 10,000 by default; BENCH_EXHIBITORS=100000 with a database of
# its own (DATABASE_URL) measures the portal at 100,000.
SCALE_EXHIBITORS = int(os.environ.get("BENCH_EXHIBITORS", "10000"))


def use_production_settings():
    """Set the environment for ``DEBUG=0``, in this process and in the server it starts.

    Without ``DATABASE_URL`` the embedded development server is joined here, so it stays
    up while the bench runs and stops when the bench exits. The bench speaks plain HTTP to
    gunicorn, as the front proxy does; it does not play the proxy's ``X-Forwarded-Proto``,
    so the redirect to HTTPS is off.
    """
    if not os.environ.get("DATABASE_URL"):
        from core.embedded_db import database_url

        os.environ["DATABASE_URL"] = database_url()
    os.environ.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DJANGO_SETTINGS_MODULE="expo.settings",
    )
    import django

    django.setup()


def prepare_database(log):
    """Migrate, collect the static files, and seed the scale edition unless it is there."""
    from django.core.management import call_command
    from django.db import connection

    from booths.demo.plans import SCALE_EDITION_SLUG
    from exhibitors.models import Application

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    present = Application.objects.accepted().filter(edition__slug=SCALE_EDITION_SLUG).count()
    if present >= SCALE_EXHIBITORS:
        log(f"reusing the '{SCALE_EDITION_SLUG}' edition: {present} exhibitors")
    else:
        log(f"seeding '{SCALE_EDITION_SLUG}' with {SCALE_EXHIBITORS - present} more exhibitors")
    # Three days of sales reports for each participant that has none (the impact report's
    # data); the demo editions loaded again, as `make run` does.
    call_command(
        "load_demo",
        exhibitors=max(0, SCALE_EXHIBITORS - present),
        with_reports=True,
        with_pictures=True,
        verbosity=0,
        stdout=io.StringIO(),
    )
    # Fresh statistics and visibility maps, as autovacuum keeps them on a live server,
    # so the query plans are those production would choose.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
