"""Sending an inquiry, answering it, turning it into an order, and forgetting the buyer."""

import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone, translation

from buyers import services
from buyers.models import Inquiry
from buyers.tests.conftest import product
from buyers.tests.factories import InquiryFactory
from exhibitors.tests.factories import ExhibitorFactory, ProductFactory
from outcomes.models import Order

pytestmark = pytest.mark.django_db


def send(application, **changes):
    fields = {
        "exhibitor": application.exhibitor,
        "edition": application.edition,
        "name": "Hj. Aminah",
        "whatsapp": "0813-1111-2222",
        "email": "",
        "buyer_kind": "reseller",
        "country": "ID",
        "place": "Kota Semarang",
        "products": [product(application, "Kain Batik Kopi").pk],
        "quantity": 50,
        "unit": "lembar",
        "message": "Apakah bisa kirim 50 lembar?",
        **changes,
    }
    with translation.override("id"):
        return services.send_inquiry(**fields)


def refusal(application, **changes):
    with pytest.raises(ValidationError) as error:
        send(application, **changes)
    return error.value.message_dict


def test_an_inquiry_is_stored_with_the_number_written_as_e164(seller, mailoutbox):
    inquiry = send(seller)

    assert (inquiry.whatsapp, inquiry.status, inquiry.edition) == (
        "+6281311112222",
        "baru",
        seller.edition,
    )
    assert [p.name for p in inquiry.products.all()] == ["Kain Batik Kopi"]


def test_the_owner_is_mailed_at_once_in_indonesian_without_the_buyers_contact(
    seller, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(seller, email="aminah@example.com")

    [mail] = mailoutbox
    assert mail.to == ["bu.sri@example.com"]
    assert mail.subject == "Pertanyaan baru dari Hj. Aminah"
    assert "Apakah bisa kirim 50 lembar?" in mail.body
    assert "Kain Batik Kopi" in mail.body
    assert "/dasbor/pesan/" in mail.body
    assert "6281311112222" not in mail.body
    assert "aminah@example.com" not in mail.body


def test_an_inquiry_without_whatsapp_or_email_is_refused(seller):
    errors = refusal(seller, whatsapp="", email="")

    assert errors == {
        "__all__": ["Isi nomor WhatsApp atau alamat e-mail Anda, agar penjual dapat menjawab."]
    }
    assert not Inquiry.objects.exists()


def test_an_invalid_whatsapp_number_is_refused(seller):
    errors = refusal(seller, whatsapp="12345")

    assert errors == {"whatsapp": ["Masukkan nomor telepon Indonesia, misalnya 0812-3456-7890."]}
    assert not Inquiry.objects.exists()


def test_a_message_of_ten_thousand_characters_is_refused(seller):
    errors = refusal(seller, message="a" * 10_000)

    assert errors == {"__all__": ["Pesan paling banyak 2.000 karakter."]}
    assert not Inquiry.objects.exists()


def test_a_product_of_another_exhibitor_is_refused(seller):
    other = ProductFactory(exhibitor=ExhibitorFactory(), name="Produk Lain")

    errors = refusal(seller, products=[other.pk])

    assert errors == {"products": ["Pilih di antara produk penjual ini."]}
    assert not Inquiry.objects.exists()


def test_a_product_visitors_do_not_see_is_refused(seller):
    errors = refusal(seller, products=[product(seller, "Belum Tampil").pk])

    assert errors == {"products": ["Pilih di antara produk penjual ini."]}
    assert not Inquiry.objects.exists()


def test_answering_marks_the_time_once(seller):
    inquiry = InquiryFactory(exhibitor=seller.exhibitor)

    first = services.update_inquiry(inquiry=inquiry, status="dibalas", note=" Sudah ditelepon ")
    answered_at = first.answered_at
    again = services.update_inquiry(inquiry=inquiry, status="tidak_lanjut", note="")

    assert (first.note, answered_at is not None) == ("Sudah ditelepon", True)
    assert (again.status, again.answered_at) == ("tidak_lanjut", answered_at)


def test_an_inquiry_becomes_one_order_of_the_sales_report(seller):
    inquiry = InquiryFactory(exhibitor=seller.exhibitor, edition=seller.edition, country="QA")
    owner = seller.exhibitor.owner

    done = services.turn_into_order(inquiry=inquiry, value=1_200_000, status="pesanan", by=owner)

    order = Order.objects.get()
    assert (order.application, order.buyer_name, order.buyer_kind, order.buyer_country) == (
        seller,
        "Hj. Aminah",
        "reseller",
        "QA",
    )
    assert (order.value, order.status) == (1_200_000, "pesanan")
    assert (done.order, done.status) == (order, "jadi_pesanan")
    with translation.override("id"), pytest.raises(ValidationError) as error:
        services.turn_into_order(inquiry=inquiry, value=5, status="pesanan", by=owner)
    assert error.value.messages == [
        "Pertanyaan ini sudah menjadi pesanan di laporan penjualan Anda."
    ]
    assert Order.objects.count() == 1


def test_an_inquiry_from_no_expo_has_no_report_to_go_to(seller):
    inquiry = InquiryFactory(exhibitor=seller.exhibitor, edition=None)

    with translation.override("id"), pytest.raises(ValidationError) as error:
        services.turn_into_order(
            inquiry=inquiry, value=5, status="pesanan", by=seller.exhibitor.owner
        )

    assert error.value.code == "no_report"
    assert not Order.objects.exists()


def test_contact_data_is_removed_a_year_after_the_inquiry(seller):
    old = InquiryFactory(exhibitor=seller.exhibitor)
    recent = InquiryFactory(exhibitor=seller.exhibitor)
    now = timezone.now()
    Inquiry.objects.filter(pk=old.pk).update(created_at=now - datetime.timedelta(days=366))

    count = services.anonymise_old_inquiries(now=now)

    old.refresh_from_db()
    recent.refresh_from_db()
    assert count == 1
    assert (old.name, old.whatsapp, old.email, old.message, old.anonymised_at) == (
        "",
        "",
        "",
        "",
        now,
    )
    assert (old.buyer_kind, old.status) == ("reseller", "baru")
    assert (recent.name, recent.whatsapp) == ("Hj. Aminah", "+6281311112222")
    # The audit log kept the buyer's words when the inquiry came: gone with them.
    assert not LogEntry.objects.get_for_object(old).exists()
    assert LogEntry.objects.get_for_object(recent).exists()


def test_the_command_anonymises_what_is_a_year_old(seller):
    old = InquiryFactory(exhibitor=seller.exhibitor)
    Inquiry.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )
    InquiryFactory(exhibitor=seller.exhibitor)
    out = io.StringIO()

    call_command("anonymise_inquiries", stdout=out)

    assert out.getvalue() == "1 inquiries anonymised.\n"
    assert list(Inquiry.objects.order_by("pk").values_list("name", flat=True)) == [
        "",
        "Hj. Aminah",
    ]
