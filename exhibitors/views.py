from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from exhibitors import selectors
from expo.models import Edition


class EditionMixin:
    def dispatch(self, request, *args, **kwargs):
        self.edition = get_object_or_404(Edition.objects.public(), slug=kwargs["edition_slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(edition=self.edition, **kwargs)


class ParticipantListView(EditionMixin, ListView):
    template_name = "exhibitors/participant_list.html"
    context_object_name = "participants"
    paginate_by = 24

    def get_queryset(self):
        return selectors.participants(edition=self.edition)


class ParticipantDetailView(EditionMixin, DetailView):
    template_name = "exhibitors/participant_detail.html"
    context_object_name = "participant"

    def get_object(self, queryset=None):
        return selectors.participant(edition=self.edition, slug=self.kwargs["slug"])
