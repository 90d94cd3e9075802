"""The automatic draft's rules, on plain data: no database needed, but for the
rotation's count of earlier editions."""

import datetime
import random
from decimal import Decimal

import pytest
from django.urls import reverse

from booths.draft import Candidate, Spot, plan, propose
from booths.forms import DraftOptionsForm
from booths.models import Assignment
from booths.tests.factories import BoothFactory
from exhibitors.models import BoothKind, Category
from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory
from expo.models import Organisation
from expo.tests.factories import EditionFactory

FOOD_LOST = "Tidak ada stan dengan air yang kosong untuk kuliner."
NO_BOOTH = "Tidak ada stan cocok yang kosong."
SHARE_FULL = "Jatah stan untuk peserta dari luar daerah tuan rumah sudah penuh (2 stan)."


def row(zone, count, *, kind=BoothKind.STANDARD, y=0, first=1, start_id=None):
    """``count`` 3×3 m booths side by side, coded like ``generate_booths`` does."""
    start_id = start_id if start_id is not None else ord(zone) * 1000 + first
    return [
        Spot(
            id=start_id + index,
            code=f"{zone}-{first + index:02d}",
            zone=zone,
            kind=kind,
            x=Decimal(3 * index),
            y=Decimal(y),
            width=Decimal(3),
            depth=Decimal(3),
        )
        for index in range(count)
    ]


def occupied(spot, category):
    return Spot(**{**spot.__dict__, "category": category})


def candidate(number, category=Category.BATIK, **kwargs):
    return Candidate(
        application_id=number,
        name=f"Peserta {number}",
        category=category,
        is_institution=kwargs.pop("is_institution", False),
        is_outside=kwargs.pop("is_outside", False),
        **kwargs,
    )


def run(spots, candidates, *, outside_limit=100, outside_taken=0, seed=7, recent_editions=None):
    return plan(
        seed=seed,
        spots=spots,
        candidates=candidates,
        outside_limit=outside_limit,
        outside_taken=outside_taken,
        recent_editions=recent_editions,
    )


def placed(draft):
    return {placement.application_id: placement.booth_code for placement in draft.placements}


def left(draft):
    return {unplaced.application_id: unplaced.reason for unplaced in draft.unplaced}


def test_food_goes_only_on_booths_with_water():
    spots = row("A", 3) + row("F", 2, kind=BoothKind.FOOD, y=10)
    candidates = [
        candidate(1, Category.CULINARY),
        candidate(2, Category.CRAFT, preferred_kind=BoothKind.FOOD),
        candidate(3, Category.CULINARY),
        candidate(4, Category.BATIK),
    ]

    draft = run(spots, candidates)

    food = {1, 2, 3}
    assert sorted(code for app, code in placed(draft).items() if app in food) == ["F-01", "F-02"]
    assert list(left(draft).values()) == [FOOD_LOST]
    assert placed(draft)[4] == "A-01"


def test_with_no_water_booth_left_food_waits_and_ordinary_booths_stay_free():
    spots = [occupied(row("F", 1, kind=BoothKind.FOOD)[0], Category.CULINARY), *row("A", 2)]

    draft = run(spots, [candidate(1, Category.CULINARY), candidate(2, Category.CULINARY)])

    assert draft.placements == ()
    assert left(draft) == {1: FOOD_LOST, 2: FOOD_LOST}


def test_ordinary_participants_are_not_put_on_water_or_institution_booths():
    spots = row("F", 2, kind=BoothKind.FOOD) + row("I", 2, kind=BoothKind.INSTITUTION, y=10)

    draft = run(spots, [candidate(1), candidate(2, Category.CRAFT)])

    assert left(draft) == {1: NO_BOOTH, 2: NO_BOOTH}


