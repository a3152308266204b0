"""« Valider » (G16–G17) re-validates every screen and stores the dossier: its reads are
prepared (inscrinet/prepared.py), so once a process has validated a registration the ORM
compiles nothing but the rows « Valider » inserts."""

from django.db import connection
from django.db.models.sql.compiler import SQLCompiler

from inscrinet.models import Dossier
from tests.candidates.journey import ACCRALL, Walker
from tests.support.spy import calls_to

SQLITE_ONLY = ["inscrinet_session", "inscrinet_counter"]


def _journey(client, session, first_names):
    client.cookies.clear()
    walker = Walker(client, session)
    journey = {**ACCRALL, "etat_civil": {**ACCRALL["etat_civil"], "first_names": first_names}}
    walker.walk(journey, until="epreuves")
    assert client.get(walker.url("recapitulatif")).status_code == 200
    return walker


def test_valider_compiles_only_what_it_inserts(client, toulouse):
    first = _journey(client, toulouse, "Dack")
    assert first.post("recapitulatif").status_code == 302  # this thread's reads learnt
    second = _journey(client, toulouse, "Dick")
    with calls_to(SQLCompiler, "as_sql") as compiled:
        response = second.post("recapitulatif")
    assert response.status_code == 302 and "/validation/" in response["Location"]
    assert Dossier.objects.count() == 2
    selects = [  # SELECTs, UPDATEs and DELETEs compiled (inserts have their own compiler)
        call.args[0].query.model._meta.db_table
        for call in compiled.call_args_list
        if "Insert" not in type(call.args[0]).__name__
    ]
    # SQLite reads a page's session and increments the counters through the ORM (PostgreSQL
    # with plain statements: the session's row versions, an upsert).
    expected = [] if connection.vendor == "postgresql" else SQLITE_ONLY
    assert sorted(selects) == sorted(expected)
