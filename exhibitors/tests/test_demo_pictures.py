"""The demo's pictures: drawn at a phone camera's size, stored through the upload pipeline
with their renditions, once; and the scale edition's rows pointing at a pool of them."""

import io
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image

from booths.demo.generated import add_generated_exhibitors
from core.tests.helpers import stored_files
from exhibitors.demo_pictures import give_pictures, picture_pool, planned_photos, product_photo
from exhibitors.models import Category, Exhibitor, Product, ProductPhoto
from exhibitors.tests.factories import ExhibitorFactory, ProductFactory

pytestmark = pytest.mark.django_db

# What the pipeline keeps of a 3000 × 4000 photo, or of a 4000 × 3000 one.
KEPT_SIZES = {
    "image": {(1200, 1600), (1600, 1200)},
    "small": {(320, 427), (320, 240)},
    "medium": {(800, 1067), (800, 600)},
}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def demo_exhibitor(name, *products, category=Category.CULINARY):
    exhibitor = ExhibitorFactory(name=name, slug=name.lower().replace(" ", "-"), category=category)
    for position, product in enumerate(products):
        ProductFactory(exhibitor=exhibitor, name=product, position=position)
    return exhibitor


def size_of(field_file):
    with default_storage.open(field_file.name) as stored:
        return Image.open(stored).size


def copy_of(copy, original):
    """Whether ``copy`` names a file ``picture_pool`` copied from ``original``."""
    stem = original.name.rsplit(".", 1)[0]
    with default_storage.open(copy.name) as copied, default_storage.open(original.name) as kept:
        return copy.name.startswith(f"{stem}-pool") and copied.read() == kept.read()


def format_of(field_file):
    with default_storage.open(field_file.name) as stored:
        return Image.open(stored).format


def test_product_photo_is_a_phone_sized_jpeg_drawn_the_same_every_time():
    photo = product_photo(seed="kopi/Kopi Arabika", category=Category.CULINARY, photo_seed="0")

    image = Image.open(io.BytesIO(photo))
    assert image.format == "JPEG"
    assert image.size in {(3000, 4000), (4000, 3000)}
    # As heavy as a phone's photo, so the pipeline and the renditions do real work.
    assert 1_500_000 < len(photo) < 10 * 1024 * 1024
    assert photo == product_photo(
        seed="kopi/Kopi Arabika", category=Category.CULINARY, photo_seed="0"
    )
    assert photo != product_photo(
        seed="kopi/Kopi Arabika", category=Category.CULINARY, photo_seed="1"
    )


def test_demo_products_are_planned_one_to_three_photos_the_same_on_every_run():
    exhibitor = Exhibitor(slug="kopi-gunung-kelir")
    products = [Product(name=f"Kopi {number}") for number in range(30)]

    planned = [planned_photos(exhibitor=exhibitor, product=product) for product in products]

    assert set(planned) == {1, 2, 3}
    assert planned == [planned_photos(exhibitor=exhibitor, product=p) for p in products]


def test_give_pictures_stores_a_logo_and_the_planned_photos_with_their_renditions(media):
    exhibitor = demo_exhibitor("Kopi Gunung Kelir", "Kopi Arabika 200 g", "Kopi Robusta 200 g")
    products = list(exhibitor.products.order_by("position"))
    planned = [planned_photos(exhibitor=exhibitor, product=product) for product in products]

    added = give_pictures(exhibitor=exhibitor)

    exhibitor.refresh_from_db()
    assert added == (1, sum(planned))
    assert format_of(exhibitor.logo) == "WEBP"
    assert size_of(exhibitor.logo) == (exhibitor.logo_width, exhibitor.logo_height) == (320, 320)
    assert [product.photos.count() for product in products] == planned
    for photo in ProductPhoto.objects.filter(product__exhibitor=exhibitor):
        stored = {field: size_of(getattr(photo, field)) for field in KEPT_SIZES}
        assert stored == {
            "image": (photo.width, photo.height),
            "small": (photo.small_width, photo.small_height),
            "medium": (photo.medium_width, photo.medium_height),
        }
        assert all(stored[field] in sizes for field, sizes in KEPT_SIZES.items())
        assert (format_of(photo.image), format_of(photo.small)) == ("JPEG", "WEBP")
    # Every file a row names, and no other: logo, and original + two renditions per photo.
    assert len(stored_files(media)) == 1 + 3 * sum(planned)


