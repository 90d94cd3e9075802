"""The business's kecamatan and desa, chosen from the official lists: narrowed by the
regency or city without JavaScript, and the kecamatan typed before the lists matched."""

import importlib
import re

import pytest
from django.apps import apps
from django.db import IntegrityError
from django.urls import reverse

from core.tests.helpers import PROFILE
from exhibitors.models import Exhibitor
from exhibitors.tests.factories import ExhibitorFactory

pytestmark = pytest.mark.django_db

matching = importlib.import_module(
    "exhibitors.migrations.0023_kecamatan_matched_to_the_official_list"
)

UNGARAN_BARAT = "33.22.18"
BRANJANG = "33.22.18.2001"  # a desa of Ungaran Barat
BONANG = "33.21.12"  # in Kabupaten Demak


def options(html, select_id):
    select = re.search(
        rf'<select name="[^"]+"[^>]*id="{select_id}"[^>]*>(.*?)</select>', html, re.S
    )
    return re.findall(r'<option value="([^"]+)"', select.group(1))


def test_choosing_the_regency_shows_its_kecamatan_alone_and_saves_nothing(client, owner):
    response = client.post(reverse("profile_edit"), {**PROFILE, "choose_region": "1"})

    html = response.content.decode()
    kecamatan = options(html, "id_kecamatan")
    assert len(kecamatan) == 19
    assert UNGARAN_BARAT in kecamatan
    assert BONANG not in kecamatan
    assert options(html, "id_desa") == []
    assert "Tampilkan kecamatannya" in html
    assert Exhibitor.objects.count() == 0


def test_choosing_the_kecamatan_shows_its_desa_alone(client, owner):
    response = client.post(
        reverse("profile_edit"), {**PROFILE, "kecamatan": UNGARAN_BARAT, "choose_kecamatan": "1"}
    )

    desa = options(response.content.decode(), "id_desa")
    assert len(desa) == 11
    assert all(code.startswith(UNGARAN_BARAT + ".") for code in desa)
    assert BRANJANG in desa
    assert Exhibitor.objects.count() == 0


def test_the_profile_keeps_the_kecamatan_and_desa_chosen(client, owner):
    client.post(reverse("profile_edit"), {**PROFILE, "kecamatan": UNGARAN_BARAT, "desa": BRANJANG})

    exhibitor = Exhibitor.objects.get(owner=owner)
    assert (exhibitor.kecamatan.name, exhibitor.desa.name) == ("Ungaran Barat", "Branjang")
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "Ungaran Barat, Kabupaten Semarang" in dashboard


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ({"kecamatan": BONANG}, "Pilih kecamatan dari kabupaten atau kota yang dipilih."),
        (
            {"kecamatan": UNGARAN_BARAT, "desa": "33.21.12.2001"},
            "Pilih desa atau kelurahan dari kecamatan yang dipilih.",
        ),
        ({"desa": BRANJANG}, "Pilih desa atau kelurahan dari kecamatan yang dipilih."),
    ],
)
def test_a_place_outside_the_one_above_it_is_refused_and_changes_nothing(
    client, owner, choice, message
):
    exhibitor = ExhibitorFactory(owner=owner, name="Batik Sekar Arum", kecamatan_id="33.22.11")

    response = client.post(reverse("profile_edit"), {**PROFILE, **choice})

    assert message in response.content.decode()
    exhibitor.refresh_from_db()
    assert (exhibitor.kecamatan_id, exhibitor.desa_id, exhibitor.name) == (
        "33.22.11",
        None,
        "Batik Sekar Arum",
    )


def test_the_database_refuses_a_kecamatan_of_another_regency():
    with pytest.raises(IntegrityError, match="exhibitor_kecamatan_within_region"):
        ExhibitorFactory(region_id="33.22", kecamatan_id=BONANG)


def test_the_database_refuses_a_desa_without_its_kecamatan():
    with pytest.raises(IntegrityError, match="exhibitor_desa_within_kecamatan"):
        ExhibitorFactory(region_id="33.22", desa_id=BRANJANG)


def test_typed_kecamatan_are_matched_where_the_name_is_one_of_the_regencys():
    typed = {
        "Kec. ungaran  barat": "33.22",  # prefix, case and spaces as people type them
        "Kaliwungu": "33.22",  # also a kecamatan of Kabupaten Kendal and Kudus
        "Ungaran Brt": "33.22",  # no kecamatan of that name
        "Bonang": "33.22",  # a kecamatan of Demak, not of Kabupaten Semarang
        "Kecamatan Bonang": "33.21",
    }
    exhibitors = {
        text: ExhibitorFactory(region_id=region, kecamatan_as_typed=text)
        for text, region in typed.items()
    }

    matching.match_typed_kecamatan(apps, None)

    found = {
        text: Exhibitor.objects.values_list("kecamatan_id", "kecamatan_as_typed").get(pk=e.pk)
        for text, e in exhibitors.items()
    }
    assert found == {
        "Kec. ungaran  barat": (UNGARAN_BARAT, ""),
        "Kaliwungu": ("33.22.17", ""),
        "Ungaran Brt": (None, "Ungaran Brt"),
        "Bonang": (None, "Bonang"),
        "Kecamatan Bonang": (BONANG, ""),
    }


def test_the_matching_is_undone_to_the_kecamatan_names():
    exhibitor = ExhibitorFactory(kecamatan_id=UNGARAN_BARAT, desa_id=BRANJANG)

    matching.unmatch_typed_kecamatan(apps, None)

    exhibitor.refresh_from_db()
    assert (exhibitor.kecamatan_id, exhibitor.desa_id, exhibitor.kecamatan_as_typed) == (
        None,
        None,
        "Ungaran Barat",
    )


def test_an_owner_whose_kecamatan_was_not_matched_is_asked_to_choose_it(client, owner):
    exhibitor = ExhibitorFactory(owner=owner, kecamatan_as_typed="Ungaran Brt")

    page = client.get(reverse("profile_edit")).content.decode()
    assert "Anda menulis “Ungaran Brt”" in page
    assert UNGARAN_BARAT in options(page, "id_kecamatan")

    client.post(
        reverse("profile_edit"),
        {**PROFILE, "name": exhibitor.name, "kecamatan": UNGARAN_BARAT},
    )

    exhibitor.refresh_from_db()
    assert (exhibitor.kecamatan_id, exhibitor.kecamatan_as_typed) == (UNGARAN_BARAT, "")
