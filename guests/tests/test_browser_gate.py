"""The gate on a phone in the browser: a typed code lets the guest in; with the signal
gone, two scans wait on the phone, counted, and go once it is back, each recorded once;
and the vendored decoder reads an invitation's QR code."""

import base64
import io

import pytest
import segno
from django.contrib.auth.models import Group
from django.templatetags.static import static
from django.urls import reverse
from playwright.sync_api import expect

from console.roles import FIELD_OFFICER
from exhibitors.tests.factories import UserFactory
from expo.models import Membership, Organisation
from expo.tests.factories import EditionFactory
from guests.models import CheckIn
from guests.tests.factories import GuestFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "kasmex-gerbang-2031"


@pytest.fixture
def gate(live_server, phone):
    office = Organisation.objects.create(name="Dinas Koperasi UKM Kabupaten Semarang")
    edition = EditionFactory(name="Kasmex 2031", organisation=office)
    officer = UserFactory(username="petugas.gerbang", password=PASSWORD, is_staff=True)
    officer.groups.add(Group.objects.get(name=FIELD_OFFICER))
    Membership.objects.create(user=officer, organisation=office)
    url = reverse("admin:guests_gate", kwargs={"edition_id": edition.pk})
    phone.goto(f"{live_server.url}{reverse('admin:login')}?next={url}")
    phone.fill("#id_username", "petugas.gerbang")
    phone.fill("#id_password", PASSWORD)
    phone.locator("input[type=submit]").click()
    expect(phone.locator("h1")).to_have_text("Gerbang: Kasmex 2031")
    return edition


def scan(phone, code):
    phone.get_by_label("Kode undangan").fill(code)
    phone.get_by_role("button", name="Catat hadir", exact=True).click()


def test_typed_codes_let_guests_in_and_offline_scans_wait_then_count_once(phone, gate):
    first = GuestFactory(edition=gate, name="Ir. Ngesti Nugraha", companions=2)
    second = GuestFactory(edition=gate, name="Dra. Siti Aminah")
    third = GuestFactory(edition=gate, name="Kombes Pol. Budi Santoso")

    scan(phone, first.invitation_token)
    expect(phone.locator("#gate-answer")).to_contain_text("Selamat datang!")
    expect(phone.locator("#gate-answer")).to_contain_text("Ir. Ngesti Nugraha")
    expect(phone.locator("#gate-answer")).to_contain_text("2 pendamping diizinkan")

    phone.context.set_offline(True)
    scan(phone, second.invitation_token)
    scan(phone, third.invitation_token)
    expect(phone.locator("#gate-queue")).to_have_text("2 pindaian menunggu dikirim")
    expect(phone.locator("#gate-answer")).to_contain_text("Disimpan, akan diperiksa saat daring.")
    assert list(CheckIn.objects.values_list("guest", flat=True)) == [first.pk]

    phone.context.set_offline(False)
    expect(phone.locator("#gate-queue")).to_be_hidden()
    expect(phone.locator("#gate-answer")).to_contain_text("Kombes Pol. Budi Santoso")
    assert sorted(CheckIn.objects.values_list("guest", flat=True)) == sorted(
        [first.pk, second.pk, third.pk]
    )

    # The first guest's invitation shown again: already in, said so, not counted twice.
    scan(phone, first.invitation_token)
    expect(phone.locator("#gate-answer")).to_contain_text("Sudah tercatat hadir pukul")
    assert CheckIn.objects.count() == 3
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_vendored_decoder_reads_an_invitation_s_qr_code(live_server, phone, gate):
    guest = GuestFactory(edition=gate)
    png = io.BytesIO()
    segno.make(guest.invitation_token, error="m").save(png, kind="png", scale=8, border=4)
    image = "data:image/png;base64," + base64.b64encode(png.getvalue()).decode()
    phone.add_script_tag(url=f"{live_server.url}{static('vendor/jsqr/jsQR.js')}")

    decoded = phone.evaluate(
        """(source) => new Promise((resolve) => {
            const image = new Image();
            image.onload = () => {
                const canvas = document.createElement("canvas");
                canvas.width = image.width;
                canvas.height = image.height;
                const context = canvas.getContext("2d");
                context.drawImage(image, 0, 0);
                const data = context.getImageData(0, 0, image.width, image.height);
                resolve(window.jsQR(data.data, data.width, data.height).data);
            };
            image.src = source;
        })""",
        image,
    )

    assert decoded == guest.invitation_token
