import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from exhibitors.models import Application, Category, Exhibitor, Product
from expo.tests.factories import KABUPATEN_SEMARANG, EditionFactory


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"pengguna{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("rahasia-yang-panjang-123")


class ExhibitorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exhibitor

    name = factory.Sequence(lambda n: f"Batik Tulis Sekar {n}")
    slug = factory.Sequence(lambda n: f"batik-tulis-sekar-{n}")
    description = "Batik tulis pewarna alami dari Bawen."
    category = Category.BATIK
    scale = Exhibitor.Scale.MICRO
    region_id = KABUPATEN_SEMARANG
    whatsapp = "+6281234567890"
    nib = "1234567890123"


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    exhibitor = factory.SubFactory(ExhibitorFactory)
    name = factory.Sequence(lambda n: f"Kain Batik Motif Kopi {n}")
    category = factory.SelfAttribute("exhibitor.category")
    price = 250000


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    exhibitor = factory.SubFactory(ExhibitorFactory)
    edition = factory.SubFactory(EditionFactory)

    class Params:
        accepted = factory.Trait(
            status=Application.Status.ACCEPTED, decided_at=factory.LazyFunction(timezone.now)
        )
