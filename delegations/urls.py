from django.urls import path

from delegations import views

urlpatterns = [
    path("", views.index, name="delegations"),
    path("<int:pk>/", views.detail, name="delegation"),
    path("<int:pk>/calonkan/", views.nominate, name="delegation_nominate"),
    path("<int:pk>/ganti/<int:nomination_pk>/", views.replace, name="delegation_replace"),
    path("<int:pk>/tarik/<int:nomination_pk>/", views.withdraw, name="delegation_withdraw"),
]
