from django.apps import AppConfig


class InscrinetConfig(AppConfig):
    name = "inscrinet"
    verbose_name = "Inscrinet"

    def ready(self):
        # Registers the <id:…> path converter before any URLconf is read.
        # Every failed login, whichever form it came from, is an audit row.
        # Any save or delete of the reference data kept per process (a specialty's
        # catalogue, a session's EPS pairs, the départements), the admin's or a loader's,
        # gives it a new generation (inscrinet/selectors/reference.py).
        from django.db.models.signals import post_delete, post_save

        from inscrinet import (
            converters,  # noqa: F401
            login_guard,  # noqa: F401
        )
        from inscrinet.models import (
            Commune,
            Departement,
            Diploma,
            DiplomaEpreuve,
            Epreuve,
            EpreuveOption,
            EpsPair,
            Right,
        )
        from inscrinet.selectors.reference import reference_changed

        def changed(**kwargs):
            if not kwargs.get("raw"):
                reference_changed()

        # Communes: their postal codes (selectors.communes); the admin edits them one by one.
        for model in (
            *(Epreuve, EpreuveOption, Right, Diploma, DiplomaEpreuve, EpsPair),
            *(Departement, Commune),
        ):
            for signal in (post_save, post_delete):
                signal.connect(changed, sender=model, dispatch_uid=f"reference-{model.__name__}")