def test_give_pictures_again_adds_nothing_and_keeps_the_files(media):
    exhibitor = demo_exhibitor("Batik Lukis Ambarawa", "Batik Lukis Kupu", category=Category.BATIK)
    give_pictures(exhibitor=exhibitor)
    exhibitor.refresh_from_db()
    logo = exhibitor.logo.name
    photos = sorted(ProductPhoto.objects.values_list("image", "small", "medium"))
    files = stored_files(media)

    added = give_pictures(exhibitor=exhibitor)

    exhibitor.refresh_from_db()
    assert added == (0, 0)
    assert exhibitor.logo.name == logo
    assert sorted(ProductPhoto.objects.values_list("image", "small", "medium")) == photos
    assert stored_files(media) == files


def test_give_pictures_adds_only_the_photos_a_product_lacks(media):
    exhibitor = demo_exhibitor("Tahu Bakso Bu Rini", *(f"Tahu Bakso isi {n}" for n in range(6)))
    products = list(exhibitor.products.order_by("position"))
    product = next(p for p in products if planned_photos(exhibitor=exhibitor, product=p) > 1)
    give_pictures(exhibitor=exhibitor)
    product.photos.order_by("position").last().delete()

    added = give_pictures(exhibitor=exhibitor)

    assert added == (0, 1)
    assert product.photos.count() == planned_photos(exhibitor=exhibitor, product=product)


def test_generated_exhibitors_name_copies_of_the_demo_pictures_with_renditions(media):
    coffee = demo_exhibitor("Kopi Gunung Kelir", "Kopi Arabika 200 g")
    batik = demo_exhibitor("Batik Lukis Ambarawa", "Batik Lukis Kupu", category=Category.BATIK)
    for exhibitor in (coffee, batik):
        give_pictures(exhibitor=exhibitor)
        exhibitor.refresh_from_db()
    demo_photos = {
        photo.product.category: photo
        for photo in ProductPhoto.objects.filter(position=0).select_related("product")
    }
    demo_files = stored_files(media)

    edition = add_generated_exhibitors(
        count=20,
        pictures=picture_pool(exhibitors=Exhibitor.objects.filter(pk__in=[coffee.pk, batik.pk])),
    )

    generated = Exhibitor.objects.filter(applications__edition=edition)
    photos = ProductPhoto.objects.filter(product__exhibitor__in=generated).select_related("product")
    assert generated.count() == 20
    assert generated.filter(logo="").count() == 0
    assert Product.objects.filter(exhibitor__in=generated, photos__isnull=True).count() == 0
    assert set(photos.values_list("position", flat=True)) == {0}
    for photo in photos:
        # A copy of the demo photo of the product's category, where there is one.
        source = demo_photos.get(photo.product.category)
        sources = [source] if source else list(demo_photos.values())
        assert any(
            all(copy_of(getattr(photo, field), getattr(s, field)) for field in KEPT_SIZES)
            for s in sources
        )
        assert size_of(photo.small) == (photo.small_width, photo.small_height)
        assert (photo.small_width, photo.medium_width) == (320, 800)
    for exhibitor in generated:
        assert copy_of(exhibitor.logo, coffee.logo) or copy_of(exhibitor.logo, batik.logo)
        assert size_of(exhibitor.logo) == (exhibitor.logo_width, exhibitor.logo_height)
    # The demo's own files stay, beside one copy of each picture lent: two logos, and two
    # first photos with their renditions.
    assert set(demo_files) < set(stored_files(media))
    assert len(stored_files(media)) == len(demo_files) + 2 + 2 * 3


def test_load_demo_adds_no_pictures_unless_asked(media):
    call_command("load_demo", "--exhibitors", "5", stdout=StringIO())

    assert Exhibitor.objects.exclude(logo="").count() == 0
    assert ProductPhoto.objects.count() == 0
    assert stored_files(media) == []
