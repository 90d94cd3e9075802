import secrets
from datetime import timedelta

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import public_cache, stored_files
from core.db import violated_constraint
from exhibitors import documents, images, notifications, selectors
from exhibitors.models import (
    CLAIM_LINK_DAYS,
    CONSENT_CODE_MINUTES,
    MAX_BOOTH_STAFF,
    MAX_CONSENT_ATTEMPTS,
    MAX_FEATURED_PRODUCTS,
    MAX_PHOTOS_PER_PRODUCT,
    Application,
    ClaimLink,
    Exhibitor,
    Klaster,
    KlasterStatusChange,
    LegalDocument,
    OwnerConsent,
    Product,
    ProductPhoto,
)
from exhibitors.questions import APPLICATION_QUESTIONS
from expo.models import Edition

MODES_BY_FORMAT = {
    Edition.Format.OFFLINE: {Application.Mode.BOOTH},
    Edition.Format.VIRTUAL: {Application.Mode.VIRTUAL},
    Edition.Format.HYBRID: set(Application.Mode),
}
DECISIONS = {
    Application.Status.ACCEPTED,
    Application.Status.WAITLISTED,
    Application.Status.REJECTED,
}


@transaction.atomic
def apply_to_edition(
    *,
    exhibitor,
    edition,
    mode,
    staff_count=1,
    preferred_zone="",
    preferred_booth_kind="",
    featured_products=(),
    delegation=None,
    on_behalf=False,
    answers=None,
):
    """Submit an exhibitor's application to an edition; refused once it is not open.

    The products to feature must be the exhibitor's own and shown to visitors. Dinas staff
    applying ``on_behalf`` of an owner who has not claimed the profile yet may do so only
    with the owner's consent on record. With a ``delegation`` it is that delegation's
    nomination (``nominate``). ``answers`` are the form's answers to the questions of the
    apps above (``exhibitors.questions``), by name.
    """
    if on_behalf and not selectors.has_consent(exhibitor=exhibitor):
        raise ValidationError(
            _("Record the owner's consent (Pendampingan UMKM) before applying on their behalf.")
        )
    if not edition.is_registration_open:
        raise ValidationError(
            _("Registration for %(edition)s is not open."), params={"edition": edition.name}
        )
    if exhibitor.kind == exhibitor.Kind.UMKM and not exhibitor.nib:
        raise ValidationError(_("Add your NIB to the business profile before applying."))
    if mode not in MODES_BY_FORMAT[edition.format]:
        raise ValidationError(
            _("%(edition)s does not take applications of that kind."),
            params={"edition": edition.name},
        )
    if not 1 <= staff_count <= MAX_BOOTH_STAFF:
        raise ValidationError(
            _("A booth can have 1 to %(limit)d staff."), params={"limit": MAX_BOOTH_STAFF}
        )
    featured_products = list(featured_products)
    if any(
        product.exhibitor_id != exhibitor.pk or not product.is_published
        for product in featured_products
    ):
        raise ValidationError(_("Feature only your own products that visitors can see."))
    try:
        with transaction.atomic():
            application = Application.objects.create(
                exhibitor=exhibitor,
                edition=edition,
                mode=mode,
                staff_count=staff_count,
                preferred_zone=preferred_zone,
                preferred_booth_kind=preferred_booth_kind,
                delegation=delegation,
            )
    except IntegrityError as error:
        if violated_constraint(error) == "delegation_allotment":
            raise _allotment_full(delegation, mode) from None
        if violated_constraint(error) != "application_one_per_exhibitor_edition":
            raise
        raise ValidationError(
            _("%(exhibitor)s has already applied to %(edition)s."),
            params={"exhibitor": exhibitor.name, "edition": edition.name},
        ) from None
    application.featured_products.set(featured_products)
    for question in APPLICATION_QUESTIONS:
        answer = (answers or {}).get(question.name)
        if answer is not None:
            question.save(application=application, answer=answer)
    return application


