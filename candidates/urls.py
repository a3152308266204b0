from django.urls import path

from candidates import views
from candidates.wizard import EtablissementInscriptionWizard, InscriptionWizard

app_name = "candidates"


def wizard_urls(root, wizard_class, name):
    """The wizard's screens, and its resume URL (formtools redirects to the current screen)."""
    view = wizard_class.as_view(url_name=f"candidates:{name}")
    return [
        path(f"{root}/<int:session_pk>/saisie/", view, name=f"{name}_resume"),
        path(f"{root}/<int:session_pk>/saisie/<str:step>/", view, name=name),
    ]


urlpatterns = [
    path("inscription/", views.choose_session, name="choose"),
    path("communes/", views.communes, name="communes"),
    path("inscription/<int:session_pk>/", views.session_home, name="session_home"),
    path("inscription/<int:session_pk>/consulter/", views.consult, name="consult"),
    *wizard_urls("inscription", InscriptionWizard, "wizard"),
    path("inscription/<int:session_pk>/abandon/", views.abandon, name="abandon"),
    path("inscription/dossier/<str:key>/", views.validated, name="validated"),
    path("etablissement/", views.etablissement_login, name="etablissement_login"),
    path("etablissement/examens/", views.etablissement_sessions, name="etablissement_sessions"),
    path("etablissement/quitter/", views.etablissement_quit, name="etablissement_quit"),
    *wizard_urls("etablissement", EtablissementInscriptionWizard, "etab_wizard"),
    path("etablissement/<int:session_pk>/abandon/", views.etab_abandon, name="etab_abandon"),
]
