"""The automatic draft: a proposal of booths for every accepted participant still without one.

``plan`` is a pure function of plain data, so its rules can be tested one by one and the
same input always gives the same proposal; ``propose`` reads an edition's current state
into that data. Nothing here writes: ``services.confirm_draft`` applies a proposal.

The rules, in the order they weigh:

1. Food (category kuliner, or a booth with water asked for) only on booths with water.
   Institutions on institution booths, on an ordinary booth when none is left. UMKM on
   standard and corner booths, a corner first for those who asked for one; water and
   institution booths are not given to them.
2. Outside participants (``selectors.is_outside``) only while the share the edition
   leaves them has room; the host regions keep theirs.
3. The preferred zone, where it has a suitable booth free.
4. No two of the same category side by side, where it can be avoided.

Participants take their turn in an order drawn from a hash of the application's id
seeded by the edition: the time of applying moves nobody forward, and the order is the
same every time the draft is made. The organiser may choose rotation
(``recent_editions``): those who did not take part in the organisation's last N
editions then take their turns before those who did, so that when booths are short it
is the newcomers who get them; the rules above still hold for each.
"""

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from booths import selectors
from booths.models import Booth
from exhibitors.models import Application, BoothKind, Category, Exhibitor
from expo.models import Edition

# Booths closer than this (metres) count as touching: positions are kept to 0.1 m.
TOUCH = Decimal("0.05")


@dataclass(frozen=True)
class Spot:
    """A booth as the planner sees it; ``category`` is its occupant's, if it has one."""

    id: int
    code: str
    zone: str
    kind: str
    x: Decimal
    y: Decimal
    width: Decimal
    depth: Decimal
    category: str = ""


@dataclass(frozen=True)
class Candidate:
    """An accepted booth participant without a booth."""

    application_id: int
    name: str
    category: str
    is_institution: bool
    is_outside: bool
    preferred_zone: str = ""
    preferred_kind: str = ""
    took_part_recently: bool = False

    @property
    def is_food(self):
        return self.category == Category.CULINARY or self.preferred_kind == BoothKind.FOOD


@dataclass(frozen=True)
class Placement:
    application_id: int
    name: str
    category: str
    is_outside: bool
    booth_id: int
    booth_code: str
    reason: str


@dataclass(frozen=True)
class Unplaced:
    application_id: int
    name: str
    is_outside: bool
    reason: str


@dataclass(frozen=True)
class Draft:
    placements: tuple
    unplaced: tuple

    @property
    def fingerprint(self):
        """Names this exact proposal, so a confirmation applies what the organiser saw."""
        pairs = ",".join(f"{p.application_id}:{p.booth_id}" for p in self.placements)
        left = ",".join(str(u.application_id) for u in self.unplaced)
        return hashlib.sha256(f"{pairs}|{left}".encode()).hexdigest()[:20]


def plan(*, seed, spots, candidates, outside_limit, outside_taken, recent_editions=None):
    """Propose a free spot for each candidate, with a reason, or say why there is none.

    ``recent_editions``: when given, candidates who did not take part recently
    (``Candidate.took_part_recently``) take their turns first, by lot among themselves.
    """
    free = {spot.id: spot for spot in spots if not spot.category}
    categories = {spot.id: spot.category for spot in spots if spot.category}
    neighbours = _neighbours(spots)
    outside_left = outside_limit - outside_taken
    placements, unplaced = [], []

    def turn(candidate):
        lot = hashlib.sha256(f"{seed}:{candidate.application_id}".encode()).hexdigest()
        return (bool(recent_editions) and candidate.took_part_recently, lot)

    # Turns go first to those who need a kind of booth few participants can use, so an
    # earlier turn cannot take it from them on a fallback; within each round, by lot.
    rounds = [
        [c for c in candidates if c.is_food],
        [c for c in candidates if not c.is_food and c.is_institution],
        [c for c in candidates if not c.is_food and not c.is_institution],
    ]
    for group in rounds:
        for candidate in sorted(group, key=turn):
            if candidate.is_outside and outside_left <= 0:
                unplaced.append(
                    _unplaced(
                        candidate,
                        _(
                            "The share of booths for participants from outside the host "
                            "regions is full (%(limit)d)."
                        )
                        % {"limit": outside_limit},
                    )
                )
                continue
            best = _best_spot(candidate, free.values(), categories, neighbours)
            if best is None:
                reason = _no_spot_reason(candidate)
                if recent_editions and candidate.took_part_recently:
                    reason = f"{reason} {_sentence(_rotation_reason(candidate, recent_editions))}"
                unplaced.append(_unplaced(candidate, reason))
                continue
            spot, kind_rank, in_zone, clashes = best
            del free[spot.id]
            categories[spot.id] = candidate.category
            if candidate.is_outside:
                outside_left -= 1
            placements.append(
                Placement(
                    application_id=candidate.application_id,
                    name=candidate.name,
                    category=candidate.category,
                    is_outside=candidate.is_outside,
                    booth_id=spot.id,
                    booth_code=spot.code,
                    reason=_reason(candidate, spot, kind_rank, in_zone, clashes, recent_editions),
                )
            )
    placements.sort(key=lambda placement: placement.booth_code)
    return Draft(placements=tuple(placements), unplaced=tuple(unplaced))