def test_institutions_take_institution_booths_then_ordinary_ones():
    spots = row("I", 1, kind=BoothKind.INSTITUTION) + row("A", 2, y=10)
    institutions = [candidate(n, Category.SERVICES, is_institution=True) for n in (1, 2)]

    draft = run(spots, institutions)

    assert sorted(placed(draft).values()) == ["A-01", "I-01"]
    reasons = sorted(placement.reason for placement in draft.placements)
    assert reasons == [
        "Instansi, di stan instansi; tidak bersebelahan dengan kategori yang sama.",
        "Instansi; stan instansi sudah habis, jadi di stan biasa; tidak bersebelahan "
        "dengan kategori yang sama.",
    ]


def test_the_outside_share_is_kept_when_many_outside_participants_are_accepted():
    spots = row("A", 10)
    outside = [candidate(n, is_outside=True) for n in range(1, 6)]
    host = [candidate(n) for n in range(11, 19)]

    draft = run(spots, outside + host, outside_limit=2)

    placed_outside = [p for p in draft.placements if p.is_outside]
    assert len(placed_outside) == 2
    assert len(draft.placements) == 10
    assert sorted(left(draft)) == sorted(set(range(1, 6)) - set(placed(draft)))
    assert set(left(draft).values()) == {SHARE_FULL}


def test_outside_booths_already_held_count_against_the_share():
    draft = run(
        row("A", 4), [candidate(1, is_outside=True), candidate(2)], outside_limit=2, outside_taken=2
    )

    assert placed(draft) == {2: "A-01"}
    assert left(draft) == {1: SHARE_FULL}


def test_all_outside_fill_only_their_share():
    draft = run(row("A", 10), [candidate(n, is_outside=True) for n in range(1, 8)], outside_limit=2)

    assert len(draft.placements) == 2
    assert len(draft.unplaced) == 5


def test_more_accepted_than_booths_places_as_many_as_there_are_booths():
    candidates = [candidate(n, Category.CRAFT if n % 2 else Category.BATIK) for n in range(1, 6)]

    draft = run(row("A", 3), candidates)

    assert len(draft.placements) == 3
    assert list(left(draft).values()) == [NO_BOOTH, NO_BOOTH]


def test_no_two_of_a_category_side_by_side_when_it_can_be_avoided():
    spots = row("A", 6)
    candidates = [candidate(n, Category.BATIK) for n in (1, 2, 3)] + [
        candidate(n, Category.CRAFT) for n in (4, 5, 6)
    ]

    for seed in range(20):
        draft = run(spots, candidates, seed=seed)
        by_code = {p.booth_code: p.category for p in draft.placements}
        codes = sorted(by_code)
        assert all(by_code[a] != by_code[b] for a, b in zip(codes, codes[1:], strict=False))


def test_an_occupied_neighbour_counts_and_back_to_back_booths_are_neighbours():
    front = row("A", 3)
    back = row("A", 3, y=3, first=4)
    spots = [occupied(front[0], Category.BATIK), *front[1:], *back]

    draft = run(spots, [candidate(1, Category.BATIK)])

    # A-02 is beside the batik of behind it; A-03 touches neither.
    assert placed(draft) == {1: "A-03"}


def test_booths_of_another_zone_are_not_neighbours():
    spots = [occupied(row("A", 1)[0], Category.BATIK), *row("B", 1, first=1, start_id=9)]
    # B-01 would touch A-01 on the plan if it sat at x=3; put it there.
    spots[1] = Spot(**{**spots[1].__dict__, "x": Decimal(3)})

    draft = run(spots, [candidate(1, Category.BATIK)])

    assert draft.placements[0].reason == "Tidak bersebelahan dengan kategori yang sama."


def test_next_to_the_same_category_only_when_nothing_else_is_free():
    spots = [occupied(row("A", 2)[0], Category.BATIK), row("A", 2)[1]]

    draft = run(spots, [candidate(1, Category.BATIK)])

    assert draft.placements[0].reason == (
        "Bersebelahan dengan kategori yang sama: tidak ada stan cocok lain yang kosong."
    )


def test_the_preferred_zone_is_honoured_where_it_has_a_booth():
    spots = row("A", 2) + row("B", 2, y=10)

    draft = run(spots, [candidate(1, preferred_zone="Zona B"), candidate(2, preferred_zone="C")])

    assert placed(draft)[1] == "B-01"
    reasons = {p.application_id: p.reason for p in draft.placements}
    assert reasons[1] == "Di zona pilihan B; tidak bersebelahan dengan kategori yang sama."
    assert reasons[2].startswith("Zona pilihan “C” tidak punya stan cocok yang kosong")


