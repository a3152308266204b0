"""Reads compiled once, then run with new values (inscrinet/prepared.py): the same rows as the
ORM for every value, the ORM itself whenever the shape cannot be learnt."""

import datetime

from django.db import connection
from django.db.models import Q
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from inscrinet.models import Categorie, Etablissement, Session
from inscrinet.prepared import PreparedRead
from tests.support.spy import calls_to

HOSTILE = ["", "'", "%", "_", "\\", "0310038Y' OR '1'='1", "é\u202eçà", "a" * 300]


def _compiles():
    return calls_to(SQLCompiler, "as_sql")


def _row(instance):
    return {k: v for k, v in instance.__dict__.items() if k != "_state"}


def test_model_rows_values_and_flat_values_are_the_orm_s_for_every_value(demo):
    def offered(exam_id, academie_id, fictitious):
        return (
            Etablissement.objects.filter(academie_id=academie_id, exams__id=exam_id)
            .filter(is_fictitious=fictitious)
            .order_by("name")
        )

    rows = PreparedRead(offered)
    values = PreparedRead(lambda *args: offered(*args).values_list("code", "name"))
    flat = PreparedRead(lambda *args: offered(*args).values_list("code", flat=True))
    sessions = list(Session.objects.all())
    assert len(sessions) >= 3
    seen = 0
    for session in sessions:
        for fictitious in (False, True):
            args = (session.exam_id, session.academie_id, fictitious)
            expected = list(offered(*args))
            seen += len(expected)
            assert [_row(r) for r in rows(*args)] == [_row(r) for r in expected]
            assert values(*args) == list(offered(*args).values_list("code", "name"))
            assert flat(*args) == [r.code for r in expected]
    assert seen > 10
    assert rows(10**9, 10**9, True) == []  # nothing there


def test_after_the_first_call_nothing_is_compiled_and_one_query_runs(demo):
    by_code = PreparedRead(lambda code: Etablissement.objects.filter(code=code)[:21])
    by_code("0310038Y")
    with _compiles() as compiled, CaptureQueriesContext(connection) as queries:
        for code in ["0310038Y", "inconnu", *HOSTILE]:
            found = by_code(code)
            assert found == list(Etablissement.objects.filter(code=code)[:21])
        assert [r.name for r in by_code("0310038Y")] == [
            Etablissement.objects.get(code="0310038Y").name
        ]
    orm_calls = len(HOSTILE) + 3  # the test's own checks, through the ORM
    assert len(queries) == 2 * orm_calls  # one per prepared read, one per ORM read
    assert compiled.call_count == orm_calls  # the ORM's: none for the prepared reads


def test_what_cannot_be_learnt_goes_through_the_orm(demo):
    like = PreparedRead(lambda text: Etablissement.objects.filter(name__icontains=text))
    related = PreparedRead(lambda pk: Session.objects.select_related("exam").filter(pk=pk))
    either = PreparedRead(
        lambda exam_id, code: Categorie.objects.filter(Q(exam_id=exam_id) | Q(code=code))
    )
    session = Session.objects.first()
    for _ in range(2):
        assert like("lycée") == list(Etablissement.objects.filter(name__icontains="lycée"))
        assert related(session.pk)[0].exam.code == session.exam.code
        assert either(session.exam_id, "x") == list(
            Categorie.objects.filter(Q(exam_id=session.exam_id) | Q(code="x"))
        )
    # Another type of value than the first call's, None, a date: the ORM each time.
    by_pk = PreparedRead(lambda pk: Session.objects.filter(pk=pk))
    assert by_pk(session.pk) == [session]
    assert by_pk(str(session.pk)) == [session]
    assert by_pk(None) == []
    today = PreparedRead(lambda day: Session.objects.filter(public_opens_at__date__lte=day))
    assert (
        len(today(timezone.localdate()))
        == Session.objects.filter(public_opens_at__date__lte=timezone.localdate()).count()
    )
    with _compiles() as compiled:
        like("lycée")
        by_pk(None)
    assert compiled.call_count == 2


def test_a_value_used_twice_and_a_shape_that_follows_the_values(demo):
    either = PreparedRead(lambda pk: Session.objects.filter(Q(academie_id=pk) | Q(exam_id=pk)))
    for pk in sorted({s.academie_id for s in Session.objects.all()} | {1, 2, 3, 10**6}):
        expected = list(Session.objects.filter(Q(academie_id=pk) | Q(exam_id=pk)))
        assert either(pk) == expected

    def ordered(pk):  # the ordering depends on the value: SQL not the same, never prepared
        return Session.objects.filter(pk__gte=pk).order_by("label" if pk % 2 else "-label", "pk")

    sessions = PreparedRead(ordered)
    first = Session.objects.order_by("pk").first().pk
    for pk in (first, first + 1, first, first + 1):
        assert sessions(pk) == list(ordered(pk))


def test_rows_by_primary_key_and_by_submission_key(demo):
    import pytest

    from inscrinet.models import Dossier, DossierVersion
    from inscrinet.prepared import row_by_pk
    from inscrinet.selectors import by_submission_key
    from tests.factories import submit_dossier

    session = Session.objects.first()
    dossier = submit_dossier(session, key="cle-1")
    assert by_submission_key(Dossier.objects, "cle-1") == dossier
    assert by_submission_key(DossierVersion.objects, "cle-1").dossier_id == dossier.pk
    assert row_by_pk(Session, session.pk) == session
    assert row_by_pk(Dossier, dossier.pk) == dossier  # learnt here
    with _compiles() as compiled:
        assert _row(row_by_pk(Dossier, dossier.pk)) == _row(Dossier.objects.get(pk=dossier.pk))
        assert by_submission_key(Dossier.objects, "cle-1") == dossier
        for hostile in HOSTILE:
            assert by_submission_key(Dossier.objects, hostile) is None
        for missing in (10**12, 2**63, -(2**70)):  # beyond any column: the ORM's answer
            with pytest.raises(Dossier.DoesNotExist):
                row_by_pk(Dossier, missing)
    # The test's own Dossier.objects.get(), and the two integers beyond any column, left to
    # the ORM (which knows they match nothing, where PostgreSQL would refuse them).
    assert compiled.call_count == 3
    # A queryset (not a manager) goes through the ORM, as before.
    assert by_submission_key(Dossier.objects.filter(session=session), "cle-1") == dossier


def test_dates_and_a_variable_number_of_values(demo):
    from inscrinet.models import LookupCounter

    now = timezone.now()
    for n, key in enumerate(["a", "b", "c"]):
        LookupCounter.objects.create(key=key, count=n + 1, window_started_at=now)
    recent = PreparedRead(
        lambda since, *keys: LookupCounter.objects.filter(
            key__in=keys, window_started_at__gte=since
        ).values_list("count", flat=True)
    )
    hour = datetime.timedelta(hours=1)
    for since, keys in [
        (now - hour, ("a", "b")),
        (now - hour, ("a", "c")),
        (now + hour, ("a", "b")),
        (now - hour, ("c",)),
        (now, ("a", "b", "c")),
        (now + datetime.timedelta(microseconds=1), ("a", "b", "c")),
    ]:
        expected = LookupCounter.objects.filter(key__in=keys, window_started_at__gte=since)
        assert sorted(recent(since, *keys)) == sorted(expected.values_list("count", flat=True))
    if connection.vendor == "postgresql":  # SQLite is given dates as text: never prepared
        assert all(recent._plans.__dict__.values())
