from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.db import violated_constraint
from expo.models import Membership, Organisation
from expo.services import create_member, password_link


def partner_office(*, name, region, edition):
    """The partner office named ``name`` serving ``region``: the organisation of that
    name, or a new one not saved yet. Refused when the name is another regency's office,
    or the edition's own host."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Give the partner office's name."))
    office = Organisation.objects.filter(name__iexact=name).first()
    if office is None:
        return Organisation(name=name, region=region)
    if office.region_id is not None and office.region_id != region.pk:
        raise ValidationError(
            _("%(office)s serves %(region)s."), params={"office": office, "region": office.region}
        )
    if office.pk == edition.organisation_id:
        raise ValidationError(_("The host office does not send a delegation to its own edition."))
    if office.delegations.filter(edition=edition).exists():
        raise _already_delegated(office)
    office.region = region
    return office


def _already_delegated(office):
    return ValidationError(
        _("%(office)s already has a delegation to this edition."), params={"office": office}
    )


def delegate_account(*, email, office):
    """The account of ``email`` if it is a member of ``office``'s, None if there is none
    yet; refused when it is someone else's."""
    user = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if user is not None and not Membership.objects.filter(user=user, organisation=office).exists():
        raise ValidationError(
            _("%(email)s belongs to an account that is not of %(office)s."),
            params={"email": email.strip(), "office": office},
        )
    return user


@transaction.atomic
def create_delegation(*, delegation, office_name, office_region, delegate_email):
    """Invite a partner office to ``delegation``'s edition with its allotment (the
    unsaved ``delegation``), adding the office if it is new, and its delegate."""
    office = partner_office(name=office_name, region=office_region, edition=delegation.edition)
    office.save()
    delegation.organisation = office
    try:
        with transaction.atomic():
            delegation.save()
    except IntegrityError as error:
        if violated_constraint(error) != "delegation_one_per_office_edition":
            raise
        raise _already_delegated(office) from None
    invite_delegate(delegation=delegation, email=delegate_email)
    return delegation


@transaction.atomic
def invite_delegate(*, delegation, email):
    """Give ``email`` the delegation to manage: a new account of the partner office (not
    staff: delegates work on the public site), or a member's account it already has. Either
    is told by e-mail where to nominate."""
    user = delegate_account(email=email, office=delegation.organisation)
    link = None
    if user is None:
        user = create_member(email=email, organisation=delegation.organisation, is_staff=False)
        link = password_link(user)
    transaction.on_commit(lambda: _send_invitation(user, delegation, link))
    return user


def _send_invitation(user, delegation, password_link):
    context = {
        "delegation": delegation,
        "edition": delegation.edition,
        "password_link": password_link,
        "link": settings.PORTAL_URL.rstrip("/")
        + reverse("delegation", kwargs={"pk": delegation.pk}),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("delegations/email/invitation_subject.txt", context)
        body = render_to_string("delegations/email/invitation_body.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [user.email])
