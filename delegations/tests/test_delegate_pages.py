"""What a partner office's delegate sees and does on the public site, and what they never
reach: another delegation, the host's other participants, anyone's contact data."""

import datetime
import re

import pytest
from django.urls import URLPattern, reverse

from booths.models import Assignment
from booths.tests.factories import BoothFactory
from delegations import urls as delegation_urls
from delegations.tests.conftest import MALANG, SUKOHARJO, umkm
from exhibitors import services
from exhibitors.models import Application
from exhibitors.tests.factories import ApplicationFactory, UserFactory
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).strip()


def test_the_delegate_nominates_from_the_suggestions_and_follows_the_decisions(client, kasmex):
    delegation = kasmex["sukoharjo"]
    earlier = EditionFactory(starts_on=kasmex["edition"].starts_on - datetime.timedelta(days=365))
    returning = umkm(SUKOHARJO, "Batik Bekonang", whatsapp="+6281377770001")
    ApplicationFactory(exhibitor=returning, edition=earlier, accepted=True)
    newcomer = umkm(SUKOHARJO, "Ciu Bekonang", whatsapp="+6281377770002")
    umkm(MALANG, "Keripik Tempe Malang")
    client.force_login(kasmex["sukoharjo_delegate"])
    url = reverse("delegation", kwargs={"pk": delegation.pk})

    page = text(client.get(url))

    # Suggestions: Sukoharjo's UMKM only, those who never took part first.
    assert page.index("Ciu Bekonang") < page.index("Batik Bekonang")
    assert "Belum pernah ikut." in page and "Pernah ikut 1 pameran sebelumnya." in page
    assert "Keripik Tempe Malang" not in page
    assert "81377770001" not in page and "81377770002" not in page

    response = client.post(
        reverse("delegation_nominate", kwargs={"pk": delegation.pk}),
        {"exhibitor": newcomer.pk, "mode": "booth"},
        follow=True,
    )

    assert "Ciu Bekonang dicalonkan: tuan rumah yang memutuskan." in text(response)
    nomination = Application.objects.get(exhibitor=newcomer)
    assert (nomination.delegation, nomination.status) == (delegation, "submitted")
    services.decide_application(
        application=nomination, status="accepted", by=UserFactory(), past_outside_share=True
    )
    Assignment.objects.create(
        application=nomination, booth=BoothFactory(edition=kasmex["edition"], code="C-07")
    )
    page = text(client.get(url))
    assert "Diterima" in page and "C-07" in page
    assert "1 dari 2 dicalonkan" in page


def test_a_nomination_outside_the_suggestions_is_refused_and_changes_nothing(client, kasmex):
    other_region = umkm(MALANG, "Keripik Tempe Malang")
    client.force_login(kasmex["sukoharjo_delegate"])

    response = client.post(
        reverse("delegation_nominate", kwargs={"pk": kasmex["sukoharjo"].pk}),
        {"exhibitor": other_region.pk, "mode": "booth"},
        follow=True,
    )

    assert "UMKM ini tidak dapat dicalonkan" in text(response)
    assert not Application.objects.exists()


def test_a_delegate_of_sukoharjo_reaches_nothing_of_malang_nor_of_the_host(client, kasmex):
    malang = kasmex["malang"]
    nominee = services.nominate(
        delegation=malang, exhibitor=umkm(MALANG, "Keripik Malang"), mode="booth"
    )
    host_participant = ApplicationFactory(
        edition=kasmex["edition"], exhibitor=umkm("33.22", "Kopi Bawen")
    )
    sukoharjo = kasmex["sukoharjo"]
    replacement = umkm(SUKOHARJO, "Batik Bekonang")
    client.force_login(kasmex["sukoharjo_delegate"])
    # Every delegate URL, its ids filled with Malang's delegation and nomination, then with
    # Sukoharjo's own delegation and the host's participant.
    patterns = [p for p in delegation_urls.urlpatterns if isinstance(p, URLPattern)]
    requests = []
    for pattern in patterns:
        parameters = set(pattern.pattern.regex.groupindex)
        if not parameters:
            continue
        for ids in (
            {"pk": malang.pk, "nomination_pk": nominee.pk},
            {"pk": sukoharjo.pk, "nomination_pk": nominee.pk},
            {"pk": sukoharjo.pk, "nomination_pk": host_participant.pk},
        ):
            if parameters == {"pk"} and ids["pk"] == sukoharjo.pk:
                continue  # their own delegation's page
            url = reverse(pattern.name, kwargs={k: ids[k] for k in parameters})
            requests += [("get", url), ("post", url)]
    assert len(requests) > 10

    statuses = {
        (method, url): getattr(client, method)(
            url, {"exhibitor": replacement.pk, "mode": "booth"}
        ).status_code
        for method, url in requests
    }

    assert set(statuses.values()) <= {404, 405}, statuses
    assert {status for (method, _url), status in statuses.items() if method == "get"} <= {
        404,
        405,
    }
    assert [(a.exhibitor.name, a.status) for a in Application.objects.order_by("pk")] == [
        ("Keripik Malang", "submitted"),
        ("Kopi Bawen", "submitted"),
    ]


def test_the_delegations_page_is_for_members_of_an_office_only(client, kasmex):
    owner = umkm(SUKOHARJO, "Batik Bekonang").owner
    client.force_login(owner)

    assert client.get(reverse("delegations")).status_code == 404

    client.force_login(kasmex["malang_delegate"])
    page = text(client.get(reverse("delegations")))
    assert "Kasmex 2030" in page
    assert "0 dari 1 dicalonkan" in page