def _allotment_full(delegation, mode):
    if mode in Application.BOOTH_MODES:
        message = ngettext(
            "The delegation's %(count)d booth is taken: replace a nominee, or ask the host "
            "for more.",
            "The delegation's %(count)d booths are taken: replace a nominee, or ask the host "
            "for more.",
            delegation.booth_places,
        )
        return ValidationError(
            message, code="allotment_full", params={"count": delegation.booth_places}
        )
    message = ngettext(
        "The delegation's %(count)d virtual place is taken: replace a nominee, or ask the "
        "host for more.",
        "The delegation's %(count)d virtual places are taken: replace a nominee, or ask the "
        "host for more.",
        delegation.virtual_places,
    )
    return ValidationError(
        message, code="allotment_full", params={"count": delegation.virtual_places}
    )


@transaction.atomic
def nominate(*, delegation, exhibitor, mode):
    """A partner office's member nominates an UMKM of the office's own regency or city to
    the delegation's edition, within the places the host allotted it (the database counts
    them: ``nomination_within_allotment``). The host then decides as on any application."""
    if exhibitor.kind != Exhibitor.Kind.UMKM:
        raise ValidationError(_("A delegation nominates UMKM, not institutions."))
    if exhibitor.region_id != delegation.organisation.region_id:
        raise ValidationError(
            _("%(office)s nominates UMKM of %(region)s only."),
            params={"office": delegation.organisation, "region": delegation.organisation.region},
        )
    return apply_to_edition(
        exhibitor=exhibitor,
        edition=delegation.edition,
        mode=mode,
        delegation=delegation,
        on_behalf=exhibitor.owner_id is None,
    )


@transaction.atomic
def replace_nominee(*, application, exhibitor):
    """Put ``exhibitor`` in the place of a nominee the host has not decided on yet: the
    nomination is withdrawn, and the new one takes its place and its mode."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("delegation__organisation", "delegation__edition")
        .get(pk=application.pk)
    )
    if application.delegation is None or application.status != Application.Status.SUBMITTED:
        raise ValidationError(_("Only a nominee the host has not decided on yet can be replaced."))
    withdraw_application(application=application)
    return nominate(delegation=application.delegation, exhibitor=exhibitor, mode=application.mode)


@transaction.atomic
def decide_application(*, application, status, reason="", by, past_outside_share=False):
    """Accept, waitlist or reject an application, recording who decided and when.

    Accepting a participant from outside the host regions for a booth, once the outside
    participants accepted already fill the booths the edition leaves them, is refused
    unless ``past_outside_share``: the organiser has seen that it may get no booth.

    Once the decision is committed the exhibitor is told by e-mail, unless it repeats
    the decision already on record (same status, same reason).
    """
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("exhibitor")
        .get(pk=application.pk)
    )
    if status not in DECISIONS:
        raise ValidationError(_("That is not a decision an organiser can take."))
    if application.status == Application.Status.WITHDRAWN:
        raise ValidationError(_("The exhibitor has withdrawn this application."))
    reason = reason.strip()
    if status == Application.Status.REJECTED and not reason:
        raise ValidationError(_("Give the exhibitor a reason for the rejection."))
    if status != Application.Status.ACCEPTED and selectors.has_booth(application=application):
        raise ValidationError(_("Vacate the booth of this participant first."))
    if (
        status == Application.Status.ACCEPTED
        and application.status != Application.Status.ACCEPTED
        and not past_outside_share
    ):
        share = selectors.outside_share(application=application)
        if share is not None and share.is_full:
            raise ValidationError(
                _(
                    "%(accepted)d participants from outside the host regions are accepted "
                    "already for the %(limit)d booths left to them (%(share)d%% of the "
                    "booths), so this one may get no booth. To accept it anyway, confirm on "
                    "its review page."
                ),
                code="outside_share_full",
                params={
                    "accepted": share.accepted,
                    "limit": share.limit,
                    "share": share.share_percent,
                },
            )
    is_news = (application.status, application.decision_reason) != (status, reason)
    application.status = status
    application.decision_reason = reason
    application.decided_by = by
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])
    if is_news:
        # robust: the decision is already committed when the mail goes out, so a mail
        # server that is down is logged instead of failing the organiser's request
        # (and the rest of a bulk action) over a decision that did happen.
        transaction.on_commit(lambda: _send_decision_email(application), robust=True)
    return application


def _send_decision_email(application):
    notifications.mail_exhibitor(
        exhibitor=application.exhibitor,
        template="exhibitors/email/decision",
        context={"application": application, "edition": application.edition},
    )


@transaction.atomic
def withdraw_application(*, application):
    """The exhibitor takes back an application the organiser has not decided on yet."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != Application.Status.SUBMITTED:
        raise ValidationError(
            _("Only an application still waiting for a decision can be withdrawn.")
        )
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status"])
    return application


