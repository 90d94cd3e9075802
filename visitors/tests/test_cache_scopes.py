"""A change redraws the public pages that show it, and no others (``expo.public_scopes``).

Two editions side by side, each page visited once so that it is cached; then one change,
committed as a request commits it, and every page asked for again: a page still cached is
served without a single query, a page drawn again reads the database.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from booths.tests.factories import BoothFactory
from exhibitors import services
from exhibitors.models import Application, Klaster
from exhibitors.services import decide_application
from exhibitors.tests.factories import (
    ApplicationFactory,
    ExhibitorFactory,
    ProductFactory,
    UserFactory,
)
from expo.models import AgendaSession, Organisation
from expo.tests.factories import EditionFactory
from outcomes.models import DailySales

pytestmark = pytest.mark.django_db


@pytest.fixture
def editions():
    """Editions "a" and "b", each with two participants and a product of each, and a
    session of its agenda."""
    made = {}
    for name in ("a", "b"):
        edition = EditionFactory(slug=f"pameran-{name}", name=f"Pameran {name.upper()}")
        participants = [
            ApplicationFactory(
                edition=edition,
                accepted=True,
                exhibitor=ExhibitorFactory(slug=f"{name}{number}", name=f"Usaha {name}{number}"),
            )
            for number in (1, 2)
        ]
        for participant in participants:
            ProductFactory(exhibitor=participant.exhibitor, name=f"Produk {participant}")
        # Each edition's first participant is a member of a klaster of its own.
        services.save_klaster(
            klaster=Klaster(
                name=f"Klaster {name.upper()}",
                slug=f"klaster-{name}",
                product="Keripik",
                organisation=Organisation.objects.create(name=f"Dinas {name.upper()}"),
                kecamatan_id="33.22.18",
            ),
            by=UserFactory(username=f"dinas.{name}"),
        ).members.add(participants[0].exhibitor)
        starts_at = timezone.make_aware(
            datetime.datetime.combine(edition.starts_on, datetime.time(13))
        )
        AgendaSession.objects.create(
            edition=edition,
            kind="talkshow",
            title=f"Talkshow {name.upper()}",
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=1),
        )
        made[name] = (edition, participants)
    return made


def pages(editions):
    """Every public page of both editions, by a short name: "a:directory", "b:1"…"""
    urls = {"home": "/"}
    for name, (edition, participants) in editions.items():
        slug = {"edition_slug": edition.slug}
        urls[f"{name}:edition"] = edition.get_absolute_url()
        urls[f"{name}:directory"] = reverse("participant_list", kwargs=slug)
        urls[f"{name}:search"] = reverse("product_search", kwargs=slug) + "?q=produk"
        urls[f"{name}:plan"] = reverse("floor_plan", kwargs=slug)
        urls[f"{name}:agenda"] = reverse("agenda", kwargs=slug)
        urls[f"{name}:calendar"] = reverse("agenda_calendar", kwargs=slug)
        urls[f"{name}:klaster"] = reverse("klaster_detail", kwargs={"slug": f"klaster-{name}"})
        for number, participant in enumerate(participants, start=1):
            exhibitor = participant.exhibitor
            urls[f"{name}:{number}"] = reverse(
                "participant_detail", kwargs={**slug, "slug": exhibitor.slug}
            )
            urls[f"{name}:{number}:product"] = reverse(
                "product_detail",
                kwargs={**slug, "slug": exhibitor.slug, "pk": exhibitor.products.get().pk},
            )
    return urls


def redrawn_after(client, editions, change, django_assert_num_queries, commit):
    """The pages that read the database again once ``change`` is committed."""
    urls = pages(editions)
    for url in urls.values():
        assert client.get(url).status_code == 200
    for url in urls.values():  # all cached now
        with django_assert_num_queries(0):
            client.get(url)

    with commit(execute=True):
        change(editions)

    redrawn = set()
    for name, url in pages(editions).items():  # at their new addresses, if they moved
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        if queries.captured_queries:
            redrawn.add(name)
    return redrawn


def edition_pages(name, *, but=()):
    every = {
        *("edition", "directory", "search", "plan", "agenda", "calendar"),
        *("1", "1:product", "2", "2:product"),
    }
    return {f"{name}:{page}" for page in every - set(but)}


def owner_saves_profile(editions):
    exhibitor = editions["a"][1][0].exhibitor
    exhibitor.description = "Keripik tempe renyah dari Pracimantoro."
    exhibitor.save()


def owner_saves_product(editions):
    product = editions["a"][1][0].exhibitor.products.get()
    product.price = 41000
    product.save()


def organiser_decides(editions):
    edition, participants = editions["a"]
    waiting = ApplicationFactory(edition=edition, status=Application.Status.SUBMITTED)
    decide_application(application=waiting, status=Application.Status.ACCEPTED, by=UserFactory())


def organiser_adds_booth(editions):
    BoothFactory(edition=editions["a"][0], code="Z-01")


def organiser_edits_edition(editions):
    edition = editions["a"][0]
    edition.venue_name = "GOR Satria"
    edition.save()


def organiser_renames_edition(editions):
    edition = editions["a"][0]
    edition.slug = "pameran-a-2032"
    edition.save()


def organiser_renames_klaster(editions):
    klaster = Klaster.objects.get(slug="klaster-a")
    klaster.name = "Klaster Keripik Ungaran"
    klaster.save()


def organiser_moves_klaster(editions):
    services.move_klaster(
        klaster=Klaster.objects.get(slug="klaster-a"), status="terverifikasi", by=UserFactory()
    )


def organiser_adds_member(editions):
    Klaster.objects.get(slug="klaster-a").members.add(editions["a"][1][1].exhibitor)


def organiser_removes_member(editions):
    Klaster.objects.get(slug="klaster-a").members.remove(editions["a"][1][0].exhibitor)


def organiser_adds_session(editions):
    edition = editions["a"][0]
    starts_at = timezone.make_aware(datetime.datetime.combine(edition.starts_on, datetime.time(9)))
    AgendaSession.objects.create(
        edition=edition,
        kind="pembukaan",
        title="Pembukaan",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=1),
    )


def organiser_moves_session(editions):
    session = AgendaSession.objects.get(edition=editions["a"][0], title="Talkshow A")
    session.starts_at -= datetime.timedelta(minutes=30)
    session.save()


def organiser_removes_session(editions):
    AgendaSession.objects.get(edition=editions["a"][0], title="Talkshow A").delete()


def owner_reports_sales(editions):
    participant = editions["a"][1][0]
    DailySales.objects.create(
        application=participant,
        day=participant.edition.starts_on,
        amount=1_500_000,
        transactions=12,
        non_cash_amount=500_000,
    )


LISTS_OF_A = {"a:edition", "a:directory", "a:search", "a:plan"}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        # their own pages, and the lists of their edition; not the other participant's pages
        # ... and their klaster's page, which lists them with their products
        (
            owner_saves_profile,
            {"a:edition", "a:directory", "a:search", "a:plan", "a:1", "a:1:product", "a:klaster"},
        ),
        (
            owner_saves_product,
            {"a:edition", "a:directory", "a:search", "a:plan", "a:1", "a:1:product", "a:klaster"},
        ),
        # the klaster's page, the pages of the members named by it, and the lists of their
        # edition, which offer the klaster as a filter
        (organiser_renames_klaster, {"a:klaster", "a:1", "a:1:product"} | LISTS_OF_A),
        (organiser_moves_klaster, {"a:klaster", "a:1", "a:1:product"} | LISTS_OF_A),
        (organiser_adds_member, {"a:klaster", "a:2", "a:2:product"} | LISTS_OF_A),
        (organiser_removes_member, {"a:klaster", "a:1", "a:1:product"} | LISTS_OF_A),
        # the edition's figures; the home page's counts only change with decisions
        (owner_reports_sales, {"a:edition", "a:directory", "a:search", "a:plan"}),
        (organiser_decides, edition_pages("a") | {"home"}),
        (organiser_adds_booth, edition_pages("a")),
        # the edition's pages (its page and agenda show it), not the other edition's
        (organiser_adds_session, edition_pages("a")),
        (organiser_moves_session, edition_pages("a")),
        (organiser_removes_session, edition_pages("a")),
        # ... and whether its participants show on their klaster's page
        (organiser_edits_edition, edition_pages("a") | {"home", "a:klaster"}),
        # the old addresses are no pages any more: everything is drawn again
        (
            organiser_renames_edition,
            edition_pages("a") | edition_pages("b") | {"home", "a:klaster", "b:klaster"},
        ),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_a_change_redraws_the_pages_that_show_it_and_no_other(
    client,
    editions,
    change,
    expected,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    redrawn = redrawn_after(
        client, editions, change, django_assert_num_queries, django_capture_on_commit_callbacks
    )

    assert redrawn == expected


def test_a_redrawn_page_shows_the_change(client, editions, django_capture_on_commit_callbacks):
    directory = pages(editions)["a:directory"]
    client.get(directory)

    with django_capture_on_commit_callbacks(execute=True):
        exhibitor = editions["a"][1][0].exhibitor
        exhibitor.name = "Keripik Tempe Sri Rejeki"
        exhibitor.save()

    assert "Keripik Tempe Sri Rejeki" in client.get(directory).content.decode()


def test_a_renamed_editions_old_pages_are_gone(
    client, editions, django_capture_on_commit_callbacks
):
    old = pages(editions)
    for name in ("a:edition", "a:1"):
        assert client.get(old[name]).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        organiser_renames_edition(editions)

    for name in ("a:edition", "a:1"):
        assert client.get(old[name]).status_code == 404


def test_after_an_owners_save_the_list_draws_their_card_alone(
    client, editions, django_capture_on_commit_callbacks
):
    edition, _participants = editions["a"]
    more = [
        ApplicationFactory(
            edition=edition,
            accepted=True,
            exhibitor=ExhibitorFactory(slug=f"a{number}", name=f"Usaha a{number}"),
        )
        for number in range(3, 8)
    ]
    directory = pages(editions)["a:directory"]
    client.get(directory)  # every card drawn, and kept

    with django_capture_on_commit_callbacks(execute=True):
        exhibitor = more[1].exhibitor
        exhibitor.name = "Usaha a4 Jaya"
        exhibitor.save()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(directory).content.decode()

    assert "Usaha a4 Jaya" in page and "Usaha a7" in page
    (rows,) = [
        query["sql"]
        for query in queries
        if query["sql"].startswith('SELECT "exhibitors_application"."id"')
        and " IN (" in query["sql"]
    ]
    assert f'"exhibitors_application"."id" IN ({more[1].pk})' in rows
