"""A candidate page's session (inscrinet.selectors.candidate_session): on PostgreSQL the rows
are kept per process and checked by their row versions, so any write — even a bare
`.update()` inside the same transaction — is seen by the next page."""

import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from inscrinet.models import Academie, Exam, Session
from inscrinet.selectors import candidate_session


@pytest.fixture
def toulouse(demo):
    return Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )


def test_every_write_is_seen_by_the_next_page(toulouse):
    first = candidate_session(toulouse.pk)
    assert first.exam.code == "CAP" and first.academie.name == "Toulouse"

    closes = timezone.now() - datetime.timedelta(minutes=1)
    Session.objects.filter(pk=toulouse.pk).update(public_closes_at=closes, locked=True)
    after = candidate_session(toulouse.pk)
    assert after.locked and after.public_closes_at == closes
    Exam.objects.filter(pk=toulouse.exam_id).update(label="CAP renommé")
    assert candidate_session(toulouse.pk).exam.label == "CAP renommé"
    Academie.objects.filter(pk=toulouse.academie_id).update(name="Toulouse bis")
    assert candidate_session(toulouse.pk).academie.name == "Toulouse bis"
    Session.objects.filter(pk=toulouse.pk).update(locked=False)
    assert not candidate_session(toulouse.pk).locked


def test_each_page_gets_its_own_copy(toulouse):
    one = candidate_session(toulouse.pk)
    one.label = "changé par une page"
    one.exam.label = "changé aussi"
    one.academie = None  # a relation set on one page's copy
    one._state.adding = True
    other = candidate_session(toulouse.pk)
    assert other.label == toulouse.label and other.exam.label == toulouse.exam.label
    assert other.academie.name == "Toulouse" and other._state.adding is False
    assert other._state.db == "default" and other.exam._state.db == "default"
    assert other.exam is not one.exam


def test_an_unknown_session_is_a_404(db):
    with pytest.raises(Http404):
        candidate_session(10**15)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="rows kept on PostgreSQL only")
def test_an_unchanged_session_costs_one_small_query(toulouse):
    candidate_session(toulouse.pk)
    with CaptureQueriesContext(connection) as queries:
        candidate_session(toulouse.pk)
    assert len(queries) == 1 and "xmin" in queries[0]["sql"]
