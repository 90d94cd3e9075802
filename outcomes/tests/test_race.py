"""Two browser tabs saving the same day at once: one row, and the last save wins."""

import datetime

import pytest
from django.utils import timezone

from core.tests.helpers import rival_transaction
from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory, UserFactory
from expo.tests.factories import EditionFactory
from outcomes import services
from outcomes.models import DailySales

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("regions")]


@pytest.fixture
def application():
    today = timezone.localdate()
    return ApplicationFactory(
        exhibitor=ExhibitorFactory(owner=UserFactory(username="bu.sri")),
        edition=EditionFactory(
            starts_on=today - datetime.timedelta(days=3), ends_on=today - datetime.timedelta(days=1)
        ),
        accepted=True,
    )


def save(application, amount):
    return services.report_day(
        application=application,
        day=application.edition.starts_on,
        amount=amount,
        transactions=10,
        non_cash_amount=0,
        by=application.exhibitor.owner,
    )


def rows():
    return list(DailySales.objects.values_list("day", "amount"))


def test_the_second_tab_waits_for_the_first_and_its_save_wins(application):
    with rival_transaction(lambda: save(application, 1_000_000)) as outcome:
        save(application, 2_000_000)

    assert outcome == {"blocked": True, "committed": True}
    assert rows() == [(application.edition.starts_on, 2_000_000)]


def test_a_row_written_past_the_lock_meanwhile_is_replaced_not_doubled(application):
    """The rival writes as a replica or a bulk load does, its foreign key unchecked: it
    takes no lock on the application, so the save waits on the day's unique index instead,
    then finds the rival's row and writes over it."""

    def rival():
        DailySales.objects.create(
            application=application, day=application.edition.starts_on, amount=1, transactions=1
        )

    with rival_transaction(rival, replica=True) as outcome:
        save(application, 2_000_000)

    assert outcome == {"blocked": True, "committed": True}
    assert rows() == [(application.edition.starts_on, 2_000_000)]
