"""M4 chargement from the command line: the same checks, report and transaction as the DEC
space (inscrinet/services/loads.py), run here rather than by the worker."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inscrinet.actors import SystemActor
from inscrinet.models import Academie, DataLoad, LoadKind, TransferState
from inscrinet.services.errors import DomainError
from inscrinet.services.loads import data_load_request, data_load_run


class Command(BaseCommand):
    help = "Charge un fichier CSV (candidats des sessions précédentes ou établissements)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--academie", required=True, help="code de l'académie, ex. 022")
        parser.add_argument("--type", required=True, choices=list(LoadKind.values))
        parser.add_argument(
            "--simulation", action="store_true", help="vérifie et compte, sans rien écrire"
        )

    def handle(self, *args, **options):
        academie = Academie.objects.filter(code=options["academie"]).first()
        if academie is None:
            raise CommandError(f"Académie {options['academie']} inconnue.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        try:
            with path.open("rb") as upload:
                load = data_load_request(
                    academie=academie,
                    kind=options["type"],
                    upload=upload,
                    filename=path.name,
                    dry_run=options["simulation"],
                    actor=SystemActor(name="commande load_file"),
                )
        except DomainError as error:
            raise CommandError(str(error)) from None
        data_load_run(load.pk)  # here and now; the queued task then finds it finished
        load = DataLoad.objects.get(pk=load.pk)
        for line, column, message in load.errors:
            self.stderr.write(f"ligne {line}, colonne {column or '-'} : {message}")
        summary = (
            f"{load.get_state_display()} — {load.created} nouveaux, {load.updated} modifiés, "
            f"{load.unchanged} inchangés, {load.error_count} lignes en erreur."
        )
        if load.state != TransferState.DONE:
            raise CommandError(summary + (f" {load.failure}" if load.failure else ""))
        self.stdout.write(summary)
