from django.apps import AppConfig


class InscrinetConfig(AppConfig):
    name = "inscrinet"
    verbose_name = "Inscrinet"
