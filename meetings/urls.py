from django.urls import path

from meetings import views

# The buyer's side, under /temu-bisnis/.
urlpatterns = [
    path("", views.buyer_meetings, name="meetings_buyer"),
    path("pembeli/", views.buyer_profile, name="meetings_buyer_profile"),
    path("<slug:edition_slug>/<slug:slug>/", views.book, name="meetings_book"),
]
