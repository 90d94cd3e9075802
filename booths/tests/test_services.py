import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.db.models import ProtectedError

from booths.models import Assignment, Booth
from booths.services import assign_booth, generate_booths, vacate_booth
from booths.tests.factories import BoothFactory
from core.tests.helpers import rival_transaction
from exhibitors.models import BoothKind
from exhibitors.tests.factories import ApplicationFactory, UserFactory
from expo.tests.factories import EditionFactory


@pytest.fixture
def organiser(db):
    return UserFactory(username="panitia")


@pytest.mark.django_db
def test_assign_accepted_application_to_free_booth(organiser):
    booth = BoothFactory(code="B-07")
    application = ApplicationFactory(edition=booth.edition, accepted=True)

    assign_booth(booth=booth, application=application, by=organiser)

    assert list(Booth.objects.free()) == []
    assert Assignment.objects.get().application == application


@pytest.mark.django_db
def test_database_refuses_a_second_occupant():
    booth = BoothFactory()
    first = ApplicationFactory(edition=booth.edition, accepted=True)
    second = ApplicationFactory(edition=booth.edition, accepted=True)
    Assignment.objects.create(booth=booth, application=first)

    with pytest.raises(IntegrityError, match="booths_assignment_booth_id_key"):
        Assignment.objects.create(booth=booth, application=second)


@pytest.mark.django_db
def test_database_refuses_a_second_booth_for_one_application():
    first_booth = BoothFactory()
    second_booth = BoothFactory(edition=first_booth.edition)
    application = ApplicationFactory(edition=first_booth.edition, accepted=True)
    Assignment.objects.create(booth=first_booth, application=application)

    with pytest.raises(IntegrityError, match="booths_assignment_application_id_key"):
        Assignment.objects.create(booth=second_booth, application=application)


@pytest.mark.django_db
def test_taken_booth_is_refused_with_its_code(organiser):
    booth = BoothFactory(code="B-07")
    first = ApplicationFactory(edition=booth.edition, accepted=True)
    second = ApplicationFactory(edition=booth.edition, accepted=True)
    assign_booth(booth=booth, application=first, by=organiser)

    with pytest.raises(ValidationError) as error:
        assign_booth(booth=booth, application=second, by=organiser)

    assert error.value.messages == ["Stan B-07 sudah terisi."]
    assert Assignment.objects.get().application == first


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("application_kwargs", "message"),
    [
        ({}, "Hanya pendaftaran yang diterima yang bisa mendapat stan."),
        (
            {"accepted": True, "mode": "virtual"},
            "Peserta ini ikut secara virtual, tanpa stan.",
        ),
    ],
)
def test_assign_refuses_what_the_rules_forbid(organiser, application_kwargs, message):
    booth = BoothFactory()
    application = ApplicationFactory(edition=booth.edition, **application_kwargs)

    with pytest.raises(ValidationError) as error:
        assign_booth(booth=booth, application=application, by=organiser)

    assert error.value.messages == [message]
    assert Assignment.objects.count() == 0


@pytest.mark.django_db
def test_assign_refuses_a_booth_of_another_edition(organiser):
    booth = BoothFactory()
    application = ApplicationFactory(accepted=True)

    with pytest.raises(ValidationError) as error:
        assign_booth(booth=booth, application=application, by=organiser)

    assert error.value.messages == ["Stan itu milik edisi lain."]
    assert Assignment.objects.count() == 0


@pytest.mark.django_db
def test_booth_with_occupant_cannot_be_deleted(organiser):
    booth = BoothFactory()
    assign_booth(
        booth=booth,
        application=ApplicationFactory(edition=booth.edition, accepted=True),
        by=organiser,
    )

    with pytest.raises(ProtectedError) as error:
        booth.delete()

    assert error.value.protected_objects == {booth.assignment}
    assert Booth.objects.filter(pk=booth.pk).exists()


@pytest.mark.django_db
def test_vacate_frees_the_booth(organiser):
    booth = BoothFactory()
    assign_booth(
        booth=booth,
        application=ApplicationFactory(edition=booth.edition, accepted=True),
        by=organiser,
    )

    vacate_booth(booth=booth)

    assert list(Booth.objects.free()) == [booth]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("regions")
def test_two_organisers_assigning_one_booth_at_once_exactly_one_wins():
    organiser = UserFactory(username="panitia")
    booth = BoothFactory(code="B-07")
    applications = [ApplicationFactory(edition=booth.edition, accepted=True) for _ in range(2)]
    both_ready = threading.Barrier(2)
    outcomes = []

    def assign(application):
        try:
            both_ready.wait(timeout=10)
            assign_booth(booth=booth, application=application, by=organiser)
            outcomes.append("assigned")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()  # each thread has its own connection: a real second transaction

    threads = [threading.Thread(target=assign, args=(app,)) for app in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["Stan B-07 sudah terisi.", "assigned"]
    assert Assignment.objects.filter(booth=booth).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("regions")
@pytest.mark.parametrize(
    ("taken", "message"),
    [
        ("booth", "Stan B-07 sudah terisi."),
        ("application", "Keripik Tempe Bu Sri sudah mendapat stan."),
    ],
)
def test_an_assignment_written_past_the_locks_meanwhile_is_refused_by_the_database(taken, message):
    """The rival writes as a replica or a bulk load does, its foreign keys unchecked: it
    takes no lock on the booth or the application, so ``assign_booth``'s own checks miss
    its row and the unique columns refuse the second one.

    (A writer that checks its foreign keys cannot get there: it waits for the booth's lock
    or deadlocks with ``assign_booth``.)
    """
    organiser = UserFactory(username="panitia")
    booth = BoothFactory(code="B-07")
    elsewhere = BoothFactory(edition=booth.edition, code="B-08")
    first = ApplicationFactory(edition=booth.edition, accepted=True)
    second = ApplicationFactory(
        edition=booth.edition, accepted=True, exhibitor__name="Keripik Tempe Bu Sri"
    )
    rivals_row = {"booth": (booth, first), "application": (elsewhere, second)}[taken]

    def rival():
        Assignment.objects.create(booth=rivals_row[0], application=rivals_row[1])

    with rival_transaction(rival, replica=True) as outcome, pytest.raises(ValidationError) as error:
        assign_booth(booth=booth, application=second, by=organiser)

    assert outcome == {"blocked": True, "committed": True}
    assert error.value.messages == [message]
    assert list(Assignment.objects.values_list("booth", "application", "assigned_by")) == [
        (rivals_row[0].pk, rivals_row[1].pk, None)
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("regions")
def test_booths_added_to_the_zone_meanwhile_are_refused_and_none_are_added():
    edition = EditionFactory()

    def rival():
        BoothFactory(edition=edition, code="B-01", zone="B")

    with rival_transaction(rival) as outcome, pytest.raises(ValidationError) as error:
        generate_booths(
            edition=edition,
            zone="b",
            count=3,
            per_row=3,
            width=3,
            depth=3,
            kind=BoothKind.STANDARD,
            price=0,
            x=0,
            y=0,
        )

    assert outcome == {"blocked": True, "committed": True}
    assert error.value.messages == [
        "Baru saja ada yang menambahkan stan di zona B; silakan coba lagi."
    ]
    assert list(edition.booths.values_list("code", flat=True)) == ["B-01"]
