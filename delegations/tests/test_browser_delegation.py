"""A partner regency's delegation in the browser: the host invites Sukoharjo's office in
the admin; its delegate sets a password from the e-mail on a phone, nominates an UMKM
that never took part, and follows the host's decision to the booth."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from booths import services as booth_services
from booths.tests.factories import BoothFactory
from console.roles import ORGANISER
from delegations.tests.conftest import SUKOHARJO, umkm
from exhibitors.models import Application
from exhibitors.tests.factories import UserFactory
from expo.models import Membership, Organisation
from expo.tests.factories import EditionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]

PASSWORD = "kasmex-bersama-sukoharjo-2031"


def test_the_host_invites_a_partner_office_whose_delegate_nominates_on_a_phone(
    live_server, phone, desk
):
    office = Organisation.objects.create(name="Dinas Koperasi UKM Perindag Kabupaten Semarang")
    edition = EditionFactory(name="Kasmex 2031", organisation=office, format="hybrid")
    # Five booths: one of them is the outside participants' share (20%).
    for number in range(1, 6):
        BoothFactory(edition=edition, code=f"S-0{number}")
    organiser = UserFactory(username="panitia.semarang", password=PASSWORD, is_staff=True)
    organiser.groups.add(Group.objects.get(name=ORGANISER))
    Membership.objects.create(user=organiser, organisation=office)
    umkm(SUKOHARJO, "Ciu Bekonang Pak Darto")

    # The host, at the office.
    desk.goto(
        f"{live_server.url}{reverse('admin:login')}?next={reverse('admin:expo_delegation_add')}"
    )
    desk.fill("#id_username", "panitia.semarang")
    desk.fill("#id_password", PASSWORD)
    desk.locator("input[type=submit]").click()
    desk.locator("#id_edition").select_option(label="Kasmex 2031")
    desk.fill("#id_office_name", "Dinas Koperasi UKM Kabupaten Sukoharjo")
    desk.locator("#id_office_region").select_option(SUKOHARJO)
    desk.fill("#id_booth_places", "3")
    desk.fill("#id_delegate_email", "umkm@sukoharjokab.go.id")
    desk.locator("input[name=_save]").click()
    expect(desk.locator("#result_list")).to_contain_text("0 / 3")

    # The delegate, on a phone, from the invitation.
    [invitation] = mail.outbox
    password_path = re.search(r"https?://[^/\s]+(/akun/password/reset/key/\S+)", invitation.body)[1]
    phone.goto(live_server.url + password_path)
    phone.locator("#id_password1").fill(PASSWORD)
    phone.locator("#id_password2").fill(PASSWORD)
    phone.get_by_role("button", name="Ubah Kata Sandi").click()
    expect(phone.locator("body")).to_contain_text("Kata sandi")
    phone.goto(live_server.url + reverse("account_login"))
    phone.fill("#id_login", "umkm@sukoharjokab.go.id")
    phone.fill("#id_password", PASSWORD)
    phone.get_by_role("button", name="Masuk").click()
    phone.goto(live_server.url + reverse("delegations"))
    phone.get_by_role("link", name="Kasmex 2031").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Delegasi ke Kasmex 2031")
    candidate = phone.locator("li.card", has_text="Ciu Bekonang Pak Darto")
    expect(candidate).to_contain_text("Belum pernah ikut.")
    candidate.get_by_label("Ikut sebagai").select_option("both")
    candidate.get_by_role("button", name="Calonkan Ciu Bekonang Pak Darto").click()
    expect(phone.locator("body")).to_contain_text("Ciu Bekonang Pak Darto dicalonkan")
    nominees = phone.locator("section", has=phone.get_by_role("heading", name="Calon Anda"))
    expect(nominees).to_contain_text("Diajukan")

    # The host decides and gives the booth; the delegate sees both.
    desk.goto(live_server.url + reverse("admin:exhibitors_application_changelist"))
    desk.get_by_role("link", name="Ciu Bekonang Pak Darto").first.click()
    desk.get_by_role("button", name="Terima", exact=True).click()
    expect(desk.locator("body")).to_contain_text("Diterima")
    application = Application.objects.get()
    assert (application.status, application.delegation.organisation.region_id) == (
        "accepted",
        SUKOHARJO,
    )
    booth_services.assign_booth(
        booth=edition.booths.get(code="S-01"), application=application, by=organiser
    )
    phone.reload()
    expect(nominees).to_contain_text("Diterima")
    expect(nominees).to_contain_text("S-01")
    expect(phone.get_by_text("1 dari 3 dicalonkan")).to_be_visible()
