"""A small edition's search reads its own participants, whatever else the portal holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.tests.helpers import card_names
from exhibitors.models import Application, Exhibitor
from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

OTHERS = 3000  # exhibitors of a big edition beside the small one, all matching the search


@pytest.fixture
def small_edition():
    big = EditionFactory(name="Pameran Besar")
    exhibitors = Exhibitor.objects.bulk_create(
        ExhibitorFactory.build(
            name=f"Tenun Lurik {number}", slug=f"tenun-lurik-{number}", description="Tenun lurik."
        )
        for number in range(OTHERS)
    )
    Application.objects.bulk_create(
        ApplicationFactory.build(edition=big, exhibitor=exhibitor, accepted=True)
        for exhibitor in exhibitors
    )
    small = EditionFactory(name="Pameran Kecil")
    for name in ("Tenun Lurik Pedan", "Kopi Gunung Kelir", "Keripik Tempe Sri Rejeki"):
        ApplicationFactory(
            edition=small, accepted=True, exhibitor__name=name, exhibitor__description=""
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the statistics a live server's autovacuum keeps
    return small


def rows_read(plan, tables):
    """Rows the plan's scans of ``tables`` read: kept and filtered out, over all loops."""
    read = 0
    if plan.get("Relation Name") in tables:
        removed = plan.get("Rows Removed by Filter", 0) + plan.get(
            "Rows Removed by Index Recheck", 0
        )
        read += (plan["Actual Rows"] + removed) * plan["Actual Loops"]
    for child in plan.get("Plans", ()):
        read += rows_read(child, tables)
    return read


def test_a_small_editions_search_reads_none_of_another_editions_exhibitors(client, small_edition):
    url = reverse("participant_list", kwargs={"edition_slug": small_edition.slug})

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"q": "lurik"})

    assert card_names(response) == ["Tenun Lurik Pedan"]
    # The count and the page's ids: each reads the words of the small edition's alone.
    searches = [query["sql"] for query in queries if "@@" in query["sql"]]
    assert len(searches) == 2
    for search in searches:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {search}")
            plan = cursor.fetchone()[0][0]["Plan"]
        assert rows_read(plan, {"exhibitors_exhibitor", "exhibitors_catalogue"}) < 20
