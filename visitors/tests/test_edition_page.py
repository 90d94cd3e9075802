"""The edition page's figures, livestream, partners and structured data, and YouTube links."""

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from core.tests.helpers import PDF, text_of
from core.youtube import validate_video_url, video_id
from exhibitors.models import Application, Catalogue, Product
from exhibitors.selectors import edition_figures
from exhibitors.tests.factories import ApplicationFactory, ProductFactory
from expo.models import AgendaSession, Edition, Partner
from expo.tests.factories import EditionFactory
from outcomes.models import DailySales, GateCount, Order, PageViews

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
        "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ",
        "https://www.youtube.com/live/dQw4w9WgXcQ?si=abc",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
    ],
)
def test_youtube_links_give_the_video_id(url):
    assert video_id(url) == "dQw4w9WgXcQ"


@pytest.mark.parametrize(
    "url",
    [
        "https://vimeo.com/123456",
        "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/channel/UCabcdefghijk",
        "javascript:alert(1)//youtu.be/dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ/../../x",
        "ftp://youtu.be/dQw4w9WgXcQ",
    ],
)
def test_other_links_are_refused_with_a_message(url):
    with pytest.raises(ValidationError) as error:
        validate_video_url(url)

    assert "tautan video YouTube" in error.value.messages[0]


def test_livestream_is_a_thumbnail_link_until_tapped(client):
    edition = EditionFactory(livestream_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")

    page = client.get(edition.get_absolute_url()).content.decode()

    assert 'data-youtube="dQw4w9WgXcQ"' in page
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in page
    assert "<iframe" not in page
    assert re.search(r'<script src="/static/js/video[^"]*\.js" defer>', page)


def test_edition_without_livestream_loads_no_script(client):
    page = client.get(EditionFactory().get_absolute_url()).content.decode()

    assert "<script src=" not in page


def test_partners_are_listed_with_their_role(client):
    edition = EditionFactory()
    Partner.objects.create(
        edition=edition,
        name="Dinas Koperasi UKM Perindag",
        role=Partner.Role.ORGANISER,
        website="https://dinkopumkm.semarangkab.go.id",
    )
    Partner.objects.create(edition=edition, name="Bank Jateng", role=Partner.Role.SPONSOR)

    page = client.get(edition.get_absolute_url()).content.decode()

    assert '<a href="https://dinkopumkm.semarangkab.go.id" rel="noopener">' in page
    assert "Bank Jateng" in page


def test_edition_page_describes_the_event_for_search_engines(client):
    edition = EditionFactory(name="Kasmex 2030", format=Edition.Format.HYBRID)

    page = client.get(edition.get_absolute_url()).content.decode()

    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1)
    )
    assert data["@type"] == "Event"
    assert data["name"] == "Kasmex 2030"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [location["@type"] for location in data["location"]] == ["Place", "VirtualLocation"]
    assert data["startDate"] == edition.starts_on.isoformat()


@pytest.mark.parametrize("count", [1, 5])
def test_edition_page_queries_do_not_grow(client, django_assert_num_queries, count):
    edition = EditionFactory(host_regions=["33.22", "33.74"])
    partners = [f"Mitra Pendukung {number}" for number in range(count)]
    for application, partner in zip(
        ApplicationFactory.create_batch(count, edition=edition, accepted=True),
        partners,
        strict=True,
    ):
        ProductFactory.create_batch(2, exhibitor=application.exhibitor)
        Partner.objects.create(edition=edition, name=partner, role=Partner.Role.SUPPORTER)
        starts_at = timezone.make_aware(
            datetime.datetime.combine(edition.starts_on, datetime.time(9))
        )
        AgendaSession.objects.create(
            edition=edition,
            kind="talkshow",
            title=f"Talkshow {partner}",
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=1),
        )

    # edition, host regions, partners, the figures, the agenda
    with django_assert_num_queries(5):
        response = client.get(edition.get_absolute_url())
    with django_assert_num_queries(5), translation.override("en"):
        english = client.get(edition.get_absolute_url())

    assert response.context["figures"]["participants"] == count
    assert response.context["figures"]["products"] == 2 * count
    assert english.context["figures"] == response.context["figures"]
    for page in (response, english):
        text = page.content.decode()
        assert [name in text for name in partners] == [True] * count
        assert "Kota Semarang" in text  # a host region, named nowhere else on the page


