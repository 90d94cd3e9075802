"""A guest's invitation in the browser: the guest opens the link of the e-mail on a
phone and answers that a representative comes; the organiser sees it in the list."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from console.roles import ORGANISER
from exhibitors.tests.factories import UserFactory
from expo.models import Membership, Organisation
from expo.tests.factories import EditionFactory
from guests import services
from guests.tests.factories import GuestFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]

PASSWORD = "kasmex-tamu-undangan-2031"


def test_a_guest_answers_from_the_phone_and_the_organiser_sees_it(
    live_server, settings, phone, desk
):
    settings.PORTAL_URL = live_server.url
    office = Organisation.objects.create(name="Dinas Koperasi UKM Perindag Kabupaten Semarang")
    edition = EditionFactory(name="Kasmex 2031", organisation=office)
    organiser = UserFactory(username="panitia.semarang", password=PASSWORD, is_staff=True)
    organiser.groups.add(Group.objects.get(name=ORGANISER))
    Membership.objects.create(user=organiser, organisation=office)
    guest = GuestFactory(edition=edition, name="Ibu Sri Wahyuni", institution="Bappeda")
    services.send_invitation(guest=guest, by=organiser)

    # The guest, on a phone, from the e-mail.
    [invitation] = mail.outbox
    link = re.search(r"https?://\S+/undangan/\S+/", invitation.body)[0]
    phone.goto(link)
    expect(phone.locator("h1")).to_have_text("Kasmex 2031")
    expect(phone.locator(".invitation-guest")).to_contain_text("Ibu Sri Wahyuni")
    expect(phone.locator(".invitation-qr svg")).to_be_visible()
    phone.get_by_label("Diwakilkan").check()
    phone.get_by_role("button", name="Kirim jawaban").click()
    expect(phone.locator(".errorlist")).to_contain_text("Isi nama orang yang mewakili Anda.")
    phone.get_by_label("Nama wakil Anda").fill("Agus Salim")
    phone.get_by_role("button", name="Kirim jawaban").click()
    expect(phone.locator(".messages")).to_contain_text("jawaban Anda sudah tercatat")
    expect(phone.locator(".invitation-answer")).to_contain_text("Diwakilkan (Agus Salim)")
    # Nothing sideways on a phone: the QR and the form fit its width.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    # The organiser, at the office.
    desk.goto(
        f"{live_server.url}{reverse('admin:login')}?next={reverse('admin:guests_guest_changelist')}"
    )
    desk.fill("#id_username", "panitia.semarang")
    desk.fill("#id_password", PASSWORD)
    desk.locator("input[type=submit]").click()
    row = desk.locator("#result_list tbody tr", has_text="Ibu Sri Wahyuni")
    expect(row).to_contain_text("Diwakilkan")
    expect(row).to_contain_text("Agus Salim")
