from django.urls import path

from candidates import dossier_views, views
from candidates.wizard import EtablissementInscriptionWizard, InscriptionWizard
from candidates.wizard_modification import ModificationWizard

app_name = "candidates"


def wizard_urls(root, wizard_class, name):
    """The wizard's screens, and its resume URL (formtools redirects to the current screen)."""
    view = wizard_class.as_view(url_name=f"candidates:{name}")
    return [
        path(f"{root}/<id:session_pk>/saisie/", view, name=f"{name}_resume"),
        path(f"{root}/<id:session_pk>/saisie/<str:step>/", view, name=name),
    ]


modification_view = ModificationWizard.as_view(url_name="candidates:modify")

urlpatterns = [
    path("inscription/", views.choose_session, name="choose"),
    path("communes/", views.communes, name="communes"),
    path("inscription/<id:session_pk>/", views.session_home, name="session_home"),
    *wizard_urls("inscription", InscriptionWizard, "wizard"),
    path("inscription/<id:session_pk>/abandon/", views.abandon, name="abandon"),
    path("inscription/validation/<str:key>/", views.validated, name="validated"),
    path("inscription/quitter/", views.quit_public, name="quit"),
    # G18: a dossier, once unlocked by its number and birth date in this browser.
    path("inscription/<id:session_pk>/consulter/", dossier_views.consult, name="consult"),
    path(
        "inscription/<id:session_pk>/numero-perdu/",
        dossier_views.lost_number,
        name="lost_number",
    ),
    path(
        "inscription/<id:session_pk>/dossier/<id:number>/",
        dossier_views.dossier_detail,
        name="dossier",
    ),
    path(
        "inscription/<id:session_pk>/dossier/<id:number>/<id:version>/<str:kind>.pdf",
        dossier_views.document,
        name="document",
    ),
    path(
        "inscription/<id:session_pk>/dossier/<id:number>/modifier/",
        modification_view,
        name="modify_resume",
    ),
    path(
        "inscription/<id:session_pk>/dossier/<id:number>/modifier/<str:step>/",
        modification_view,
        name="modify",
    ),
    path(
        "inscription/<id:session_pk>/dossier/<id:number>/abandon/",
        dossier_views.modify_abandon,
        name="modify_abandon",
    ),
    path("etablissement/", views.etablissement_login, name="etablissement_login"),
    path("etablissement/examens/", views.etablissement_sessions, name="etablissement_sessions"),
    path("etablissement/quitter/", views.etablissement_quit, name="etablissement_quit"),
    *wizard_urls("etablissement", EtablissementInscriptionWizard, "etab_wizard"),
    path("etablissement/<id:session_pk>/abandon/", views.etab_abandon, name="etab_abandon"),
]
