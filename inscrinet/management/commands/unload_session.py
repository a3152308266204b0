"""M4 déchargement from the command line: a session's pre-registrations as CSV or XLSX,
the same rows and columns as the DEC space, audited."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inscrinet.actors import SystemActor
from inscrinet.exporters import csv_lines, xlsx_write
from inscrinet.models import Session
from inscrinet.selectors.unload import UNLOAD, unload_rows
from inscrinet.services.unloads import unload_start


class Command(BaseCommand):
    help = "Décharge les pré-inscriptions d'une session (CSV ou XLSX)."

    def add_arguments(self, parser):
        parser.add_argument("--session", type=int, required=True, help="identifiant de la session")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", type=Path, required=True)

    def handle(self, *args, **options):
        session = Session.objects.filter(pk=options["session"]).first()
        if session is None:
            raise CommandError(f"Session {options['session']} inconnue.")
        count = unload_start(
            session=session,
            actor=SystemActor(name="commande unload_session"),
            fmt=options["format"],
        )
        output = Path(options["output"])
        if options["format"] == "csv":
            with output.open("w", encoding="utf-8", newline="") as target:
                target.writelines(csv_lines(UNLOAD, unload_rows(session)))
        else:
            xlsx_write(UNLOAD, unload_rows(session), output)
        self.stdout.write(f"{count} dossiers déchargés dans {output}.")
