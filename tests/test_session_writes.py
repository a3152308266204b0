"""The session is written only when its content changed (inscrinet/sessions.py): a wizard
screen shown again rewrites nothing, an answer posted is stored, and an in-place change of
the content is stored too."""

import json

from django.contrib.sessions.backends import db as db_backend
from django.contrib.sessions.models import Session as StoredSession
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from inscrinet.models import Session
from inscrinet.sessions import SessionStore
from tests.candidates.journey import ACCRALL, Walker


def _session_writes(queries):
    return [
        q["sql"]
        for q in queries
        if q["sql"].startswith(("UPDATE", "INSERT")) and '"django_session"' in q["sql"]
    ]


def test_a_wizard_screen_shown_again_does_not_rewrite_the_session(demo):
    session = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    walker = Walker(Client(), session)
    walker.client.get(walker.url("origine"))
    assert walker.post("origine", ACCRALL["origine"]).status_code == 302

    with CaptureQueriesContext(connection) as shown:
        response = walker.client.get(walker.url("etat_civil"))
    assert response.status_code == 200
    assert _session_writes(shown.captured_queries) == []

    with CaptureQueriesContext(connection) as posted:
        response = walker.post("etat_civil", ACCRALL["etat_civil"])
    assert response.status_code == 302
    assert len(_session_writes(posted.captured_queries)) == 1
    stored = StoredSession.objects.get(session_key=walker.client.session.session_key)
    assert ACCRALL["etat_civil"]["birth_name"] in str(SessionStore().decode(stored.session_data))


def test_an_in_place_change_is_saved_and_an_unchanged_one_is_not(db):
    store = SessionStore()
    store["wizard"] = {"steps": {"a": 1}}
    store.save()
    key = store.session_key

    again = SessionStore(session_key=key)
    again["wizard"]  # read only
    again.modified = True  # as formtools marks every read
    with CaptureQueriesContext(connection) as unchanged:
        again.save()
    assert _session_writes(unchanged.captured_queries) == []

    again["wizard"]["steps"]["b"] = 2  # mutated in place: `modified` is not what tells
    again.save()
    assert SessionStore(session_key=key)["wizard"] == {"steps": {"a": 1, "b": 2}}


def test_a_new_key_is_one_insert_and_the_old_row_one_delete(db):
    store = SessionStore()
    store["answer"] = "oui"
    store.save()
    old = store.session_key
    with CaptureQueriesContext(connection) as queries:
        store.cycle_key()
    statements = [q["sql"].split()[0] for q in queries.captured_queries]
    assert [s for s in statements if s in ("SELECT", "INSERT", "DELETE", "UPDATE")] == [
        "INSERT",
        "DELETE",
    ]
    assert not StoredSession.objects.filter(session_key=old).exists()
    assert SessionStore(store.session_key)["answer"] == "oui"


def test_a_key_already_taken_is_drawn_again(db, monkeypatch):
    taken = SessionStore()
    taken["owner"] = "someone else"
    taken.save()
    draws = iter([taken.session_key, "k" * 32])
    monkeypatch.setattr("inscrinet.sessions.get_random_string", lambda *args: next(draws))
    store = SessionStore()
    store["answer"] = "oui"
    store.save()
    assert store.session_key == "k" * 32
    assert SessionStore(taken.session_key)["owner"] == "someone else"


def test_valider_writes_the_session_once_under_its_new_key(demo):
    session = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    walker = Walker(Client(), session)
    walker.walk(ACCRALL, until="epreuves")
    old_key = walker.client.session.session_key
    with CaptureQueriesContext(connection) as queries:
        response = walker.post("recapitulatif", {})
    assert "/validation/" in response["Location"]
    writes = _session_writes(queries.captured_queries)
    assert len(writes) == 1 and writes[0].startswith("INSERT")  # the new key, final content
    assert not StoredSession.objects.filter(session_key=old_key).exists()
    assert walker.client.get(response["Location"]).status_code == 200


def test_the_content_is_stored_as_plain_json_and_rows_in_django_s_format_still_read(db):
    """No signing, compressing or second serialisation per request: the row is the JSON of
    the content, parsed once; a row written in Django's signed format (before) is read, left
    alone while unchanged, and written back as JSON once changed."""
    store = SessionStore()
    store["wizard"] = {"nom": "Ñandú <b>", "étapes": [1, 2]}
    store.save()
    row = StoredSession.objects.get(session_key=store.session_key)
    assert json.loads(row.session_data) == {"wizard": {"nom": "Ñandú <b>", "étapes": [1, 2]}}

    django_format = db_backend.SessionStore().encode({"answer": "oui"})
    assert not django_format.startswith("{")
    StoredSession.objects.create(
        session_key="d" * 32, session_data=django_format, expire_date=row.expire_date
    )
    legacy = SessionStore(session_key="d" * 32)
    assert legacy["answer"] == "oui"
    legacy.modified = True
    with CaptureQueriesContext(connection) as unchanged:
        legacy.save()
    assert _session_writes(unchanged.captured_queries) == []
    legacy["answer"] = "non"
    legacy.save()
    rewritten = StoredSession.objects.get(session_key="d" * 32).session_data
    assert json.loads(rewritten) == {"answer": "non"}
    assert SessionStore(session_key="d" * 32)["answer"] == "non"

    StoredSession.objects.filter(session_key="d" * 32).update(session_data="{not json")
    assert SessionStore(session_key="d" * 32).get("answer") is None  # never a 500
