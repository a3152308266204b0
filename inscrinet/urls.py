from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from inscrinet import views

urlpatterns = [
    path("", views.home, name="home"),
    path("periodes/", views.periods, name="periods"),
    path("mentions-legales/", views.legal_notice, name="footer-legal-notice"),
    path("donnees-personnelles/", views.personal_data, name="footer-personal-data"),
    path("accessibilite/", views.accessibility, name="footer-accessibility-status"),
    path("", include("candidates.urls")),
    path("suivi/", include("establishments.urls")),
    path("gestion/", include("management.urls")),
    path("api/v1/", include("management.api_urls")),
    path("compte/", include("candidates.accounts.urls")),
    path("captcha/", include("captcha.urls")),
    path(settings.INSCRINET_ADMIN_URL, admin.site.urls),
]

handler400 = "inscrinet.errors.bad_request"
handler403 = "inscrinet.errors.permission_denied"
handler404 = "inscrinet.errors.page_not_found"
handler500 = "inscrinet.errors.server_error"

admin.site.site_header = "Inscrinet — administration"
admin.site.site_title = "Inscrinet"
admin.site.index_title = "Paramétrage (super-utilisateurs)"
