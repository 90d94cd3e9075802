import datetime
import threading
from contextlib import ExitStack

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.db.models import ProtectedError
from django.utils import timezone

from core.tests.helpers import rival_transaction
from exhibitors.models import Application, Exhibitor, OnlineLink, Product
from exhibitors.services import (
    SLUG_ATTEMPTS,
    add_link,
    apply_to_edition,
    decide_application,
    save_product,
    save_profile,
    withdraw_application,
)
from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory, UserFactory
from expo.models import Edition
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


def test_apply_to_open_edition_creates_submitted_application():
    exhibitor = ExhibitorFactory()
    edition = EditionFactory()

    application = apply_to_edition(exhibitor=exhibitor, edition=edition, mode="booth")

    assert application.status == Application.Status.SUBMITTED
    assert list(Application.objects.values_list("exhibitor", "edition")) == [
        (exhibitor.pk, edition.pk)
    ]


def test_apply_twice_is_refused_and_changes_nothing():
    exhibitor = ExhibitorFactory(name="Keripik Tempe Bu Sri")
    edition = EditionFactory(name="Kasmex 2031")
    apply_to_edition(exhibitor=exhibitor, edition=edition, mode="booth")

    with pytest.raises(ValidationError) as error:
        apply_to_edition(exhibitor=exhibitor, edition=edition, mode="booth")

    assert error.value.messages == ["Keripik Tempe Bu Sri sudah mendaftar ke Kasmex 2031."]
    assert Application.objects.count() == 1


@pytest.mark.parametrize(
    "edition_kwargs",
    [
        {"status": Edition.Status.DRAFT},
        {"registration_closes_at": timezone.now() - datetime.timedelta(hours=1)},
    ],
    ids=["draft", "closed"],
)
def test_apply_outside_registration_is_refused(edition_kwargs):
    if "registration_closes_at" in edition_kwargs:
        edition_kwargs["registration_opens_at"] = timezone.now() - datetime.timedelta(days=9)
    edition = EditionFactory(name="Kasmex 2031", **edition_kwargs)

    with pytest.raises(ValidationError) as error:
        apply_to_edition(exhibitor=ExhibitorFactory(), edition=edition, mode="booth")

    assert error.value.messages == ["Pendaftaran Kasmex 2031 sedang tidak dibuka."]
    assert Application.objects.count() == 0


def test_virtual_application_to_offline_edition_is_refused():
    edition = EditionFactory(name="Kasmex 2031", format=Edition.Format.OFFLINE)

    with pytest.raises(ValidationError) as error:
        apply_to_edition(exhibitor=ExhibitorFactory(), edition=edition, mode="virtual")

    assert error.value.messages == ["Kasmex 2031 tidak menerima pendaftaran jenis itu."]
    assert Application.objects.count() == 0


def test_decide_records_who_and_when():
    organiser = UserFactory(username="panitia")
    application = ApplicationFactory()

    decide_application(application=application, status="accepted", by=organiser)

    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED
    assert application.decided_by == organiser
    assert application.decided_at is not None


def test_reject_without_reason_is_refused():
    application = ApplicationFactory()

    with pytest.raises(ValidationError) as error:
        decide_application(
            application=application, status="rejected", reason="  ", by=UserFactory()
        )

    assert error.value.messages == ["Berikan alasan penolakan kepada peserta."]
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_reject_with_reason_keeps_the_reason():
    application = ApplicationFactory()

    decide_application(
        application=application, status="rejected", reason="NIB belum terdaftar.", by=UserFactory()
    )

    application.refresh_from_db()
    assert (application.status, application.decision_reason) == ("rejected", "NIB belum terdaftar.")


def test_withdraw_only_before_a_decision():
    waiting = ApplicationFactory()
    decided = ApplicationFactory(accepted=True)

    withdraw_application(application=waiting)
    with pytest.raises(ValidationError) as error:
        withdraw_application(application=decided)

    assert error.value.messages == [
        "Hanya pendaftaran yang masih menunggu keputusan yang dapat dibatalkan."
    ]
    assert Application.objects.get(pk=waiting.pk).status == Application.Status.WITHDRAWN
    assert Application.objects.get(pk=decided.pk).status == Application.Status.ACCEPTED


def test_exhibitor_with_applications_cannot_be_deleted():
    application = ApplicationFactory()

    with pytest.raises(ProtectedError) as error:
        application.exhibitor.delete()

    assert error.value.protected_objects == {application}
    assert Exhibitor.objects.filter(pk=application.exhibitor_id).exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("regions")
