"""Concurrent validations: no "database is locked", unique and gapless numbers.

Runs on SQLite (IMMEDIATE transactions, busy timeout) and, in CI's second pass, on
PostgreSQL (row lock on the counter)."""

import threading

import pytest
from django.db import connection

from inscrinet.models import Dossier, Session
from tests.factories import submit_dossier

WRITERS = 20


def _validate_in_threads(session, count):
    barrier = threading.Barrier(count)
    errors, numbers = [], []

    def validate(i):
        try:
            barrier.wait()
            numbers.append(submit_dossier(session, birth_name=f"CANDIDAT{i}").number)
        except Exception as exc:  # collected and asserted below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=validate, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return numbers, errors


@pytest.mark.django_db(transaction=True)
def test_two_writers_validate_at_once_without_database_locked(demo_transactional):
    session = Session.objects.get(exam__code="CAP", academie__name="Limoges")
    numbers, errors = _validate_in_threads(session, 2)
    assert errors == []
    assert sorted(numbers) == [1, 2]


@pytest.mark.django_db(transaction=True)
def test_parallel_validations_get_distinct_consecutive_numbers(demo_transactional):
    session = Session.objects.get(exam__code="CAP", academie__name="Toulouse")
    numbers, errors = _validate_in_threads(session, WRITERS)
    assert errors == []
    assert sorted(numbers) == list(range(1, WRITERS + 1))
    stored = Dossier.objects.filter(session=session)
    assert stored.count() == WRITERS
    assert len(set(stored.values_list("candidate_number", flat=True))) == WRITERS
