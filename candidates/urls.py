from django.urls import path

from candidates import views
from candidates.wizard import EtablissementInscriptionWizard, InscriptionWizard

app_name = "candidates"

urlpatterns = [
    path("inscription/", views.choose_session, name="choose"),
    path("communes/", views.communes, name="communes"),
    path("inscription/<int:session_pk>/", views.session_home, name="session_home"),
    path("inscription/<int:session_pk>/consulter/", views.consult, name="consult"),
    path(
        "inscription/<int:session_pk>/saisie/",
        InscriptionWizard.as_view(url_name="candidates:wizard"),
        name="wizard_resume",
    ),
    path(
        "inscription/<int:session_pk>/saisie/<str:step>/",
        InscriptionWizard.as_view(url_name="candidates:wizard"),
        name="wizard",
    ),
    path("inscription/<int:session_pk>/abandon/", views.abandon, name="abandon"),
    path("inscription/dossier/<str:key>/", views.validated, name="validated"),
    path("etablissement/", views.etablissement_login, name="etablissement_login"),
    path("etablissement/examens/", views.etablissement_sessions, name="etablissement_sessions"),
    path("etablissement/quitter/", views.etablissement_quit, name="etablissement_quit"),
    path(
        "etablissement/<int:session_pk>/saisie/",
        EtablissementInscriptionWizard.as_view(url_name="candidates:etab_wizard"),
        name="etab_wizard_resume",
    ),
    path(
        "etablissement/<int:session_pk>/saisie/<str:step>/",
        EtablissementInscriptionWizard.as_view(url_name="candidates:etab_wizard"),
        name="etab_wizard",
    ),
    path("etablissement/<int:session_pk>/abandon/", views.etab_abandon, name="etab_abandon"),
]
