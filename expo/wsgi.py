import os

from django.core.wsgi import get_wsgi_application

from core.embedded_db import start_unless_configured

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "expo.settings")
# Serving needs the database: without DATABASE_URL, development starts (or joins) the
# embedded server, and production stops here with the reason.
start_unless_configured()

application = get_wsgi_application()
