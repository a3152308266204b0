from django.apps import AppConfig


class InscrinetConfig(AppConfig):
    name = "inscrinet"
    verbose_name = "Inscrinet"

    def ready(self):
        # Registers the <id:…> path converter before any URLconf is read.
        # Every failed login, whichever form it came from, is an audit row.
        # Any save or delete of what a specialty's catalogue is built from (the admin's, a
        # loader's) gives the catalogue a new generation (inscrinet/selectors/catalog.py).
        from django.db.models.signals import post_delete, post_save

        from inscrinet import (
            converters,  # noqa: F401
            login_guard,  # noqa: F401
        )
        from inscrinet.models import Diploma, DiplomaEpreuve, Epreuve, EpreuveOption, Right
        from inscrinet.selectors.catalog import catalogue_changed

        def changed(**kwargs):
            if not kwargs.get("raw"):
                catalogue_changed()

        for model in (Epreuve, EpreuveOption, Right, Diploma, DiplomaEpreuve):
            for signal in (post_save, post_delete):
                signal.connect(changed, sender=model, dispatch_uid=f"catalogue-{model.__name__}")
