from argparse import ArgumentTypeError

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from booths import demo
from booths.demo.generated import PRODUCTS_PER_GENERATED_EXHIBITOR
from booths.demo.plans import SCALE_EDITION_SLUG


def non_negative(value):
    number = int(value)
    if number < 0:
        raise ArgumentTypeError(f"{value} is not 0 or more")
    return number


class Command(BaseCommand):
    help = (
        "Load the demo expos, Kasmex 2021 and Pekalongan Hybrid Expo UMKM 2021, with their "
        "participants, products and booths. Safe to run again: existing demo rows are updated, "
        "not duplicated."
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

    def handle(self, *args, exhibitors, **options):
        try:
            summary = demo.load_demo(generated_exhibitors=exhibitors)
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
