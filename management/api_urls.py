from django.urls import path

from management import api

app_name = "api"

urlpatterns = [
    path("openapi.json", api.openapi, name="openapi"),
    path("sessions/", api.ApiSessions.as_view(), name="sessions"),
    path("sessions/<id:pk>/dossiers/", api.ApiDossiers.as_view(), name="dossiers"),
]
