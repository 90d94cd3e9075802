"""``manage.py load_demo``: the demo editions (booths.demo), and their sales reports
(outcomes.demo). Here, above both apps, since neither may import the other."""

from argparse import ArgumentTypeError

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from booths import demo
from booths.demo.generated import PRODUCTS_PER_GENERATED_EXHIBITOR
from booths.demo.kasmex import KASMEX
from booths.demo.plans import SCALE_EDITION_SLUG, organiser_user
from expo.models import Edition
from outcomes import demo as reports_demo


def non_negative(value):
    number = int(value)
    if number < 0:
        raise ArgumentTypeError(f"{value} is not 0 or more")
    return number


class Command(BaseCommand):
    help = (
        "Load the demo expos, Kasmex 2021 and Pekalongan Hybrid Expo UMKM 2021, with their "
        "participants, products and booths, and Kasmex's sales reports. Safe to run again: "
        "existing demo rows are updated, not duplicated."
    )

    def add_arguments(self, parser):
        fewest, most = PRODUCTS_PER_GENERATED_EXHIBITOR
        parser.add_argument(
            "--exhibitors",
            type=non_negative,
            default=0,
            metavar="N",
            help=(
                f"Also add N generated exhibitors, with {fewest}-{most} products each, as "
                f"accepted participants of the '{SCALE_EDITION_SLUG}' edition. Every run "
                f"adds N more, with new slugs."
            ),
        )
        parser.add_argument(
            "--with-pictures",
            action="store_true",
            help=(
                "Also give the demo editions' exhibitors a logo each and their products one "
                "to three photos, drawn at a phone camera's size and put through the upload "
                "pipeline (a few minutes the first time; what they have already is kept), "
                "and the exhibitors added with --exhibitors a share of them."
            ),
        )
        parser.add_argument(
            "--with-reports",
            action="store_true",
            help=(
                f"Also give every participant of the '{SCALE_EDITION_SLUG}' edition without "
                f"a report three days of sales reports, some orders and omzet, and page views."
            ),
        )

    def handle(self, *args, exhibitors, with_pictures, with_reports, **options):
        if with_pictures:
            self.stdout.write(
                _(
                    "Drawing the demo pictures and putting them through the upload pipeline: "
                    "a few minutes the first time."
                )
            )
        try:
            with transaction.atomic():
                summary = demo.load_demo(generated_exhibitors=exhibitors, pictures=with_pictures)
                reports_demo.load_kasmex_reports(
                    edition=Edition.objects.get(slug=KASMEX.slug),
                    by=organiser_user(email=KASMEX.organiser_email, name=KASMEX.organiser_name),
                )
                if with_reports:
                    scale = Edition.objects.filter(slug=SCALE_EDITION_SLUG).first()
                    if scale is None:
                        raise CommandError(
                            _("There is no scale edition yet: add exhibitors with --exhibitors N.")
                        )
                    reports = reports_demo.add_generated_reports(edition=scale)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            _(
                "Demo loaded: %(editions)d editions, %(participants)d accepted participants, "
                "%(booths)d booths, %(generated)d generated exhibitors added."
            )
            % {
                "editions": summary.editions,
                "participants": summary.participants,
                "booths": summary.booths,
                "generated": summary.generated,
            }
        )
        if with_pictures:
            self.stdout.write(
                _(
                    "Pictures added to the demo editions: %(logos)d logos, "
                    "%(photos)d product photos."
                )
                % {"logos": summary.logos, "photos": summary.photos}
            )
        if with_reports:
            self.stdout.write(
                _("Sales reports added for %(participants)d participants of the scale edition.")
                % {"participants": reports.participants}
            )
