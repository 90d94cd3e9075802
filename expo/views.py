from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView

from expo import selectors, structured_data
from expo.models import Edition


def home(request):
    return render(request, "expo/home.html", selectors.editions_for_home())


class EditionDetailView(DetailView):
    template_name = "expo/edition_detail.html"
    context_object_name = "edition"

    def get_queryset(self):
        return Edition.objects.public().prefetch_related("host_regions", "partners")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["figures"] = selectors.edition_figures(edition=self.object)
        context["json_ld"] = structured_data.event(self.request, self.object)
        return context


def hello(request):
    """The cheapest page there is: the baseline ``make bench`` compares the real pages to.

    It goes through the whole middleware stack like every page, but touches neither the
    database nor the session, so its speed is that of the server and the framework alone.
    """
    return HttpResponse("hello\n", content_type="text/plain")


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