def propose(*, edition, recent_editions=None):
    """The draft for an edition as it stands now (reads only); ``recent_editions`` as for
    ``plan``, counted among the editions of the same organisation that started before."""
    host_codes = edition.host_region_codes
    recent = _recent_participants(edition=edition, count=recent_editions)
    booths = Booth.objects.filter(edition=edition).select_related(
        "assignment__application__exhibitor"
    )
    spots = []
    outside_taken = 0
    for booth in booths:
        assignment = getattr(booth, "assignment", None)
        exhibitor = assignment.application.exhibitor if assignment else None
        if exhibitor and selectors.is_outside(exhibitor=exhibitor, host_codes=host_codes):
            outside_taken += 1
        spots.append(
            Spot(
                id=booth.pk,
                code=booth.code,
                zone=booth.zone,
                kind=booth.kind,
                x=booth.x,
                y=booth.y,
                width=booth.width,
                depth=booth.depth,
                category=exhibitor.category if exhibitor else "",
            )
        )
    candidates = [
        Candidate(
            application_id=application.pk,
            name=application.exhibitor.name,
            category=application.exhibitor.category,
            is_institution=application.exhibitor.kind == Exhibitor.Kind.INSTITUTION,
            is_outside=selectors.is_outside(exhibitor=application.exhibitor, host_codes=host_codes),
            preferred_zone=application.preferred_zone,
            preferred_kind=application.preferred_booth_kind,
            took_part_recently=application.exhibitor_id in recent,
        )
        for application in Application.objects.accepted()
        .filter(edition=edition, mode__in=Application.BOOTH_MODES, assignment__isnull=True)
        .select_related("exhibitor")
    ]
    return plan(
        seed=edition.pk,
        spots=spots,
        candidates=candidates,
        outside_limit=selectors.outside_limit(
            booth_count=len(spots), host_share_percent=edition.host_share_percent
        ),
        outside_taken=outside_taken,
        recent_editions=recent_editions,
    )


def _recent_participants(*, edition, count):
    """The exhibitors accepted at one of the ``count`` editions the same organisation ran
    before ``edition``."""
    if not count:
        return set()
    earlier = Edition.objects.filter(
        organisation=edition.organisation_id, starts_on__lt=edition.starts_on
    ).order_by("-starts_on")[:count]
    return set(
        Application.objects.accepted()
        .filter(edition__in=earlier)
        .values_list("exhibitor_id", flat=True)
    )


def _kinds(candidate):
    """The booth kinds a candidate may take, best first."""
    if candidate.is_food:
        return [BoothKind.FOOD]
    if candidate.is_institution:
        return [BoothKind.INSTITUTION, BoothKind.STANDARD, BoothKind.CORNER]
    if candidate.preferred_kind == BoothKind.CORNER:
        return [BoothKind.CORNER, BoothKind.STANDARD]
    # Corners are kept for those who ask for one for as long as standard booths last.
    return [BoothKind.STANDARD, BoothKind.CORNER]


