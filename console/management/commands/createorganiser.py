from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from console import services
from console.roles import ROLES


class Command(BaseCommand):
    help = (
        "Create a staff account of an organisation (a Dinas office; added if new) in one of "
        "the roles, and e-mail it the link to set its password."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The staff member's e-mail address.")
        parser.add_argument("--organisation", required=True, help="The organisation's name.")
        parser.add_argument("--role", required=True, choices=list(ROLES))

    def handle(self, *args, email, organisation, role, **options):
        try:
            user = services.create_organiser(email=email, organisation=organisation, role=role)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"{user.email}: {role}, {user.membership.organisation}")
