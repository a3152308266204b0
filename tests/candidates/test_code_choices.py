"""The catégorie, establishment and specialty selects (G7, G8, G10) list their options from
the columns they show, not from model rows (an académie's establishments are hundreds),
and behave as Django's model choice fields: options in order, the answer kept selected,
a code not in the list refused on the screen."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from inscrinet.models import Etablissement, Session
from tests.candidates.journey import ACCRALL, Walker, errors_of


def _toulouse():
    return Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )


def test_the_establishment_options_are_read_as_columns(client, demo):
    session = _toulouse()
    walker = Walker(client, session)
    walker.walk(ACCRALL, until="autres")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(walker.url("etablissement")).content.decode()
    listed = [
        q["sql"] for q in queries.captured_queries if 'FROM "inscrinet_etablissement"' in q["sql"]
    ]
    assert listed and all('"inscrinet_etablissement"."address"' not in sql for sql in listed)
    expected = Etablissement.objects.filter(
        academie=session.academie, exams=session.exam, is_fictitious=False
    ).order_by("name")
    assert expected.exists()
    positions = [
        page.index(f'<option value="{e.code}">{e.name} ({e.code})</option>') for e in expected
    ]
    assert positions == sorted(positions)
    assert '<option value="" selected>Sélectionnez votre établissement</option>' in page


def test_an_answer_stays_selected_and_an_unknown_code_is_refused(client, demo):
    walker = Walker(client, _toulouse())
    walker.walk(ACCRALL, until="autres")
    kept = walker.post("etablissement", {"etablissement": "03100003", "previous_name": "Lycée"})
    assert errors_of(kept) == [
        "Ville de l'établissement précédent : Indiquez le nom et la ville de l'établissement "
        "précédent."
    ]
    assert '<option value="03100003" selected>' in kept.content.decode()

    for typed in ("9999999Z", "<script>alert(1)</script>", "0310038y"):
        refused = walker.post("etablissement", **{"etablissement-etablissement": typed})
        assert errors_of(refused) == [
            "Établissement d'inscription : Choisissez un établissement de la liste."
        ]
        assert "<script>alert" not in refused.content.decode()
