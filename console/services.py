from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from console.roles import ROLES
from expo.models import Organisation
from expo.services import create_member, password_link


@transaction.atomic
def create_organiser(*, email, organisation, role):
    """A staff account of ``organisation`` (a name; the organisation is added if new) in
    ``role``, without a password: it is e-mailed the link to set one."""
    if role not in ROLES:
        raise ValidationError(_("The roles are: %(roles)s."), params={"roles": ", ".join(ROLES)})
    organisation_name = " ".join(organisation.split())
    if not organisation_name:
        raise ValidationError(_("Give the organisation's name."))
    organisation, _created = Organisation.objects.get_or_create(name=organisation_name)
    user = create_member(email=email, organisation=organisation, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    transaction.on_commit(lambda: _send_invitation(user, organisation, role))
    return user


def _send_invitation(user, organisation, role):
    context = {
        "organisation": organisation,
        "role": role,
        "link": password_link(user),
        "admin_link": settings.PORTAL_URL.rstrip("/") + reverse("admin:index"),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("console/email/invitation_subject.txt", context)
        body = render_to_string("console/email/invitation_body.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [user.email])
