"""Sessions and their periods (G1)."""

import threading

from django.db import connection
from django.db.models.base import ModelState
from django.http import Http404
from django.utils import timezone

from inscrinet.models import Academie, CandidateAccess, Counter, EpsPair, Exam, Service, Session
from inscrinet.selectors.reference import (
    REFERENCE_GENERATION,
    per_generation,
    reference_generation,
)

# Every candidate page reads its session with its exam and académie: on PostgreSQL each
# process keeps the rows it read with their row versions, and a page checks the versions in
# one small query instead of rebuilding the three rows through the ORM. A row's version is
# its `xmin` (the transaction that wrote it) and `ctid` (where: every UPDATE writes a new
# tuple elsewhere, even twice in one transaction), whoever writes it: a service, the admin,
# a `.update()`. Elsewhere (SQLite), the rows are read each time. The same query reads the
# reference generation, which most wizard requests need too (selectors/reference.py).
_kept: dict = {}  # pk → (row versions, Session)
_kept_lock = threading.Lock()
_KEPT_AT_MOST = 1000


def candidate_session(session_pk) -> Session:
    """The session of a candidate page, with its exam and académie (404 if none); a copy
    of its own for the caller."""
    if connection.vendor != "postgresql":
        try:
            return Session.objects.select_related("exam", "academie").get(pk=session_pk)
        except Session.DoesNotExist:
            raise Http404 from None
    found = _row_versions(session_pk)
    if found is None:
        raise Http404
    *versions, generation = found
    reference_generation.remember(generation or 0)
    versions = tuple(versions)
    kept = _kept.get(session_pk)
    if kept is None or kept[0] != versions:
        session = Session.objects.select_related("exam", "academie").get(pk=session_pk)
        with _kept_lock:
            if len(_kept) >= _KEPT_AT_MOST:
                _kept.clear()
            _kept[session_pk] = kept = (versions, session)
    return _copy(kept[1])


@per_generation
def eps_pairs(session_pk) -> tuple:
    """The session's allowed pairs of EPS activities (seed 001), read once per process and
    reference generation within requests (the screens, their conditions and the service
    each need them; the DEC changes them through `session_eps_pairs_set`)."""
    pairs = EpsPair.objects.filter(session_id=session_pk).order_by("id")
    return tuple(pairs.values_list("first_activity", "second_activity"))


def _row_versions(session_pk):
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT s.xmin::text, s.ctid::text, e.xmin::text, e.ctid::text, "
            f"a.xmin::text, a.ctid::text, "
            f"(SELECT value FROM {quote(Counter._meta.db_table)} WHERE name = %s) "
            f"FROM {quote(Session._meta.db_table)} s "
            f"JOIN {quote(Exam._meta.db_table)} e ON e.id = s.exam_id "
            f"JOIN {quote(Academie._meta.db_table)} a ON a.id = s.academie_id "
            "WHERE s.id = %s",
            [REFERENCE_GENERATION, session_pk],
        )
        return cursor.fetchone()


def _copy(session):
    """A page may set attributes on its session: not on the one other pages share."""
    fresh = _row_copy(session)
    fresh._state.fields_cache = {
        name: related if related is None else _row_copy(related)
        for name, related in session._state.fields_cache.items()
    }
    return fresh


def _row_copy(row):
    """`copy.copy(row)` without Django's pickling path (state copied by the copy module,
    class found again by name, a version stamp added then checked): 2.4 µs instead of 11
    for the three rows of every page. The same copy: own attributes, own state, own
    relation cache (the related rows shared until the caller copies them)."""
    fresh = row.__class__.__new__(row.__class__)
    fresh.__dict__.update(row.__dict__)
    fresh._state = state = ModelState()
    state.__dict__.update(row._state.__dict__)
    state.__dict__.pop("related_managers_cache", None)
    state.fields_cache = dict(row._state.fields_cache)
    return fresh


def candidate_session_cache_clear() -> None:
    """For tests that reuse primary keys across databases."""
    with _kept_lock:
        _kept.clear()


def session_periods(now=None):
    """Every session with its académie, exam and the period of each service (G1)."""
    now = now or timezone.now()
    sessions = Session.objects.select_related("exam", "academie").order_by(
        "exam__order", "exam__code", "academie__name", "label"
    )
    return [
        {
            "session": session,
            "services": [
                {
                    "label": service.label,
                    "opens_at": session.period(service)[0],
                    "closes_at": session.period(service)[1],
                    "is_open": session.is_open(service, now),
                }
                for service in Service
            ],
        }
        for session in sessions
    ]


def open_sessions(service, now=None, *, by_account=False):
    """Sessions whose `service` is open now (G1), with exam and académie, among those
    reached by number (Inscrinet) or, `by_account`, by candidate account (Cyclades)."""
    now = now or timezone.now()
    if service == Service.GRAND_PUBLIC:
        period = {"public_opens_at__lte": now, "public_closes_at__gt": now}
    else:
        period = {"etablissement_opens_at__lte": now, "etablissement_closes_at__gt": now}
    access = CandidateAccess.COMPTE if by_account else CandidateAccess.NUMERO
    return Session.objects.filter(**period, candidate_access=access).select_related(
        "exam", "academie"
    )
