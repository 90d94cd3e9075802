"""The directory's klaster filter: the klaster an edition's participants belong to."""

import pytest
from django.urls import reverse

from core.tests.helpers import card_names
from exhibitors.models import Klaster
from exhibitors.tests.factories import ApplicationFactory
from expo.models import Organisation
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

BONANG = "33.21.12"


def directory(client, edition, **params):
    return client.get(reverse("participant_list", kwargs={"edition_slug": edition.slug}), params)


def new_klaster(name, slug, *members):
    office = Organisation.objects.get_or_create(name="Dinas Koperasi UKM Kabupaten Demak")[0]
    klaster = Klaster.objects.create(
        name=name, slug=slug, product=name, organisation=office, kecamatan_id=BONANG
    )
    klaster.members.add(*members)
    return klaster


@pytest.fixture
def edition():
    """Two makers of the eceng gondok klaster and one of the kerupuk klaster take part;
    a fourth participant belongs to none; the crab-trap klaster has no participant."""
    edition = EditionFactory()
    eceng_1, eceng_2, kerupuk, alone = (
        ApplicationFactory(edition=edition, accepted=True, exhibitor__name=name).exhibitor
        for name in ["Tas Eceng Sum", "Tikar Eceng Nah", "Kerupuk Ikan Jaya", "Batik Lain"]
    )
    new_klaster("Klaster Eceng Gondok Bonang", "eceng-gondok", eceng_1, eceng_2)
    new_klaster("Klaster Kerupuk Ikan", "kerupuk-ikan", kerupuk)
    applied_only = ApplicationFactory(edition=edition, exhibitor__name="Bubu Belum").exhibitor
    new_klaster("Klaster Bubu Kepiting", "bubu", applied_only)
    return edition


def test_the_klaster_of_the_participants_are_offered_by_name(client, edition):
    field = directory(client, edition).context["filter"].form.fields["klaster"]

    assert [choice for choice in field.choices if choice[0]] == [
        ("eceng-gondok", "Klaster Eceng Gondok Bonang"),
        ("kerupuk-ikan", "Klaster Kerupuk Ikan"),
    ]


@pytest.mark.parametrize(
    ("klaster", "expected"),
    [
        ("eceng-gondok", ["Tas Eceng Sum", "Tikar Eceng Nah"]),
        ("kerupuk-ikan", ["Kerupuk Ikan Jaya"]),
        # A klaster without a participant here, an unknown one or a malformed value: ignored.
        ("bubu", ["Batik Lain", "Kerupuk Ikan Jaya", "Tas Eceng Sum", "Tikar Eceng Nah"]),
        ("tidak-ada", ["Batik Lain", "Kerupuk Ikan Jaya", "Tas Eceng Sum", "Tikar Eceng Nah"]),
        ("<b>", ["Batik Lain", "Kerupuk Ikan Jaya", "Tas Eceng Sum", "Tikar Eceng Nah"]),
    ],
)
def test_the_klaster_filter_finds_its_members(client, edition, klaster, expected):
    assert card_names(directory(client, edition, klaster=klaster, urut="nama")) == expected


def test_the_select_is_labelled_and_absent_where_no_participant_is_in_a_klaster(client, edition):
    assert '<label for="id_klaster">Klaster</label>' in directory(client, edition).content.decode()

    other = EditionFactory()
    ApplicationFactory(edition=other, accepted=True)
    assert 'name="klaster"' not in directory(client, other).content.decode()


def test_a_new_member_is_offered_on_the_next_page(
    client, edition, django_capture_on_commit_callbacks
):
    maker = ApplicationFactory(edition=edition, accepted=True, exhibitor__name="Bubu Jaya")
    directory(client, edition)  # the choices are remembered with the edition's lists

    with django_capture_on_commit_callbacks(execute=True):
        Klaster.objects.get(slug="bubu").members.add(maker.exhibitor)

    assert card_names(directory(client, edition, klaster="bubu")) == ["Bubu Jaya"]
