"""Journey 3 and 4 on the booth board, in the browser: assign with a click, then the draft."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from booths.models import Assignment
from booths.tests.factories import BoothFactory
from exhibitors.models import Category
from exhibitors.tests.factories import ApplicationFactory, UserFactory
from expo.tests.factories import EditionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]

PASSWORD = "rahasia-panitia-kasmex-2031"


@pytest.fixture
def admin_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_organiser_assigns_on_the_board_without_reload_then_confirms_the_draft(
    live_server, admin_page
):
    page = admin_page
    refused = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and refused.append(message.text),
    )
    UserFactory(username="panitia", password=PASSWORD, is_staff=True, is_superuser=True)
    edition = EditionFactory(name="Kasmex 2031")
    for number in range(1, 5):
        BoothFactory(edition=edition, code=f"A-{number:02d}", x=3 * (number - 1), y=0)
    ApplicationFactory(edition=edition, accepted=True, exhibitor__name="Batik Sekar Jagad")
    for name, category in [
        ("Anyaman Eceng Gondok", Category.CRAFT),
        ("Tenun Troso", Category.BATIK),
    ]:
        ApplicationFactory(
            edition=edition, accepted=True, exhibitor__name=name, exhibitor__category=category
        )
    board = reverse("admin:booths_board", kwargs={"edition_id": edition.pk})

    page.goto(f"{live_server.url}/admin/login/?next={board}")
    page.fill("#id_username", "panitia")
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Papan stan: Kasmex 2031")
    page.evaluate("window.boardNotReloaded = true")

    page.get_by_role("link", name="Batik Sekar Jagad").click()
    expect(page.locator(".board-hint")).to_contain_text("Klik stan kosong untuk Batik Sekar Jagad")
    page.get_by_role("link", name="A-02: kosong (Standar), tempatkan di sini").click()

    expect(page.locator(".messagelist")).to_have_text(
        "Batik Sekar Jagad sekarang menempati stan A-02."
    )
    expect(page.get_by_role("link", name="A-02: Batik Sekar Jagad")).to_be_visible()
    expect(page.locator(".board-participants li")).to_have_count(2)
    assert page.evaluate("window.boardNotReloaded") is True
    assert page.url == live_server.url + board

    page.get_by_role("link", name="Draf otomatis untuk semua yang belum punya stan").click()
    expect(page.locator(".draft-placements tbody tr")).to_have_count(2)
    page.get_by_role("button", name="Setujui: tempatkan 2 stan").click()

    expect(page.locator(".messagelist")).to_have_text("Draf disetujui: 2 stan ditempatkan.")
    expect(page.locator(".board-participants")).to_contain_text(
        "Semua peserta stan yang diterima sudah punya stan."
    )
    assert Assignment.objects.count() == 3
    # Nothing the Content-Security-Policy refused (inline script or style) along the way.
    assert refused == []