def test_owners_naming_their_business_alike_at_once_each_get_a_profile():
    owners = [UserFactory(username=f"pemilik{number}") for number in range(10)]
    all_ready = threading.Barrier(len(owners))
    outcomes = []

    def create(owner):
        try:
            all_ready.wait(timeout=10)
            profile = ExhibitorFactory.build(name="Keripik Tempe", owner=None, slug="")
            save_profile(exhibitor=profile, owner=owner)
            outcomes.append("saved")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()  # each thread has its own connection: a real transaction

    threads = [threading.Thread(target=create, args=(owner,)) for owner in owners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert outcomes == ["saved"] * 10
    slugs = sorted(Exhibitor.objects.values_list("slug", flat=True))
    assert slugs == sorted(["keripik-tempe", *(f"keripik-tempe-{n}" for n in range(2, 11))])


def test_a_second_profile_for_one_account_is_refused():
    owner = UserFactory(username="bu.sri")
    save_profile(exhibitor=ExhibitorFactory.build(owner=None, slug=""), owner=owner)

    with pytest.raises(ValidationError) as refused:
        save_profile(exhibitor=ExhibitorFactory.build(owner=None, slug=""), owner=owner)

    assert refused.value.messages == ["Akun ini sudah memiliki profil usaha."]
    assert Exhibitor.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("regions")
def test_a_slug_taken_while_the_profile_is_saved_is_chosen_again():
    owner = UserFactory(username="bu.sri")

    def rival():
        ExhibitorFactory(name="Keripik Tempe", slug="keripik-tempe", owner=None)

    with rival_transaction(rival) as outcome:
        saved = save_profile(
            exhibitor=ExhibitorFactory.build(name="Keripik Tempe", owner=None, slug=""),
            owner=owner,
        )

    assert outcome == {"blocked": True, "committed": True}
    assert sorted(Exhibitor.objects.values_list("slug", "owner")) == [
        ("keripik-tempe", None),
        ("keripik-tempe-2", owner.pk),
    ]
    assert saved.slug == "keripik-tempe-2"


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("regions")
def test_a_profile_saved_meanwhile_for_the_same_account_leaves_that_one():
    owner = UserFactory(username="bu.sri")

    def rival():
        ExhibitorFactory(name="Keripik Tempe Bu Sri", owner=owner)

    with rival_transaction(rival) as outcome, pytest.raises(ValidationError) as refused:
        save_profile(
            exhibitor=ExhibitorFactory.build(name="Keripik Tempe Ungaran", owner=None, slug=""),
            owner=owner,
        )

    assert outcome == {"blocked": True, "committed": True}
    assert refused.value.messages == ["Akun ini sudah memiliki profil usaha."]
    assert list(Exhibitor.objects.values_list("name", "owner")) == [
        ("Keripik Tempe Bu Sri", owner.pk)
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("regions")
def test_a_profile_whose_every_slug_is_taken_meanwhile_is_refused_with_a_retry_message():
    owner = UserFactory(username="bu.sri")
    slugs = ["keripik-tempe", *(f"keripik-tempe-{n}" for n in range(2, SLUG_ATTEMPTS + 1))]

    def rival(slug):
        return lambda: ExhibitorFactory(name="Keripik Tempe", slug=slug, owner=None)

    # One rival per attempt, each holding the slug that attempt will choose until then.
    with ExitStack() as rivals, pytest.raises(ValidationError) as refused:
        outcomes = [rivals.enter_context(rival_transaction(rival(slug))) for slug in slugs]
        save_profile(
            exhibitor=ExhibitorFactory.build(name="Keripik Tempe", owner=None, slug=""),
            owner=owner,
        )

    assert outcomes == [{"blocked": True, "committed": True}] * SLUG_ATTEMPTS
    assert refused.value.messages == ["Profil belum dapat disimpan saat ini. Silakan coba lagi."]
    assert sorted(Exhibitor.objects.values_list("slug", "owner")) == sorted(
        (slug, None) for slug in slugs
    )


def test_only_a_duplicate_is_reported_as_one_any_other_refusal_stays_an_error():
    # The forms stop a price range the wrong way round and a plain-http link before the
    # services; a caller that does not must not hear "already in your catalogue".
    exhibitor = ExhibitorFactory()
    reversed_range = Product(exhibitor=exhibitor, name="Batik Cap", price=200, price_max=100)
    plain_http = OnlineLink(exhibitor=exhibitor, platform="website", url="http://batik.example")

    with pytest.raises(IntegrityError, match="product_price_range_ascending"):
        save_product(product=reversed_range)
    with pytest.raises(IntegrityError, match="onlinelink_https"):
        add_link(link=plain_http)

    assert not Product.objects.exists()
    assert not OnlineLink.objects.exists()
