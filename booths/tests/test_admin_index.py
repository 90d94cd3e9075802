"""The admin's first page: Django's list of apps, and above it the editions the staff
member runs, each linked to its page (the cockpit), its booth board and its gate, those
still to come first."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from core.tests.helpers import text_of
from exhibitors.tests.factories import UserFactory
from expo.models import Edition, Membership, Organisation
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

# The groups console.roles makes (a layer above booths, so named here as staff see them).
ORGANISER, FIELD_OFFICER = "Penyelenggara", "Petugas lapangan"
INDEX = reverse("admin:index")
ROW = re.compile(
    r'<th scope="row"><a href="([^"]+)">([^<]+)</a></th>\s*<td>.*?</td>\s*<td>.*?</td>\s*'
    r"<td>(.*?)</td>\s*<td>(.*?)</td>\s*</tr>",
    re.S,
)


def edition(name, *, starts_in, **fields):
    starts_on = timezone.localdate() + datetime.timedelta(days=starts_in)
    return EditionFactory(
        name=name, starts_on=starts_on, ends_on=starts_on + datetime.timedelta(days=2), **fields
    )


def cells(response):
    listed = response.content.decode().split('<div class="module edition-list">')
    if len(listed) == 1:
        return []
    return ROW.findall(listed[1].split("</table>")[0])


def rows(response):
    """Each edition's row: its name, the address it links to, and its board's link."""
    return [(name, link, board.strip()) for link, name, board, _gate in cells(response)]


def staff(username, *, role, organisation=None):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    if organisation is not None:
        Membership.objects.create(user=user, organisation=organisation)
    return user


def test_the_index_links_each_edition_to_its_page_and_board_upcoming_first(client, organiser):
    past = edition("Kasmex 2025", starts_in=-400)
    older = edition("Kasmex 2024", starts_in=-800)
    later = edition("Kasmex 2027", starts_in=60, status=Edition.Status.DRAFT)
    running = edition("Pekalongan Hybrid Expo", starts_in=-1)
    online = edition("Expo Virtual", starts_in=10, format=Edition.Format.VIRTUAL)

    response = client.get(INDEX)

    def board(an_edition):
        url = reverse("admin:booths_board", kwargs={"edition_id": an_edition.pk})
        return f'<a href="{url}">Papan stan {an_edition.name}</a>'

    def page(an_edition):
        return reverse("admin:expo_edition_change", args=[an_edition.pk])

    assert [(name, link) for name, link, _board in rows(response)] == [
        (running.name, page(running)),
        (online.name, page(online)),
        (later.name, page(later)),
        (past.name, page(past)),
        (older.name, page(older)),
    ]
    assert [board_cell for _name, _link, board_cell in rows(response)] == [
        board(running),
        "—",  # online only: no booths
        board(later),
        board(past),
        board(older),
    ]
    # The gate, for an edition at a venue, to the staff who check guests in.
    gate = reverse("admin:guests_gate", kwargs={"edition_id": running.pk})
    assert [gate_cell.strip() for *_row, gate_cell in cells(response)][:2] == [
        f'<a href="{gate}">Gerbang Pekalongan Hybrid Expo</a>',
        "—",
    ]
    text = text_of(response)
    assert "Edisi Anda" in text
    # Django's list of apps is still there.
    assert 'href="/admin/booths/booth/"' in response.content.decode()


def test_staff_of_an_organisation_see_its_editions_alone(client):
    office_a = Organisation.objects.create(name="Dinas Kabupaten A")
    office_b = Organisation.objects.create(name="Dinas Kabupaten B")
    edition("Expo Kabupaten A", starts_in=10, organisation=office_a)
    own = edition("Expo Kabupaten B", starts_in=20, organisation=office_b)
    edition("Expo Provinsi", starts_in=30)
    client.force_login(staff("staf.b", role=ORGANISER, organisation=office_b))

    response = client.get(INDEX)

    assert [name for name, _link, _board in rows(response)] == [own.name]
    assert "Expo Kabupaten A" not in response.content.decode()
    assert "Expo Provinsi" not in response.content.decode()


def test_a_field_officer_gets_the_editions_without_the_board(client):
    an_edition = edition("Kasmex 2027", starts_in=10)
    client.force_login(staff("petugas", role=FIELD_OFFICER))

    assert rows(client.get(INDEX)) == [
        (
            an_edition.name,
            reverse("admin:expo_edition_change", args=[an_edition.pk]),
            "—",
        )
    ]


def test_staff_who_may_not_read_editions_get_no_list_of_them(client):
    edition("Kasmex 2027", starts_in=10)
    user = UserFactory(username="staf.stan", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="view_booth"))
    client.force_login(user)

    response = client.get(INDEX)

    assert rows(response) == []
    assert "Kasmex 2027" not in response.content.decode()
    assert 'href="/admin/booths/booth/"' in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_the_index_queries_do_not_grow_with_the_editions(
    client, organiser, django_assert_num_queries, count
):
    for number in range(count):
        edition(f"Kasmex {2030 + number}", starts_in=10 + number)

    with django_assert_num_queries(4):
        response = client.get(INDEX)

    assert len(rows(response)) == count
