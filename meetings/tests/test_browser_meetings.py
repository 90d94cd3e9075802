"""Business matching in the browser, on a phone: a buyer signs up and confirms the
address, registers as a buyer and asks an exhibitor for a time; the owner accepts it on
the dashboard; the buyer sees it confirmed, and both have the calendar file."""

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory
from expo.tests.factories import EditionFactory
from meetings import services
from meetings.models import Meeting
from meetings.tests.factories import ConfirmedUserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]


def test_a_buyer_books_a_meeting_that_the_owner_accepts(live_server, phone, browser):
    edition = EditionFactory(name="Kasmex 2031", slug="kasmex-2031")
    owner = ConfirmedUserFactory(username="bu.sri", email="bu.sri@example.com")
    ApplicationFactory(
        edition=edition,
        accepted=True,
        exhibitor=ExhibitorFactory(name="Batik Sekar", slug="batik-sekar", owner=owner),
    )
    services.open_slots(
        edition=edition,
        day=edition.starts_on,
        starts=datetime.time(10),
        ends=datetime.time(11),
        minutes=30,
        place="stan",
        by=None,
    )

    # The buyer finds the exhibitor and signs up from its business meetings page.
    phone.goto(f"{live_server.url}/pameran/kasmex-2031/peserta/batik-sekar/")
    phone.get_by_role("link", name="Temu bisnis").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Temu bisnis dengan Batik Sekar")
    book_url = phone.url
    phone.locator("main").get_by_role("link", name="Daftar").click()
    phone.fill("#id_email", "hendra@nusantara.example.com")
    phone.fill("#id_password1", "batik-untuk-ekspor-2031")
    phone.fill("#id_password2", "batik-untuk-ekspor-2031")
    phone.locator("main form button[type=submit]").click()
    expect(phone.locator("main h1")).to_contain_text("Verifikasi")
    [message] = mail.outbox
    confirm_path = re.search(r"https?://[^/]+(/akun/confirm-email/\S+/)", message.body).group(1)
    phone.goto(live_server.url + confirm_path)
    phone.locator("main form button[type=submit]").click()

    # Registered once as a buyer, back on the exhibitor's page to ask for a time.
    phone.goto(book_url)
    phone.get_by_role("link", name="Daftar sebagai pembeli").click()
    phone.fill("#id_name", "Hendra Wijaya")
    phone.fill("#id_organisation", "CV Nusantara Niaga")
    phone.select_option("#id_kind", "eksportir")
    phone.select_option("#id_province", "33")  # the script narrows the list at once
    expect(phone.locator("#id_region option[value='33.74']")).to_have_count(1)
    phone.select_option("#id_region", "33.74")
    phone.get_by_role("button", name="Simpan").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Temu bisnis dengan Batik Sekar")
    phone.get_by_label(re.compile(r"10\.30–11\.00")).check()
    phone.fill("#id_message", "Batik tulis untuk pasar Qatar.")
    phone.get_by_role("button", name="Minta temu bisnis").click()
    expect(phone.locator(".messages")).to_contain_text("Permintaan Anda sudah dikirim.")
    expect(phone.locator(".card")).to_contain_text("Diminta")

    # The owner accepts it on the dashboard.
    owner_context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="id-ID"
    )
    owner_page = owner_context.new_page()
    owner_page.goto(f"{live_server.url}/akun/login/")
    owner_page.fill("#id_login", "bu.sri@example.com")
    owner_page.fill("#id_password", "rahasia-yang-panjang-123")
    owner_page.locator("main form button[type=submit]").click()
    owner_page.get_by_role("link", name="Temu bisnis dengan pembeli").click()
    card = owner_page.locator(".card", has_text="Hendra Wijaya")
    expect(card).to_contain_text("Batik tulis untuk pasar Qatar.")
    card.get_by_role("button", name="Terima").click()
    expect(owner_page.locator(".messages")).to_contain_text("Temu bisnis diterima")
    owner_context.close()

    # The buyer sees it confirmed; both have the calendar file.
    phone.reload()
    expect(phone.locator(".card")).to_contain_text("Dikonfirmasi")
    assert Meeting.objects.get().status == Meeting.Status.ACCEPTED
    confirmations = [m for m in mail.outbox if m.attachments]
    assert sorted(m.to[0] for m in confirmations) == [
        "bu.sri@example.com",
        "hendra@nusantara.example.com",
    ]