# The owner's own contact details: gone with the account, from the profile kept as history
# and from the audit log, which keeps that they changed but not the values. What stands in
# their place in the log is stored, in the portal's language.
PERSONAL_FIELDS = ("whatsapp", "email", "address")
REDACTED = "[dihapus]"

# Enough for every owner of a crowded sign-up morning who picked the same business name.
SLUG_ATTEMPTS = 20


@transaction.atomic
def save_profile(*, exhibitor, owner):
    """Save a business profile, giving a new one its owner and a unique slug.

    ``owner`` is the account saving it: its own profile, or a profile its organisation
    registered that nobody has claimed yet (``selectors.manageable_profiles``), which
    stays without an owner. The row is locked and its owner read again, so a profile
    claimed meanwhile is not given back to the staff member by a form loaded before.

    One profile per account: the database refuses a second, so a double-submitted
    sign-up form still leaves one row.
    """
    _forget_typed_kecamatan(exhibitor)
    if exhibitor.pk is None:
        exhibitor.owner = owner
        return _save_new_profile(exhibitor)
    current_owner = (
        Exhibitor.objects.select_for_update()
        .values_list("owner_id", flat=True)
        .get(pk=exhibitor.pk)
    )
    may_save = current_owner == owner.pk or (
        current_owner is None
        and selectors.manageable_profiles(user=owner).filter(pk=exhibitor.pk).exists()
    )
    if not may_save or exhibitor.owner_id != current_owner:
        raise ValidationError(_("This business profile belongs to another account."))
    exhibitor.save()
    return exhibitor


@transaction.atomic
def register_assisted_profile(*, exhibitor, organisation):
    """Register an UMKM that is not online on its owner's behalf (pendampingan): the
    profile has no owner until the owner claims it, and ``organisation``'s staff manage
    it until then."""
    exhibitor.owner = None
    exhibitor.registered_by = organisation
    _forget_typed_kecamatan(exhibitor)
    return _save_new_profile(exhibitor)


def _forget_typed_kecamatan(exhibitor):
    if exhibitor.kecamatan_id:
        # The text typed before the official list has served its purpose.
        exhibitor.kecamatan_as_typed = ""


def _save_new_profile(exhibitor):
    """Insert a new profile with a slug of its own: owners who name their business alike
    at the same moment each get one, as a slug taken meanwhile is chosen again."""
    for _attempt in range(SLUG_ATTEMPTS):
        exhibitor.slug = selectors.free_slug(name=exhibitor.name)
        try:
            with transaction.atomic():
                exhibitor.save()
        except IntegrityError as error:
            constraint = violated_constraint(error)
            if constraint == "exhibitor_one_per_owner":
                raise ValidationError(_("This account already has a business profile.")) from None
            if constraint != "exhibitors_exhibitor_slug_key":
                raise
        else:
            return exhibitor
    raise ValidationError(_("The profile could not be saved just now. Please try again."))


