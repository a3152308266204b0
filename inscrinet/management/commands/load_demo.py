from django.core.management.base import BaseCommand
from django.utils import timezone

from inscrinet.models import Etablissement
from inscrinet.services.demo import demo_load
from inscrinet.services.demo_pupils import BELLEVUE, demo_pupils_load


def suivi_login_line() -> str:
    """The suivi login as it works now: the code until someone chose a new password."""
    bellevue = Etablissement.objects.get(code=BELLEVUE)
    if bellevue.suivi_password_must_change:
        password = f"{BELLEVUE} (le code : le service demande aussitôt d'en choisir un autre)"
    else:
        password = "celui choisi à la première connexion (pour repartir de zéro : rm -r var/)"
    return f"Suivi établissement LYC BELLEVUE : code {BELLEVUE}, mot de passe {password}"


class Command(BaseCommand):
    help = "Charge les données de démonstration (idempotent ; dates calculées depuis aujourd'hui)."

    def handle(self, *args, **options):
        demo_load(today=timezone.localdate())
        created = demo_pupils_load()
        self.stdout.write(
            f"Données de démonstration chargées ({created} pré-inscription(s) de LYC BELLEVUE "
            "ajoutée(s))."
        )
        self.stdout.write(suivi_login_line())
