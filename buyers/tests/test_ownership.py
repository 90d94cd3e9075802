"""Another owner, or Dinas staff managing another profile, reach nothing of an owner's
inbox: every inbox URL with an id gives 404 and changes nothing."""

import pytest
from django.urls import reverse

from buyers.models import Inquiry
from buyers.tests.factories import InquiryFactory
from exhibitors.tests.factories import ExhibitorFactory, UserFactory
from expo.models import Membership, Organisation
from outcomes.models import Order

pytestmark = pytest.mark.django_db


def requests(inquiry):
    ids = {"pk": inquiry.pk}
    return [
        ("get", reverse("inquiry_detail", kwargs=ids), {}),
        ("post", reverse("inquiry_update", kwargs=ids), {"status": "dibalas", "note": "X"}),
        ("post", reverse("inquiry_order", kwargs=ids), {"value": "1", "status": "pesanan"}),
    ]


def test_every_inbox_url_with_an_id_is_enumerated_here():
    from buyers import urls

    with_ids = {p.name for p in urls.urlpatterns if "pk" in p.pattern.regex.groupindex}

    assert with_ids == {"inquiry_detail", "inquiry_update", "inquiry_order"}


@pytest.mark.parametrize("who", ["another owner", "staff managing another profile"])
def test_an_owners_inquiries_give_404_to_anyone_else(client, seller, who):
    inquiry = InquiryFactory(exhibitor=seller.exhibitor, edition=seller.edition)
    if who == "another owner":
        other = UserFactory(username="pak.joko")
        ExhibitorFactory(owner=other)
        client.force_login(other)
    else:
        office = Organisation.objects.create(name="Dinas Kabupaten B")
        staff = UserFactory(username="pak.budi")
        Membership.objects.create(user=staff, organisation=office)
        managed = ExhibitorFactory(registered_by=office)
        client.force_login(staff)
        client.post(reverse("assisted_manage", kwargs={"pk": managed.pk}))

    answers = [
        (url, getattr(client, method)(url, data).status_code)
        for method, url, data in requests(inquiry)
    ]
    listing = client.get(reverse("inbox")).content.decode()
    export = client.get(reverse("inbox_export", kwargs={"file_format": "csv"})).content

    assert answers == [(url, 404) for _method, url, _data in requests(inquiry)]
    assert "Hj. Aminah" not in listing
    assert b"Hj. Aminah" not in export
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.note, inquiry.order) == ("baru", "", None)
    assert not Order.objects.exists()
    assert Inquiry.objects.count() == 1


def test_the_inbox_of_an_account_without_a_profile_is_not_found(client):
    client.force_login(UserFactory(username="tanpa.usaha"))

    assert client.get(reverse("inbox")).status_code == 404
