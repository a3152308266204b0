from django.apps import AppConfig


class InscrinetConfig(AppConfig):
    name = "inscrinet"
    verbose_name = "Inscrinet"

    def ready(self):
        # Registers the <id:…> path converter before any URLconf is read.
        # Every failed login, whichever form it came from, is an audit row.
        from inscrinet import (
            converters,  # noqa: F401
            login_guard,  # noqa: F401
        )
