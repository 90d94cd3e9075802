from django.urls import path

from guests import views

urlpatterns = [
    path("<str:token>/", views.invitation, name="invitation"),
]
