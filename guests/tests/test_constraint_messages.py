"""The rules of the guest list, as a form (the admin's) reports them: in Indonesian,
without a constraint name."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from expo.tests.factories import EditionFactory
from guests.models import CheckIn
from guests.tests.factories import GuestFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"email": "", "whatsapp": ""},
            "Isi nomor WhatsApp atau alamat e-mail tamu, atau keduanya.",
        ),
        ({"companions": 11}, "Tamu boleh membawa 0 sampai 10 pendamping."),
        (
            {"rsvp": "diwakilkan", "representative_name": ""},
            "Tamu yang diwakilkan harus menyebut nama wakilnya.",
        ),
        (
            {"institution_kind": "daerah_lain", "region": None},
            "Pilih kabupaten atau kota asal tamu dari daerah lain.",
        ),
    ],
)
def test_each_rule_of_a_guest_is_told_in_indonesian(changes, message):
    guest = GuestFactory.build(edition=EditionFactory(), **changes)

    with translation.override("id"), pytest.raises(ValidationError) as error:
        guest.validate_constraints()

    assert error.value.messages == [message]


def test_a_second_check_in_of_the_day_is_told_in_indonesian():
    guest = GuestFactory()
    day = guest.edition.starts_on
    CheckIn.objects.create(guest=guest, day=day, checked_in_at=timezone.now())
    again = CheckIn(guest=guest, day=day, checked_in_at=timezone.now())

    with translation.override("id"), pytest.raises(ValidationError) as error:
        again.validate_constraints()

    assert error.value.messages == ["Tamu ini sudah tercatat hadir pada hari ini."]
