import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.db.models import ProtectedError

from booths.models import Assignment, Booth
from booths.services import assign_booth, vacate_booth
from booths.tests.factories import BoothFactory
from exhibitors.tests.factories import ApplicationFactory, UserFactory


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

    with pytest.raises(IntegrityError):
        Assignment.objects.create(booth=booth, application=second)


@pytest.mark.django_db
def test_database_refuses_a_second_booth_for_one_application():
    first_booth = BoothFactory()
    second_booth = BoothFactory(edition=first_booth.edition)
    application = ApplicationFactory(edition=first_booth.edition, accepted=True)
    Assignment.objects.create(booth=first_booth, application=application)

    with pytest.raises(IntegrityError):
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

    with pytest.raises(ValidationError):
        assign_booth(booth=booth, application=application, by=organiser)

    assert Assignment.objects.count() == 0


@pytest.mark.django_db
def test_booth_with_occupant_cannot_be_deleted(organiser):
    booth = BoothFactory()
    assign_booth(
        booth=booth,
        application=ApplicationFactory(edition=booth.edition, accepted=True),
        by=organiser,
    )

    with pytest.raises(ProtectedError):
        booth.delete()


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
