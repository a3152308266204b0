"""Concurrent validations: no "database is locked", unique and gapless numbers.

Runs on SQLite (IMMEDIATE transactions, busy timeout) and, in CI's second pass, on
PostgreSQL (row lock on the counter)."""

import threading

import pytest
from django.db import connection

from inscrinet.actors import CandidateActor
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
    session = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    numbers, errors = _validate_in_threads(session, WRITERS)
    assert errors == []
    assert sorted(numbers) == list(range(1, WRITERS + 1))
    stored = Dossier.objects.filter(session=session)
    assert stored.count() == WRITERS
    assert len(set(stored.values_list("candidate_number", flat=True))) == WRITERS


@pytest.mark.django_db(transaction=True)
def test_parallel_modifications_of_one_version_store_exactly_one(demo_transactional):
    """G18: devices validating changes to version 0 at the same moment: one becomes
    version 1, the others are refused; nothing is overwritten."""
    import uuid

    from inscrinet.services.dossiers import dossier_modify
    from inscrinet.services.errors import ModificationRefused
    from tests.factories import dossier_data

    session = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    dossier = submit_dossier(session)
    barrier = threading.Barrier(WRITERS // 2)
    stored, refused, errors = [], [], []

    def modify(i):
        try:
            barrier.wait()
            version = dossier_modify(
                dossier=dossier,
                base_version=0,
                data=dossier_data(session, email=f"device{i}@example.org"),
                submission_key=uuid.uuid4().hex,
                actor=CandidateActor(dossier_id=dossier.pk),
            )
            stored.append((version.version, i))
        except ModificationRefused:
            refused.append(i)
        except Exception as exc:  # collected and asserted below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=modify, args=(i,)) for i in range(WRITERS // 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert len(stored) == 1 and len(refused) == WRITERS // 2 - 1
    ((version, winner),) = stored
    dossier.refresh_from_db()
    assert version == dossier.current_version == 1
    assert dossier.email == f"device{winner}@example.org"
    assert list(dossier.versions.values_list("version", flat=True)) == [0, 1]
