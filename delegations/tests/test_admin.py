"""The host invites a partner office in the admin: the office, its allotment, and a
delegate account that works on the public site."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from console.roles import ORGANISER
from delegations.tests.conftest import SUKOHARJO, umkm
from exhibitors.tests.factories import UserFactory
from expo.models import Delegation, Membership, Organisation
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:expo_delegation_add")


@pytest.fixture
def host(client):
    office = Organisation.objects.create(name="Dinas Koperasi UKM Perindag Kabupaten Semarang")
    user = UserFactory(username="panitia.kasmex", is_staff=True)
    user.groups.add(Group.objects.get(name=ORGANISER))
    Membership.objects.create(user=user, organisation=office)
    client.force_login(user)
    return EditionFactory(organisation=office, name="Kasmex 2030")


def invitation(edition, **fields):
    return {
        "edition": edition.pk,
        "office_name": "Dinas Koperasi UKM Kabupaten Sukoharjo",
        "office_region": SUKOHARJO,
        "booth_places": 5,
        "virtual_places": 0,
        "delegate_email": "umkm@sukoharjokab.go.id",
        **fields,
    }


def test_the_host_invites_a_partner_office_and_its_delegate_sets_a_password(
    client, host, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADD, invitation(host))

    assert response.status_code == 302
    delegation = Delegation.objects.get()
    office = delegation.organisation
    assert (office.name, office.region_id, delegation.booth_places) == (
        "Dinas Koperasi UKM Kabupaten Sukoharjo",
        SUKOHARJO,
        5,
    )
    delegate = Membership.objects.get(organisation=office).user
    assert (delegate.email, delegate.is_staff, delegate.has_usable_password()) == (
        "umkm@sukoharjokab.go.id",
        False,
        False,
    )
    [message] = mail.outbox
    assert message.subject == "Delegasi dinas Anda ke Kasmex 2030"
    assert "mengundang Dinas Koperasi UKM Kabupaten Sukoharjo membawa UMKM-nya" in message.body
    assert "Delegasi Anda mendapat 5 stan." in message.body
    assert f"/dasbor/delegasi/{delegation.pk}/" in message.body
    password_path = re.search(r"https?://[^/\s]+(/akun/password/reset/key/\S+)", message.body)[1]
    client.logout()
    form = client.get(password_path, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"password1": "kata-sandi-delegasi-99", "password2": "kata-sandi-delegasi-99"},
    )
    assert client.login(username=delegate.username, password="kata-sandi-delegasi-99")
    page = client.get(reverse("delegation", kwargs={"pk": delegation.pk}))
    assert "Delegasi ke Kasmex 2030" in page.content.decode()


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"booth_places": 0}, "Beri delegasi paling sedikit satu stan atau tempat virtual."),
        ({"office_region": "35.07"}, "Dinas Koperasi UKM Kabupaten Sukoharjo melayani"),
        ({"office_name": "Dinas Koperasi UKM Perindag Kabupaten Semarang"}, "tuan rumah tidak"),
        ({"delegate_email": "bu.sri@example.com"}, "milik akun yang bukan dari"),
        ({"office_name": "   "}, "Bidang ini tidak boleh kosong."),
    ],
)
def test_a_bad_invitation_is_refused_in_indonesian_and_changes_nothing(client, host, fields, error):
    Organisation.objects.create(name="Dinas Koperasi UKM Kabupaten Sukoharjo", region_id=SUKOHARJO)
    umkm(SUKOHARJO, "Batik Bekonang", email="bu.sri@example.com").owner.save()
    UserFactory(username="bu.sri", email="bu.sri@example.com")
    if "Semarang" in fields.get("office_name", ""):
        Organisation.objects.filter(name__contains="Semarang").update(region_id="33.22")
        fields = {**fields, "office_region": "33.22"}

    response = client.post(ADD, invitation(host, **fields))

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Delegation.objects.exists()
    assert not Membership.objects.filter(user__email="umkm@sukoharjokab.go.id").exists()


def test_the_same_office_is_invited_once_per_edition(client, host):
    client.post(ADD, invitation(host))

    response = client.post(ADD, invitation(host, delegate_email="lain@sukoharjokab.go.id"))

    assert "sudah mempunyai delegasi ke pameran ini" in response.content.decode()
    assert Delegation.objects.count() == 1
