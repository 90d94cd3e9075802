"""The owner's "Pesan masuk": the counter on the dashboard, the list, an inquiry with its
reply links, status and note, the order it became, and the export."""

import csv
import io
from urllib.parse import unquote

import openpyxl
import pytest
from django.urls import reverse

from buyers.models import Inquiry
from buyers.tests.conftest import product
from buyers.tests.factories import InquiryFactory
from outcomes.models import Order

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, seller):
    client.force_login(seller.exhibitor.owner)
    return client


def test_the_dashboard_counts_the_new_inquiries(signed_in, seller):
    InquiryFactory.create_batch(2, exhibitor=seller.exhibitor)
    InquiryFactory(exhibitor=seller.exhibitor, status="dibalas")
    InquiryFactory(name="Pembeli Orang Lain")

    html = signed_in.get(reverse("dashboard")).content.decode()

    assert "2 pesan baru" in html
    assert reverse("inbox") in html


def test_the_inbox_lists_the_owners_inquiries_alone(signed_in, seller):
    InquiryFactory(exhibitor=seller.exhibitor, name="Hj. Aminah")
    InquiryFactory(name="Pembeli Orang Lain")

    html = signed_in.get(reverse("inbox")).content.decode()

    assert "Hj. Aminah" in html
    assert "Pembeli Orang Lain" not in html
    assert "1 pesan baru." in html


@pytest.mark.parametrize("count", [1, 3])
def test_the_inbox_costs_the_same_queries_however_many_inquiries(
    signed_in, seller, count, django_assert_num_queries
):
    for _n in range(count):
        InquiryFactory(exhibitor=seller.exhibitor).products.add(product(seller, "Kain Batik Kopi"))

    # Session, user, profile, the new ones counted, the page counted, its rows, their products.
    with django_assert_num_queries(7):
        html = signed_in.get(reverse("inbox")).content.decode()

    assert html.count("Kain Batik Kopi") == count


def test_the_inbox_shows_fifty_inquiries_a_page(signed_in, seller):
    for number in range(51):
        InquiryFactory(exhibitor=seller.exhibitor, name=f"Pembeli {number:02}")

    first = signed_in.get(reverse("inbox")).content.decode()
    second = signed_in.get(reverse("inbox"), {"halaman": "2"}).content.decode()

    assert first.count('class="card"') == 50 and "Pembeli 50" in first
    assert second.count('class="card"') == 1 and "Pembeli 00" in second


def test_a_message_with_html_and_links_is_shown_escaped_and_not_clickable(signed_in, seller):
    inquiry = InquiryFactory(
        exhibitor=seller.exhibitor,
        message='<script>alert(1)</script> Lihat <a href="https://penipu.example">ini</a> '
        "https://penipu.example/hadiah",
    )

    detail = signed_in.get(inquiry.get_absolute_url()).content.decode()
    listing = signed_in.get(reverse("inbox")).content.decode()

    for html in (detail, listing):
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert 'href="https://penipu.example' not in html


def test_the_whatsapp_reply_quotes_the_buyers_words(signed_in, seller):
    inquiry = InquiryFactory(
        exhibitor=seller.exhibitor, message="Bisa kirim 50 lembar\nke Semarang?", email=""
    )

    html = signed_in.get(inquiry.get_absolute_url()).content.decode()

    link = html.split('class="button whatsapp" href="')[1].split('"')[0]
    assert link.startswith("https://wa.me/6281311112222?text=")
    assert unquote(link.split("text=")[1]) == (
        "Halo Hj. Aminah, terima kasih atas pesan Anda untuk Batik Sekar: "
        '"Bisa kirim 50 lembar ke Semarang?"'
    )
    assert "mailto:" not in html


def test_the_email_reply_quotes_the_buyers_words(signed_in, seller):
    inquiry = InquiryFactory(exhibitor=seller.exhibitor, whatsapp="", message="Harga grosir?")

    html = signed_in.get(inquiry.get_absolute_url()).content.decode()

    link = html.split('href="mailto:')[1].split('"')[0].replace("&amp;", "&")
    assert link.startswith("aminah@example.com?subject=")
    assert "> Harga grosir?" in unquote(link)
    assert "wa.me" not in html


def test_the_owner_answers_with_a_status_and_a_note(signed_in, seller):
    inquiry = InquiryFactory(exhibitor=seller.exhibitor)

    response = signed_in.post(
        reverse("inquiry_update", kwargs={"pk": inquiry.pk}),
        {"status": "dibalas", "note": "Sudah ditelepon"},
        follow=True,
    )

    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.note) == ("dibalas", "Sudah ditelepon")
    assert inquiry.answered_at is not None
    assert "Pesan tersimpan." in response.content.decode()


def test_jadi_pesanan_adds_one_order_to_the_sales_report(signed_in, seller):
    inquiry = InquiryFactory(exhibitor=seller.exhibitor, edition=seller.edition)
    url = reverse("inquiry_order", kwargs={"pk": inquiry.pk})

    response = signed_in.post(url, {"value": "1.500.000", "status": "pesanan"}, follow=True)
    again = signed_in.post(url, {"value": "9", "status": "pesanan"})

    order = Order.objects.get()
    assert (order.application, order.value, order.buyer_name) == (seller, 1_500_000, "Hj. Aminah")
    assert Inquiry.objects.get().order == order
    assert "Pesanan ditambahkan ke laporan penjualan Anda." in response.content.decode()
    assert "Pertanyaan ini sudah menjadi pesanan" in again.content.decode()
    report = signed_in.get(reverse("report", kwargs={"application_id": seller.pk}))
    assert "Hj. Aminah" in report.content.decode()


def test_a_bad_order_value_is_refused_and_nothing_stored(signed_in, seller):
    inquiry = InquiryFactory(exhibitor=seller.exhibitor, edition=seller.edition)

    url = reverse("inquiry_order", kwargs={"pk": inquiry.pk})

    response = signed_in.post(url, {"value": "banyak", "status": "pesanan"})

    assert "Masukkan jumlah dalam rupiah bulat" in response.content.decode()
    assert not Order.objects.exists()
    assert Inquiry.objects.get().status == "baru"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_inbox_exports_the_owners_inquiries(signed_in, seller, file_format):
    InquiryFactory(exhibitor=seller.exhibitor, message='=HYPERLINK("http://x")')
    InquiryFactory(name="Pembeli Orang Lain")

    response = signed_in.get(reverse("inbox_export", kwargs={"file_format": file_format}))

    if file_format == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = [[cell if cell is not None else "" for cell in row] for row in sheet.values]
    assert rows[0][:3] == ["tanggal", "pameran", "nama"]
    assert [row[2] for row in rows[1:]] == ["Hj. Aminah"]
    assert rows[1][11] == '\'=HYPERLINK("http://x")'
    assert response["Content-Disposition"] == f'attachment; filename="pesan-masuk.{file_format}"'
