"""The directory's kecamatan filter: the few kecamatan an edition's participants come from."""

import re

import pytest
from django.urls import reverse

from core.tests.helpers import card_names
from exhibitors.tests.factories import ApplicationFactory
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

BAWEN, UNGARAN_BARAT, GETASAN = "33.22.11", "33.22.18", "33.22.01"  # Kabupaten Semarang
POLOKARTO, KARTASURA = "33.11.07", "33.11.12"  # Kabupaten Sukoharjo


def directory(client, edition, **params):
    return client.get(reverse("participant_list", kwargs={"edition_slug": edition.slug}), params)


def kecamatan_choices(response):
    return [
        (group, [code for code, _name in options] if isinstance(options, list) else options)
        for group, options in response.context["filter"].form.fields["kecamatan"].choices
        if group
    ]


@pytest.fixture
def edition():
    """Hosted by Kabupaten Semarang; one participant each from Bawen, Ungaran Barat and
    Polokarto (Sukoharjo), one with no kecamatan yet, one from Getasan not accepted."""
    edition = EditionFactory(host_regions=["33.22"])
    for name, kecamatan in [
        ("Batik Bawen", BAWEN),
        ("Kopi Ungaran", UNGARAN_BARAT),
        ("Jumputan Polokarto", POLOKARTO),
    ]:
        ApplicationFactory(
            edition=edition,
            accepted=True,
            exhibitor__name=name,
            exhibitor__region_id=kecamatan[:5],
            exhibitor__kecamatan_id=kecamatan,
        )
    ApplicationFactory(edition=edition, accepted=True, exhibitor__name="Tanpa Kecamatan")
    ApplicationFactory(
        edition=edition, exhibitor__region_id="33.22", exhibitor__kecamatan_id=GETASAN
    )
    return edition


def test_without_a_regency_the_host_regions_kecamatan_of_participants_are_offered(client, edition):
    # By name, and only where participants are: not Getasan, not Sukoharjo's Polokarto.
    assert kecamatan_choices(directory(client, edition)) == [
        (BAWEN, "Bawen"),
        (UNGARAN_BARAT, "Ungaran Barat"),
    ]


def test_a_regency_offers_its_own_participants_kecamatan(client, edition):
    ApplicationFactory(
        edition=edition,
        accepted=True,
        exhibitor__region_id="33.11",
        exhibitor__kecamatan_id=KARTASURA,
    )

    response = directory(client, edition, provinsi="33", wilayah="33.11")

    assert kecamatan_choices(response) == [(KARTASURA, "Kartasura"), (POLOKARTO, "Polokarto")]


def test_several_host_regions_offer_their_kecamatan_by_regency(client, edition):
    edition.host_regions.add("33.11")

    assert kecamatan_choices(directory(client, edition)) == [
        ("Kabupaten Semarang", [BAWEN, UNGARAN_BARAT]),
        ("Kabupaten Sukoharjo", [POLOKARTO]),
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kecamatan": BAWEN}, ["Batik Bawen"]),
        ({"kecamatan": POLOKARTO}, ["Jumputan Polokarto"]),  # a link naming the kecamatan alone
        ({"wilayah": "33.11", "kecamatan": POLOKARTO}, ["Jumputan Polokarto"]),
        ({"provinsi": "33", "wilayah": "33.22", "kecamatan": UNGARAN_BARAT}, ["Kopi Ungaran"]),
        # A kecamatan outside the regency chosen is dropped, the regency kept.
        ({"wilayah": "33.11", "kecamatan": BAWEN}, ["Jumputan Polokarto"]),
        # One where no participant is, or no kecamatan at all: the filter is ignored.
        (
            {"kecamatan": GETASAN},
            ["Batik Bawen", "Jumputan Polokarto", "Kopi Ungaran", "Tanpa Kecamatan"],
        ),
        (
            {"kecamatan": "33.22.99"},
            ["Batik Bawen", "Jumputan Polokarto", "Kopi Ungaran", "Tanpa Kecamatan"],
        ),
        (
            {"kecamatan": "<b>"},
            ["Batik Bawen", "Jumputan Polokarto", "Kopi Ungaran", "Tanpa Kecamatan"],
        ),
    ],
)
def test_the_kecamatan_filter_finds_its_participants(client, edition, params, expected):
    assert card_names(directory(client, edition, **params)) == expected


def test_the_kecamatan_select_is_labelled_and_htmx_brings_it_anew(client, edition):
    page = directory(client, edition).content.decode()
    assert '<label for="id_kecamatan">Kecamatan</label>' in page

    response = client.get(
        reverse("participant_list", kwargs={"edition_slug": edition.slug}),
        {"provinsi": "33", "wilayah": "33.11"},
        headers={"HX-Request": "true"},
    )

    field = re.search(
        r'<p id="field-kecamatan" data-hx-swap-oob="true">.*?</p>', response.content.decode(), re.S
    ).group(0)
    assert '<option value="33.11.07">Polokarto</option>' in field
    assert "Bawen" not in field


def test_a_regency_without_participants_kecamatan_says_so(client, edition):
    ApplicationFactory(edition=edition, accepted=True, exhibitor__region_id="35.07")

    page = directory(client, edition, provinsi="35", wilayah="35.07").content.decode()

    field = re.search(r'<p id="field-kecamatan">.*?</p>', page, re.S).group(0)
    assert "Pilih kabupaten atau kota dulu" in field
