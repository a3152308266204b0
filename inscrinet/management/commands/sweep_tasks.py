"""Put back in the queue the tasks a dead worker left RUNNING (run it every few minutes:
`make demo` does, production runs it from a timer)."""

from django.core.management.base import BaseCommand

from inscrinet.tasks import STUCK_AFTER, sweep_stuck_tasks


class Command(BaseCommand):
    help = "Re-enqueue background tasks left running by a worker that died."

    def handle(self, *args, **options):
        count = sweep_stuck_tasks()
        if count or options["verbosity"] > 1:
            self.stdout.write(
                f"{count} tâche(s) bloquée(s) depuis plus de {STUCK_AFTER} remise(s) en file."
            )
