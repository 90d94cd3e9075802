"""The automatic draft's rules, on plain data: no database needed."""

import random
from decimal import Decimal

from booths.draft import Candidate, Spot, plan
from exhibitors.models import BoothKind, Category

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


def run(spots, candidates, *, outside_limit=100, outside_taken=0, seed=7):
    return plan(
        seed=seed,
        spots=spots,
        candidates=candidates,
        outside_limit=outside_limit,
        outside_taken=outside_taken,
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