def test_the_product_figure_follows_every_change_to_a_catalogue():
    edition = EditionFactory()
    kept, moved, hidden, deleted = ProductFactory.create_batch(
        4, exhibitor=ApplicationFactory(edition=edition, accepted=True).exhibitor
    )
    waiting = ApplicationFactory(edition=edition).exhibitor  # not accepted: not counted
    ProductFactory(exhibitor=waiting)
    ProductFactory(exhibitor=ApplicationFactory(edition=edition, accepted=True).exhibitor)
    assert edition_figures(edition=edition)["products"] == 5

    hidden.is_published = False
    hidden.save()
    deleted.delete()
    Product.objects.filter(pk=moved.pk).update(exhibitor=waiting)  # in bulk, as an import

    assert edition_figures(edition=edition)["products"] == 2
    assert Catalogue.objects.get(exhibitor=kept.exhibitor).published_products == 1


def test_the_rules_are_published_on_the_edition_page(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    edition = EditionFactory(
        rules="Stan dibuka pukul 09.00.\nDilarang <b>merokok</b> di area pameran.",
        rules_document=SimpleUploadedFile("tata-tertib.pdf", PDF),
    )

    page = client.get(edition.get_absolute_url()).content.decode()

    section = re.search(r'<section class="rules" id="edition-rules".*?</section>', page, re.S)[0]
    assert '<h2 id="rules-title">Tata tertib</h2>' in section
    assert (
        "<p>Stan dibuka pukul 09.00.<br>Dilarang &lt;b&gt;merokok&lt;/b&gt; di area pameran.</p>"
        in section
    )
    link = f'<a href="{edition.rules_document.url}">'
    assert f"{link}Tata tertib dalam bentuk dokumen (PDF, 431\xa0bita)</a>" in section


def test_an_edition_without_rules_shows_no_rules_section(client):
    page = client.get(EditionFactory().get_absolute_url()).content.decode()

    assert "edition-rules" not in page
    assert "Tata tertib" not in page


def ended_kasmex(**published):
    today = timezone.localdate()
    edition = EditionFactory(
        starts_on=today - datetime.timedelta(days=5), ends_on=today - datetime.timedelta(days=3)
    )
    Edition.objects.filter(pk=edition.pk).update(**published)
    first, second = ApplicationFactory.create_batch(2, edition=edition, accepted=True)
    DailySales.objects.create(
        application=first, day=edition.starts_on, amount=100_000_000, transactions=420
    )
    Order.objects.create(
        application=second,
        buyer_name="PT Mebel Nusantara",
        buyer_kind=Order.BuyerKind.DISTRIBUTOR,
        value=3_000_000_000,
        status=Order.Status.CONTRACT,
    )
    GateCount.objects.create(edition=edition, day=edition.starts_on, visitors=7_000)
    PageViews.objects.create(edition=edition, day=edition.starts_on, views=297)
    return edition


def results_of(page):
    """The "Hasil pameran" section as the visitor reads it, or None."""
    text = text_of(page)
    if "Hasil pameran" not in text:
        return None
    return text.split("Hasil pameran", 1)[1].split("peserta", 1)[0] + "peserta"


def test_after_the_expo_its_page_shows_the_results_the_organisers_publish(
    client, django_assert_num_queries
):
    edition = ended_kasmex(publish_sales=True, publish_visits=True, publish_participants=True)

    # edition, host regions, partners, the figures, the agenda, the results
    with django_assert_num_queries(6):
        page = client.get(edition.get_absolute_url())

    assert results_of(page) == " Transaksi Rp3,1 miliar · 7.297 kunjungan · 2 peserta"


def test_the_results_the_organisers_keep_are_not_shown(client):
    sales_only = ended_kasmex(publish_sales=True)
    unpublished = ended_kasmex()

    page = text_of(client.get(sales_only.get_absolute_url()))

    assert "Hasil pameran Transaksi Rp3,1 miliar" in page
    assert "kunjungan" not in page
    assert results_of(client.get(unpublished.get_absolute_url())) is None


def test_no_results_before_the_expo_is_over(client):
    edition = EditionFactory(publish_sales=True, publish_visits=True, publish_participants=True)

    assert results_of(client.get(edition.get_absolute_url())) is None


def test_the_results_follow_a_report_corrected_after_the_page_was_kept(
    client, django_capture_on_commit_callbacks
):
    edition = ended_kasmex(publish_sales=True)
    client.get(edition.get_absolute_url())  # kept in the cache
    application = Application.objects.filter(edition=edition).first()

    with django_capture_on_commit_callbacks(execute=True):
        DailySales.objects.create(
            application=application,
            day=edition.ends_on,
            amount=50_000_000,
            transactions=100,
        )

    assert "Transaksi Rp3,2 miliar" in text_of(client.get(edition.get_absolute_url()))
