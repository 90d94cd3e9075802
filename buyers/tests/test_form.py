"""The "Tanya / pesan" form of the public pages: sent from a cached page, refused with the
typed data kept on bad input, and closed to robots and bursts."""

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from buyers.models import Inquiry
from buyers.tests.conftest import product
from exhibitors.tests.factories import ExhibitorFactory, ProductFactory

pytestmark = pytest.mark.django_db


def pages(application):
    kwargs = {"edition_slug": application.edition.slug, "slug": application.exhibitor.slug}
    pk = product(application, "Kain Batik Kopi").pk
    return {
        "exhibitor": reverse("participant_detail", kwargs=kwargs),
        "product": reverse("product_detail", kwargs={**kwargs, "pk": pk}),
        "form": reverse("inquiry_send", kwargs=kwargs),
        "sent": reverse("inquiry_sent", kwargs=kwargs),
    }


def form_action(page):
    return unescape(re.search(r'<form method="post" action="([^"]+)"', page).group(1))


def typed(application, **changes):
    return {
        "name": "Hj. Aminah",
        "whatsapp": "0813-1111-2222",
        "email": "",
        "buyer_kind": "reseller",
        "country": "ID",
        "place": "Kota Semarang",
        "products": [product(application, "Kain Batik Kopi").pk],
        "quantity": "50",
        "unit": "lembar",
        "message": "Apakah bisa kirim 50 lembar?",
        "website": "",
        **changes,
    }


@pytest.mark.parametrize("page", ["exhibitor", "product"])
def test_a_page_from_the_cache_still_sends_the_inquiry(
    seller, page, django_assert_num_queries, mailoutbox, django_capture_on_commit_callbacks
):
    url = pages(seller)[page]
    Client().get(url)  # the first visit draws the page and keeps it
    with django_assert_num_queries(0):  # from the cache, as anonymous visitors get it
        cached = Client().get(url)
    html = cached.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        sent = Client().post(
            form_action(html), typed(seller), headers={"Origin": "http://testserver"}
        )

    assert "csrfmiddlewaretoken" not in html
    assert "Set-Cookie" not in cached.headers and not cached.cookies
    assert sent.status_code == 302 and sent["Location"].endswith(pages(seller)["sent"])
    inquiry = Inquiry.objects.get()
    assert (inquiry.exhibitor, inquiry.edition, inquiry.name, inquiry.quantity) == (
        seller.exhibitor,
        seller.edition,
        "Hj. Aminah",
        50,
    )
    assert [mail.subject for mail in mailoutbox] == ["Pertanyaan baru dari Hj. Aminah"]


def test_the_product_page_offers_its_product_checked_and_the_whatsapp_button_beside(seller):
    html = Client().get(pages(seller)["product"]).content.decode()

    assert "Tanya / pesan" in html
    assert "Chat" not in html and "Tanya lewat WhatsApp" in html
    pk = product(seller, "Kain Batik Kopi").pk
    assert re.search(rf'name="products" value="{pk}"[^>]*checked', html)
    assert "Selendang Sutra" not in html.split('id="inquiry"')[1]
    assert "dihapus setelah satu tahun" in html


def test_the_exhibitor_page_offers_the_products_visitors_see(seller):
    html = Client().get(pages(seller)["exhibitor"]).content.decode()
    form = html.split('id="inquiry"')[1]

    assert "Kain Batik Kopi" in form and "Selendang Sutra" in form
    assert "Belum Tampil" not in form


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        (
            {"whatsapp": "", "email": ""},
            "Isi nomor WhatsApp atau alamat e-mail Anda, agar penjual dapat menjawab.",
        ),
        ({"whatsapp": "12345"}, "Masukkan nomor telepon Indonesia, misalnya 0812-3456-7890."),
        ({"message": "a" * 10_000}, "Pesan paling banyak 2.000 karakter (panjangnya 10000)."),
        ({"message": ""}, "Bidang ini tidak boleh kosong."),
        ({"buyer_kind": "mafia"}, "Masukkan pilihan yang valid."),
    ],
)
def test_bad_input_is_shown_again_as_typed_with_the_error_and_nothing_stored(
    seller, changes, error
):
    response = Client().post(pages(seller)["form"], typed(seller, **changes))
    html = unescape(response.content.decode())

    assert response.status_code == 200
    assert error in html
    assert 'value="Hj. Aminah"' in html
    assert response["Cache-Control"] == "private, no-store"
    assert not Inquiry.objects.exists()


def test_a_product_of_another_exhibitor_is_refused(seller):
    other = ProductFactory(exhibitor=ExhibitorFactory(), name="Produk Lain")

    response = Client().post(pages(seller)["form"], typed(seller, products=[other.pk]))

    assert (
        f"Masukkan pilihan yang valid. {other.pk} bukan salah satu dari pilihan yang tersedia."
        in unescape(response.content.decode())
    )
    assert not Inquiry.objects.exists()


def test_a_robot_filling_the_honeypot_is_told_it_succeeded_and_nothing_is_stored(seller):
    response = Client().post(pages(seller)["form"], typed(seller, website="http://spam.example"))

    assert response.status_code == 302 and response["Location"].endswith(pages(seller)["sent"])
    assert not Inquiry.objects.exists()


@pytest.mark.parametrize(
    "headers", [{"Origin": "https://penipu.example"}, {"Sec-Fetch-Site": "cross-site"}]
)
def test_a_form_sent_from_another_site_is_refused(seller, headers):
    response = Client().post(pages(seller)["form"], typed(seller), headers=headers)

    assert response.status_code == 403
    assert "Formulir dikirim dari situs lain." in response.content.decode()
    assert not Inquiry.objects.exists()


def test_a_burst_from_one_address_is_refused_past_the_limit(seller):
    client = Client()
    answers = [
        client.post(pages(seller)["form"], typed(seller, name=f"Pembeli {n}")).status_code
        for n in range(7)
    ]
    refused = client.post(pages(seller)["form"], typed(seller, name="Pembeli terakhir"))

    assert answers == [302] * 5 + [429] * 2
    assert "Terlalu banyak pesan dikirim barusan." in refused.content.decode()
    assert "Pembeli terakhir" in refused.content.decode()
    assert Inquiry.objects.count() == 5


def test_a_burst_at_one_exhibitor_from_many_addresses_is_refused_past_the_limit(seller):
    answers = [
        Client(REMOTE_ADDR=f"10.0.0.{n}").post(pages(seller)["form"], typed(seller)).status_code
        for n in range(22)
    ]

    assert answers == [302] * 20 + [429] * 2
    assert Inquiry.objects.count() == 20


def test_the_form_of_a_participant_not_accepted_is_not_found(seller):
    seller.status = "withdrawn"
    seller.save()

    response = Client().post(pages(seller)["form"], typed(seller))

    assert response.status_code == 404
    assert not Inquiry.objects.exists()


def test_typing_mistakes_do_not_use_up_the_limit(seller):
    client = Client()
    mistakes = [
        client.post(pages(seller)["form"], typed(seller, whatsapp="12345")).status_code
        for _n in range(6)
    ]
    sent = client.post(pages(seller)["form"], typed(seller))

    assert mistakes == [200] * 6
    assert sent.status_code == 302
    assert Inquiry.objects.count() == 1
