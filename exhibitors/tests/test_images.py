"""Product photos: what the pipeline refuses, what it stores, and who may change them."""

import io
import random
import struct
import threading
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from PIL import ExifTags, Image

from core.tests.helpers import RED, encoded, gps_exif, jpeg, shown_messages, stored_files
from exhibitors import images, services
from exhibitors.models import ProductPhoto
from exhibitors.tests.factories import (
    ApplicationFactory,
    ExhibitorFactory,
    ProductFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

BLUE = (20, 20, 220)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def product(owner, media):
    exhibitor = ExhibitorFactory(owner=owner, name="Keripik Tempe Bu Sri")
    return ProductFactory(exhibitor=exhibitor, name="Keripik Tempe 250 g")


def photo_file(content, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def png_claiming(width, height):
    """A valid 1-bit PNG of any size: the rows of zeros compress to a few kilobytes."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def upload(client, product, content, **kwargs):
    return client.post(
        reverse("product_photo_add", kwargs={"pk": product.pk}),
        {"photo": photo_file(content, **kwargs)},
        follow=True,
    )


def opened(field_file):
    with Image.open(field_file.path) as image:
        image.load()
        return image


def colour_name(pixel):
    return {0: "red", 2: "blue"}.get(max(range(3), key=lambda channel: pixel[channel]))


@pytest.fixture
def slots_taken():
    """Every decoding slot of this process held by another thread, as uploads being
    processed would hold them; calling the fixture's value lets one of them finish."""
    all_in = threading.Barrier(images.CONCURRENT_DECODES + 1)
    finished = [threading.Event() for _ in range(images.CONCURRENT_DECODES)]

    def hold(event):
        with images.decoding_slot():
            all_in.wait()
            event.wait()

    holders = [threading.Thread(target=hold, args=(event,)) for event in finished]
    for holder in holders:
        holder.start()
    all_in.wait(timeout=10)
    to_finish = list(finished)
    yield lambda: to_finish.pop().set()
    for event in finished:
        event.set()
    for holder in holders:
        holder.join()


@pytest.mark.parametrize(
    ("width", "height"),
    [(6275, 4000), (7000, 7000), (10_000, 10_000), (20_000, 20_000)],
    ids=["just-over-ours", "over-ours", "over-pillows-warning", "over-pillows-error"],
)
def test_decompression_bomb_is_refused_and_nothing_is_saved(client, product, media, width, height):
    bomb = png_claiming(width, height)
    assert len(bomb) < 300_000

    response = upload(client, product, bomb, name="photo.png", content_type="image/png")

    assert shown_messages(response) == ["Foto paling besar 25 megapiksel."]
    assert ProductPhoto.objects.count() == 0
    assert stored_files(media) == []


def test_transparent_webp_of_almost_40_megapixels_is_refused(client, product, media):
    # The audit's file: decoding it held some 700 MB.
    bomb = encoded(Image.new("RGBA", (7300, 5466), (0, 0, 0, 0)), "WEBP", lossless=True)
    assert len(bomb) < 2_000

    response = upload(client, product, bomb, name="photo.webp", content_type="image/webp")

    assert shown_messages(response) == ["Foto paling besar 25 megapiksel."]
    assert ProductPhoto.objects.count() == 0
    assert stored_files(media) == []


@pytest.mark.parametrize(
    ("width", "height", "sizes"),
    [
        (5712, 4284, [(1600, 1200), (320, 240), (800, 600)]),
        (6250, 4000, [(1600, 1024), (320, 205), (800, 512)]),
    ],
    ids=["iphone-24-megapixels", "at-our-limit"],
)
def test_photo_up_to_25_megapixels_is_accepted(client, product, width, height, sizes):
    response = upload(
        client, product, png_claiming(width, height), name="photo.png", content_type="image/png"
    )

    photo = ProductPhoto.objects.get()
    assert [opened(f).size for f in (photo.image, photo.small, photo.medium)] == sizes
    assert shown_messages(response) == ["Foto ditambahkan."]


def test_upload_waits_for_a_decoding_slot_and_goes_through_when_one_frees(slots_taken):
    processed = []
    waiting = threading.Thread(
        target=lambda: processed.append(images.process_photo(photo_file(jpeg((2400, 1800)))))
    )

    waiting.start()
    waiting.join(timeout=0.5)
    waited = waiting.is_alive()
    slots_taken()
    waiting.join(timeout=10)

    assert (waited, waiting.is_alive()) == (True, False)
    photo = processed[0]
    assert [(file.width, file.height) for file in (photo.original, photo.small, photo.medium)] == [
        (1600, 1200),
        (320, 240),
        (800, 600),
    ]


def test_upload_that_waits_too_long_for_a_slot_is_refused_as_busy(
    client, product, media, monkeypatch, slots_taken
):
    monkeypatch.setattr(images, "DECODE_WAIT_SECONDS", 0.1)

    response = upload(client, product, jpeg())

    assert shown_messages(response) == [
        "Server sedang sibuk memproses foto; coba lagi dalam satu menit."
    ]
    assert ProductPhoto.objects.count() == 0
    assert stored_files(media) == []
    # Being refused took no slot away: as soon as one frees, the next upload is stored.
    slots_taken()
    assert shown_messages(upload(client, product, jpeg())) == ["Foto ditambahkan."]


def test_file_refused_by_its_header_does_not_wait_for_a_slot(
    client, product, monkeypatch, slots_taken
):
    monkeypatch.setattr(images, "DECODE_WAIT_SECONDS", 0.1)

    response = upload(
        client, product, png_claiming(7000, 7000), name="photo.png", content_type="image/png"
    )

    assert shown_messages(response) == ["Foto paling besar 25 megapiksel."]
    assert ProductPhoto.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "name", "content_type", "message"),
    [
        (
            b"<!doctype html><html><body>Diskon!</body></html>",
            "photo.jpg",
            "image/jpeg",
            "Berkas ini bukan gambar JPEG, PNG, atau WebP.",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
            b'<rect width="10" height="10" fill="red"/></svg>',
            "photo.svg",
            "image/svg+xml",
            "Berkas ini bukan gambar JPEG, PNG, atau WebP.",
        ),
        (
            encoded(Image.new("RGB", (40, 30), RED), "GIF"),
            "photo.gif",
            "image/gif",
            "Berkas ini bukan gambar JPEG, PNG, atau WebP.",
        ),
        (b"", "photo.jpg", "image/jpeg", "Berkas yang Anda pilih kosong."),
    ],
    ids=["html-named-jpg", "svg", "gif", "empty"],
)
def test_what_is_not_a_jpeg_png_or_webp_is_refused(
    client, product, media, content, name, content_type, message
):
    response = upload(client, product, content, name=name, content_type=content_type)

    assert shown_messages(response) == [message]
    assert ProductPhoto.objects.count() == 0
    assert stored_files(media) == []


