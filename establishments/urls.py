from django.urls import path

from establishments import views, views_dossiers, views_lists, views_print, views_pupils

app_name = "establishments"

urlpatterns = [
    path("", views.login, name="login"),
    path("premier-mot-de-passe/", views.first_password, name="first_password"),
    path("deconnexion/", views.logout, name="logout"),
    path("accueil/", views.Menu.as_view(), name="menu"),
    path(
        "sections-europeennes/",
        views.SectionsEuropeennes.as_view(),
        name="sections_europeennes",
    ),
    path("service-inscription/", views.InscriptionService.as_view(), name="service"),
    path(
        "mot-de-passe-inscription/",
        views.InscriptionPassword.as_view(),
        name="inscription_password",
    ),
    path("mot-de-passe-suivi/", views.SuiviPassword.as_view(), name="suivi_password"),
    path("listes/", views_lists.ListChoice.as_view(), name="lists"),
    path("listes/<slug:kind>/", views_lists.CandidateList.as_view(), name="list"),
    path("annulations/", views_dossiers.Cancellations.as_view(), name="cancellations"),
    path("confirmations/", views_print.PrintChoice.as_view(), name="print"),
    path("confirmations/<id:pk>/", views_print.PrintBatch.as_view(), name="print_batch"),
    path("confirmations/<id:pk>/etat/", views_print.PrintState.as_view(), name="print_state"),
    path(
        "confirmations/<id:pk>/telecharger/",
        views_print.PrintDownload.as_view(),
        name="print_download",
    ),
    path("eleves/", views_pupils.Pupils.as_view(), name="pupils"),
    path("eleves/format/", views_pupils.PupilsFormat.as_view(), name="pupils_format"),
    path(
        "eleves/format/exemple.csv",
        views_pupils.PupilsFormatExample.as_view(),
        name="pupils_format_example",
    ),
    path(
        "eleves/<id:session_pk>/importer/",
        views_pupils.PupilsImport.as_view(),
        name="pupils_import",
    ),
    path("eleves/<id:session_pk>/ajouter/", views_pupils.PupilAdd.as_view(), name="pupil_add"),
    path(
        "eleves/<id:session_pk>/papillons/", views_pupils.PupilSlips.as_view(), name="pupil_slips"
    ),
    path("dossiers/<id:pk>/", views_dossiers.DossierDetail.as_view(), name="dossier"),
    path(
        "dossiers/<id:pk>/<id:version>/<str:kind>.pdf",
        views_dossiers.dossier_document,
        name="document",
    ),
]
