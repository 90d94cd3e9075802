"""Journey 7 in the browser: a buyer on a phone asks a virtual participant about a
product; the owner finds it in the inbox, replies by WhatsApp and turns it into an order
of the sales report."""

import datetime
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from exhibitors.tests.factories import (
    ApplicationFactory,
    ExhibitorFactory,
    ProductFactory,
    UserFactory,
)
from expo.models import Edition
from expo.tests.factories import EditionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "keripik-tempe-renyah-2031"


@pytest.fixture
def virtual_participant(regions):
    today = timezone.localdate()
    now = timezone.now()
    edition = EditionFactory(
        name="Pekalongan Virtual Expo",
        slug="pekalongan-virtual",
        format=Edition.Format.VIRTUAL,
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=1),
        registration_opens_at=now - datetime.timedelta(days=30),
        registration_closes_at=now - datetime.timedelta(days=5),
    )
    owner = UserFactory(username="bu.sri", email="bu.sri@example.com", password=PASSWORD)
    owner.emailaddress_set.create(email=owner.email, verified=True, primary=True)
    exhibitor = ExhibitorFactory(owner=owner, name="Batik Sekar", slug="batik-sekar")
    application = ApplicationFactory(
        edition=edition, exhibitor=exhibitor, mode="virtual", accepted=True
    )
    product = ProductFactory(exhibitor=exhibitor, name="Kain Batik Kopi")
    return application, product


def test_a_buyer_asks_from_a_product_page_and_the_owner_turns_it_into_an_order(
    live_server, phone, virtual_participant
):
    application, product = virtual_participant
    product_url = reverse(
        "product_detail",
        kwargs={"edition_slug": "pekalongan-virtual", "slug": "batik-sekar", "pk": product.pk},
    )

    # The buyer, on a phone, without an account.
    phone.goto(live_server.url + product_url)
    expect(phone.get_by_role("link", name="Tanya lewat WhatsApp")).to_be_visible()
    form = phone.locator("section.inquiry")
    expect(form.get_by_label("Kain Batik Kopi")).to_be_checked()
    form.get_by_label("Nama").fill("Hj. Aminah")
    form.get_by_label("WhatsApp").fill("0813-1111-2222")
    form.get_by_label("Jenis pembeli").select_option("reseller")
    form.get_by_label("Jumlah").fill("50")
    form.get_by_label("Satuan").fill("lembar")
    form.get_by_label("Pesan").fill("Bisa kirim 50 lembar ke Semarang?")
    form.get_by_role("button", name="Kirim ke penjual").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Pesan terkirim")

    # The owner signs in and finds it in the inbox.
    phone.goto(live_server.url + reverse("account_login"))
    phone.fill("#id_login", "bu.sri@example.com")
    phone.fill("#id_password", PASSWORD)
    phone.get_by_role("button", name="Masuk").click()
    inbox = phone.locator("section", has=phone.get_by_role("heading", name="Pesan masuk"))
    expect(inbox).to_contain_text("1 pesan baru")
    inbox.get_by_role("link", name="Buka pesan masuk").click()
    phone.get_by_role("link", name="Hj. Aminah").click()

    reply = phone.get_by_role("link", name="Balas lewat WhatsApp")
    href = reply.get_attribute("href")
    assert href.startswith("https://wa.me/6281311112222?text=")
    assert '"Bisa kirim 50 lembar ke Semarang?"' in unquote(href)

    phone.get_by_label("Nilai (Rp)").fill("1.250.000")
    phone.get_by_role("button", name="Masukkan ke laporan penjualan").click()
    expect(phone.locator(".messages")).to_contain_text("Pesanan ditambahkan ke laporan penjualan")
    expect(phone.locator("dl")).to_contain_text("Jadi pesanan")

    phone.get_by_role("link", name="Laporan penjualan").click()
    orders = phone.locator("section", has=phone.get_by_role("heading", name="Pesanan dan kontrak"))
    expect(orders).to_contain_text("Hj. Aminah")
    expect(orders).to_contain_text("Rp1.250.000")
