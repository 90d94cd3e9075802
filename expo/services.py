from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.urls import reverse
from django.utils.translation import gettext as _

from expo.models import Membership


def create_member(*, email, organisation, is_staff):
    """A new account of a member of ``organisation``, without a password: the caller
    e-mails it ``password_link``. Staff run the organisation's editions in the admin; the
    members of a partner office are not staff, and work on the public site."""
    email = email.strip().lower()
    validate_email(email)
    User = get_user_model()
    if (
        User.objects.filter(email__iexact=email).exists()
        or EmailAddress.objects.filter(email__iexact=email).exists()
    ):
        raise ValidationError(_("An account with this e-mail address already exists."))
    user = User.objects.create_user(username=email, email=email, is_staff=is_staff)
    # The link to set the password proves the address.
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    Membership.objects.create(user=user, organisation=organisation)
    return user


def password_link(user):
    """The link, good once, with which a new member sets their password."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return settings.PORTAL_URL.rstrip("/") + path
