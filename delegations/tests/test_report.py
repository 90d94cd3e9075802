"""After the expo: the edition's report shows what each delegation brought, and each
delegate sees their own delegation's figures, not another's."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from delegations.tests.conftest import MALANG, SUKOHARJO, umkm
from exhibitors import services
from exhibitors.tests.factories import ApplicationFactory, UserFactory
from outcomes.models import DailySales
from outcomes.report import impact_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def after_the_expo(kasmex):
    edition = kasmex["edition"]
    today = timezone.localdate()
    type(edition).objects.filter(pk=edition.pk).update(
        starts_on=today - datetime.timedelta(days=3), ends_on=today - datetime.timedelta(days=1)
    )
    edition.refresh_from_db()
    decider = UserFactory(username="panitia")
    sales = {}
    for delegation, region, name, amount in [
        (kasmex["sukoharjo"], SUKOHARJO, "Batik Bekonang", 2_000_000),
        (kasmex["sukoharjo"], SUKOHARJO, "Ciu Bekonang", 500_000),
        (kasmex["malang"], MALANG, "Keripik Tempe Malang", 7_000_000),
    ]:
        application = services.apply_to_edition(
            exhibitor=umkm(region, name), edition=edition, mode="booth", delegation=delegation
        )
        sales[name] = application
        services.decide_application(
            application=application, status="accepted", by=decider, past_outside_share=True
        )
        DailySales.objects.create(
            application=application, day=edition.starts_on, amount=amount, transactions=3
        )
    host_participant = ApplicationFactory(
        edition=edition, exhibitor=umkm("33.22", "Kopi Bawen"), accepted=True
    )
    DailySales.objects.create(
        application=host_participant, day=edition.starts_on, amount=1_000_000, transactions=1
    )
    return kasmex


def test_the_report_adds_up_each_delegation_after_the_host_s_own(after_the_expo):
    report = impact_report(edition=after_the_expo["edition"])

    assert [(r.label, r.figures.participants, r.figures.total) for r in report.by_delegation] == [
        ("Peserta tuan rumah sendiri", 1, 1_000_000),
        ("Dinas Koperasi Kabupaten Malang", 1, 7_000_000),
        ("Dinas Koperasi UKM Kabupaten Sukoharjo", 2, 2_500_000),
    ]


def test_each_delegate_sees_their_own_delegation_s_figures(client, after_the_expo):
    client.force_login(after_the_expo["sukoharjo_delegate"])

    page = client.get(reverse("delegation", kwargs={"pk": after_the_expo["sukoharjo"].pk}))

    body = page.content.decode()
    assert "Angka delegasi Anda" in body
    assert "Rp2.500.000" in body
    assert "Rp7.000.000" not in body and "Keripik Tempe Malang" not in body
