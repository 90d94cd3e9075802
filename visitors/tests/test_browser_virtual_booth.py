"""On a phone: a visitor opens a virtual participant's booth (the video first, a featured
product with its stock and minimum order, the button to the shop), and the edition's
agenda with the session going on now and the next one marked."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exhibitors.models import OnlineLink
from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory, ProductFactory
from expo.models import AgendaSession
from expo.tests.factories import EditionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions", "listening"),
]


@pytest.fixture
def running_edition():
    """A virtual edition going on today, with a session around now and one after it."""
    today = timezone.localdate()
    edition = EditionFactory(
        name="UMKM Virtual Expo Blitar",
        slug="virtual-expo-blitar",
        format="virtual",
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=1),
    )
    now = timezone.now().replace(second=0, microsecond=0)
    sessions = [
        ("pembukaan", "Pembukaan Virtual Expo", -180, -120),
        ("talkshow", "Talkshow: Ekspor Kendang Jimbe", -30, 30),
        ("temu_bisnis", "Temu Bisnis dengan Pembeli Qatar", 60, 120),
        ("pentas_seni", "Pentas Seni Penutupan", 180, 240),
    ]
    for kind, title, start, end in sessions:
        AgendaSession.objects.create(
            edition=edition,
            kind=kind,
            title=title,
            starts_at=now + datetime.timedelta(minutes=start),
            ends_at=now + datetime.timedelta(minutes=end),
        )
    exhibitor = ExhibitorFactory(
        name="Sambel Pecel Mbok Sri",
        slug="sambel-pecel-mbok-sri",
        category="kuliner",
        video_url="https://youtu.be/dQw4w9WgXcQ",
        online_hours_start=datetime.time(8),
        online_hours_end=datetime.time(17),
        online_hours_zone="WIB",
    )
    ApplicationFactory(exhibitor=exhibitor, edition=edition, mode="virtual", accepted=True)
    ProductFactory(exhibitor=exhibitor, name="Sambel Pecel Manis", price=22000, position=0)
    ProductFactory(
        exhibitor=exhibitor,
        name="Sambel Pecel Pedas",
        price=25000,
        stock="preorder",
        minimum_order=10,
        minimum_order_unit="pak",
        is_featured=True,
        position=1,
    )
    OnlineLink.objects.create(
        exhibitor=exhibitor, platform="shopee", url="https://shopee.co.id/mboksri"
    )
    return edition


def test_a_visitor_opens_a_virtual_booth_and_the_agenda_of_the_day(
    live_server, phone, running_edition
):
    phone.goto(f"{live_server.url}/pameran/virtual-expo-blitar/peserta/sambel-pecel-mbok-sri/")

    # The video first: the first thing of the booth below its name.
    first = phone.locator("article.exhibitor > header + *")
    expect(first).to_have_class("video")
    expect(first.get_by_role("link", name="Putar video")).to_be_visible()
    featured = phone.locator('section[aria-labelledby="featured"]')
    expect(featured.get_by_role("heading", level=2)).to_have_text("Produk unggulan")
    card = featured.locator(".card")
    expect(card).to_have_count(1)
    expect(card.get_by_role("heading", level=3)).to_have_text("Sambel Pecel Pedas")
    expect(card.locator(".price")).to_have_text("Rp25.000")
    expect(card.locator(".terms")).to_have_text("Pre-order Minimal pesan 10 pak")
    shop = phone.get_by_role("link", name="Beli di Shopee")
    expect(shop).to_have_attribute("href", "https://shopee.co.id/mboksri")
    expect(shop).to_be_visible()
    expect(phone.get_by_text("Chat dibalas 08.00–17.00 WIB")).to_be_visible()

    phone.goto(f"{live_server.url}/pameran/virtual-expo-blitar/agenda/")

    now = phone.locator("li.session.now")
    expect(now).to_have_count(1)
    expect(now).to_contain_text("Sedang berlangsung")
    expect(now).to_contain_text("Talkshow: Ekspor Kendang Jimbe")
    expect(now).to_have_attribute("aria-current", "time")
    upcoming = phone.locator("li.session.next")
    expect(upcoming).to_have_count(1)
    expect(upcoming).to_contain_text("Berikutnya")
    expect(upcoming).to_contain_text("Temu Bisnis dengan Pembeli Qatar")
    expect(phone.locator("li.session")).to_have_count(4)
    expect(phone.get_by_role("link", name="Tambahkan ke kalender (.ics)")).to_have_attribute(
        "href", "/pameran/virtual-expo-blitar/agenda.ics"
    )
