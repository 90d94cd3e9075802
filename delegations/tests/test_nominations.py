"""A delegation's nominations: within its allotment, of its own region, replaced before
the host decides; counted by the database, not only by the page."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from core.db import violated_constraint
from core.tests.helpers import PDF
from delegations.selectors import candidates
from delegations.tests.conftest import MALANG, SUKOHARJO, umkm
from exhibitors import selectors, services
from exhibitors.models import Application, Exhibitor
from exhibitors.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_allotment_refuses_one_booth_too_many_and_frees_a_place_on_withdrawal(kasmex):
    delegation = kasmex["sukoharjo"]
    first, second, third = (umkm(SUKOHARJO, f"Batik Sukoharjo {n}") for n in range(3))
    services.nominate(delegation=delegation, exhibitor=first, mode="booth")
    taken = services.nominate(delegation=delegation, exhibitor=second, mode="both")

    with pytest.raises(ValidationError) as refused:
        services.nominate(delegation=delegation, exhibitor=third, mode="booth")

    assert refused.value.messages == [
        "2 stan delegasi ini sudah terisi: ganti salah satu calon, atau minta tambahan kepada "
        "tuan rumah."
    ]
    assert not Application.objects.filter(exhibitor=third).exists()
    # The virtual place is counted apart from the booths.
    services.nominate(delegation=delegation, exhibitor=third, mode="virtual")
    services.withdraw_application(application=taken)
    fourth = umkm(SUKOHARJO, "Batik Sukoharjo 4")
    services.nominate(delegation=delegation, exhibitor=fourth, mode="booth")
    assert delegation.nominations.exclude(status="withdrawn").count() == 3


def test_the_database_itself_refuses_a_nomination_past_the_allotment(kasmex):
    delegation = kasmex["malang"]
    Application.objects.create(
        exhibitor=umkm(MALANG, "Keripik Malang"), edition=delegation.edition, delegation=delegation
    )

    with pytest.raises(IntegrityError) as refused:
        Application.objects.create(
            exhibitor=umkm(MALANG, "Apel Malang"), edition=delegation.edition, delegation=delegation
        )

    assert violated_constraint(refused.value) == "delegation_allotment"


def test_a_delegation_nominates_umkm_of_its_own_region_only(kasmex):
    outsider = umkm(MALANG, "Kopi Dampit")

    with pytest.raises(ValidationError) as refused:
        services.nominate(delegation=kasmex["sukoharjo"], exhibitor=outsider, mode="booth")

    assert refused.value.messages == [
        "Dinas Koperasi UKM Kabupaten Sukoharjo hanya mencalonkan UMKM dari Kabupaten Sukoharjo."
    ]
    assert not outsider.applications.exists()


def test_a_nominee_is_replaced_until_the_host_decides(kasmex):
    delegation = kasmex["malang"]
    first = services.nominate(
        delegation=delegation, exhibitor=umkm(MALANG, "Keripik Malang"), mode="booth"
    )
    replacement = umkm(MALANG, "Apel Malang")

    second = services.replace_nominee(application=first, exhibitor=replacement)

    first.refresh_from_db()
    assert (first.status, second.status, second.mode) == ("withdrawn", "submitted", "booth")
    assert second.delegation == delegation
    services.decide_application(
        application=second, status="accepted", by=UserFactory(), past_outside_share=True
    )
    with pytest.raises(ValidationError):
        services.replace_nominee(application=second, exhibitor=umkm(MALANG, "Tahu Malang"))
    assert delegation.nominations.filter(status="accepted").get() == second


def test_an_accepted_nominee_counts_in_the_outside_share_like_any_outside_participant(kasmex):
    nominee = services.nominate(
        delegation=kasmex["malang"], exhibitor=umkm(MALANG, "Keripik Malang"), mode="booth"
    )
    services.decide_application(
        application=nominee, status="accepted", by=UserFactory(), past_outside_share=True
    )
    applicant = Application.objects.create(
        exhibitor=umkm(SUKOHARJO, "Batik Solo Raya"), edition=kasmex["edition"]
    )

    share = selectors.outside_share(application=applicant)

    assert share.accepted == 1


def test_an_umkm_the_office_registered_for_its_owner_is_nominated_with_the_owner_s_consent(
    kasmex, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    delegation = kasmex["sukoharjo"]
    office = delegation.organisation
    offline = services.register_assisted_profile(
        exhibitor=Exhibitor(
            name="Gerabah Mbah Sastro",
            category="kriya",
            scale="mikro",
            region_id=SUKOHARJO,
            nib="1234567890124",
        ),
        organisation=office,
    )
    other_office = services.register_assisted_profile(
        exhibitor=Exhibitor(
            name="Gerabah Lain", category="kriya", scale="mikro", region_id=SUKOHARJO
        ),
        organisation=kasmex["host"],
    )
    assert list(candidates(delegation=delegation)) == [offline]
    assert other_office not in candidates(delegation=delegation)

    with pytest.raises(ValidationError) as refused:
        services.nominate(delegation=delegation, exhibitor=offline, mode="booth")

    assert "persetujuan pemilik" in refused.value.messages[0].lower()
    services.record_paper_consent(
        exhibitor=offline,
        upload=SimpleUploadedFile("persetujuan.pdf", PDF),
        by=kasmex["sukoharjo_delegate"],
    )
    nomination = services.nominate(delegation=delegation, exhibitor=offline, mode="booth")
    assert nomination.delegation == delegation
