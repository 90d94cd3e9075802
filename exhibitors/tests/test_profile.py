"""The business profile's new parts: origin and size, logo, video, and online links."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from core.tests.helpers import PROFILE, png
from core.youtube import video_id as youtube_video_id
from exhibitors.models import Exhibitor, OnlineLink, validate_platform_url
from exhibitors.tests.factories import ExhibitorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def exhibitor(owner):
    return ExhibitorFactory(owner=owner, name="Keripik Tempe Bu Sri")


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
        "https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ?si=abc",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
        "http://youtube.com/shorts/dQw4w9WgXcQ/",
    ],
)
def test_youtube_links_give_the_video_id(url):
    assert youtube_video_id(url) == "dQw4w9WgXcQ"
    assert Exhibitor(video_url=url).youtube_id == "dQw4w9WgXcQ"


@pytest.mark.parametrize(
    "url",
    [
        "https://vimeo.com/123456789",
        "https://www.youtube.com/channel/UC1234567890",
        "https://www.youtube.com/watch?v=short",
        "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://evil.example/?https://youtu.be/dQw4w9WgXcQ",
        "https://user@youtu.be/dQw4w9WgXcQ",
        "javascript:alert(1)//youtu.be/dQw4w9WgXcQ",
        "ftp://youtu.be/dQw4w9WgXcQ",
    ],
)
def test_other_links_are_not_youtube_videos(url):
    assert youtube_video_id(url) is None
    assert Exhibitor(video_url=url).youtube_id == ""


def test_no_video_has_no_id():
    assert Exhibitor(video_url="").youtube_id == ""


@pytest.mark.parametrize(
    ("platform", "url"),
    [
        ("shopee", "https://shopee.co.id/keripiktempebusri"),
        ("tokopedia", "https://www.tokopedia.com/keripik-bu-sri"),
        ("tokopedia", "https://tk.tokopedia.com/ZSabc123/"),
        ("tiktokshop", "https://www.tiktok.com/@keripikbusri"),
        ("tiktokshop", "https://shop.tiktok.com/view/product/1729"),
        ("lazada", "https://www.lazada.co.id/shop/keripik-bu-sri/"),
        ("blibli", "https://www.blibli.com/merchant/keripik-bu-sri/KEB-60001"),
        ("gofood", "https://gofood.co.id/semarang/restaurant/keripik-bu-sri"),
        ("gofood", "https://gojek.com/gofood/keripik"),
        ("grabfood", "https://food.grab.com/id/id/restaurant/keripik-bu-sri"),
        ("shopeefood", "https://shopee.co.id/now-food/shop/20001"),
        ("instagram", "https://instagram.com/keripik.busri"),
        ("facebook", "https://www.facebook.com/keripikbusri"),
        ("facebook", "https://fb.com/keripikbusri"),
        ("website", "https://keripik-busri.id/"),
        ("shopee", "https://SHOPEE.CO.ID/keripik"),
    ],
)
def test_platform_links_on_their_own_hosts_are_accepted(platform, url):
    validate_platform_url(platform=platform, url=url)


@pytest.mark.parametrize(
    ("platform", "url", "message"),
    [
        ("shopee", "https://www.tokopedia.com/keripik", "Ini bukan alamat Shopee"),
        ("tokopedia", "https://tokopedia.com.evil.example/x", "Ini bukan alamat Tokopedia"),
        ("tokopedia", "https://faketokopedia.com/x", "Ini bukan alamat Tokopedia"),
        ("instagram", "https://instagram.com@evil.example/x", "diawali dengan https://"),
        ("instagram", "http://instagram.com/keripik", "diawali dengan https://"),
        ("facebook", "https://instagram.com/keripik", "Ini bukan alamat Facebook"),
        ("grabfood", "https://gofood.co.id/keripik", "Ini bukan alamat GrabFood"),
        ("website", "http://keripik-busri.id/", "diawali dengan https://"),
        ("website", "javascript:alert(1)", "diawali dengan https://"),
    ],
)
def test_platform_links_elsewhere_are_refused(platform, url, message):
    with pytest.raises(ValidationError) as refused:
        validate_platform_url(platform=platform, url=url)

    assert message in refused.value.messages[0]


def test_profile_saves_origin_size_website_and_video(client, owner):
    response = client.post(
        reverse("profile_edit"),
        {
            **PROFILE,
            "kecamatan": "33.22.18",  # Ungaran Barat
            "year_founded": "2015",
            "worker_count": "4",
            "website": "https://keripik-busri.id",
            "video_url": "https://youtu.be/dQw4w9WgXcQ",
        },
    )

    assert response.status_code == 302
    exhibitor = Exhibitor.objects.get(owner=owner)
    assert (
        exhibitor.kecamatan.name,
        exhibitor.year_founded,
        exhibitor.worker_count,
        exhibitor.website,
        exhibitor.youtube_id,
    ) == ("Ungaran Barat", 2015, 4, "https://keripik-busri.id", "dQw4w9WgXcQ")


BIDI_REFUSED = "Nama tidak boleh memuat karakter yang membalik atau mengubah urutan teks."


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("year_founded", "1850", "Masukkan tahun mulai 1900, misalnya 2015."),
        ("worker_count", "0", "Pastikan nilai ini lebih besar dari atau sama dengan 1."),
        ("video_url", "https://vimeo.com/123456789", "Masukkan tautan video YouTube"),
        ("website", "ftp://keripik-busri.id", "Masukkan URL yang valid."),
        ("name", "Keripik \u202egnp.exe", BIDI_REFUSED),
        ("name", "Keripik \u2067Tempe", BIDI_REFUSED),
        ("description", "a" * 5001, "paling banyak 5000 karakter"),
    ],
)
def test_bad_profile_details_are_explained_and_change_nothing(client, owner, field, value, message):
    response = client.post(reverse("profile_edit"), {**PROFILE, field: value})

    assert message in " ".join(response.context["form"].errors[field])
    assert Exhibitor.objects.count() == 0


def test_year_founded_in_the_future_is_refused(client, owner):
    next_year = str(timezone.localdate().year + 1)

    response = client.post(reverse("profile_edit"), {**PROFILE, "year_founded": next_year})

    assert response.context["form"].errors["year_founded"] == [
        "Tahun berdiri tidak boleh di masa depan."
    ]
    assert Exhibitor.objects.count() == 0


def test_logo_is_stored_small_with_its_size(client, exhibitor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    client.post(
        reverse("logo_upload"),
        {"logo": SimpleUploadedFile("logo.png", png((1000, 500), mode="RGBA"), "image/png")},
    )

    exhibitor.refresh_from_db()
    assert (exhibitor.logo_width, exhibitor.logo_height) == (320, 160)
    with Image.open(exhibitor.logo.path) as stored:
        assert (stored.format, stored.size, stored.mode) == ("WEBP", (320, 160), "RGBA")
    page = client.get(reverse("dashboard")).content.decode()
    assert f'src="{exhibitor.logo.url}" width="320" height="160"' in page


def test_a_logo_that_is_not_an_image_is_refused(client, exhibitor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    response = client.post(
        reverse("logo_upload"),
        {"logo": SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", "image/png")},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Berkas ini bukan gambar JPEG, PNG, atau WebP."
    ]
    exhibitor.refresh_from_db()
    assert exhibitor.logo.name == ""
    assert list(tmp_path.iterdir()) == []


def test_replacing_and_removing_the_logo_removes_the_old_files(
    client, exhibitor, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("logo_upload"), {"logo": SimpleUploadedFile("a.png", png((64, 64)))})
    exhibitor.refresh_from_db()
    first = exhibitor.logo.path

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("logo_upload"), {"logo": SimpleUploadedFile("b.png", png((80, 40)))})
    exhibitor.refresh_from_db()
    second = exhibitor.logo.path
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("logo_remove"))

    exhibitor.refresh_from_db()
    assert (exhibitor.logo.name, exhibitor.logo_width, exhibitor.logo_height) == ("", None, None)
    assert first != second
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


def test_owner_adds_and_deletes_an_online_link(client, exhibitor):
    client.post(
        reverse("links"), {"platform": "shopee", "url": "https://shopee.co.id/keripikbusri"}
    )
    link = OnlineLink.objects.get()
    page = client.get(reverse("links")).content.decode()

    assert (link.exhibitor, link.platform) == (exhibitor, "shopee")
    assert "https://shopee.co.id/keripikbusri" in page

    client.post(reverse("link_delete", kwargs={"pk": link.pk}))

    assert OnlineLink.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"platform": "tokopedia", "url": "https://shopee.co.id/keripikbusri"},
            "Ini bukan alamat Tokopedia (seharusnya di tokopedia.com).",
        ),
        (
            {"platform": "instagram", "url": "http://instagram.com/keripik"},
            "Masukkan alamat lengkap, diawali dengan https://",
        ),
        ({"platform": "shopee", "url": "https://shopee.co.id/ada"}, "sudah ada di daftar Anda"),
    ],
)
def test_a_bad_online_link_is_explained_and_changes_nothing(client, exhibitor, data, message):
    OnlineLink.objects.create(
        exhibitor=exhibitor, platform="shopee", url="https://shopee.co.id/ada"
    )

    response = client.post(reverse("links"), data)

    assert message in " ".join(response.context["form"].errors["url"])
    assert OnlineLink.objects.count() == 1
