"""Fixtures shared by every app's tests: the database, reference data, the real Chromium."""

import importlib
import os
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.cache import caches
from django.db import connection
from django.utils import translation

from core import embedded_db

CHROMIUM = Path("/usr/bin/chromium")
# Without these, Chromium as root refuses to start, and on a machine without internet it
# keeps trying to reach Google's services.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """The first test that needs the database starts (or joins) the embedded server, unless
    DATABASE_URL names one; it stops when the run ends, if nothing else uses it."""
    embedded_db.start_unless_configured()


@pytest.fixture(autouse=True)
def indonesian_addresses():
    """Each test starts in Bahasa Indonesia: a request for an English page leaves English
    active in the thread, which would give the next test's ``reverse`` the /en/ addresses."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def private_cache(settings):
    """Empty in-memory caches per test, so that query counts are the pages' own.

    The database caches the project uses by default work the same way (one test checks it).
    No process copy of the pages: a test's changes are never committed, so never announced
    to the listener (tests that commit for real turn it on with ``listening``).
    """
    settings.CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
        for alias in ("default", "public", "public_in_process", "public_fragments")
    }
    settings.PUBLIC_CACHE_LISTENS = False
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture
def listening(settings):
    """The process's own copy of the public pages, as a server keeps it: for tests that
    commit for real, whose changes are then announced to it."""
    from core import public_cache

    settings.PUBLIC_CACHE_LISTENS = True
    yield public_cache.listener
    public_cache.listener.stop()  # its connection would keep the test database open


@pytest.fixture
def organiser(client):
    """A Dinas staff member, logged in to the admin."""
    from exhibitors.tests.factories import UserFactory

    user = UserFactory(username="panitia", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


@pytest.fixture
def owner(client):
    """An UMKM owner, logged in to the public site."""
    from exhibitors.tests.factories import UserFactory

    user = UserFactory(username="bu.sri")
    client.force_login(user)
    return user


@pytest.fixture
def regions(transactional_db):
    """The regions of the data migration, for tests that commit for real.

    Such a test ends by emptying every table, regions included, so each puts them back
    first if an earlier one took them.
    """
    Region = apps.get_model("expo", "Region")
    if not Region.objects.exists():
        migration = importlib.import_module("expo.migrations.0002_load_regions")
        migration.load_regions(apps, schema_editor=None)
    if not apps.get_model("expo", "Kecamatan").objects.exists():
        migration = importlib.import_module("expo.migrations.0011_load_kecamatan_and_desa")
        with connection.schema_editor() as schema_editor:
            migration.load_kecamatan_and_desa(apps, schema_editor)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        message = f"Browser tests need Chromium at {CHROMIUM} (apt-get install chromium)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread while the browser
    # is open; the tests' database work is still synchronous, so Django's guard against
    # async use must stand aside until the browser closes.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A page in a phone-sized window, the way most visitors arrive."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="id-ID"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def desk(browser):
    """A page in a desktop window, the way organisers work in the admin."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
