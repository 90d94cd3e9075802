"""The inquiry form's address under an exhibitor's page (``expo.urls`` names the
prefix): outside the public page cache, as a form that is sent is nobody's page."""

from django.urls import path

from buyers import views

urlpatterns = [
    path("", views.send, name="inquiry_send"),
    path("terkirim/", views.sent, name="inquiry_sent"),
]
