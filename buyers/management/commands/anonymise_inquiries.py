from django.core.management.base import BaseCommand

from buyers import services


class Command(BaseCommand):
    help = (
        "Remove the name, contact and words of the buyers' inquiries sent more than a year "
        "ago (what is counted stays). Run it daily, e.g. from cron."
    )

    def handle(self, *args, **options):
        count = services.anonymise_old_inquiries()
        self.stdout.write(f"{count} inquiries anonymised.")
