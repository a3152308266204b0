"""Every few minutes (`make demo` runs it every 5 minutes, production from a timer): put
back in the queue the tasks a dead worker left RUNNING or a stopped one cut short, erase
the candidate accounts not activated within 48 hours (C1), and queue again the antivirus
scans left « en cours » (C8)."""

from django.core.management.base import BaseCommand

from inscrinet.services.candidate_accounts import unactivated_accounts_purge
from inscrinet.tasks import STUCK_AFTER, sweep_stuck_tasks
from inscrinet.tasks_pieces import stuck_scans_requeue


class Command(BaseCommand):
    help = (
        "Re-enqueue background tasks left running by a dead worker or cut short by a stop; "
        "purge unactivated accounts."
    )

    def handle(self, *args, **options):
        count = sweep_stuck_tasks()
        if count or options["verbosity"] > 1:
            self.stdout.write(
                f"{count} tâche(s) interrompue(s) ou bloquée(s) depuis plus de {STUCK_AFTER} "
                "remise(s) en file."
            )
        scans = stuck_scans_requeue()
        if scans or options["verbosity"] > 1:
            self.stdout.write(f"{scans} analyse(s) antivirus bloquée(s) remise(s) en file.")
        purged = unactivated_accounts_purge()
        if purged or options["verbosity"] > 1:
            self.stdout.write(f"{purged} compte(s) candidat non activé(s) en 48 h effacé(s).")