@transaction.atomic
def add_product_photo(*, product, upload):
    """Check, clean and resize an uploaded photo, and add it after the product's others.

    The product row stays locked from the count to the insert, so two uploads at the
    same moment cannot together go past the limit. The files are written before the
    row; if the row cannot be saved they are removed again.
    """
    product = Product.objects.select_for_update().get(pk=product.pk)
    taken = set(product.photos.values_list("position", flat=True))
    if len(taken) >= MAX_PHOTOS_PER_PRODUCT:
        raise ValidationError(
            _("A product can have at most %(limit)d photos."),
            code="too_many_photos",
            params={"limit": MAX_PHOTOS_PER_PRODUCT},
        )
    processed = images.process_photo(upload)
    photo = ProductPhoto(
        product=product,
        position=min(set(range(MAX_PHOTOS_PER_PRODUCT)) - taken),
        width=processed.original.width,
        height=processed.original.height,
        small_width=processed.small.width,
        small_height=processed.small.height,
        medium_width=processed.medium.width,
        medium_height=processed.medium.height,
    )
    return stored_files.save_with_files(
        photo,
        {"image": processed.original, "small": processed.small, "medium": processed.medium},
        suffixes={"small": f"-{images.SMALL_WIDTH}", "medium": f"-{images.MEDIUM_WIDTH}"},
    )


@transaction.atomic
def delete_product_photo(*, photo):
    """Delete a photo, close the gap it leaves in its product's order, and remove its
    files once the deletion is committed."""
    product = Product.objects.select_for_update().get(pk=photo.product_id)
    field_files = [photo.image, photo.small, photo.medium]
    photo.delete()
    # Ascending, each photo moves into a place the one before it has just freed.
    for position, remaining in enumerate(product.photos.order_by("position")):
        if remaining.position != position:
            remaining.position = position
            remaining.save(update_fields=["position"])
    stored_files.delete_once_committed(field_files)


@transaction.atomic
def save_product(*, product):
    """Save a product (or an institution's service) in its exhibitor's catalogue; a new
    one goes last. A second product of the same name is refused, so a form sent twice
    adds one, and so is a featured product past the booth's limit."""
    exhibitor = _lock_catalogue(product.exhibitor)
    if product.pk is None:
        product.position = exhibitor.products.count()
    try:
        with transaction.atomic():
            product.save()
    except IntegrityError as error:
        constraint = violated_constraint(error)
        if constraint == "product_featured_limit":
            raise ValidationError(
                {
                    "is_featured": _(
                        "Your virtual booth features %(limit)d products already: untick one "
                        "of them first."
                    )
                    % {"limit": MAX_FEATURED_PRODUCTS}
                }
            ) from None
        if constraint != "product_unique_name_per_exhibitor":
            raise
        raise ValidationError(
            {"name": _("Your catalogue already has “%(name)s”.") % {"name": product.name}}
        ) from None
    return product


