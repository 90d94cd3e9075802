import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from exhibitors.tests.factories import ApplicationFactory, UserFactory
from expo.tests.factories import KOTA_SEMARANG
from meetings.models import Buyer, Meeting, Slot


class ConfirmedUserFactory(UserFactory):
    """An account that confirmed its e-mail address, as every buyer's has."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def confirmed(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=True)


class BuyerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Buyer

    user = factory.SubFactory(ConfirmedUserFactory)
    name = factory.Sequence(lambda n: f"Hendra Wijaya {n}")
    organisation = "CV Nusantara Niaga"
    kind = "reseller"
    country = "ID"
    region_id = KOTA_SEMARANG
    whatsapp = "+6281311112222"


def at(edition, day=0, hour=10, minute=0):
    """A moment of ``edition``'s ``day`` (0: its first), Jakarta time."""
    date = edition.starts_on + datetime.timedelta(days=day)
    return datetime.datetime.combine(
        date, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone()
    )


class SlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Slot

    edition = factory.SubFactory("expo.tests.factories.EditionFactory")
    starts_at = factory.LazyAttribute(lambda slot: at(slot.edition))
    ends_at = factory.LazyAttribute(lambda slot: slot.starts_at + datetime.timedelta(minutes=30))
    place = Slot.Place.BOOTH


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    slot = factory.SubFactory(SlotFactory)
    application = factory.SubFactory(
        ApplicationFactory, edition=factory.SelfAttribute("..slot.edition"), accepted=True
    )
    buyer = factory.SubFactory(BuyerFactory)
    message = "Kami mencari batik untuk toko kami di Semarang."

    class Params:
        accepted = factory.Trait(
            status=Meeting.Status.ACCEPTED, decided_at=factory.LazyFunction(timezone.now)
        )