def _best_spot(candidate, free, categories, neighbours):
    kinds = _kinds(candidate)
    wanted_zone = _zone_key(candidate.preferred_zone)
    best, best_key = None, None
    for spot in free:
        if spot.kind not in kinds:
            continue
        kind_rank = kinds.index(spot.kind)
        if candidate.is_institution and kind_rank > 0:
            kind_rank = 1  # standard or corner: both the same fallback for an institution
        in_zone = bool(wanted_zone) and _zone_key(spot.zone) == wanted_zone
        clashes = sum(
            1 for other in neighbours[spot.id] if categories.get(other) == candidate.category
        )
        key = (kind_rank, not in_zone, clashes, spot.zone, spot.y, spot.x, spot.code)
        if best_key is None or key < best_key:
            best, best_key = (spot, kind_rank, in_zone, clashes), key
    return best


def _zone_key(zone):
    """ "Zona B", "zone b" and "B" name the same zone."""
    key = zone.strip().casefold()
    for prefix in ("zona ", "zone "):
        key = key.removeprefix(prefix)
    return key.strip()


def _neighbours(spots):
    """For each booth, the booths of its zone it shares an edge with on the plan."""
    by_zone = {}
    for spot in spots:
        by_zone.setdefault(_zone_key(spot.zone), []).append(spot)
    neighbours = {spot.id: [] for spot in spots}
    for zone_spots in by_zone.values():
        for index, one in enumerate(zone_spots):
            for other in zone_spots[index + 1 :]:
                if _touch(one, other):
                    neighbours[one.id].append(other.id)
                    neighbours[other.id].append(one.id)
    return neighbours


def _touch(one, other):
    def overlap(start1, size1, start2, size2):
        return min(start1 + size1, start2 + size2) - max(start1, start2) > TOUCH

    def adjoin(start1, size1, start2, size2):
        return abs(start1 + size1 - start2) <= TOUCH or abs(start2 + size2 - start1) <= TOUCH

    side_by_side = adjoin(one.x, one.width, other.x, other.width) and overlap(
        one.y, one.depth, other.y, other.depth
    )
    back_to_back = adjoin(one.y, one.depth, other.y, other.depth) and overlap(
        one.x, one.width, other.x, other.width
    )
    return side_by_side or back_to_back


def _reason(candidate, spot, kind_rank, in_zone, clashes, recent_editions):
    parts = []
    if recent_editions:
        parts.append(_rotation_reason(candidate, recent_editions))
    if candidate.is_food:
        parts.append(_("food, on a booth with water"))
    elif candidate.is_institution:
        parts.append(
            _("institution, on an institution booth")
            if kind_rank == 0
            else _("institution; no institution booth left, so an ordinary one")
        )
    elif candidate.preferred_kind == BoothKind.CORNER:
        parts.append(
            _("a corner booth, as asked")
            if kind_rank == 0
            else _("asked for a corner booth; none left, so a standard one")
        )
    if candidate.preferred_zone:
        parts.append(
            _("in the preferred zone %(zone)s") % {"zone": spot.zone}
            if in_zone
            else _("preferred zone “%(zone)s” has no suitable booth free")
            % {"zone": candidate.preferred_zone}
        )
    parts.append(
        _("no neighbour of the same category")
        if not clashes
        else _("next to the same category: no other suitable booth was free")
    )
    if candidate.is_outside:
        parts.append(_("within the share for outside participants"))
    return _sentence("; ".join(parts))


def _sentence(text):
    return text[:1].upper() + text[1:] + "."


def _rotation_reason(candidate, recent_editions):
    # Two messages, not a plural: "the last edition" and "the last 3 editions" are
    # worded apart in Indonesian, which has one plural form.
    if candidate.took_part_recently:
        if recent_editions == 1:
            return _("took part in the last edition, so a turn after the newcomers")
        text = _("took part in one of the last %(count)d editions, so a turn after the newcomers")
    else:
        if recent_editions == 1:
            return _("did not take part in the last edition, so an earlier turn")
        text = _("did not take part in the last %(count)d editions, so an earlier turn")
    return text % {"count": recent_editions}


def _no_spot_reason(candidate):
    if candidate.is_food:
        return _("No booth with water is free for food.")
    return _("No suitable booth is free.")


def _unplaced(candidate, reason):
    return Unplaced(
        application_id=candidate.application_id,
        name=candidate.name,
        is_outside=candidate.is_outside,
        reason=reason,
    )