@transaction.atomic
def move_product(*, product, up):
    """Move a product one place up (earlier) or down in its exhibitor's catalogue.

    Positions are renumbered 0, 1, 2… on the way, so they stay without gaps or ties.
    """
    exhibitor = _lock_catalogue(product.exhibitor)
    products = list(exhibitor.products.order_by("position", "pk"))
    index = next(i for i, candidate in enumerate(products) if candidate.pk == product.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(products):
        products[index], products[other] = products[other], products[index]
    _renumber(exhibitor, products)


@transaction.atomic
def set_product_published(*, product, is_published):
    """Show a product to visitors, or hide it while keeping it in the owner's list."""
    product.is_published = is_published
    product.save(update_fields=["is_published"])
    return product


@transaction.atomic
def delete_product(*, product):
    """Delete a product with its photos, and their files once the deletion is committed."""
    exhibitor = _lock_catalogue(product.exhibitor)
    field_files = _photo_files(Product.objects.filter(pk=product.pk))
    product.delete()
    _renumber(exhibitor, exhibitor.products.order_by("position", "pk"))
    stored_files.delete_once_committed(field_files)


def _lock_catalogue(exhibitor):
    """Lock the exhibitor's row: changes to one catalogue's order happen one at a time."""
    return Exhibitor.objects.select_for_update().get(pk=exhibitor.pk)


def _renumber(exhibitor, products):
    """Positions 0, 1, 2… of ``exhibitor``'s ``products`` in the order given, written in
    one statement."""
    renumbered = []
    for position, product in enumerate(products):
        if product.position != position:
            product.position = position
            renumbered.append(product)
    if renumbered:
        Product.objects.bulk_update(renumbered, ["position"])
        # A bulk update sends no signals.
        public_cache.changed(*selectors.public_scopes_of(pk=exhibitor.pk))


def _photo_files(products):
    return [
        field_file
        for photo in ProductPhoto.objects.filter(product__in=products)
        for field_file in (photo.image, photo.small, photo.medium)
    ]


@transaction.atomic
def set_logo(*, exhibitor, upload):
    """Check and shrink an uploaded logo, and put it in place of the exhibitor's old one
    (whose file goes once this is committed)."""
    exhibitor = Exhibitor.objects.select_for_update().get(pk=exhibitor.pk)
    encoded = images.process_logo(upload)
    exhibitor.logo_width, exhibitor.logo_height = encoded.width, encoded.height
    return stored_files.save_with_files(
        exhibitor,
        {"logo": encoded},
        update_fields=["logo", "logo_width", "logo_height", "updated_at"],
    )


@transaction.atomic
def remove_logo(*, exhibitor):
    exhibitor = Exhibitor.objects.select_for_update().get(pk=exhibitor.pk)
    old = [exhibitor.logo] if exhibitor.logo else []
    exhibitor.logo, exhibitor.logo_width, exhibitor.logo_height = "", None, None
    exhibitor.save(update_fields=["logo", "logo_width", "logo_height", "updated_at"])
    stored_files.delete_once_committed(old)
    return exhibitor


@transaction.atomic
def add_link(*, link):
    """Add a (platform, address) row to an exhibitor's online presence; the form has
    checked the address belongs to the platform."""
    try:
        with transaction.atomic():
            link.save()
    except IntegrityError as error:
        if violated_constraint(error) != "onlinelink_unique_url":
            raise
        raise ValidationError(_("This address is already in your list.")) from None
    return link


@transaction.atomic
def delete_link(*, link):
    link.delete()


@transaction.atomic
def upload_document(*, exhibitor, kind, upload):
    """Check an uploaded legality document by its content and keep it in private storage,
    in place of the exhibitor's earlier document of that kind.

    What is kept is what the check returns: a PDF as uploaded, an image re-encoded without
    its metadata. The earlier file is removed once this is committed; if the row cannot be
    saved, the new file is removed instead.
    """
    checked = documents.check_document(upload)
    exhibitor = Exhibitor.objects.select_for_update().get(pk=exhibitor.pk)
    document = LegalDocument.objects.filter(exhibitor=exhibitor, kind=kind).first()
    if document is None:
        document = LegalDocument(exhibitor=exhibitor, kind=kind)
    document.content_type = checked.content_type
    document.size = len(checked.content)
    # A new file has not been checked, whatever the one before it was found to be.
    document.verification = LegalDocument.Verification.UNCHECKED
    document.verification_note = ""
    document.verified_by = None
    document.verified_at = None
    return stored_files.save_with_files(document, {"file": checked})


@transaction.atomic
def verify_document(*, document, verification, note="", by):
    """Record a curator's check of a legality document against its number: it matches,
    or it does not (with a note saying what, for the owner), or it is to be checked again.
    """
    document = LegalDocument.objects.select_for_update().get(pk=document.pk)
    note = note.strip()
    if verification not in LegalDocument.Verification:
        raise ValidationError(_("Choose whether the document matches."))
    if verification == LegalDocument.Verification.INVALID and not note:
        raise ValidationError(_("Say what does not match, for the owner to correct."))
    checked = verification != LegalDocument.Verification.UNCHECKED
    document.verification = verification
    document.verification_note = note if verification == LegalDocument.Verification.INVALID else ""
    document.verified_by = by if checked else None
    document.verified_at = timezone.now() if checked else None
    document.save(update_fields=["verification", "verification_note", "verified_by", "verified_at"])
    return document


@transaction.atomic
def delete_document(*, document):
    field_files = [document.file]
    document.delete()
    stored_files.delete_once_committed(field_files)


@transaction.atomic
def delete_account(*, user):
    """Delete an owner's account, and with it whatever of their business the organisers
    do not need as history.

    Applications still waiting for a decision are withdrawn. A business profile that an
    organiser has decided on at least once stays, as the record of those editions, but
    loses its owner, its contact data (WhatsApp, e-mail, address) and its documents. Any
    other profile is deleted outright, with its products, photos, logo, links and
    documents. Files go once the deletion is committed. The audit log keeps who changed
    what, but no longer the owner's contact details or their e-mail as the one who did.
    """
    # Dinas staff, admin or delegates, are on record for what they did for others.
    if user.is_staff or selectors.member_organisation(user=user) is not None:
        raise ValidationError(
            _("An organiser's account is removed by an administrator, in the admin.")
        )
    files = []
    for exhibitor in Exhibitor.objects.select_for_update().filter(owner=user):
        exhibitor_id = exhibitor.pk
        for application in exhibitor.applications.filter(status=Application.Status.SUBMITTED):
            withdraw_application(application=application)
        if selectors.is_on_record(exhibitor=exhibitor):
            files += [document.file for document in exhibitor.documents.all()]
            exhibitor.documents.all().delete()
            exhibitor.owner = None
            for field in PERSONAL_FIELDS:
                setattr(exhibitor, field, "")
            exhibitor.save(update_fields=["owner", *PERSONAL_FIELDS, "updated_at"])
        else:
            # Only withdrawn applications are left, and nobody decided on them.
            exhibitor.applications.all().delete()
            delete_exhibitor(exhibitor=exhibitor)
        _redact_audit_log(exhibitor_id=exhibitor_id)
    LogEntry.objects.filter(actor=user).update(actor_email="")
    user.delete()
    stored_files.delete_once_committed(files)


@transaction.atomic
def delete_exhibitor(*, exhibitor):
    """Delete an exhibitor with its products, links and documents, and its logo, photo
    and document files once the deletion is committed. The database refuses while an
    application of it is on record."""
    files = _photo_files(exhibitor.products.all())
    files += [document.file for document in exhibitor.documents.all()]
    if exhibitor.logo:
        files.append(exhibitor.logo)
    exhibitor.delete()
    stored_files.delete_once_committed(files)


def _redact_audit_log(*, exhibitor_id):
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Exhibitor), object_pk=str(exhibitor_id)
    )
    redacted = []
    for entry in entries:
        changes = entry.changes or {}
        if changes.keys() & set(PERSONAL_FIELDS):
            entry.changes = {
                field: [REDACTED if value else value for value in values]
                if field in PERSONAL_FIELDS
                else values
                for field, values in changes.items()
            }
            redacted.append(entry)
    LogEntry.objects.bulk_update(redacted, ["changes"])


