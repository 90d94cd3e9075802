from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from console.roles import ROLES
from expo.models import Membership, Organisation


@transaction.atomic
def create_organiser(*, email, organisation, role):
    """A staff account of ``organisation`` (a name; the organisation is added if new) in
    ``role``, without a password: it is e-mailed the link to set one."""
    email = email.strip().lower()
    validate_email(email)
    if role not in ROLES:
        raise ValidationError(_("The roles are: %(roles)s."), params={"roles": ", ".join(ROLES)})
    organisation_name = " ".join(organisation.split())
    if not organisation_name:
        raise ValidationError(_("Give the organisation's name."))
    User = get_user_model()
    if (
        User.objects.filter(email__iexact=email).exists()
        or EmailAddress.objects.filter(email__iexact=email).exists()
    ):
        raise ValidationError(_("An account with this e-mail address already exists."))
    user = User.objects.create_user(username=email, email=email, is_staff=True)
    # The link to set the password proves the address.
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    user.groups.add(Group.objects.get(name=role))
    organisation, _created = Organisation.objects.get_or_create(name=organisation_name)
    Membership.objects.create(user=user, organisation=organisation)
    transaction.on_commit(lambda: _send_invitation(user, organisation, role))
    return user


def _send_invitation(user, organisation, role):
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    context = {
        "organisation": organisation,
        "role": role,
        "link": settings.PORTAL_URL.rstrip("/") + path,
        "admin_link": settings.PORTAL_URL.rstrip("/") + reverse("admin:index"),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("console/email/invitation_subject.txt", context)
        body = render_to_string("console/email/invitation_body.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [user.email])
