"""Journey 9 in the browser: Dinas staff register an UMKM that is not online, with a
product and the owner's consent, and hand it over; the owner claims it on a phone."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import expect

from core.tests.helpers import PDF
from exhibitors.models import Exhibitor
from exhibitors.tests.factories import UserFactory
from expo.models import Membership, Organisation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]


def test_staff_register_an_umkm_and_the_owner_claims_it_on_a_phone(
    live_server, browser, phone, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    office = Organisation.objects.create(name="Dinas Koperasi UKM Kabupaten Sukoharjo")
    staff = UserFactory(username="pak.budi", email="budi@dinas.example")
    Membership.objects.create(user=staff, organisation=office)
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    desk = browser.new_context(locale="id-ID").new_page()
    desk.set_default_timeout(10_000)

    desk.goto(live_server.url + "/akun/login/")
    desk.fill("#id_login", "budi@dinas.example")
    desk.fill("#id_password", "rahasia-yang-panjang-123")
    desk.locator("main form button[type=submit]").click()
    desk.get_by_role("link", name="Pendampingan UMKM").click()
    desk.get_by_role("link", name="Daftarkan UMKM").click()
    desk.fill("#id_name", "Wedang Jahe Mbah Karto")
    desk.select_option("#id_category", "kuliner")
    desk.select_option("#id_scale", "mikro")
    desk.select_option("#id_province", "33")
    desk.select_option("#id_region", "33.11")
    desk.fill("#id_whatsapp", "0857 1111 2222")
    desk.get_by_role("button", name="Periksa dan daftarkan").click()
    expect(desk.locator(".managing-banner")).to_contain_text(
        "Bekerja atas nama Wedang Jahe Mbah Karto"
    )

    desk.get_by_role("link", name="Tambah produk").click()
    desk.fill("#id_name", "Wedang Jahe Instan")
    desk.fill("#id_price", "15.000")
    desk.get_by_role("button", name="Simpan", exact=True).click()
    expect(desk.locator(".products")).to_contain_text("Wedang Jahe Instan")

    desk.get_by_role("link", name="Persetujuan pemilik").first.click()
    desk.locator("#id_file").set_input_files(
        {"name": "persetujuan.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    desk.get_by_role("button", name="Unggah dan catat persetujuan").click()
    expect(desk.locator(".messages")).to_contain_text("Persetujuan pemilik sudah dicatat.")

    desk.get_by_role("link", name="Serahkan kepada pemilik").click()
    desk.get_by_role("button", name=re.compile("Kirim tautan lewat WhatsApp")).click()
    expect(desk.get_by_role("link", name="Kirim tautan lewat WhatsApp")).to_have_attribute(
        "href", re.compile(r"^https://wa\.me/6285711112222\?text=")
    )
    claim_path = re.search(r"https?://[^/]+(/\S+)", desk.locator(".claim-url").inner_text()).group(
        1
    )

    phone.goto(live_server.url + claim_path)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Ambil alih profil usaha Anda")
    phone.fill("#id_email", "mbah.karto@example.com")
    phone.fill("#id_password1", "jahe-merah-hangat-2031")
    phone.fill("#id_password2", "jahe-merah-hangat-2031")
    phone.get_by_role("button", name="Ambil alih profil").click()
    expect(phone.locator("main h1")).to_contain_text("Verifikasi")
    confirm_path = re.search(
        r"https?://[^/]+(/akun/confirm-email/\S+/)", mail.outbox[-1].body
    ).group(1)
    phone.goto(live_server.url + confirm_path)
    phone.locator("main form button[type=submit]").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Usaha saya")
    expect(phone.locator("#profile")).to_have_text("Wedang Jahe Mbah Karto")
    expect(phone.locator(".products")).to_contain_text("Wedang Jahe Instan")
    expect(phone.locator(".managing-banner")).to_have_count(0)
    assert Exhibitor.objects.get().owner.email == "mbah.karto@example.com"

    desk.goto(live_server.url + "/dasbor/")
    expect(desk.locator(".messages")).to_contain_text("pemiliknya sudah mengambil alih")
    expect(desk.locator(".products")).to_have_count(0)
    desk.context.close()