@transaction.atomic
def record_paper_consent(*, exhibitor, upload, by):
    """Record the owner's consent given on a signed paper form, kept as a private
    document (checked like a legality document: PDF, JPEG or PNG)."""
    checked = documents.check_document(upload)
    consent = OwnerConsent(
        exhibitor=exhibitor,
        method=OwnerConsent.Method.PAPER,
        content_type=checked.content_type,
        requested_by=by,
        recorded_by=by,
        recorded_at=timezone.now(),
    )
    return stored_files.save_with_files(consent, {"file": checked})


@transaction.atomic
def send_consent_code(*, exhibitor, method, by):
    """Make a confirmation code for the owner to give back as their consent, in place of
    any code sent before, and send it: by e-mail at once, by WhatsApp as the link the
    staff member opens (``https://wa.me/…`` with the message written). Returns the
    consent and that link (None for an e-mail)."""
    if method == OwnerConsent.Method.EMAIL and not exhibitor.email:
        raise ValidationError(_("Add the owner's e-mail address to the profile first."))
    if method == OwnerConsent.Method.WHATSAPP and not exhibitor.whatsapp:
        raise ValidationError(_("Add the owner's WhatsApp number to the profile first."))
    if method not in (OwnerConsent.Method.EMAIL, OwnerConsent.Method.WHATSAPP):
        raise ValidationError(_("Choose how to send the code."))
    exhibitor = Exhibitor.objects.select_for_update().get(pk=exhibitor.pk)
    exhibitor.consents.filter(recorded_at__isnull=True).delete()
    code = f"{secrets.randbelow(10**6):06d}"
    consent = OwnerConsent.objects.create(
        exhibitor=exhibitor,
        method=method,
        sent_to=exhibitor.email if method == OwnerConsent.Method.EMAIL else exhibitor.whatsapp,
        code_hash=selectors.secret_digest(code),
        code_expires_at=timezone.now() + timedelta(minutes=CONSENT_CODE_MINUTES),
        requested_by=by,
    )
    context = {
        "code": code,
        "organisation": exhibitor.registered_by,
        "minutes": CONSENT_CODE_MINUTES,
    }
    if method == OwnerConsent.Method.EMAIL:
        transaction.on_commit(
            lambda: notifications.mail_exhibitor(
                exhibitor=exhibitor, template="exhibitors/email/consent_code", context=context
            )
        )
        return consent, None
    with translation.override(exhibitor.language):
        message = render_to_string(
            "exhibitors/email/consent_code_body.txt", {"exhibitor": exhibitor, **context}
        )
    return consent, notifications.whatsapp_link(exhibitor.whatsapp_digits, message)


