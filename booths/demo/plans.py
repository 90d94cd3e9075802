"""The shapes of the demo data, and what the two 2021 expos share."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from exhibitors.models import Category, Exhibitor

JAKARTA = ZoneInfo("Asia/Jakarta")
# Mobile prefixes of Indonesian operators, after the country code: WhatsApp numbers look real.
MOBILE_PREFIXES = ("812", "813", "821", "852", "857", "878", "895")
SCALE_EDITION_SLUG = "expo-skala-uji"

# Which zone of the floor plan a participant's booth is in.
INSTITUTION_ZONE = "A"
GENERAL_ZONE = "B"
FOOD_ZONE = "C"


@dataclass(frozen=True)
class Participant:
    """One demo exhibitor, as an organiser's participant list would describe it."""

    name: str
    category: str
    region: str
    address: str
    description: str
    products: tuple[tuple[str, int], ...] = ()
    kind: str = Exhibitor.Kind.UMKM
    scale: str = Exhibitor.Scale.MICRO
    pirt: bool = False
    halal: bool = False
    bpom: str = ""
    # What its virtual booth says of some products, by name: stock, minimum order, featured.
    product_terms: tuple[tuple[str, dict], ...] = ()
    # The hours its virtual booth answers chats: start, end, time zone.
    online_hours: tuple = ()

    @property
    def slug(self):
        return slugify(self.name)

    @property
    def zone(self):
        if self.kind == Exhibitor.Kind.INSTITUTION:
            return INSTITUTION_ZONE
        return FOOD_ZONE if self.category == Category.CULINARY else GENERAL_ZONE


@dataclass(frozen=True)
class BoothRow:
    """A straight row of equal booths on the floor plan, numbered on from the zone's last."""

    zone: str
    kind: str
    count: int
    x: Decimal
    y: Decimal
    width: Decimal = Decimal(3)
    depth: Decimal = Decimal(3)


@dataclass(frozen=True)
class Session:
    """A session of a demo edition's agenda: its day, start and end as ``HH:MM``."""

    kind: str
    title: str
    day: date
    starts: str
    ends: str
    place: str = ""
    speakers: str = ""
    livestream_url: str = ""


@dataclass(frozen=True)
class EditionPlan:
    slug: str
    host_region: str
    fields: dict
    organiser_email: str
    organiser_name: str
    booth_rows: tuple[BoothRow, ...]
    booth_participants: tuple[Participant, ...]
    virtual_participants: tuple[Participant, ...] = ()
    agenda: tuple[Session, ...] = ()


INSTITUTION = {"kind": Exhibitor.Kind.INSTITUTION, "scale": ""}

# The Sukoharjo batik maker shows at both expos: Kasmex names it, and Pekalongan's
# outside participants came through the Dekranasda of Sukoharjo among others.
BATIK_POLOKARTO = Participant(
    "Batik Pewarna Alam Sekar Polokarto",
    Category.BATIK,
    "33.11",
    "Desa Polokarto, Kec. Polokarto",
    "Batik tulis dan cap dengan pewarna alami (indigo, tingi, jalawe) dari perajin Polokarto.",
    (
        ("Batik Tulis Pewarna Alami Indigo 2 m", 650_000),
        ("Batik Cap Pewarna Alami Tingi 2 m", 285_000),
        ("Syal Batik Pewarna Alami", 125_000),
    ),
)


def organiser_user(*, email, name):
    """The staff account that decides and assigns, so every change has a 'by'.

    Created without a usable password: set one with ``manage.py changepassword``.
    """
    user, created = get_user_model().objects.get_or_create(
        username=email, defaults={"email": email, "first_name": name, "is_staff": True}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
