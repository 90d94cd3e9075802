"""The shipped nginx (deploy/nginx.conf) keeps anonymous public pages a few seconds, and
nothing else: a visitor with a session, the admin and the forms pass through it."""

import shutil
import urllib.error
import urllib.request

import pytest

from bench.nginx import running
from exhibitors.tests.factories import ApplicationFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),  # emptied by the tests before, which commit
    pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed"),
]


@pytest.fixture
def nginx(live_server, tmp_path, settings):
    with running(tmp_path, live_server.url, settings.MEDIA_ROOT) as (url, _static):
        yield url


def fetch(url, **headers):
    request = urllib.request.Request(url, headers={"Host": "testserver", **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("X-Cache"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Cache"), ""


def test_an_anonymous_page_is_kept_and_a_session_passes_by(nginx):
    application = ApplicationFactory(accepted=True, exhibitor__name="Kopi Gunung Kelir")
    directory = f"{nginx}/pameran/{application.edition.slug}/peserta/"

    first = fetch(directory)
    second = fetch(directory)

    assert first[:2] == (200, "MISS")
    assert second[:2] == (200, "HIT")
    assert "Kopi Gunung Kelir" in second[2]
    # The page in English is another address, kept on its own.
    english = fetch(directory.replace("/pameran/", "/en/pameran/"))
    assert english[1] == "MISS" and 'lang="en"' in english[2]
    # A visitor with a session gets their own page, never a kept one.
    for _visit in range(2):
        assert fetch(directory, Cookie="sessionid=abc")[1] == "BYPASS"
    # The admin's pages are never kept.
    for _visit in range(2):
        assert fetch(f"{nginx}/admin/login/")[1] == "MISS"
