from django.apps import AppConfig


class InscrinetConfig(AppConfig):
    name = "inscrinet"
    verbose_name = "Inscrinet"

    def ready(self):
        # Registers the <id:…> path converter before any URLconf is read.
        from inscrinet import converters  # noqa: F401
