"""A second owner, or Dinas staff managing a profile for its owner, reach nothing of an
owner's: every owner URL with an id gives 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.tests.helpers import PDF, jpeg
from exhibitors import services
from exhibitors.models import (
    Application,
    ClaimLink,
    Exhibitor,
    LegalDocument,
    OnlineLink,
    OwnerConsent,
    Product,
    ProductPhoto,
)
from exhibitors.tests.factories import (
    ApplicationFactory,
    ExhibitorFactory,
    ProductFactory,
    UserFactory,
)
from expo.models import Membership, Organisation
from outcomes.models import DailySales, OmzetReport, Order

pytestmark = pytest.mark.django_db


@pytest.fixture
def first(settings, tmp_path):
    """The first owner's profile with a row of every kind an owner URL names, the
    requests of those URLs, and a check that none of the rows changed."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    first = ExhibitorFactory(owner=UserFactory(username="bu.sri"))
    product = ProductFactory(exhibitor=first, name="Keripik Tempe")
    photo = services.add_product_photo(product=product, upload=SimpleUploadedFile("a.jpg", jpeg()))
    document = services.upload_document(
        exhibitor=first, kind="nib", upload=SimpleUploadedFile("nib.pdf", PDF)
    )
    link = OnlineLink.objects.create(
        exhibitor=first, platform="shopee", url="https://shopee.co.id/busri"
    )
    application = ApplicationFactory(exhibitor=first)
    # An accepted one, for the sales report and its order.
    taking_part = ApplicationFactory(exhibitor=first, accepted=True)
    order = Order.objects.create(
        application=taking_part,
        buyer_name="Toko Oleh-oleh",
        buyer_kind="reseller",
        value=1,
        status="pesanan",
    )
    product_url = {"pk": product.pk}
    requests = [
        ("get", reverse("product_update", kwargs=product_url), {}),
        ("post", reverse("product_update", kwargs=product_url), {"name": "X", "price": "1"}),
        ("get", reverse("product_delete", kwargs=product_url), {}),
        ("post", reverse("product_delete", kwargs=product_url), {}),
        ("post", reverse("product_move", kwargs=product_url), {"direction": "up"}),
        ("post", reverse("product_visibility", kwargs=product_url), {"is_published": "0"}),
        (
            "post",
            reverse("product_photo_add", kwargs=product_url),
            {"photo": SimpleUploadedFile("b.jpg", jpeg())},
        ),
        ("post", reverse("product_photo_delete", kwargs={"pk": photo.pk}), {}),
        ("get", reverse("document_download", kwargs={"pk": document.pk}), {}),
        ("post", reverse("document_delete", kwargs={"pk": document.pk}), {}),
        ("post", reverse("link_delete", kwargs={"pk": link.pk}), {}),
        ("post", reverse("withdraw", kwargs={"pk": application.pk}), {}),
        *sales_report_requests(taking_part, order),
    ]

    def unchanged():
        product.refresh_from_db()
        assert (product.name, product.is_published) == ("Keripik Tempe", True)
        assert ProductPhoto.objects.filter(product=product).count() == 1
        assert LegalDocument.objects.filter(pk=document.pk).exists()
        assert OnlineLink.objects.filter(pk=link.pk).exists()
        assert Application.objects.get(pk=application.pk).status == Application.Status.SUBMITTED
        assert Product.objects.filter(exhibitor=first).count() == 1
        assert not DailySales.objects.exists()
        assert not OmzetReport.objects.exists()
        order.refresh_from_db()
        assert (order.buyer_name, order.value) == ("Toko Oleh-oleh", 1)

    return {"exhibitor": first, "requests": requests, "unchanged": unchanged}


def statuses(client, requests):
    return [(url, getattr(client, method)(url, data).status_code) for method, url, data in requests]


def test_a_second_owner_gets_404_on_every_url_of_the_first(client, first):
    client.force_login(UserFactory(username="pak.joko"))
    ExhibitorFactory(owner=UserFactory(username="pak.joko"))

    answers = statuses(client, first["requests"])

    assert answers == [(url, 404) for _method, url, _data in first["requests"]]
    first["unchanged"]()


