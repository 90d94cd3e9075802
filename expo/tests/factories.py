import datetime

import factory
from django.utils import timezone

from expo.models import Edition, Region

KABUPATEN_SEMARANG = "33.22"
KOTA_SEMARANG = "33.74"


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Kabupaten Semarang Expo {2030 + n}")
    slug = factory.Sequence(lambda n: f"kasmex-{2030 + n}")
    year = 2030
    venue_name = "Bale Agung, Dusun Semilir"
    venue_address = "Bawen, Kabupaten Semarang"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    ends_on = factory.LazyAttribute(lambda edition: edition.starts_on + datetime.timedelta(days=2))
    format = Edition.Format.OFFLINE
    registration_opens_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(days=7)
    )
    registration_closes_at = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=7)
    )
    status = Edition.Status.PUBLISHED
    organiser = "Dinas Koperasi UKM Perindag Kabupaten Semarang"

    @factory.post_generation
    def host_regions(self, create, extracted, **kwargs):
        if create:
            codes = extracted if extracted is not None else [KABUPATEN_SEMARANG]
            self.host_regions.set(Region.objects.filter(code__in=codes))
