"""The owner's dashboard says, on each application, what comes next: by its state, with
the booth, the outside share, the set-up and the rules, and what an online stand needs."""

import datetime
import re
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from booths.models import Assignment
from booths.tests.factories import BoothFactory
from core.tests.helpers import PDF, jpeg, text_of
from exhibitors import services
from exhibitors.models import OnlineLink
from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory, ProductFactory
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
SUKOHARJO = "33.11"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def exhibitor(owner):
    return ExhibitorFactory(owner=owner, name="Keripik Tempe Bu Sri")


@pytest.fixture
def edition():
    """Hosted by Kabupaten Semarang, which keeps 80% of the booths."""
    return EditionFactory(
        name="Kasmex 2099",
        slug="kasmex-2099",
        starts_on=datetime.date(2099, 8, 17),
        ends_on=datetime.date(2099, 8, 19),
        venue_name="Alun-alun Bung Karno",
        venue_address="Ungaran",
        registration_opens_at=datetime.datetime(2099, 1, 1, 8, 0, tzinfo=WIB),
        registration_closes_at=datetime.datetime(2099, 7, 31, 16, 0, tzinfo=WIB),
        host_share_percent=80,
    )


def next_steps(client):
    """The words of the first application card's next steps, as the owner reads them."""
    page = client.get(reverse("dashboard")).content.decode()
    return text_of(re.search(r'<div class="next-steps">.*?</div>\s*</li>', page, re.S)[0])


def links(client):
    """(text, address) of each link in the first application card's next steps."""
    page = client.get(reverse("dashboard")).content.decode()
    block = re.search(r'<div class="next-steps">.*?</div>\s*</li>', page, re.S)[0]
    return [
        (text_of(text), href) for href, text in re.findall(r'<a href="([^"]*)">(.*?)</a>', block)
    ]


def test_submitted_waits_for_the_decision_while_registration_is_open(client, exhibitor):
    edition = EditionFactory(
        registration_closes_at=datetime.datetime(2099, 7, 31, 16, 0, tzinfo=WIB)
    )
    application = ApplicationFactory(exhibitor=exhibitor, edition=edition)

    page = client.get(reverse("dashboard")).content.decode()

    assert next_steps(client) == (
        "Langkah selanjutnya Penyelenggara sedang memeriksa pendaftaran Anda dan akan "
        "mengabarkan keputusannya melalui e-mail. Pendaftaran dibuka sampai 31 Juli 2099. "
        "Selama penyelenggara belum memutuskan, Anda masih dapat menarik pendaftaran ini. "
        "Tarik pendaftaran ini"
    )
    assert f'action="{reverse("withdraw", kwargs={"pk": application.pk})}"' in page


def test_submitted_after_registration_closed_says_when_it_closed(client, exhibitor):
    edition = EditionFactory(
        registration_opens_at=datetime.datetime(2021, 9, 1, 8, 0, tzinfo=WIB),
        registration_closes_at=datetime.datetime(2021, 10, 30, 16, 0, tzinfo=WIB),
    )
    ApplicationFactory(exhibitor=exhibitor, edition=edition)

    assert "Pendaftaran ditutup pada 30 Oktober 2021." in next_steps(client)


def test_waitlisted_is_told_what_the_waiting_list_means(client, exhibitor, edition):
    ApplicationFactory(
        exhibitor=exhibitor, edition=edition, status="waitlisted", decided_at=edition.created_at
    )

    assert next_steps(client) == (
        "Langkah selanjutnya Anda masuk daftar tunggu: untuk saat ini semua tempat sudah "
        "terisi. Jika ada tempat yang kosong, misalnya karena ada peserta yang mengundurkan "
        "diri, penyelenggara menawarkannya kepada peserta di daftar tunggu dan akan "
        "menghubungi Anda. Sampai saat itu Anda tidak perlu melakukan apa pun."
    )
    assert links(client) == []


def test_rejected_shows_the_reason(client, exhibitor, edition):
    ApplicationFactory(
        exhibitor=exhibitor,
        edition=edition,
        status="rejected",
        decision_reason="NIB belum terdaftar di OSS.",
        decided_at=edition.created_at,
    )

    assert next_steps(client) == (
        "Langkah selanjutnya Alasan dari penyelenggara: NIB belum terdaftar di OSS."
    )


def test_accepted_for_a_booth_waits_for_its_place_on_the_floor_plan(client, exhibitor, edition):
    ApplicationFactory(exhibitor=exhibitor, edition=edition, accepted=True)
    BoothFactory.create_batch(5, edition=edition)

    assert next_steps(client) == (
        "Langkah selanjutnya Pendaftaran Anda diterima. Penyelenggara sedang menempatkan "
        "para peserta di denah; Anda akan menerima e-mail berisi stan Anda."
    )


