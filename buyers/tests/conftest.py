import pytest

from exhibitors.tests.factories import (
    ApplicationFactory,
    ExhibitorFactory,
    ProductFactory,
    UserFactory,
)
from expo.tests.factories import EditionFactory


@pytest.fixture
def seller():
    """An accepted participant with an owner and two products visitors see, and one they
    do not."""
    edition = EditionFactory(slug="kasmex-2030", name="Kasmex 2030")
    exhibitor = ExhibitorFactory(
        owner=UserFactory(username="bu.sri"), slug="batik-sekar", name="Batik Sekar"
    )
    application = ApplicationFactory(edition=edition, exhibitor=exhibitor, accepted=True)
    ProductFactory(exhibitor=exhibitor, name="Kain Batik Kopi")
    ProductFactory(exhibitor=exhibitor, name="Selendang Sutra")
    ProductFactory(exhibitor=exhibitor, name="Belum Tampil", is_published=False)
    return application


def product(application, name):
    return application.exhibitor.products.get(name=name)
