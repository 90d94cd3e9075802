from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation

from booths.demo.plans import SCALE_EDITION_SLUG
from booths.models import Assignment, Booth
from exhibitors.models import Application, Category, Exhibitor, Product
from expo.models import AgendaSession, Edition

pytestmark = pytest.mark.django_db

KASMEX = "kasmex-2021"
PEKALONGAN = "pekalongan-hybrid-expo-2021"


def load_demo(*args):
    output = StringIO()
    with translation.override("en"):
        call_command("load_demo", *args, stdout=output)
    return output.getvalue()


def row_counts():
    models = (
        *(Edition, AgendaSession, Exhibitor, Product, Application, Booth, Assignment),
        get_user_model(),
    )
    return {model.__name__: model.objects.count() for model in models}


def participants(slug):
    return Application.objects.accepted().filter(edition__slug=slug)


def test_load_demo_builds_kasmex_with_32_participants():
    load_demo()

    kasmex = Edition.objects.get(slug=KASMEX)
    assert kasmex.name == "Kabupaten Semarang Expo (Kasmex) 2021"
    assert kasmex.host_region_codes == {"33.22"}
    assert participants(KASMEX).count() == 32


def test_load_demo_puts_two_kasmex_participants_outside_the_host_region():
    load_demo()

    outside = participants(KASMEX).exclude(exhibitor__region="33.22")
    assert sorted(outside.values_list("exhibitor__region", flat=True)) == ["33.11", "35.07"]
    assert outside.get(exhibitor__region="33.11").exhibitor.category == Category.BATIK


def test_load_demo_gives_every_booth_participant_exactly_one_booth():
    load_demo()

    for slug in (KASMEX, PEKALONGAN):
        in_booths = participants(slug).filter(mode=Application.Mode.BOOTH)
        placed = Assignment.objects.filter(booth__edition__slug=slug)
        assert sorted(placed.values_list("application", flat=True)) == sorted(
            in_booths.values_list("pk", flat=True)
        )
        assert Booth.objects.filter(edition__slug=slug).free().count() == 3


def test_load_demo_gives_pekalongan_25_of_30_booths_and_virtual_participants():
    load_demo()

    in_booths = participants(PEKALONGAN).filter(mode=Application.Mode.BOOTH)
    virtual = participants(PEKALONGAN).filter(mode=Application.Mode.VIRTUAL)
    assert in_booths.count() == 30
    assert in_booths.filter(exhibitor__region="33.75").count() == 25
    assert virtual.count() == 10
    assert virtual.filter(assignment__isnull=False).count() == 0


def test_load_demo_gives_both_editions_an_agenda_and_virtual_booths_their_terms():
    load_demo()

    agenda = AgendaSession.objects.filter(edition__slug=KASMEX).order_by("starts_at")
    assert [(s.kind, s.starts_at.isoformat()) for s in agenda] == [
        ("pembukaan", "2021-11-12T02:00:00+00:00"),
        ("talkshow", "2021-11-12T06:00:00+00:00"),
        ("pentas_seni", "2021-11-13T12:00:00+00:00"),
        ("lomba", "2021-11-14T02:00:00+00:00"),
    ]
    assert AgendaSession.objects.filter(edition__slug=PEKALONGAN).count() == 4
    keripik = Exhibitor.objects.get(slug="keripik-usus-bu-nah")
    assert (keripik.online_hours_start.isoformat(), keripik.online_hours_zone) == (
        "09:00:00",
        "WIB",
    )
    assert list(
        keripik.products.order_by("position").values_list(
            "stock", "minimum_order", "minimum_order_unit", "is_featured"
        )
    ) == [("tersedia", 10, "pak", True), ("habis", None, "", False)]


def test_load_demo_twice_keeps_the_same_rows():
    load_demo()
    before = row_counts()

    load_demo()

    assert row_counts() == before


def test_load_demo_exhibitors_adds_generated_exhibitors_with_products():
    load_demo()
    before = Exhibitor.objects.count()

    load_demo("--exhibitors", "50")

    generated = Exhibitor.objects.filter(applications__edition__slug=SCALE_EDITION_SLUG)
    assert Exhibitor.objects.count() - before == 50
    assert generated.count() == 50
    assert generated.filter(products__isnull=True).count() == 0
    assert participants(KASMEX).count() == 32


def test_load_demo_exhibitors_again_adds_more():
    load_demo("--exhibitors", "50")

    load_demo("--exhibitors", "50")

    assert participants(SCALE_EDITION_SLUG).count() == 100


def test_load_demo_writes_exhibitors_that_pass_validation():
    load_demo("--exhibitors", "50")

    errors = {}
    for exhibitor in Exhibitor.objects.all():
        whatsapp = exhibitor.whatsapp
        try:
            exhibitor.full_clean()
        except ValidationError as error:
            errors[exhibitor.slug] = error.message_dict
        if exhibitor.whatsapp != whatsapp:
            errors[exhibitor.slug] = {"whatsapp": [f"{whatsapp} is not normalised"]}
    assert errors == {}


def test_load_demo_prints_a_summary():
    output = load_demo()

    assert output == (
        "Demo loaded: 2 editions, 72 accepted participants, 68 booths, "
        "0 generated exhibitors added.\n"
    )