def confirm_consent_code(*, exhibitor, code, by):
    """Record the owner's consent from the code they told the staff member. A wrong code
    is counted (and stays counted: the count is committed before the refusal); after
    ``MAX_CONSENT_ATTEMPTS`` of them, or once it expired, only a new code will do."""
    with transaction.atomic():
        consent = (
            OwnerConsent.objects.select_for_update()
            .filter(exhibitor=exhibitor, recorded_at__isnull=True)
            .exclude(method=OwnerConsent.Method.PAPER)
            .first()
        )
        if consent is None:
            refusal = _("Send the owner a code first.")
        elif consent.code_expires_at <= timezone.now():
            refusal = _("This code has expired: send the owner a new one.")
        elif consent.attempts >= MAX_CONSENT_ATTEMPTS:
            refusal = _("Too many wrong codes: send the owner a new one.")
        elif not constant_time_compare(selectors.secret_digest(code.strip()), consent.code_hash):
            consent.attempts += 1
            consent.save(update_fields=["attempts"])
            refusal = _("That is not the code that was sent. %(left)d tries left.") % {
                "left": MAX_CONSENT_ATTEMPTS - consent.attempts
            }
        else:
            consent.recorded_by = by
            consent.recorded_at = timezone.now()
            consent.save(update_fields=["recorded_by", "recorded_at"])
            return consent
    raise ValidationError(refusal)


@transaction.atomic
def send_claim_link(*, exhibitor, channel, by):
    """Make the link that hands ``exhibitor`` over to its owner, voiding any sent before
    and not used, and send it: by e-mail at once, by WhatsApp as the link the staff
    member opens (``https://wa.me/…`` with the message written). Returns the claim link,
    its address and the WhatsApp link (None for an e-mail)."""
    exhibitor = Exhibitor.objects.select_for_update().get(pk=exhibitor.pk)
    if exhibitor.owner_id is not None:
        raise ValidationError(_("This profile already has an owner."))
    if channel == ClaimLink.Channel.EMAIL and not exhibitor.email:
        raise ValidationError(_("Add the owner's e-mail address to the profile first."))
    if channel == ClaimLink.Channel.WHATSAPP and not exhibitor.whatsapp:
        raise ValidationError(_("Add the owner's WhatsApp number to the profile first."))
    if channel not in ClaimLink.Channel:
        raise ValidationError(_("Choose how to send the link."))
    now = timezone.now()
    exhibitor.claim_links.filter(used_at__isnull=True, voided_at__isnull=True).update(voided_at=now)
    token = secrets.token_urlsafe(32)
    link = ClaimLink.objects.create(
        exhibitor=exhibitor,
        token_hash=selectors.secret_digest(token),
        channel=channel,
        sent_to=exhibitor.email if channel == ClaimLink.Channel.EMAIL else exhibitor.whatsapp,
        created_by=by,
        expires_at=now + timedelta(days=CLAIM_LINK_DAYS),
    )
    url = notifications.absolute_url(reverse("claim", kwargs={"token": token}))
    context = {"claim_url": url, "organisation": exhibitor.registered_by, "link": link}
    if channel == ClaimLink.Channel.EMAIL:
        transaction.on_commit(
            lambda: notifications.mail_exhibitor(
                exhibitor=exhibitor, template="exhibitors/email/claim_link", context=context
            )
        )
        return link, url, None
    with translation.override(exhibitor.language):
        message = render_to_string(
            "exhibitors/email/claim_link_body.txt", {"exhibitor": exhibitor, **context}
        )
    return link, url, notifications.whatsapp_link(exhibitor.whatsapp_digits, message)