def test_dinas_staff_managing_a_profile_get_404_on_every_url_of_an_owners(client, first):
    office = Organisation.objects.create(name="Dinas Kabupaten B")
    staff = UserFactory(username="pak.budi")
    Membership.objects.create(user=staff, organisation=office)
    managed = ExhibitorFactory(registered_by=office)
    client.force_login(staff)
    client.post(reverse("assisted_manage", kwargs={"pk": managed.pk}))

    answers = statuses(client, first["requests"])

    assert answers == [(url, 404) for _method, url, _data in first["requests"]]
    first["unchanged"]()


def test_a_profile_of_another_office_or_claimed_cannot_be_managed(client, first):
    """Office A registered the first owner's profile, which is claimed, and another not
    claimed yet; a member of office B reaches neither, nor the consent or hand-over
    pages, and a member of office A cannot manage the claimed one."""
    office_a = Organisation.objects.create(name="Dinas Kabupaten A")
    Exhibitor.objects.filter(pk=first["exhibitor"].pk).update(registered_by=office_a)
    unclaimed = ExhibitorFactory(registered_by=office_a, name="Tenun Belum Diklaim")
    consent = services.record_paper_consent(
        exhibitor=unclaimed, upload=SimpleUploadedFile("f.pdf", PDF), by=UserFactory()
    )
    member_b = UserFactory(username="bu.lain")
    Membership.objects.create(
        user=member_b, organisation=Organisation.objects.create(name="Dinas Kabupaten B")
    )
    member_a = UserFactory(username="pak.budi")
    Membership.objects.create(user=member_a, organisation=office_a)
    of_b = [
        ("post", reverse("assisted_manage", kwargs={"pk": unclaimed.pk}), {}),
        ("post", reverse("assisted_manage", kwargs={"pk": first["exhibitor"].pk}), {}),
        ("get", reverse("consent_download", kwargs={"pk": consent.pk}), {}),
        ("get", reverse("assisted_consent"), {}),
        ("post", reverse("assisted_consent"), {"action": "email"}),
        ("get", reverse("assisted_handover"), {}),
        ("post", reverse("assisted_handover"), {"channel": "email"}),
    ]

    client.force_login(member_b)
    answers_b = statuses(client, of_b)
    listing_b = client.get(reverse("assisted_profiles")).content.decode()
    client.force_login(member_a)
    answers_a = statuses(client, of_b[1:2] + first["requests"])

    assert answers_b == [(url, 404) for _method, url, _data in of_b]
    assert "Tenun Belum Diklaim" not in listing_b
    assert answers_a == [(url, 404) for _method, url, _data in of_b[1:2] + first["requests"]]
    first["unchanged"]()
    assert not ClaimLink.objects.exists()
    assert list(OwnerConsent.objects.all()) == [consent]


def sales_report_requests(application, order):
    """The sales report's URLs (outcomes) of one accepted application and its order."""
    ids = {"application_id": application.pk}
    order_ids = {**ids, "order_id": order.pk}
    day = application.edition.starts_on.isoformat()
    return [
        ("get", reverse("report", kwargs=ids), {}),
        (
            "post",
            reverse("report_day", kwargs=ids),
            {"day": day, "amount": "1", "transactions": "1"},
        ),
        ("post", reverse("omzet", kwargs=ids), {"moment": "before", "monthly_omzet": "1"}),
        ("get", reverse("order_create", kwargs=ids), {}),
        ("post", reverse("order_create", kwargs=ids), {"buyer_name": "X", "value": "1"}),
        ("get", reverse("order_update", kwargs=order_ids), {}),
        ("post", reverse("order_update", kwargs=order_ids), {"buyer_name": "X", "value": "2"}),
        ("post", reverse("order_delete", kwargs=order_ids), {}),
    ]


def test_owner_pages_only_list_the_owners_own_rows(client, owner):
    ExhibitorFactory(owner=owner)
    other = ExhibitorFactory(owner=UserFactory(username="pak.joko"))
    OnlineLink.objects.create(
        exhibitor=other, platform="shopee", url="https://shopee.co.id/pakjoko"
    )
    ProductFactory(exhibitor=other, name="Produk Pak Joko")

    links = client.get(reverse("links")).content.decode()
    dashboard = client.get(reverse("dashboard")).content.decode()

    assert "pakjoko" not in links
    assert "Produk Pak Joko" not in dashboard
