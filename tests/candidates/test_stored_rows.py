"""The rows chosen on earlier screens (catégorie, establishment, specialty) are kept with the
screen's cleaned data: later screens rebuild them without a query, no secret of theirs is
copied into the session, and « Valider » decides on the rows as they are then
(candidates/wizard_cleaned.py)."""

import json

from django.contrib.sessions.models import Session as DjangoSession
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inscrinet.models import Dossier, Etablissement, Session, Specialty
from inscrinet.sessions import SessionStore
from tests.candidates.journey import ACCRALL, Walker

CHOSEN_TABLES = ("inscrinet_categorie", "inscrinet_etablissement", "inscrinet_specialty")


def _toulouse():
    return Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )


def _reads_of_chosen_rows(queries):
    return [
        q["sql"]
        for q in queries
        if q["sql"].startswith("SELECT") and any(f'FROM "{t}"' in q["sql"] for t in CHOSEN_TABLES)
    ]


def test_later_screens_do_not_read_the_chosen_rows_again(client, demo):
    walker = Walker(client, _toulouse())
    walker.walk(ACCRALL, until="epreuves")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(walker.url("recapitulatif"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Arts de la broderie" in html and "03100003" in html  # shown from the kept rows
    assert _reads_of_chosen_rows(queries.captured_queries) == []
    # The EPS pairs, needed by a condition and by the récapitulatif's snapshot: kept by the
    # process since an earlier screen read them (selectors/reference.py).
    assert not [q for q in queries.captured_queries if '"inscrinet_epspair"' in q["sql"]]


def test_no_establishment_password_is_copied_into_the_session(client, demo):
    walker = Walker(client, _toulouse())
    walker.walk(ACCRALL, until="specialite")
    etab = Etablissement.objects.get(code="03100003")
    stored = json.dumps(SessionStore().decode(DjangoSession.objects.get().session_data))
    assert "03100003" in stored  # the row is kept…
    assert etab.inscription_password not in stored  # …without its secrets
    assert etab.suivi_password not in stored
    assert "password" not in stored


def test_valider_uses_the_rows_as_they_are_at_that_moment(client, demo):
    walker = Walker(client, _toulouse())
    walker.walk(ACCRALL, until="epreuves")
    assert "Arts de la broderie" in client.get(walker.url("recapitulatif")).content.decode()
    # The DEC renames the specialty and the establishment while the candidate reads.
    Specialty.objects.filter(label="Arts de la broderie").update(label="Arts de la broderie (2027)")
    Etablissement.objects.filter(code="03100003").update(name="LYCEE RENOMME")
    response = walker.post("recapitulatif")
    assert response.status_code == 302 and "/validation/" in response["Location"]
    snapshot = Dossier.objects.get().versions.get().snapshot
    assert snapshot["candidature"]["etablissement"] == "LYCEE RENOMME (03100003)"
    assert "Arts de la broderie (2027)" in json.dumps(snapshot, ensure_ascii=False)


def test_a_question_added_meanwhile_is_asked_before_the_dossier_is_validated(client, demo):
    walker = Walker(client, _toulouse())
    walker.walk(ACCRALL, until="epreuves")
    # The DEC adds a question to the specialty after the candidate's spécialité screen.
    Specialty.objects.filter(label="Arts de la broderie").update(
        extra_questions=[{"code": "atelier", "label": "Atelier fréquenté", "choices": ["A", "B"]}]
    )
    response = walker.post("recapitulatif")
    assert Dossier.objects.count() == 0  # not validated without the answer…
    assert response.status_code == 302 and response["Location"] == walker.url("precisions")
    assert "Atelier fréquenté" in client.get(walker.url("precisions")).content.decode()


def test_valider_does_not_read_the_departements_again(client, demo):
    """The État civil screen's list, its re-validation and the snapshot share the list the
    process read for an earlier screen (selectors/reference.py)."""
    walker = Walker(client, _toulouse())
    walker.walk(ACCRALL, until="epreuves")
    with CaptureQueriesContext(connection) as queries:
        response = walker.post("recapitulatif", {})
    assert "/validation/" in response["Location"]
    reads = [q for q in queries.captured_queries if 'FROM "inscrinet_departement"' in q["sql"]]
    assert reads == []


def test_valider_finds_dossiers_and_versions_by_their_key_alone(client, demo):
    """The submission-key look-ups (replay, twin) read one table, not the session, exam and
    académie joined to sort a single row; the version just stored is not read back."""
    walker = Walker(client, _toulouse())
    walker.walk(ACCRALL, until="epreuves")
    with CaptureQueriesContext(connection) as queries:
        response = walker.post("recapitulatif", {})
    assert "/validation/" in response["Location"]
    sqls = [q["sql"] for q in queries.captured_queries]
    by_key = [q for q in sqls if q.startswith("SELECT") and '."submission_key" = ' in q]
    assert len(by_key) >= 2  # the replay check, and the dossier service's own
    assert all(" JOIN " not in q for q in by_key), by_key
    inserted = next(i for i, q in enumerate(sqls) if 'INSERT INTO "inscrinet_dossierversion"' in q)
    assert not [q for q in sqls[inserted:] if 'FROM "inscrinet_dossierversion"' in q]


def test_valider_reads_each_chosen_row_once(client, demo):
    """« Valider » validates the screens again in order and asks each screen's condition
    once the screens before it are validated again: the catégorie, establishment and
    specialty are read once (by their screens), not first for the conditions."""
    walker = Walker(client, _toulouse())
    walker.walk(ACCRALL, until="epreuves")
    with CaptureQueriesContext(connection) as queries:
        response = walker.post("recapitulatif", {})
    assert "/validation/" in response["Location"]
    reads = _reads_of_chosen_rows(queries.captured_queries)
    for table in CHOSEN_TABLES:
        assert len([q for q in reads if f'FROM "{table}"' in q]) == 1, (table, reads)