def outside_participant_with_a_booth(edition):
    """An UMKM from Sukoharjo on one of the edition's booths."""
    Assignment.objects.create(
        booth=BoothFactory(edition=edition),
        application=ApplicationFactory(
            edition=edition, accepted=True, exhibitor__region_id=SUKOHARJO
        ),
    )


OUTSIDE_SHARE_FULL = (
    "Stan untuk peserta dari luar daerah tuan rumah dibatasi 20% dari seluruh stan, dan "
    "jatah itu untuk saat ini sudah terisi. Penyelenggara yang memutuskan apakah Anda "
    "tetap mendapat stan."
)


def test_an_outside_participant_is_told_when_the_outside_share_is_taken(client, owner, edition):
    exhibitor = ExhibitorFactory(owner=owner, region_id=SUKOHARJO)
    ApplicationFactory(exhibitor=exhibitor, edition=edition, accepted=True)
    outside_participant_with_a_booth(edition)
    BoothFactory.create_batch(4, edition=edition)  # 5 booths: 1 for outside participants

    assert next_steps(client) == (
        "Langkah selanjutnya Pendaftaran Anda diterima. Penyelenggara sedang menempatkan "
        f"para peserta di denah; Anda akan menerima e-mail berisi stan Anda. {OUTSIDE_SHARE_FULL}"
    )


@pytest.mark.parametrize(
    ("kind", "region", "booths"),
    [
        ("umkm", SUKOHARJO, 9),  # 10 booths: 2 for outside participants, 1 taken
        ("umkm", "33.22", 4),  # from the host region
        ("instansi", SUKOHARJO, 4),  # an institution counts on neither side
    ],
)
def test_no_word_of_the_outside_share_while_it_does_not_hold_the_participant_back(
    client, owner, edition, kind, region, booths
):
    scale = "mikro" if kind == "umkm" else ""
    exhibitor = ExhibitorFactory(owner=owner, kind=kind, scale=scale, region_id=region)
    ApplicationFactory(exhibitor=exhibitor, edition=edition, accepted=True)
    outside_participant_with_a_booth(edition)
    BoothFactory.create_batch(booths, edition=edition)

    assert "dibatasi" not in next_steps(client)


def test_an_edition_without_booths_yet_says_nothing_of_the_share(client, owner, edition):
    exhibitor = ExhibitorFactory(owner=owner, region_id=SUKOHARJO)
    ApplicationFactory(exhibitor=exhibitor, edition=edition, accepted=True)

    assert "dibatasi" not in next_steps(client)


def test_accepted_with_a_booth_gets_the_booth_set_up_days_place_and_rules(
    client, exhibitor, edition, media
):
    edition.setup_starts_at = datetime.datetime(2099, 8, 16, 8, 0, tzinfo=WIB)
    edition.rules_document = SimpleUploadedFile("tata-tertib.pdf", PDF)
    edition.save()
    application = ApplicationFactory(exhibitor=exhibitor, edition=edition, accepted=True)
    Assignment.objects.create(
        booth=BoothFactory(edition=edition, code="B-07", zone="Zona Kuliner"),
        application=application,
    )
    participant_page = reverse(
        "participant_detail", kwargs={"edition_slug": edition.slug, "slug": exhibitor.slug}
    )

    assert next_steps(client) == (
        "Langkah selanjutnya Stan Anda B-07 · Zona Kuliner "
        "Pemasangan stan mulai 16 Agustus 2099, 08.00 "
        "Hari pameran 17–19 Agustus 2099 · Alun-alun Bung Karno, Ungaran "
        "Stan Anda di denah · Tata tertib dalam bentuk dokumen (PDF, 431 bita)"
    )
    assert links(client) == [
        ("Stan Anda di denah", f"{participant_page}#booth"),
        ("Tata tertib dalam bentuk dokumen (PDF, 431 bita)", edition.rules_document.url),
    ]
    assert 'id="booth"' in client.get(participant_page).content.decode()


def test_a_booth_without_a_set_up_time_or_document_links_the_rules_on_the_expo_page(
    client, exhibitor, edition
):
    edition.rules = "Stan dibuka pukul 09.00."
    edition.save()
    application = ApplicationFactory(exhibitor=exhibitor, edition=edition, accepted=True)
    Assignment.objects.create(
        booth=BoothFactory(edition=edition, code="A-01"), application=application
    )

    steps = next_steps(client)

    assert (
        "Pemasangan stan Penyelenggara akan mengumumkan kapan Anda dapat mulai memasang stan."
        in steps
    )
    assert links(client)[1] == (
        "Tata tertib pameran",
        f"{edition.get_absolute_url()}#edition-rules",
    )
    page = client.get(edition.get_absolute_url()).content.decode()
    assert 'id="edition-rules"' in page
    assert "Stan dibuka pukul 09.00." in page


