from django.urls import path

from outcomes import views

urlpatterns = [
    path("<int:application_id>/", views.report, name="report"),
    path("<int:application_id>/hari/", views.report_day, name="report_day"),
    path("<int:application_id>/omzet/", views.omzet, name="omzet"),
    path("<int:application_id>/pesanan/baru/", views.order_create, name="order_create"),
    path("<int:application_id>/pesanan/<int:order_id>/", views.order_update, name="order_update"),
    path(
        "<int:application_id>/pesanan/<int:order_id>/hapus/",
        views.order_delete,
        name="order_delete",
    ),
]
