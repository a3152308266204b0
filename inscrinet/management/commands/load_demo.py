from django.core.management.base import BaseCommand
from django.utils import timezone

from inscrinet.services.demo import demo_load


class Command(BaseCommand):
    help = "Charge les données de démonstration (idempotent ; dates calculées depuis aujourd'hui)."

    def handle(self, *args, **options):
        demo_load(today=timezone.localdate())
        self.stdout.write("Données de démonstration chargées.")