def claim_problem(*, link):
    """Why the claim link ``link`` (or None, for a token that is no link) cannot be
    used, in words; None if it can."""
    if link is None:
        return _("This link is not valid. Check that you opened the whole link.")
    if link.used_at is not None:
        return _("This link has been used already. Log in to reach your business profile.")
    if link.voided_at is not None:
        return _("A newer link was sent for this business: use the newest one.")
    if link.expires_at <= timezone.now():
        return _("This link has expired. Ask the Dinas staff who registered you for a new one.")
    if link.exhibitor.owner_id is not None:
        return _("This business profile already has an owner.")
    return None


@transaction.atomic
def claim_profile(*, token, user):
    """Hand the profile of the claim link ``token`` over to ``user``, who owns it from
    now on. The link is used up; the profile row is locked and its owner checked, and
    the database's one profile per account holds even against a claim at the same
    moment. Dinas staff and accounts that already own a profile cannot claim one."""
    # Both rows locked: the link and its profile.
    link = selectors.claim_link(token=token, queryset=ClaimLink.objects.select_for_update())
    problem = claim_problem(link=link)
    if problem is None and Exhibitor.objects.filter(owner=user).exists():
        problem = _(
            "Your account already has a business profile, and an account has only one. "
            "Log out and claim this one with another e-mail address."
        )
    if problem is None and selectors.member_organisation(user=user) is not None:
        problem = _("A Dinas staff account cannot claim an UMKM's profile.")
    if problem is not None:
        raise ValidationError(problem)
    exhibitor = link.exhibitor
    exhibitor.owner = user
    try:
        with transaction.atomic():
            exhibitor.save(update_fields=["owner", "updated_at"])
    except IntegrityError as error:
        if violated_constraint(error) != "exhibitor_one_per_owner":
            raise
        raise ValidationError(_("This account already has a business profile.")) from None
    link.used_at = timezone.now()
    link.used_by = user
    link.save(update_fields=["used_at", "used_by"])
    return exhibitor


@transaction.atomic
def save_klaster(*, klaster, by):
    """Save a klaster; a new one begins its steps at its first status, moved there by
    ``by``."""
    is_new = klaster.pk is None
    klaster.save()
    if is_new:
        KlasterStatusChange.objects.create(klaster=klaster, status=klaster.status, changed_by=by)
    return klaster


@transaction.atomic
def move_klaster(*, klaster, status, by):
    """Move ``klaster`` to ``status`` (Demak's steps: identified, verified, validated),
    keeping who moved it and when. A klaster already at that status is refused, so two
    organisers clicking at once record one step."""
    locked = Klaster.objects.select_for_update().get(pk=klaster.pk)
    if locked.status == status:
        raise ValidationError(
            _("%(klaster)s is already %(status)s.")
            % {"klaster": locked, "status": locked.get_status_display()}
        )
    locked.status = status
    locked.save(update_fields=["status"])
    KlasterStatusChange.objects.create(klaster=locked, status=status, changed_by=by)
    klaster.status = status
    return locked