def test_a_corner_goes_to_who_asked_for_one():
    spots = row("A", 2) + row("K", 1, kind=BoothKind.CORNER, y=10)

    draft = run(spots, [candidate(1), candidate(2, preferred_kind=BoothKind.CORNER)])

    assert placed(draft)[2] == "K-01"
    assert placed(draft)[1].startswith("A-")


def test_outside_participants_are_placed_within_the_share_with_that_said():
    draft = run(row("A", 2), [candidate(1, is_outside=True)], outside_limit=1)

    assert draft.placements[0].reason == (
        "Tidak bersebelahan dengan kategori yang sama; masih dalam jatah peserta luar daerah."
    )


def test_same_input_same_proposal_whatever_the_order_of_the_list():
    spots = row("A", 6) + row("F", 2, kind=BoothKind.FOOD, y=10)
    candidates = [
        candidate(n, category, is_outside=n % 3 == 0)
        for n, category in enumerate(
            [Category.BATIK, Category.CULINARY, Category.CRAFT] * 4, start=1
        )
    ]
    shuffled = candidates[:]
    random.Random(4).shuffle(shuffled)

    first = run(spots, candidates, outside_limit=2)
    again = run(spots, shuffled, outside_limit=2)

    assert first == again
    assert first.fingerprint == again.fingerprint


def test_turns_are_drawn_by_lot_not_by_the_order_of_applying():
    spots = row("A", 1)
    candidates = [candidate(n) for n in range(1, 41)]

    winners = {run(spots, candidates, seed=seed).placements[0].application_id for seed in range(30)}

    # Applying first (id 1) or having taken part before wins nothing: the booth goes
    # to many different participants as the edition's seed changes.
    assert len(winners) > 10


# Rotation: newcomers first, when the organiser asks for it.
RETURNING_LEFT = (
    "Tidak ada stan cocok yang kosong. Pernah ikut di salah satu dari 2 edisi terakhir, jadi "
    "gilirannya setelah peserta baru."
)


def newcomers_and_returning(count):
    """``count`` who took part recently (ids 1…), then ``count`` who did not (ids 101…)."""
    return [candidate(n, took_part_recently=True) for n in range(1, count + 1)] + [
        candidate(100 + n) for n in range(1, count + 1)
    ]


def test_without_rotation_taking_part_recently_changes_nothing():
    spots = row("A", 3)
    returning = newcomers_and_returning(3)
    same_people_unmarked = [
        Candidate(**{**c.__dict__, "took_part_recently": False}) for c in returning
    ]

    assert run(spots, returning) == run(spots, same_people_unmarked)


@pytest.mark.parametrize("seed", range(10))
def test_with_rotation_newcomers_get_the_booths_when_booths_are_short(seed):
    draft = run(row("A", 3), newcomers_and_returning(3), seed=seed, recent_editions=2)

    assert sorted(placed(draft)) == [101, 102, 103]
    assert left(draft) == {1: RETURNING_LEFT, 2: RETURNING_LEFT, 3: RETURNING_LEFT}


def test_with_rotation_a_placement_says_why_its_turn_came_early():
    draft = run(row("A", 3), [candidate(1)], recent_editions=1)

    assert draft.placements[0].reason == (
        "Tidak ikut di edisi terakhir, jadi gilirannya lebih awal; tidak bersebelahan dengan "
        "kategori yang sama."
    )


def test_with_rotation_the_outside_share_and_the_booth_kinds_still_hold():
    spots = row("A", 1) + row("F", 1, kind=BoothKind.FOOD, y=10)
    candidates = [
        candidate(1, is_outside=True),  # a newcomer, but the outside share is full
        candidate(2, Category.CULINARY),  # a newcomer, whose food needs water
        candidate(3, took_part_recently=True),
        candidate(4, Category.CULINARY, took_part_recently=True),
    ]

    draft = run(spots, candidates, outside_limit=0, recent_editions=2)

    assert placed(draft) == {2: "F-01", 3: "A-01"}
    assert (
        left(draft)[1]
        == "Jatah stan untuk peserta dari luar daerah tuan rumah sudah penuh (0 stan)."
    )
    assert left(draft)[4].startswith(FOOD_LOST)


