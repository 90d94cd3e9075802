from django.urls import path

from exhibitors import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profil/", views.profile_edit, name="profile_edit"),
    path("produk/baru/", views.ProductCreateView.as_view(), name="product_create"),
    path("produk/<int:pk>/", views.ProductUpdateView.as_view(), name="product_update"),
    path("produk/<int:pk>/hapus/", views.ProductDeleteView.as_view(), name="product_delete"),
    path("produk/<int:pk>/foto/", views.product_photo_add, name="product_photo_add"),
    path("foto/<int:pk>/hapus/", views.product_photo_delete, name="product_photo_delete"),
    path("daftar/<slug:edition_slug>/", views.apply, name="apply"),
    path("pendaftaran/<int:pk>/tarik/", views.withdraw, name="withdraw"),
]
