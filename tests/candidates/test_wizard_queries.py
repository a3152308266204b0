"""Each wizard request runs a bounded number of SQL queries, whatever the data volume."""

import copy

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from inscrinet.models import Etablissement, Exam, Session
from tests.candidates.journey import ACCRALL, Walker
from tests.factories import submit_dossier

MAX_QUERIES_PER_REQUEST = 40
# « Valider votre inscription » re-validates every screen (11 for a candidate with acquis),
# re-derives the épreuve table from the catalog, then writes the dossier; it also takes the
# submission's lock (a transaction and its savepoints) and cycles the session key.
MAX_QUERIES_TO_VALIDATE = 70


def _walk_counting(session, person):
    walker = Walker(Client(), session)
    counts = {}
    for step, values in person.items():
        for page, page_values in enumerate(values if isinstance(values, list) else [values]):
            with CaptureQueriesContext(connection) as get:
                walker.client.get(walker.url(step))
            with CaptureQueriesContext(connection) as post:
                response = walker.post(step, page_values)
            assert response.status_code == 302, step
            counts[step if page == 0 else f"{step}-{page}"] = (len(get), len(post))
    return counts


def test_queries_per_request_are_bounded_and_do_not_grow(demo):
    toulouse = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    first = _walk_counting(toulouse, ACCRALL)
    validate = first.pop("recapitulatif")
    assert validate[1] <= MAX_QUERIES_TO_VALIDATE, validate
    assert validate[0] <= MAX_QUERIES_PER_REQUEST, validate
    assert max(max(pair) for pair in first.values()) <= MAX_QUERIES_PER_REQUEST, first
    first["recapitulatif"] = validate

    cap = Exam.objects.get(code="CAP")
    for i in range(30):
        etab = Etablissement.objects.create(
            code=f"0319{i:04d}",
            name=f"Individuels {i}",
            city="TOULOUSE",
            academie=toulouse.academie,
            is_fictitious=True,
            suivi_password="x",
            inscription_password="x",
        )
        etab.exams.add(cap)
        submit_dossier(toulouse, birth_name=f"CANDIDAT{i}")
    other = copy.deepcopy(ACCRALL)
    other["etat_civil"]["birth_name"] = "AUTRE"
    # The first validation of a session also creates its counter rows: later ones cost less.
    second = _walk_counting(toulouse, other)
    assert all(second[step] <= first[step] for step in first), (first, second)
