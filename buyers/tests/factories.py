import factory

from buyers.models import Inquiry
from exhibitors.tests.factories import ExhibitorFactory


class InquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inquiry

    exhibitor = factory.SubFactory(ExhibitorFactory)
    name = "Hj. Aminah"
    whatsapp = "+6281311112222"
    email = "aminah@example.com"
    buyer_kind = Inquiry.BuyerKind.RESELLER
    place = "Kota Semarang"
    message = "Apakah bisa kirim 50 lembar ke Semarang?"
