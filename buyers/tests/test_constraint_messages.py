"""The rules of an inquiry, as the database and the form report them: in Indonesian,
without a constraint name."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from buyers.tests.factories import InquiryFactory
from exhibitors.tests.factories import ApplicationFactory
from outcomes.models import Order

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"email": "", "whatsapp": ""},
            "Isi nomor WhatsApp atau alamat e-mail Anda, agar penjual dapat menjawab.",
        ),
        ({"message": "a" * 2001}, "Pesan paling banyak 2.000 karakter."),
        ({"country": "Qatar"}, "Pilih negara Anda."),
        ({"quantity": 0}, "Jumlah berupa bilangan bulat di atas nol."),
    ],
)
def test_each_rule_of_an_inquiry_is_told_in_indonesian(changes, message):
    inquiry = InquiryFactory.build(**changes)

    with translation.override("id"), pytest.raises(ValidationError) as error:
        inquiry.validate_constraints()

    assert error.value.messages == [message]


def test_one_order_comes_from_one_inquiry_at_most():
    first = InquiryFactory()
    order = Order.objects.create(
        application=ApplicationFactory(exhibitor=first.exhibitor, accepted=True),
        buyer_name="Hj. Aminah",
        buyer_kind="reseller",
        value=1,
        status="pesanan",
    )
    first.order = order
    first.save()
    second = InquiryFactory.build(exhibitor=first.exhibitor, order=order)

    with translation.override("id"), pytest.raises(ValidationError) as error:
        second.validate_constraints()

    assert error.value.messages == ["Pesanan ini sudah berasal dari pertanyaan lain."]
