"""Demo data: two 2021 expos as the news reported them, and generated exhibitors for load tests.

Kasmex 2021 (Kabupaten Semarang) and the Pekalongan Hybrid Expo UMKM 2021 (Kota Pekalongan)
follow the articles: venue, dates, organiser, how many participants came from inside and
outside the host region. The businesses, their products and legality numbers are made up;
the numbers have the right shape (NIB 13 digits, P-IRT 15) but belong to no one.

Everything is keyed (editions by slug, booths by edition and code, exhibitors by slug), so
loading again updates rows instead of adding them. Applications are decided and booths
assigned through the services, the same path an organiser takes in the admin, and logos
and photos, when asked for, are uploaded through the services an owner's uploads take.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction

from booths.demo.generated import add_generated_exhibitors
from booths.demo.kasmex import KASMEX
from booths.demo.pekalongan import PEKALONGAN
from booths.demo.plans import JAKARTA, MOBILE_PREFIXES, organiser_user
from booths.models import Assignment, Booth
from booths.services import assign_booth
from core import public_cache
from exhibitors import demo_pictures
from exhibitors.models import Application, BoothKind, Exhibitor, Product
from exhibitors.services import decide_application
from expo.models import AgendaSession, Edition, Region


@dataclass(frozen=True)
class Summary:
    editions: int
    participants: int
    booths: int
    generated: int
    logos: int = 0
    photos: int = 0


@transaction.atomic
def load_demo(*, generated_exhibitors=0, pictures=False):
    """Create or update the demo editions; add ``generated_exhibitors`` to the scale edition.

    With ``pictures``, the demo editions' exhibitors get the logos and product photos they
    lack, drawn and processed (``exhibitors.demo_pictures``), and the generated ones share
    a pool of them.
    """
    plans = (KASMEX, PEKALONGAN)
    editions = [build_edition(plan) for plan in plans]
    logos = photos = 0
    pool = None
    if pictures:
        exhibitors = Exhibitor.objects.filter(
            slug__in={
                participant.slug
                for plan in plans
                for participant in (*plan.booth_participants, *plan.virtual_participants)
            }
        ).order_by("pk")
        for exhibitor in exhibitors:
            added_logos, added_photos = demo_pictures.give_pictures(exhibitor=exhibitor)
            logos, photos = logos + added_logos, photos + added_photos
        if generated_exhibitors:
            pool = demo_pictures.picture_pool(exhibitors=exhibitors)
    if generated_exhibitors:
        editions.append(add_generated_exhibitors(count=generated_exhibitors, pictures=pool))
        public_cache.changed()  # written in bulk, without the signals that would say so
    return Summary(
        editions=len(editions),
        participants=Application.objects.accepted().filter(edition__in=editions).count(),
        booths=Booth.objects.filter(edition__in=editions).count(),
        generated=generated_exhibitors,
        logos=logos,
        photos=photos,
    )


def build_edition(plan):
    """Create or update an edition with its booths, participants and booth assignments."""
    edition, _created = Edition.objects.update_or_create(slug=plan.slug, defaults=plan.fields)
    edition.host_regions.set([plan.host_region])
    organiser = organiser_user(email=plan.organiser_email, name=plan.organiser_name)
    booths = lay_out_booths(edition=edition, rows=plan.booth_rows)
    participants = [
        *((participant, Application.Mode.BOOTH) for participant in plan.booth_participants),
        *((participant, Application.Mode.VIRTUAL) for participant in plan.virtual_participants),
    ]
    regions = Region.objects.in_bulk({participant.region for participant, _mode in participants})
    for number, (participant, mode) in enumerate(participants):
        exhibitor = save_exhibitor(participant, region=regions[participant.region])
        application = accept(
            exhibitor=exhibitor,
            edition=edition,
            mode=mode,
            by=organiser,
            submitted_at=edition.registration_opens_at + timedelta(hours=7 * number),
        )
        if mode == Application.Mode.BOOTH:
            place(application=application, booth=booths[participant.zone].pop(0), by=organiser)
    _date_decisions(
        edition=edition, exhibitors=[participant.slug for participant, _mode in participants]
    )
    for session in plan.agenda:
        AgendaSession.objects.update_or_create(
            edition=edition,
            title=session.title,
            defaults={
                "kind": session.kind,
                "starts_at": _at(session.day, session.starts),
                "ends_at": _at(session.day, session.ends),
                "place": session.place,
                "speakers": session.speakers,
                "livestream_url": session.livestream_url,
            },
        )
    return edition


def _at(day, hour):
    return datetime.combine(day, time.fromisoformat(hour), tzinfo=JAKARTA)


def lay_out_booths(*, edition, rows):
    """Create or update the edition's booths; returns them per zone, in code order."""
    booths = {}
    for row in rows:
        zone = booths.setdefault(row.zone, [])
        for index in range(row.count):
            kind = row.kind
            if kind == BoothKind.STANDARD and index in (0, row.count - 1):
                kind = BoothKind.CORNER
            booth, _created = Booth.objects.update_or_create(
                edition=edition,
                code=f"{row.zone}-{len(zone) + 1:02d}",
                defaults={
                    "zone": row.zone,
                    "kind": kind,
                    "x": row.x + index * row.width,
                    "y": row.y,
                    "width": row.width,
                    "depth": row.depth,
                },
            )
            zone.append(booth)
    return booths


