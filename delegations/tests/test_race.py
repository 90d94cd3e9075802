"""Two members of an office nominating for the last place at the same moment: the second
waits for the first, then is refused; the delegation never holds more than its places."""

import pytest
from django.core.exceptions import ValidationError

from core.tests.helpers import rival_transaction
from delegations.tests.conftest import MALANG, umkm
from exhibitors import services

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("regions")]


def test_the_second_nomination_for_the_last_booth_waits_and_is_refused(kasmex):
    delegation = kasmex["malang"]  # one booth
    first, second = umkm(MALANG, "Keripik Malang"), umkm(MALANG, "Apel Malang")

    with (
        rival_transaction(
            lambda: services.nominate(delegation=delegation, exhibitor=first, mode="booth")
        ) as outcome,
        pytest.raises(ValidationError) as refused,
    ):
        services.nominate(delegation=delegation, exhibitor=second, mode="booth")

    assert outcome == {"blocked": True, "committed": True}
    assert refused.value.code == "allotment_full"
    assert [a.exhibitor.name for a in delegation.nominations.all()] == ["Keripik Malang"]
