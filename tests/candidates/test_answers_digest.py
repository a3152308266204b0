"""A screen's stored cleaned data is keyed by a digest of the answers it was computed from,
worked out once per request until an answer is replaced (candidates/wizard_cleaned.py): a
changed answer decides the next screen at once, and is stored under the digest the next
request finds (nothing cleaned again)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from inscrinet.models import Session
from tests.candidates.journey import ACCRALL, Walker


def _specialty_reads(queries):
    return [q for q in queries.captured_queries if 'FROM "inscrinet_specialty"' in q["sql"]]


def test_an_answer_changed_on_a_screen_is_seen_at_once_and_stored_for_the_next_request(
    client, demo
):
    toulouse = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    walker = Walker(client, toulouse)
    walker.walk(ACCRALL, until="epreuves")
    # Back on the spécialité screen, the candidate now asks for a derogation (seed 001):
    # the « Précisions » screen follows, in the very response to that post.
    response = walker.post("specialite", {**ACCRALL["specialite"], "derogation": "oui"})
    assert response.status_code == 302
    assert response["Location"] == walker.url("precisions")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(walker.url("precisions"))
    assert page.status_code == 200
    assert _specialty_reads(queries) == []  # the new answer's cleaned data was found as stored
    # And back to « non »: the précisions screen is no longer asked.
    response = walker.post("specialite", ACCRALL["specialite"])
    assert response["Location"] == walker.url("diplomes")
    with CaptureQueriesContext(connection) as queries:
        client.get(walker.url("diplomes"))
    assert _specialty_reads(queries) == []