def checklist(client):
    """Each item of the online-stand checklist as read, and the address of its link."""
    page = client.get(reverse("dashboard")).content.decode()
    items = re.findall(r"<li class=\"(?:done|todo)\">(.*?)</li>", page, re.S)
    return [
        (text_of(item), link[1] if (link := re.search(r'href="([^"]*)"', item)) else None)
        for item in items
    ]


def test_an_online_participant_sees_what_its_stand_still_needs(client, exhibitor, edition, media):
    ApplicationFactory(exhibitor=exhibitor, edition=edition, accepted=True, mode="virtual")
    with_photo = ProductFactory(exhibitor=exhibitor)
    services.add_product_photo(product=with_photo, upload=SimpleUploadedFile("a.jpg", jpeg()))
    ProductFactory(exhibitor=exhibitor)  # no photo
    hidden = ProductFactory(exhibitor=exhibitor, is_published=False)
    services.add_product_photo(product=hidden, upload=SimpleUploadedFile("b.jpg", jpeg()))
    profile = reverse("profile_edit")

    assert checklist(client) == [
        ("Logo: Unggah logo", profile),
        ("Deskripsi usaha: sudah", None),
        (
            "Minimal 3 produk yang ditampilkan kepada pengunjung, masing-masing dengan foto "
            "(saat ini 1): Buka katalog Anda",
            reverse("dashboard") + "#products",
        ),
        ("Tautan ke toko daring atau media sosial Anda: Tambahkan tautan", reverse("links")),
        ("Nomor WhatsApp: sudah", None),
    ]
    assert "Selama masa pameran daring, pengunjung menemukan halaman toko Anda" in next_steps(
        client
    )


def test_a_ready_online_stand_is_all_done(client, exhibitor, edition, media):
    ApplicationFactory(exhibitor=exhibitor, edition=edition, accepted=True, mode="virtual")
    services.set_logo(exhibitor=exhibitor, upload=SimpleUploadedFile("logo.png", jpeg()))
    for number in range(3):
        product = ProductFactory(exhibitor=exhibitor)
        services.add_product_photo(
            product=product, upload=SimpleUploadedFile(f"{number}.jpg", jpeg())
        )
    OnlineLink.objects.create(
        exhibitor=exhibitor, platform="shopee", url="https://shopee.co.id/keripik"
    )

    assert [done for done, _link in checklist(client)] == [
        "Logo: sudah",
        "Deskripsi usaha: sudah",
        "Minimal 3 produk yang ditampilkan kepada pengunjung, masing-masing dengan foto "
        "(saat ini 3): sudah",
        "Tautan ke toko daring atau media sosial Anda: sudah",
        "Nomor WhatsApp: sudah",
    ]


def test_a_booth_and_online_participant_gets_both(client, exhibitor, edition):
    edition.format = "hybrid"
    edition.save()
    application = ApplicationFactory(
        exhibitor=exhibitor, edition=edition, accepted=True, mode="both"
    )
    Assignment.objects.create(
        booth=BoothFactory(edition=edition, code="C-03"), application=application
    )

    steps = next_steps(client)

    assert "Stan Anda C-03" in steps
    assert "Siapkan profil dan katalog Anda:" in steps


def test_a_booth_only_participant_gets_no_online_checklist(client, exhibitor, edition):
    ApplicationFactory(exhibitor=exhibitor, edition=edition, accepted=True)

    assert checklist(client) == []


@pytest.mark.parametrize("count", [1, 3])
def test_dashboard_queries_do_not_grow_with_applications_in_every_state(
    client, owner, django_assert_num_queries, count
):
    exhibitor = ExhibitorFactory(owner=owner, region_id=SUKOHARJO)
    states = [
        {"status": "submitted"},
        {"status": "waitlisted"},
        {"status": "rejected", "decision_reason": "Kuota penuh."},
        {"status": "accepted"},  # no booth yet
        {"status": "accepted", "mode": "virtual"},
        {"status": "accepted", "mode": "both", "booth": True},
    ]
    for state in states:
        fields = {name: value for name, value in state.items() if name != "booth"}
        for _number in range(count):
            edition = EditionFactory(format="hybrid", rules="Tata tertib.")
            application = ApplicationFactory(
                exhibitor=exhibitor,
                edition=edition,
                decided_at=None if state["status"] == "submitted" else edition.created_at,
                **fields,
            )
            outside_participant_with_a_booth(edition)
            if state.get("booth"):
                Assignment.objects.create(
                    booth=BoothFactory(edition=edition), application=application
                )

    # session, user, exhibitor, its region, applications (with their booths and the
    # outside share), featured products, open editions, products, the profile's documents,
    # whether it has products, whether it has links, its klaster, its new inquiries (buyers)
    with django_assert_num_queries(13):
        page = client.get(reverse("dashboard")).content.decode()

    assert page.count('<div class="next-steps">') == len(states) * count
    assert page.count(OUTSIDE_SHARE_FULL.split(",")[0]) == count
    assert page.count("Stan Anda di denah") == count
    assert page.count('<ul class="checklist">') == 2 * count
