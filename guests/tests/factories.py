import factory

from expo.tests.factories import EditionFactory
from guests.models import Guest


class GuestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guest

    edition = factory.SubFactory(EditionFactory)
    name = factory.Sequence(lambda n: f"Drs. Bambang Sutrisno {n}")
    position = "Kepala Dinas"
    institution = "Dinas Perindustrian Kabupaten Semarang"
    institution_kind = Guest.InstitutionKind.OPD
    email = factory.Sequence(lambda n: f"tamu{n}@semarangkab.go.id")
