from django.urls import path

from meetings import views

# The owner's side, in the dashboard under /dasbor/temu-bisnis/.
urlpatterns = [
    path("", views.owner_meetings, name="meetings_owner"),
    path("<int:pk>/terima/", views.decide, {"accept": True}, name="meetings_accept"),
    path("<int:pk>/tolak/", views.decide, {"accept": False}, name="meetings_decline"),
]
