import factory

from booths.models import Booth
from expo.tests.factories import EditionFactory


class BoothFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booth

    edition = factory.SubFactory(EditionFactory)
    code = factory.Sequence(lambda n: f"A-{n + 1:02d}")
    zone = "A"
    x = factory.Sequence(lambda n: 3 * n)
