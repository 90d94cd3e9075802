from django.urls import path

from buyers import views

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("unduh/<str:file_format>/", views.inbox_export, name="inbox_export"),
    path("<int:pk>/", views.inquiry_detail, name="inquiry_detail"),
    path("<int:pk>/status/", views.inquiry_update, name="inquiry_update"),
    path("<int:pk>/pesanan/", views.inquiry_order, name="inquiry_order"),
]
