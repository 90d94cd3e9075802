"""The staff roles the portal ships with, as groups of permissions.

A Dinas office gives each member of its staff one of them in the admin (Pengguna →
Grup) instead of composing permissions. The groups are rewritten after every
``migrate`` to hold exactly the permissions listed here, so a new model or a role
changed in this file reaches every installation with its next deployment; a
permission added to a group by hand is taken away again then. The README says what
each role may do in plain words.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

VIEW = ("view",)
REVIEW = ("view", "change")
KEEP = ("view", "add", "change")
ALL = ("view", "add", "change", "delete")

ORGANISER = "Penyelenggara"
CURATOR = "Kurator"
FIELD_OFFICER = "Petugas lapangan"

ROLES = {
    # Runs editions: editions and their partners, booths and the floor plan, decisions
    # and assignments, the participant imports and exports.
    ORGANISER: {
        "expo.province": VIEW,
        "expo.region": VIEW,
        "expo.kecamatan": VIEW,
        "expo.desa": VIEW,
        "expo.edition": ALL,
        "expo.partner": ALL,
        "expo.delegation": ALL,
        "expo.agendasession": ALL,
        "exhibitors.exhibitor": KEEP,
        "exhibitors.onlinelink": VIEW,
        # The papers are the curators': the organiser reads their check on the review page.
        "exhibitors.product": REVIEW,
        "exhibitors.productphoto": VIEW,
        "exhibitors.application": KEEP,
        "exhibitors.klaster": ALL,
        "exhibitors.klasterstatuschange": VIEW,
        "booths.booth": ALL,
        "booths.assignment": ALL,
        "booths.venueimage": ALL,
        "outcomes.dailysales": ALL,
        "outcomes.order": ALL,
        "outcomes.omzetreport": ALL,
        "outcomes.gatecount": ALL,
        "guests.guest": ALL,
        "guests.checkin": ("view", "add"),
        # What buyers asked the participants, and how to reach the buyers.
        "buyers.inquiry": ("view", "view_contact"),
        # Opens the business meetings' slots; the decisions are the exhibitors' own.
        "meetings.slot": ALL,
        "meetings.meeting": VIEW,
        "meetings.buyer": VIEW,
        "auditlog.logentry": VIEW,
    },
    # Reviews applications and the legality behind them; reads the editions, touches
    # neither them nor their booths.
    CURATOR: {
        "expo.province": VIEW,
        "expo.region": VIEW,
        "expo.kecamatan": VIEW,
        "expo.desa": VIEW,
        "expo.edition": VIEW,
        "expo.delegation": VIEW,
        "expo.agendasession": VIEW,
        "exhibitors.exhibitor": VIEW,
        "exhibitors.onlinelink": VIEW,
        "exhibitors.legaldocument": REVIEW,
        "exhibitors.product": VIEW,
        "exhibitors.productphoto": VIEW,
        "exhibitors.application": REVIEW,
        "exhibitors.klaster": VIEW,
        "exhibitors.klasterstatuschange": VIEW,
        "outcomes.dailysales": VIEW,
        "outcomes.order": VIEW,
        "outcomes.omzetreport": VIEW,
        "outcomes.gatecount": VIEW,
        "auditlog.logentry": VIEW,
    },
    # At the venue: finds a participant and its booth; changes nothing, opens no papers.
    FIELD_OFFICER: {
        "expo.province": VIEW,
        "expo.region": VIEW,
        "expo.kecamatan": VIEW,
        "expo.desa": VIEW,
        "expo.edition": VIEW,
        "expo.agendasession": VIEW,
        "exhibitors.exhibitor": VIEW,
        "exhibitors.product": VIEW,
        "exhibitors.application": VIEW,
        "exhibitors.klaster": VIEW,
        "exhibitors.klasterstatuschange": VIEW,
        "booths.booth": VIEW,
        "booths.assignment": VIEW,
        # Counts the gate, and enters the sales a stand hands over on paper.
        "outcomes.dailysales": KEEP,
        "outcomes.gatecount": KEEP,
        "outcomes.order": VIEW,
        "outcomes.omzetreport": VIEW,
        # Finds a guest at the gate and lets them in; the list and its answers are the
        # organisers'.
        "guests.guest": VIEW,
        "guests.checkin": ("view", "add"),
        # Shows a buyer to the stand of their meeting.
        "meetings.slot": VIEW,
        "meetings.meeting": VIEW,
    },
}


def permission_names(role):
    """``app_label.codename`` of every permission of ``role``, as ``has_perm`` reads them."""
    return {
        f"{label.split('.')[0]}.{action}_{label.split('.')[1]}"
        for label, actions in ROLES[role].items()
        for action in actions
    }


def sync_roles(*, apps=global_apps, using=DEFAULT_DB_ALIAS, **kwargs):
    """Create the role groups, or set them back to exactly their permissions."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # The permissions of the models migrated in this very run are created by the same
    # signal, maybe after this receiver: create them first.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
    for role in ROLES:
        wanted = permission_names(role)
        permissions = [
            permission
            for permission in Permission.objects.using(using).select_related("content_type")
            if f"{permission.content_type.app_label}.{permission.codename}" in wanted
        ]
        missing = wanted - {
            f"{permission.content_type.app_label}.{permission.codename}"
            for permission in permissions
        }
        if missing:
            raise LookupError(f"The role {role} names permissions that do not exist: {missing}")
        group, _created = Group.objects.using(using).get_or_create(name=role)
        group.permissions.set(permissions)
