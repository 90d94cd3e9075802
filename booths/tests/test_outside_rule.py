"""Who counts against the outside share: the rule is written in Python (``is_outside``,
which the booth board and ``assign_booth`` use) and in SQL (the ``is_from_host_region``
annotation with the edition counters, and the count of ``outside_quota``). Each case
below is built for real and asked of every one of them.

Hosts are regencies and cities (kabupaten/kota, codes like ``33.22``), compared by code;
no edition is hosted by a province, so a participant from another regency of the host's
province is outside like any other. An institution (instansi) is on neither side.
"""

import pytest
from django.db import IntegrityError

from booths.models import Assignment
from booths.selectors import board, edition_counters, is_outside, outside_quota
from booths.tests.factories import BoothFactory
from exhibitors.models import Exhibitor
from exhibitors.selectors import participants
from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory
from expo.models import Edition
from expo.tests.factories import KABUPATEN_SEMARANG, KOTA_SEMARANG, EditionFactory

pytestmark = pytest.mark.django_db

UMKM, INSTITUTION = Exhibitor.Kind.UMKM, Exhibitor.Kind.INSTITUTION
KASMEX = [KABUPATEN_SEMARANG]  # hosted by Kabupaten Semarang alone
BLITAR = ["35.72", "35.05"]  # Kota and Kabupaten Blitar, hosting together

# hosts, the participant's region and kind: from a host region? outside?
CASES = {
    "umkm from the host": (KASMEX, KABUPATEN_SEMARANG, UMKM, True, False),
    # Same province, same short name (Semarang), another code.
    "umkm from the host's province": (KASMEX, KOTA_SEMARANG, UMKM, False, True),
    "umkm from another province": (KASMEX, "35.07", UMKM, False, True),  # Kabupaten Malang
    "umkm from the first of two hosts": (BLITAR, "35.72", UMKM, True, False),
    "umkm from the second of two hosts": (BLITAR, "35.05", UMKM, True, False),
    "umkm from the province of two hosts": (BLITAR, "35.07", UMKM, False, True),
    "umkm, edition without hosts": ([], KABUPATEN_SEMARANG, UMKM, False, True),
    "institution from the host": (KASMEX, KABUPATEN_SEMARANG, INSTITUTION, True, False),
    "institution from outside": (KASMEX, KOTA_SEMARANG, INSTITUTION, False, False),
    "institution, edition without hosts": ([], KABUPATEN_SEMARANG, INSTITUTION, False, False),
}


@pytest.mark.parametrize(
    ("hosts", "region", "kind", "from_host", "outside"), CASES.values(), ids=CASES.keys()
)
def test_python_and_sql_agree_on_who_is_outside(hosts, region, kind, from_host, outside):
    edition = EditionFactory(host_regions=hosts, host_share_percent=80)
    # The participant also takes a booth at an edition its own region hosts: each edition
    # must be judged by its own hosts.
    elsewhere = EditionFactory(host_regions=[region])
    exhibitor = ExhibitorFactory(
        region_id=region, kind=kind, scale="" if kind == INSTITUTION else "mikro"
    )
    for each in (edition, elsewhere):
        application = ApplicationFactory(edition=each, exhibitor=exhibitor, accepted=True)
        Assignment.objects.create(booth=BoothFactory(edition=each), application=application)
    edition = Edition.objects.prefetch_related("host_regions").get(pk=edition.pk)

    [annotated] = participants(edition=edition)
    counted = {
        "is_outside": int(is_outside(exhibitor=exhibitor, host_codes=edition.host_region_codes)),
        "annotation": int(kind == UMKM and not annotated.is_from_host_region),
        "outside_quota": outside_quota(edition=edition).taken,
        "board": board(edition=edition)["quota"].taken,
        "edition_counters": edition_counters(edition=edition)["assigned_outside"],
    }

    assert counted == dict.fromkeys(counted, int(outside))
    assert annotated.is_from_host_region is from_host
    assert outside_quota(edition=elsewhere).taken == 0


def test_every_exhibitor_has_a_region_so_no_case_is_left_undecided():
    with pytest.raises(IntegrityError, match='null value in column "region_id"'):
        ExhibitorFactory(region_id=None)
