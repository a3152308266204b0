"""The candidate account pages at /compte/: django-allauth's views under French paths (and
its other routes, which allauth names and reverses, under their own), then our pages.
No namespace: allauth reverses « account_login », « account_signup »…"""

from allauth.account import views as allauth_views
from allauth.account.urls import urlpatterns as allauth_patterns
from django.urls import path, re_path

from candidates.accounts import candidatures, pieces, views
from candidates.accounts.tabs import AccountInscriptionWizard, AccountModificationWizard

french = [
    path("creer/", allauth_views.signup, name="account_signup"),
    path("connexion/", allauth_views.login, name="account_login"),
    path("deconnexion/", allauth_views.logout, name="account_logout"),
    path(
        "activation/",
        allauth_views.email_verification_sent,
        name="account_email_verification_sent",
    ),
    re_path(
        r"^activer/(?P<key>[-:\w]+)/$", allauth_views.confirm_email, name="account_confirm_email"
    ),
    path("activation/nouvel-envoi/", views.resend_activation, name="account_resend_activation"),
    path("mot-de-passe-oublie/", allauth_views.password_reset, name="account_reset_password"),
    path(
        "mot-de-passe-oublie/envoye/",
        allauth_views.password_reset_done,
        name="account_reset_password_done",
    ),
    re_path(
        r"^mot-de-passe/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        allauth_views.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path(
        "mot-de-passe/modifie/",
        allauth_views.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
    path("mot-de-passe/", allauth_views.password_change, name="account_change_password"),
    path("adresse-mail/", allauth_views.email, name="account_email"),
]
tabs = AccountInscriptionWizard.as_view(url_name="account_tabs")
modify = AccountModificationWizard.as_view(url_name="account_modify")
CANDIDATURE = "inscriptions/<id:session_pk>/<id:number>/"
ours = [
    path("", views.AccountHome.as_view(), name="candidate_account_home"),
    path("modifier/", views.AccountEdit.as_view(), name="candidate_account_edit"),
    path("supprimer/", views.AccountDelete.as_view(), name="candidate_account_delete"),
    path("inscriptions/", candidatures.MesInscriptions.as_view(), name="account_candidatures"),
    path(
        "inscriptions/nouvelle/",
        candidatures.NouvelleCandidature.as_view(),
        name="account_candidature_new",
    ),
    path("documents/", candidatures.MesDocuments.as_view(), name="account_documents"),
    # C5: a new candidature's tabs, and « Quitter » without storing anything.
    path("inscriptions/<id:session_pk>/saisie/", tabs, name="account_tabs_resume"),
    path("inscriptions/<id:session_pk>/saisie/<str:step>/", tabs, name="account_tabs"),
    path(
        "inscriptions/<id:session_pk>/quitter/",
        candidatures.QuitterSaisie.as_view(),
        name="account_tabs_quit",
    ),
    # One candidature of the account: N° Inscription, récapitulatif, documents, tabs.
    path(CANDIDATURE, candidatures.NumeroInscription.as_view(), name="account_candidature"),
    path(
        f"{CANDIDATURE}recapitulatif/",
        candidatures.MonInscription.as_view(),
        name="account_candidature_recap",
    ),
    path(
        f"{CANDIDATURE}<id:version>/<str:kind>.pdf",
        candidatures.DocumentView.as_view(),
        name="account_document",
    ),
    path(
        f"{CANDIDATURE}desinscription/",
        candidatures.SeDesinscrire.as_view(),
        name="account_withdraw",
    ),
    path(f"{CANDIDATURE}justificatifs/", pieces.MesJustificatifs.as_view(), name="account_pieces"),
    path(
        f"{CANDIDATURE}justificatifs/<id:file_id>/",
        pieces.PieceFileDownload.as_view(),
        name="account_piece_file",
    ),
    path(f"{CANDIDATURE}modifier/", modify, name="account_modify_resume"),
    path(f"{CANDIDATURE}modifier/<str:step>/", modify, name="account_modify"),
    path(
        f"{CANDIDATURE}quitter/",
        candidatures.QuitterSaisie.as_view(),
        name="account_modify_quit",
    ),
]


def _flatten(patterns):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):  # allauth nests some under an empty include
            yield from _flatten(pattern.url_patterns)
        else:
            yield pattern


taken = {p.name for p in french}
urlpatterns = [
    *french,
    *ours,
    *(p for p in _flatten(allauth_patterns) if p.name not in taken),
]
