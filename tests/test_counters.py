"""Named counters (dossier and candidate numbers): one statement where the database can
return what it upserts, the three-query way elsewhere; both count alike. Concurrency:
tests/test_concurrency.py."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from inscrinet.models import Counter
from inscrinet.services.counters import counter_next


def _three_increments():
    with transaction.atomic():
        return [counter_next(name="essai"), counter_next(name="essai"), counter_next(name="autre")]


@pytest.mark.django_db
def test_counter_counts_from_one_in_one_statement_each():
    with CaptureQueriesContext(connection) as queries:
        assert _three_increments() == [1, 2, 1]
    assert connection.features.can_return_columns_from_insert  # SQLite 3.35+, PostgreSQL
    assert len([q for q in queries if "counter" in q["sql"]]) == 3
    assert Counter.objects.get(name="essai").value == 2


@pytest.mark.django_db
def test_counter_without_returning_counts_alike(monkeypatch):
    monkeypatch.setattr(connection.features, "can_return_columns_from_insert", False)
    Counter.objects.create(name="autre", value=41)
    assert _three_increments() == [1, 2, 42]
