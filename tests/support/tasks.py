"""Run the task queue in a test as `manage.py db_worker --batch` would."""

import datetime
from unittest import mock

from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult


def run_worker():
    """The real worker, once: every task that is due, then stop. Its connection hygiene
    (closing connections between tasks) would close the test's transaction: kept out."""
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def make_due(task_name):
    """Time passes: the back-off of retries enqueued for later is over."""
    DBTaskResult.objects.filter(task_path__endswith=task_name, status="READY").update(
        run_after=timezone.now() - datetime.timedelta(seconds=1)
    )
