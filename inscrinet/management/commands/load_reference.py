from django.core.management.base import BaseCommand

from inscrinet.services.reference import reference_load


class Command(BaseCommand):
    help = "Charge les départements et communes (données de référence) s'ils manquent."

    def handle(self, *args, **options):
        loaded = reference_load()
        self.stdout.write(
            f"Référentiel : {loaded['departements']} départements et "
            f"{loaded['communes']} communes chargés (0 = déjà à jour)."
        )