def test_truncated_jpeg_is_refused(client, product, media):
    noise = random.Random(7).randbytes(400 * 300 * 3)
    whole = encoded(Image.frombytes("RGB", (400, 300), noise), "JPEG")

    response = upload(client, product, whole[: len(whole) // 2])

    assert shown_messages(response) == [
        "Foto tidak dapat dibaca utuh: berkasnya rusak atau terpotong."
    ]
    assert ProductPhoto.objects.count() == 0
    assert stored_files(media) == []


def test_file_over_ten_megabytes_is_refused(client, product, media):
    too_big = b"\xff\xd8\xff\xe0" + b"\x00" * (10 * 1024 * 1024 - 3)

    response = upload(client, product, too_big)

    assert shown_messages(response) == ["Ukuran foto paling besar 10 MB."]
    assert ProductPhoto.objects.count() == 0
    assert stored_files(media) == []


def test_exif_with_gps_is_removed_from_every_stored_file(client, product):
    exif = gps_exif()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">rumah Bu Sri</x:xmpmeta>'
    content = jpeg(size=(1000, 800), exif=exif, xmp=xmp, comment=b"Ungaran")
    with Image.open(io.BytesIO(content)) as sent:
        assert sent.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "S"

    upload(client, product, content)

    photo = ProductPhoto.objects.get()
    for field_file in (photo.image, photo.small, photo.medium):
        stored = opened(field_file)
        assert dict(stored.getexif()) == {}
        assert {"exif", "xmp", "comment"} & set(stored.info) == set()


def test_exif_orientation_is_applied(client, product):
    image = Image.new("RGB", (200, 100), RED)
    image.paste(BLUE, (100, 0, 200, 100))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # the camera was turned: show rotated clockwise

    upload(client, product, encoded(image, "JPEG", exif=exif, quality=95))

    photo = ProductPhoto.objects.get()
    stored = opened(photo.image)
    assert (photo.width, photo.height, stored.size) == (100, 200, (100, 200))
    assert (colour_name(stored.getpixel((50, 20))), colour_name(stored.getpixel((50, 180)))) == (
        "red",
        "blue",
    )


def test_renditions_are_webp_at_320_and_800_wide_and_the_original_capped(client, product):
    response = upload(client, product, jpeg(size=(2400, 1800)))

    photo = ProductPhoto.objects.get()
    files = [opened(field_file) for field_file in (photo.image, photo.small, photo.medium)]
    assert [(image.format, image.size) for image in files] == [
        ("JPEG", (1600, 1200)),
        ("WEBP", (320, 240)),
        ("WEBP", (800, 600)),
    ]
    assert (
        photo.width,
        photo.height,
        photo.small_width,
        photo.small_height,
        photo.medium_width,
        photo.medium_height,
    ) == (1600, 1200, 320, 240, 800, 600)
    assert shown_messages(response) == ["Foto ditambahkan."]


def test_tall_original_is_capped_on_its_long_side(client, product):
    upload(client, product, jpeg(size=(1000, 4000)))

    photo = ProductPhoto.objects.get()
    assert [opened(f).size for f in (photo.image, photo.small, photo.medium)] == [
        (400, 1600),
        (320, 1280),
        (400, 1600),
    ]


def test_small_photo_is_never_enlarged(client, product):
    upload(
        client,
        product,
        encoded(Image.new("RGB", (300, 200), RED), "PNG"),
        name="kecil.png",
        content_type="image/png",
    )

    photo = ProductPhoto.objects.get()
    assert [opened(f).size for f in (photo.image, photo.small, photo.medium)] == [
        (300, 200),
        (300, 200),
        (300, 200),
    ]


def test_transparent_png_stays_transparent(client, product):
    logo = Image.new("RGBA", (500, 500), (0, 0, 0, 0))
    logo.paste((*RED, 255), (100, 100, 400, 400))

    upload(client, product, encoded(logo, "PNG"), name="logo.png", content_type="image/png")

    photo = ProductPhoto.objects.get()
    original, small = opened(photo.image), opened(photo.small)
    assert (original.format, original.mode, original.getpixel((0, 0))[3]) == ("WEBP", "RGBA", 0)
    assert (small.mode, small.getpixel((160, 160))[3]) == ("RGBA", 255)


def test_stored_names_do_not_keep_the_uploaded_name(client, product):
    upload(client, product, jpeg(), name="KTP Bu Sri Rahayu.jpg")

    photo = ProductPhoto.objects.get()
    names = [f.name.rsplit("/", 1)[1] for f in (photo.image, photo.small, photo.medium)]
    stem = names[0].removesuffix(".jpg")
    assert (len(stem), names) == (32, [f"{stem}.jpg", f"{stem}-320.webp", f"{stem}-800.webp"])


def test_sixth_photo_is_refused(client, product, media):
    for _ in range(5):
        services.add_product_photo(product=product, upload=photo_file(jpeg()))
    files_before = stored_files(media)

    response = upload(client, product, jpeg())

    assert shown_messages(response) == ["Satu produk paling banyak memiliki 5 foto."]
    assert list(product.photos.values_list("position", flat=True)) == [0, 1, 2, 3, 4]
    assert stored_files(media) == files_before


def test_sending_no_file_says_so(client, product):
    response = client.post(reverse("product_photo_add", kwargs={"pk": product.pk}), {}, follow=True)

    assert shown_messages(response) == ["Pilih foto yang akan diunggah."]
    assert ProductPhoto.objects.count() == 0


def test_database_keeps_a_product_to_five_photos_one_per_position(product):
    def row(position):
        return ProductPhoto(
            product=product,
            position=position,
            image="products/a.jpg",
            width=1,
            height=1,
            small="products/a-320.webp",
            small_width=1,
            small_height=1,
            medium="products/a-800.webp",
            medium_width=1,
            medium_height=1,
        )

    row(0).save()
    with pytest.raises(IntegrityError, match="productphoto_at_most_five"), transaction.atomic():
        row(5).save()
    with (
        pytest.raises(IntegrityError, match="productphoto_one_per_position"),
        transaction.atomic(),
    ):
        row(0).save()
    assert list(product.photos.values_list("position", flat=True)) == [0]


def test_owner_deletes_a_photo_and_the_rest_close_up(
    client, product, media, django_capture_on_commit_callbacks
):
    first, second, third = (
        services.add_product_photo(product=product, upload=photo_file(jpeg())) for _ in range(3)
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("product_photo_delete", kwargs={"pk": second.pk}), follow=True
        )

    assert shown_messages(response) == ["Foto dihapus."]
    assert list(product.photos.values_list("pk", "position")) == [(first.pk, 0), (third.pk, 1)]
    assert len(stored_files(media)) == 6
    assert (media / second.image.name).exists() is False


def test_another_owners_product_and_photo_are_404(client, owner, media):
    someone_else = ExhibitorFactory(owner=UserFactory(username="pak.joko"))
    their_product = ProductFactory(exhibitor=someone_else)
    their_photo = services.add_product_photo(product=their_product, upload=photo_file(jpeg()))

    statuses = [
        client.post(
            reverse("product_photo_add", kwargs={"pk": their_product.pk}),
            {"photo": photo_file(jpeg())},
        ).status_code,
        client.post(reverse("product_photo_delete", kwargs={"pk": their_photo.pk})).status_code,
    ]

    assert statuses == [404, 404]
    assert list(ProductPhoto.objects.values_list("pk", flat=True)) == [their_photo.pk]
    assert len(stored_files(media)) == 3


def test_product_edit_page_shows_the_photos_and_the_upload_form(client, product):
    photo = services.add_product_photo(product=product, upload=photo_file(jpeg()))

    page = client.get(reverse("product_update", kwargs={"pk": product.pk})).content.decode()

    assert (
        f'<img src="{photo.small.url}" width="320" height="240" '
        'alt="Foto 1 dari Keripik Tempe 250 g">'
    ) in page
    assert reverse("product_photo_delete", kwargs={"pk": photo.pk}) in page
    assert 'enctype="multipart/form-data"' in page
    assert 'accept="image/jpeg,image/png,image/webp"' in page


def participant_page(client, application):
    url = reverse(
        "participant_detail",
        kwargs={"edition_slug": application.edition.slug, "slug": application.exhibitor.slug},
    )
    return client.get(url).content.decode()


def test_participant_page_shows_the_first_photo_with_srcset(client, product):
    application = ApplicationFactory(exhibitor=product.exhibitor, accepted=True)
    first = services.add_product_photo(product=product, upload=photo_file(jpeg((1200, 900))))
    services.add_product_photo(product=product, upload=photo_file(jpeg()))

    page = participant_page(client, application)

    assert (
        f'<img src="{first.small.url}" srcset="{first.small.url} 320w, {first.medium.url} 800w" '
        'sizes="(min-width: 40rem) 14rem, 100vw" width="320" height="240" alt="">'
    ) in page  # the first product's, maybe in the first view: fetched at once
    assert page.count("<img ") == 1


@pytest.mark.parametrize("count", [1, 3])
def test_participant_page_queries_do_not_grow_with_photos(
    client, media, django_assert_num_queries, count
):
    application = ApplicationFactory(accepted=True)
    firsts = {}
    for number in range(count):
        product = ProductFactory(exhibitor=application.exhibitor, name=f"Keripik {number}")
        firsts[product.name] = [
            services.add_product_photo(product=product, upload=photo_file(jpeg((400, 300))))
            for _ in range(2)
        ][0]

    # edition, participant, links, its klaster, products, their photos, verified documents
    with django_assert_num_queries(7):
        page = participant_page(client, application)

    assert page.count("srcset=") == count
    assert [
        f'<img src="{photo.small.url}" srcset="{photo.small.url} 320w, {photo.medium.url} 400w"'
        in page
        for photo in firsts.values()
    ] == [True] * count


def test_a_shared_exhibitor_page_shows_the_first_product_photo(client, product):
    application = ApplicationFactory(exhibitor=product.exhibitor, accepted=True)
    ProductFactory(exhibitor=product.exhibitor, name="Tanpa Foto", position=0)
    product.position = 1
    product.save()
    first = services.add_product_photo(product=product, upload=photo_file(jpeg()))
    services.add_product_photo(product=product, upload=photo_file(jpeg()))

    page = participant_page(client, application)

    assert f'<meta property="og:image" content="http://testserver{first.medium.url}">' in page


def test_dashboard_shows_each_products_first_photo(client, product):
    photo = services.add_product_photo(product=product, upload=photo_file(jpeg()))
    services.add_product_photo(product=product, upload=photo_file(jpeg()))

    page = client.get(reverse("dashboard")).content.decode()

    assert (
        f'<img src="{photo.small.url}" width="320" height="240" loading="lazy" '
        'alt="Keripik Tempe 250 g">'
    ) in page
    assert page.count("<img ") == 1


def test_deleting_a_product_removes_its_photo_files(
    client, product, media, django_capture_on_commit_callbacks
):
    services.add_product_photo(product=product, upload=photo_file(jpeg()))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("product_delete", kwargs={"pk": product.pk}))

    assert ProductPhoto.objects.count() == 0
    assert stored_files(media) == []