def save_exhibitor(participant, *, region):
    exhibitor, _created = Exhibitor.objects.update_or_create(
        slug=participant.slug,
        defaults={
            "kind": participant.kind,
            "name": participant.name,
            "description": participant.description,
            "category": participant.category,
            "scale": participant.scale,
            "region": region,
            "address": participant.address,
            "whatsapp": _whatsapp(participant.slug),
            **_legality(participant),
            **dict(
                zip(
                    ("online_hours_start", "online_hours_end", "online_hours_zone"),
                    participant.online_hours,
                    strict=False,
                )
            ),
        },
    )
    terms = dict(participant.product_terms)
    for position, (name, price) in enumerate(participant.products):
        Product.objects.update_or_create(
            exhibitor=exhibitor,
            name=name,
            defaults={
                "price": price,
                "category": exhibitor.category,
                "position": position,
                **terms.get(name, {}),
            },
        )
    return exhibitor


def accept(*, exhibitor, edition, mode, by, submitted_at):
    """The exhibitor's application, accepted by ``by``.

    Applications are created directly rather than through ``apply_to_edition``: that
    service refuses once registration has closed, as it has for a 2021 edition.
    """
    application, created = Application.objects.get_or_create(
        exhibitor=exhibitor, edition=edition, defaults={"mode": mode}
    )
    if created:
        # submitted_at is stamped on creation; a 2021 application was made in 2021.
        Application.objects.filter(pk=application.pk).update(submitted_at=submitted_at)
    if application.status != Application.Status.ACCEPTED:
        application = decide_application(
            application=application, status=Application.Status.ACCEPTED, by=by
        )
    return application


def place(*, application, booth, by):
    """Assign the planned booth, unless the participant already has one.

    A participant already placed keeps their booth, whether from an earlier run or moved
    by an organiser since, so loading again neither duplicates nor undoes anything.
    """
    if not Assignment.objects.filter(application=application).exists():
        assign_booth(booth=booth, application=application, by=by)


def _date_decisions(*, edition, exhibitors):
    # The services stamp the present moment; the demo's decisions and booth assignments
    # belong to the week after registration closed, as they did in 2021.
    decided_at = edition.registration_closes_at + timedelta(days=3)
    Application.objects.filter(edition=edition, exhibitor__slug__in=exhibitors).update(
        decided_at=decided_at
    )
    Assignment.objects.filter(
        booth__edition=edition, application__exhibitor__slug__in=exhibitors
    ).update(assigned_at=decided_at + timedelta(days=1))


def _digits(seed, count):
    """``count`` digits derived from ``seed``: the same on every run, different per exhibitor."""
    number = int.from_bytes(hashlib.sha256(seed.encode()).digest())
    return f"{number % 10**count:0{count}d}"


def _whatsapp(seed):
    prefix = MOBILE_PREFIXES[int(_digits(f"operator:{seed}", 4)) % len(MOBILE_PREFIXES)]
    return f"+62{prefix}{_digits(f'wa:{seed}', 8)}"


def _legality(participant):
    if participant.kind == Exhibitor.Kind.INSTITUTION:
        return {"nib": "", "pirt": "", "halal_number": "", "bpom_number": ""}
    region_digits = participant.region.replace(".", "")
    slug = participant.slug
    return {
        "nib": "912" + _digits(f"nib:{slug}", 10),
        # P-IRT: packaging, food type, kabupaten/kota code, sequence, expiry year.
        "pirt": f"2{_digits(f'pangan:{slug}', 2)}{region_digits}{_digits(f'pirt:{slug}', 6)}26"
        if participant.pirt
        else "",
        "halal_number": f"ID{region_digits}{_digits(f'halal:{slug}', 13)}"
        if participant.halal
        else "",
        "bpom_number": participant.bpom,
    }
