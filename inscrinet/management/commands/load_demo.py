from django.core.management.base import BaseCommand
from django.utils import timezone

from inscrinet.services.demo import demo_load
from inscrinet.services.demo_pupils import demo_pupils_load


class Command(BaseCommand):
    help = "Charge les données de démonstration (idempotent ; dates calculées depuis aujourd'hui)."

    def handle(self, *args, **options):
        demo_load(today=timezone.localdate())
        created = demo_pupils_load()
        self.stdout.write(
            f"Données de démonstration chargées ({created} pré-inscription(s) de LYC BELLEVUE "
            "ajoutée(s))."
        )
