from django.contrib import admin
from django.urls import include, path

from sinergi.config.api import api

admin.site.site_header = "Administrasi Sinergi"
admin.site.site_title = "Sinergi"
admin.site.index_title = "Data referensi dan sistem"

urlpatterns = [
    path("", include("sinergi.core.urls")),
    path("akun/token-api/", include("sinergi.tokens.urls")),
    path("integrasi/webhook/", include("sinergi.webhooks.urls")),
    path("akun/", include("sinergi.accounts.urls")),
    path("wilayah/", include("sinergi.regions.urls")),
    path("perangkat-daerah/", include("sinergi.agencies.urls")),
    path("audit/", include("sinergi.audit.urls")),
    path("kerja-sama/baca/", include("sinergi.extractions.urls")),
    path("cari/", include("sinergi.embeddings.urls")),
    path("asisten/", include("sinergi.recommendations.urls")),
    path("kerja-sama/", include("sinergi.agreements.urls")),
    path("perencanaan/", include("sinergi.planning.urls")),
    path("monev/", include("sinergi.monitoring.urls")),
    path("peringatan/", include("sinergi.alerts.urls")),
    path("evaluasi/", include("sinergi.evaluations.urls")),
    path("dasbor/", include("sinergi.dashboards.urls")),
    path("peta/", include("sinergi.maps.urls")),
    path("spm/", include("sinergi.spm.urls")),
    path("inovasi/", include("sinergi.innovations.urls")),
    path("publik/", include("sinergi.portal.urls")),
    path("data-terbuka/", include("sinergi.datasets.urls")),
    path("api/v1/", api.urls),
    path("admin-sistem/", admin.site.urls),
]

handler404 = "sinergi.core.views.not_found"
handler500 = "sinergi.core.views.server_error"
