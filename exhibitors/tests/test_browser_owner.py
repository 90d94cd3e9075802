"""Journey 2 in the browser: an UMKM owner signs up, fills the profile, applies."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from booths.tests.factories import BoothFactory
from core.tests.helpers import PDF
from exhibitors.models import Application, LegalDocument
from expo.tests.factories import EditionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]


def test_owner_signs_up_fills_the_profile_and_applies(live_server, phone, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    edition = EditionFactory(name="Kasmex 2031", slug="kasmex-2031")
    BoothFactory(edition=edition, code="K-01", zone="Zona Kuliner")

    phone.goto(live_server.url + "/akun/signup/")
    phone.fill("#id_email", "bu.sri@example.com")
    phone.fill("#id_password1", "keripik-tempe-renyah-2031")
    phone.fill("#id_password2", "keripik-tempe-renyah-2031")
    phone.locator("main form button[type=submit]").click()
    expect(phone.locator("main h1")).to_contain_text("Verifikasi")

    [message] = mail.outbox
    confirm_path = re.search(r"https?://[^/]+(/akun/confirm-email/\S+/)", message.body).group(1)
    phone.goto(live_server.url + confirm_path)
    phone.locator("main form button[type=submit]").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Usaha saya")
    phone.get_by_role("link", name="Isi profil usaha").click()
    phone.fill("#id_name", "Keripik Tempe Bu Sri")
    phone.select_option("#id_category", "kuliner")
    phone.select_option("#id_scale", "mikro")
    phone.fill("#id_year_founded", "2015")
    phone.fill("#id_worker_count", "3")
    phone.fill("#id_description", "Keripik tempe renyah dari Ungaran.")
    phone.select_option("#id_province", "33")  # the script narrows the list at once
    expect(phone.locator("#id_region option[value='33.22']")).to_have_count(1)
    expect(phone.locator("#id_region option[value='35.07']")).to_have_count(0)
    phone.select_option("#id_region", "33.22")
    expect(phone.locator("#id_kecamatan option[value='33.22.18']")).to_have_count(1)
    phone.select_option("#id_kecamatan", label="Ungaran Barat")
    expect(phone.locator("#id_desa option[value='33.22.18.2001']")).to_have_count(1)
    phone.fill("#id_address", "Jl. Gatot Subroto 12, Ungaran")
    phone.fill("#id_whatsapp", "0812-3456-7890")
    phone.fill("#id_video_url", "https://youtu.be/dQw4w9WgXcQ")
    phone.fill("#id_nib", "1234567890123")
    phone.get_by_role("button", name="Simpan profil").click()

    expect(phone.locator(".messages")).to_contain_text("Profil usaha Anda tersimpan.")
    expect(phone.locator(".meta").first).to_contain_text("Ungaran Barat")
    expect(phone.locator(".gaps li")).to_have_text(["dokumen NIB", "paling sedikit satu produk"])

    phone.get_by_role("link", name="Dokumen legalitas").click()
    nib = phone.locator(".documents .card", has_text="NIB")
    nib.locator("input[type=file]").set_input_files(
        {"name": "nib.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    nib.get_by_role("button", name="Unggah").click()
    expect(phone.locator(".messages")).to_contain_text("Dokumen diunggah.")
    expect(nib.get_by_role("link", name="Unduh")).to_have_count(1)
    phone.get_by_role("link", name="Kembali ke usaha saya").click()

    phone.get_by_role("link", name="Toko daring dan media sosial").click()
    phone.select_option("#id_platform", "shopee")
    phone.fill("#id_url", "https://www.tokopedia.com/keripik-bu-sri")
    phone.get_by_role("button", name="Tambahkan tautan").click()
    expect(phone.locator(".errorlist")).to_contain_text("Ini bukan alamat Shopee")
    phone.fill("#id_url", "https://shopee.co.id/keripikbusri")
    phone.get_by_role("button", name="Tambahkan tautan").click()
    expect(phone.locator(".links .card")).to_contain_text("https://shopee.co.id/keripikbusri")
    phone.get_by_role("link", name="Kembali ke usaha saya").click()

    expect(phone.locator(".gaps li")).to_have_text(["paling sedikit satu produk"])
    phone.get_by_role("link", name="Tambah produk").click()
    phone.fill("#id_name", "Keripik Tempe 250 g")
    phone.fill("#id_price", "Rp 15.000")
    phone.fill("#id_unit", "per bungkus")
    phone.get_by_label("Halal").check()
    phone.get_by_role("button", name="Simpan").click()
    expect(phone.locator(".products .price")).to_contain_text("Rp15.000")
    expect(phone.locator(".complete")).to_have_text("Profil Anda sudah lengkap.")

    phone.locator(".card", has_text="Kasmex 2031").get_by_role("link", name="Daftar").click()
    phone.get_by_label("Stan di lokasi").check()
    phone.fill("#id_staff_count", "3")
    phone.select_option("#id_preferred_zone", "Zona Kuliner")
    phone.select_option("#id_preferred_booth_kind", "food")
    phone.get_by_label("Keripik Tempe 250 g").check()
    phone.get_by_label("Saya sudah membaca tata tertib pameran dan akan mematuhinya.").check()
    phone.get_by_role("button", name="Ajukan pendaftaran").click()

    application = phone.locator(".applications .card", has_text="Kasmex 2031")
    expect(application.locator(".badge")).to_have_text("Diajukan")
    expect(application.locator(".choices")).to_contain_text("Zona Kuliner")
    expect(application.locator(".choices")).to_contain_text("Keripik Tempe 250 g")
    saved = Application.objects.get()
    assert (saved.staff_count, saved.preferred_booth_kind) == (3, "food")
    assert LegalDocument.objects.get().exhibitor.youtube_id == "dQw4w9WgXcQ"
