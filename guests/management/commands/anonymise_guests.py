from django.core.management.base import BaseCommand

from guests import services
from guests.models import KEEP_PERSONAL_DATA_DAYS


class Command(BaseCommand):
    help = (
        f"Remove the names and contacts of the guests of editions that ended more than "
        f"{KEEP_PERSONAL_DATA_DAYS} days ago (what the report counts stays). Run it daily, "
        "e.g. from cron."
    )

    def handle(self, *args, **options):
        count = services.anonymise_past_guests()
        self.stdout.write(f"{count} guests anonymised.")
