import pytest

from exhibitors.tests.factories import ExhibitorFactory, UserFactory
from expo.models import Delegation, Membership, Organisation
from expo.tests.factories import EditionFactory

SUKOHARJO = "33.11"
MALANG = "35.07"


def member_of(office, username):
    user = UserFactory(username=username)
    Membership.objects.create(user=user, organisation=office)
    return user


@pytest.fixture
def kasmex():
    """Kabupaten Semarang's expo, with Sukoharjo's and Malang's delegations."""
    host = Organisation.objects.create(name="Dinas Koperasi UKM Perindag Kabupaten Semarang")
    edition = EditionFactory(organisation=host, name="Kasmex 2030", format="hybrid")
    sukoharjo = Organisation.objects.create(
        name="Dinas Koperasi UKM Kabupaten Sukoharjo", region_id=SUKOHARJO
    )
    malang = Organisation.objects.create(name="Dinas Koperasi Kabupaten Malang", region_id=MALANG)
    return {
        "host": host,
        "edition": edition,
        "sukoharjo": Delegation.objects.create(
            edition=edition, organisation=sukoharjo, booth_places=2, virtual_places=1
        ),
        "malang": Delegation.objects.create(edition=edition, organisation=malang, booth_places=1),
        "sukoharjo_delegate": member_of(sukoharjo, "delegasi.sukoharjo"),
        "malang_delegate": member_of(malang, "delegasi.malang"),
    }


def umkm(region, name, **fields):
    return ExhibitorFactory(
        region_id=region,
        name=name,
        owner=UserFactory(username=name.lower().replace(" ", ".")),
        **fields,
    )