@pytest.mark.django_db
def test_rotation_counts_the_last_editions_of_the_same_organisation():
    dinas = Organisation.objects.create(name="Dinas Kabupaten Semarang")
    today = datetime.date(2030, 6, 1)
    older = EditionFactory(organisation=dinas, starts_on=today.replace(year=2028))
    last = EditionFactory(organisation=dinas, starts_on=today.replace(year=2029))
    elsewhere = EditionFactory(
        organisation=Organisation.objects.create(name="Dinas Kota Semarang"),
        starts_on=today.replace(year=2029),
    )
    edition = EditionFactory(organisation=dinas, starts_on=today)
    people = {
        name: ExhibitorFactory(name=name)
        for name in ["Ikut tahun lalu", "Ikut dua tahun lalu", "Ikut di kota", "Baru"]
    }
    ApplicationFactory(exhibitor=people["Ikut tahun lalu"], edition=last, accepted=True)
    ApplicationFactory(exhibitor=people["Ikut dua tahun lalu"], edition=older, accepted=True)
    ApplicationFactory(exhibitor=people["Ikut di kota"], edition=elsewhere, accepted=True)
    for exhibitor in people.values():
        ApplicationFactory(exhibitor=exhibitor, edition=edition, accepted=True)
    booths = [BoothFactory(edition=edition, code=code) for code in ["A-01", "A-02", "A-03"]]

    def unplaced(recent_editions):
        draft = propose(edition=edition, recent_editions=recent_editions)
        return sorted(u.name for u in draft.unplaced)

    assert unplaced(1) == ["Ikut tahun lalu"]
    booths[-1].delete()
    # Two booths for the two who took part at home in the last two editions: neither.
    assert unplaced(2) == ["Ikut dua tahun lalu", "Ikut tahun lalu"]


@pytest.mark.parametrize(
    ("typed", "valid", "message"),
    [
        ("", True, None),
        ("2", True, None),
        ("0", False, "Pastikan nilai ini lebih besar dari atau sama dengan 1."),
        ("dua", False, "Masukkan bilangan bulat."),
    ],
)
def test_the_draft_options_take_a_number_of_editions_or_nothing(typed, valid, message):
    form = DraftOptionsForm({"recent_editions": typed})

    assert form.is_valid() == valid
    assert form.errors.get("recent_editions", [None])[0] == message


@pytest.mark.django_db
def test_the_organiser_drafts_newcomers_first_and_confirms_that_draft(client, organiser):
    dinas = Organisation.objects.create(name="Dinas Kabupaten Semarang")
    last = EditionFactory(organisation=dinas, starts_on=datetime.date(2029, 6, 1))
    edition = EditionFactory(organisation=dinas, starts_on=datetime.date(2030, 6, 1))
    returning = ExhibitorFactory(name="Ikut tahun lalu")
    ApplicationFactory(exhibitor=returning, edition=last, accepted=True)
    ApplicationFactory(exhibitor=returning, edition=edition, accepted=True)
    ApplicationFactory(exhibitor__name="Baru", edition=edition, accepted=True)
    BoothFactory(edition=edition, code="A-01")
    draft_url = reverse("admin:booths_draft", kwargs={"edition_id": edition.pk})

    page = client.get(draft_url, {"recent_editions": "1"})
    assert [unplaced.name for unplaced in page.context["draft"].unplaced] == ["Ikut tahun lalu"]
    client.post(
        reverse("admin:booths_draft_confirm", kwargs={"edition_id": edition.pk}),
        {
            "fingerprint": page.context["form"].initial["fingerprint"],
            "recent_editions": "1",
        },
    )

    assert list(Assignment.objects.values_list("application__exhibitor__name", flat=True)) == [
        "Baru"
    ]
