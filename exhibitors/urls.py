from django.urls import path

from exhibitors import assisted_views, views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profil/", views.profile_edit, name="profile_edit"),
    path("profil/logo/", views.logo_upload, name="logo_upload"),
    path("profil/logo/hapus/", views.logo_remove, name="logo_remove"),
    path("tautan/", views.links, name="links"),
    path("tautan/<int:pk>/hapus/", views.link_delete, name="link_delete"),
    path("dokumen/", views.documents, name="documents"),
    path("dokumen/<int:pk>/unduh/", views.document_download, name="document_download"),
    path("dokumen/<int:pk>/hapus/", views.document_delete, name="document_delete"),
    path("produk/baru/", views.ProductCreateView.as_view(), name="product_create"),
    path("produk/<int:pk>/", views.ProductUpdateView.as_view(), name="product_update"),
    path("produk/<int:pk>/hapus/", views.ProductDeleteView.as_view(), name="product_delete"),
    path("produk/<int:pk>/pindah/", views.product_move, name="product_move"),
    path("produk/<int:pk>/tampil/", views.product_visibility, name="product_visibility"),
    path("produk/<int:pk>/foto/", views.product_photo_add, name="product_photo_add"),
    path("foto/<int:pk>/hapus/", views.product_photo_delete, name="product_photo_delete"),
    path("daftar/<slug:edition_slug>/", views.apply, name="apply"),
    path("pendaftaran/<int:pk>/tarik/", views.withdraw, name="withdraw"),
    path("akun/hapus/", views.account_delete, name="account_delete"),
    path("pendampingan/", assisted_views.assisted_profiles, name="assisted_profiles"),
    path("pendampingan/daftar/", assisted_views.assisted_register, name="assisted_register"),
    path("pendampingan/<int:pk>/kelola/", assisted_views.assisted_manage, name="assisted_manage"),
    path("pendampingan/selesai/", assisted_views.assisted_stop, name="assisted_stop"),
    path("pendampingan/persetujuan/", assisted_views.assisted_consent, name="assisted_consent"),
    path(
        "pendampingan/persetujuan/<int:pk>/unduh/",
        assisted_views.consent_download,
        name="consent_download",
    ),
    path("pendampingan/serah-terima/", assisted_views.assisted_handover, name="assisted_handover"),
    path("klaim/<str:token>/", assisted_views.claim, name="claim"),
]
