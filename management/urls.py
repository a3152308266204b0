from django.urls import path

from management import (
    views,
    views_api_keys,
    views_campaigns,
    views_catalog,
    views_dossiers,
    views_etablissements,
    views_formats,
    views_loads,
    views_pieces,
    views_sessions,
    views_unloads,
)

app_name = "management"

urlpatterns = [
    path("connexion/", views.login, name="login"),
    path("double-authentification/", views.second_factor, name="second_factor"),
    path("deconnexion/", views.logout, name="logout"),
    path(
        "double-authentification/activer/",
        views.SecondFactorSetup.as_view(),
        name="second_factor_setup",
    ),
    path("", views_sessions.Home.as_view(), name="home"),
    path("verrou/", views_sessions.AcademieLock.as_view(), name="academie_lock"),
    path("coordonnees/", views_sessions.AcademieContact.as_view(), name="contact"),
    path("sessions/<id:pk>/", views_sessions.SessionSettings.as_view(), name="session"),
    path(
        "sessions/<id:pk>/services/<slug:service>/",
        views_sessions.SessionService.as_view(),
        name="session_service",
    ),
    path("sessions/<id:pk>/verrou/", views_sessions.SessionLock.as_view(), name="session_lock"),
    path("sessions/<id:pk>/pieces/", views_sessions.SessionPieces.as_view(), name="session_pieces"),
    path("sessions/<id:pk>/eps/", views_sessions.SessionEpsPairs.as_view(), name="session_eps"),
    path(
        "sessions/<id:pk>/initialiser/", views_sessions.SessionCopy.as_view(), name="session_copy"
    ),
    path(
        "sessions/<id:pk>/tableau-de-bord/",
        views_sessions.SessionDashboard.as_view(),
        name="dashboard",
    ),
    path(
        "etablissements/",
        views_etablissements.EtablissementList.as_view(),
        name="etablissements",
    ),
    path(
        "etablissements/nouveau/",
        views_etablissements.EtablissementEdit.as_view(),
        name="etablissement_new",
    ),
    path(
        "etablissements/<id:pk>/",
        views_etablissements.EtablissementEdit.as_view(),
        name="etablissement",
    ),
    path(
        "etablissements/<id:pk>/service/",
        views_etablissements.EtablissementService.as_view(),
        name="etablissement_service",
    ),
    path(
        "etablissements/<id:pk>/mot-de-passe/",
        views_etablissements.EtablissementPasswordReset.as_view(),
        name="etablissement_password",
    ),
    path("dossiers/", views_dossiers.DossierSearch.as_view(), name="dossiers"),
    path("dossiers/<id:pk>/", views_dossiers.DossierDetail.as_view(), name="dossier"),
    path("dossiers/<id:pk>/action/", views_dossiers.DossierAction.as_view(), name="dossier_action"),
    path(
        "dossiers/<id:pk>/courriels/<id:email_pk>/renvoyer/",
        views_dossiers.DossierEmailResend.as_view(),
        name="email_resend",
    ),
    path(
        "dossiers/<id:pk>/<id:version>/<str:kind>.pdf",
        views_dossiers.DossierDocument.as_view(),
        name="document",
    ),
    path("formats/<slug:slug>/", views_formats.FileFormat.as_view(), name="format"),
    path(
        "formats/<slug:slug>/exemple.csv",
        views_formats.FileFormatExample.as_view(),
        name="format_example",
    ),
    path(
        "sessions/<id:pk>/dechargement/",
        views_unloads.SessionUnload.as_view(),
        name="session_unload",
    ),
    path(
        "sessions/<id:pk>/dechargement.csv",
        views_unloads.SessionUnloadCsv.as_view(),
        name="session_unload_csv",
    ),
    path("dechargements/<id:pk>/", views_unloads.UnloadDetail.as_view(), name="unload"),
    path("dechargements/<id:pk>/etat/", views_unloads.UnloadState.as_view(), name="unload_state"),
    path(
        "dechargements/<id:pk>/fichier.xlsx",
        views_unloads.UnloadDownload.as_view(),
        name="unload_download",
    ),
    path("cles-api/", views_api_keys.ApiKeys.as_view(), name="api_keys"),
    path(
        "cles-api/<id:pk>/revoquer/", views_api_keys.ApiKeyRevoke.as_view(), name="api_key_revoke"
    ),
    path(
        "sessions/<id:pk>/relances/",
        views_campaigns.SessionCampaigns.as_view(),
        name="session_campaigns",
    ),
    path("relances/<id:pk>/", views_campaigns.CampaignDetail.as_view(), name="campaign"),
    path("chargements/", views_loads.Loads.as_view(), name="loads"),
    path("chargements/<id:pk>/", views_loads.LoadDetail.as_view(), name="load"),
    path("chargements/<id:pk>/charger/", views_loads.LoadApply.as_view(), name="load_apply"),
    path("chargements/<id:pk>/etat/", views_loads.LoadState.as_view(), name="load_state"),
    path("chargements/<id:pk>/rapport.csv", views_loads.LoadReport.as_view(), name="load_report"),
    path("journal/", views_dossiers.AuditLog.as_view(), name="audit"),
    path("pieces/", views_pieces.PiecesReview.as_view(), name="pieces"),
    path("pieces/<id:pk>/", views_pieces.PieceDetail.as_view(), name="piece"),
    path("pieces/fichiers/<id:pk>/", views_pieces.PieceFileDownload.as_view(), name="piece_file"),
    path("catalogue/", views_catalog.Catalogue.as_view(), name="catalogue"),
    path(
        "catalogue/specialites/nouvelle/",
        views_catalog.SpecialtyEdit.as_view(),
        name="catalogue_specialty_new",
    ),
    path(
        "catalogue/specialites/<id:pk>/",
        views_catalog.SpecialtyEdit.as_view(),
        name="catalogue_specialty",
    ),
    path(
        "catalogue/categories/nouvelle/",
        views_catalog.CategorieEdit.as_view(),
        name="catalogue_categorie_new",
    ),
    path(
        "catalogue/categories/<id:pk>/",
        views_catalog.CategorieEdit.as_view(),
        name="catalogue_categorie",
    ),
    path(
        "catalogue/diplomes/nouveau/",
        views_catalog.DiplomaEdit.as_view(),
        name="catalogue_diploma_new",
    ),
    path(
        "catalogue/diplomes/<id:pk>/", views_catalog.DiplomaEdit.as_view(), name="catalogue_diploma"
    ),
]
