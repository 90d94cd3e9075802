"""What came of the buyers' inquiries, in the edition's impact report."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from buyers.models import Inquiry
from buyers.tests.factories import InquiryFactory
from core.tests.helpers import text_of
from expo.tests.factories import EditionFactory
from outcomes.report import impact_report

pytestmark = pytest.mark.django_db


def test_the_report_counts_the_inquiries_sent_from_the_editions_pages(seller):
    edition = seller.edition
    late = InquiryFactory(exhibitor=seller.exhibitor, edition=edition)
    Inquiry.objects.filter(pk=late.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    InquiryFactory(exhibitor=seller.exhibitor, edition=edition, status="dibalas")
    InquiryFactory(
        exhibitor=seller.exhibitor, edition=edition, status="jadi_pesanan", buyer_kind="eksportir"
    )
    InquiryFactory(exhibitor=seller.exhibitor, edition=EditionFactory())  # another edition's

    [section] = [s for s in impact_report(edition=edition).sections if s.key == "inquiries"]

    assert section.rows == [
        ("Pertanyaan yang dikirim ke peserta", 3),
        ("Dibalas", 2),
        ("Jadi pesanan", 1),
        ("Tidak dijawab dalam 2 hari", 1),
        ("Pertanyaan dari: Reseller", 2),
        ("Pertanyaan dari: Eksportir", 1),
    ]


def test_an_edition_without_inquiries_has_no_such_part(seller):
    assert [s.key for s in impact_report(edition=seller.edition).sections] == []


def test_the_report_page_shows_the_part(admin_client, seller):
    InquiryFactory(exhibitor=seller.exhibitor, edition=seller.edition)

    page = text_of(
        admin_client.get(reverse("admin:outcomes_report", kwargs={"edition_id": seller.edition.pk}))
    )

    assert "Pertanyaan pembeli Pertanyaan yang dikirim ke peserta 1" in page
