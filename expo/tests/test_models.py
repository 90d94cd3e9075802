import datetime

import pytest
from django.db import IntegrityError

from exhibitors.selectors import participants
from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory
from expo.models import Province, Region
from expo.tests.factories import KABUPATEN_SEMARANG, KOTA_SEMARANG, EditionFactory

pytestmark = pytest.mark.django_db


def test_regions_loaded_with_their_kemendagri_codes():
    assert Province.objects.count() == 38
    assert Region.objects.count() == 514
    assert Region.objects.filter(kind=Region.Kind.KABUPATEN).count() == 416
    assert Region.objects.filter(kind=Region.Kind.KOTA).count() == 98
    assert Region.objects.get(code="33.22").name == "Kabupaten Semarang"
    assert Region.objects.get(code="33.74").name == "Kota Semarang"
    assert Region.objects.get(code="33.74").province.name == "Jawa Tengah"


def test_same_short_name_different_regions_told_apart_by_code():
    edition = EditionFactory(host_regions=[KABUPATEN_SEMARANG])
    ApplicationFactory(edition=edition, exhibitor__region_id=KABUPATEN_SEMARANG, accepted=True)
    ApplicationFactory(edition=edition, exhibitor__region_id=KOTA_SEMARANG, accepted=True)

    flags = {
        application.exhibitor.region_id: application.is_from_host_region
        for application in participants(edition=edition)
    }

    assert flags[KABUPATEN_SEMARANG] is True
    assert flags[KOTA_SEMARANG] is False


def test_participants_inside_outside_by_code_for_several_hosts():
    edition = EditionFactory(host_regions=["35.72", "35.05"])  # Kota and Kabupaten Blitar
    ApplicationFactory(edition=edition, exhibitor__region_id="35.72", accepted=True)
    ApplicationFactory(edition=edition, exhibitor__region_id="35.05", accepted=True)
    ApplicationFactory(edition=edition, exhibitor__region_id="35.07", accepted=True)

    flags = {
        application.exhibitor.region_id: application.is_from_host_region
        for application in participants(edition=edition)
    }

    assert flags == {"35.72": True, "35.05": True, "35.07": False}


def test_edition_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError, match="edition_ends_after_start"):
        EditionFactory(starts_on=datetime.date(2021, 11, 12), ends_on=datetime.date(2021, 11, 11))


def test_host_share_cannot_pass_100_percent():
    with pytest.raises(IntegrityError, match="edition_host_share_percent"):
        EditionFactory(host_share_percent=120)


def test_exhibitor_nib_must_be_13_digits():
    with pytest.raises(IntegrityError, match="exhibitor_nib_13_digits"):
        ExhibitorFactory(nib="12345")
