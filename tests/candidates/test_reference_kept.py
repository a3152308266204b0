"""Reference data kept per process under the reference generation (selectors/reference.py):
a session's EPS pairs and the départements are read once, not on every request, and a
change — the DEC's page, the admin, a loader — is on the next page a candidate sees."""

import copy

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inscrinet.models import Departement, EpsPair, Session
from inscrinet.request_memo import _memo
from inscrinet.selectors import departement, departements_by_code, eps_pairs
from inscrinet.services.reference import reference_load
from tests.candidates.journey import ACCRALL, Walker, without_acquis
from tests.management.dec import logged_in


def _limoges_individual_up_to_epreuves(client):
    """Seed 001: an individual candidate of Limoges sits EPS, the épreuves screen lists
    the session's pairs."""
    limoges = Session.objects.get(exam__code="CAP", academie__name="Limoges")
    data = copy.deepcopy(ACCRALL)
    data["autres"]["categorie"] = ("CAP", "AI")
    data["etablissement"]["etablissement"] = "08700001"
    data["specialite"]["specialty"] = "Boulanger"
    walker = Walker(client, limoges)
    walker.walk(without_acquis(data, {}), until="diplomes")
    return limoges, walker


def _queries_of(table, queries):
    return [q["sql"] for q in queries.captured_queries if f'"{table}"' in q["sql"]]


def test_the_eps_pairs_set_by_the_dec_are_on_the_next_page(client, demo):
    with connection.cursor() as cursor:  # a session whose pairs the DEC has not set yet
        cursor.execute("DELETE FROM inscrinet_epspair")
    limoges, walker = _limoges_individual_up_to_epreuves(client)
    page = client.get(walker.url("epreuves")).content.decode()
    assert "couple d&#x27;activités" not in page  # no pair: the question is not asked
    with CaptureQueriesContext(connection) as queries:
        assert client.get(walker.url("epreuves")).status_code == 200
    assert _queries_of("inscrinet_epspair", queries) == []  # kept by the process

    dec = Client()
    logged_in(dec, "dec-limoges")
    pairs_page = reverse("management:session_eps", args=[limoges.pk])
    dec.post(pairs_page, {"pairs": "Natation + Escalade\nSauvetage + Badminton"})
    page = client.get(walker.url("epreuves")).content.decode()
    assert "couple d&#x27;activités" in page
    assert "Natation + Escalade" in page and "Sauvetage + Badminton" in page

    dec.post(pairs_page, {"pairs": "Sauvetage + Badminton"})
    page = client.get(walker.url("epreuves")).content.decode()
    assert "Natation + Escalade" not in page and "Sauvetage + Badminton" in page


def test_eps_pairs_written_by_the_admin_or_in_bulk_are_seen_at_the_next_request(demo):
    limoges = Session.objects.get(exam__code="CAP", academie__name="Limoges")

    def in_a_request():
        token = _memo.set({})
        try:
            return eps_pairs(limoges.pk)
        finally:
            _memo.reset(token)

    before = in_a_request()
    with CaptureQueriesContext(connection) as queries:
        assert in_a_request() == before
    assert _queries_of("inscrinet_epspair", queries) == []

    pair = EpsPair.objects.create(session=limoges, first_activity="Judo", second_activity="Ski")
    assert ("Judo", "Ski") in in_a_request()  # a save: post_save
    pair.delete()
    assert ("Judo", "Ski") not in in_a_request()  # a delete: post_delete


def test_the_departements_are_read_once_and_again_after_a_change(demo):
    def in_a_request(read):
        token = _memo.set({})
        try:
            return read()
        finally:
            _memo.reset(token)

    assert in_a_request(lambda: departements_by_code()["014"].name) == "Calvados"
    with CaptureQueriesContext(connection) as queries:
        in_a_request(lambda: departements_by_code()["014"])
    assert _queries_of("inscrinet_departement", queries) == []

    # The caller gets a copy of its own: what it sets is not in the process's list.
    mine = in_a_request(lambda: departement("014"))
    mine.name = "Changé par une page"
    assert in_a_request(lambda: departements_by_code()["014"].name) == "Calvados"

    row = Departement.objects.get(code="014")
    row.name = "Calvados (nom revu)"
    row.save()
    assert in_a_request(lambda: departement("014").name) == "Calvados (nom revu)"

    # The reference loader writes in bulk (no signal): it gives a new generation itself.
    with connection.cursor() as cursor:  # a list out of date, changed behind Django's back
        cursor.execute("UPDATE inscrinet_departement SET name = 'Ancien nom' WHERE code = '014'")
        cursor.execute("DELETE FROM inscrinet_departement WHERE code = '099'")
    assert in_a_request(lambda: departement("014").name) == "Calvados (nom revu)"  # kept
    assert reference_load()["departements"]
    assert in_a_request(lambda: departement("014").name) == "Calvados"
    assert in_a_request(lambda: departement("099")) is not None


def test_postal_codes_are_known_from_the_process_and_again_after_a_change(client, toulouse):
    """G6's warning (« ne figure pas dans notre liste des codes postaux ») is asked on the
    autres screen and the récapitulatif of every registration: from a set kept per
    process, not a LIKE reading every commune; a commune added or removed counts at once."""
    from inscrinet.models import Commune
    from inscrinet.selectors.communes import postal_code_known

    def in_a_request(code):
        token = _memo.set({})
        try:
            return postal_code_known(code)
        finally:
            _memo.reset(token)

    for known in ("31000", "01300", "75013"):
        assert in_a_request(known) and postal_code_known(known)  # in a request or not
    # A whole code among the commune's codes, never a piece of one (« 01190 01380 »).
    for unknown in ("3100", "1000", "01190 01380", "", "31999"):
        assert not in_a_request(unknown) and not postal_code_known(unknown)

    walker = Walker(client, toulouse)
    walker.walk(ACCRALL, until="adresse")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(walker.url("autres")).content.decode()
    assert "ne figure pas dans notre liste" not in page
    assert _queries_of("inscrinet_commune", queries) == []

    hameau = Commune.objects.create(
        insee_code="31999", name="Hameau Neuf", search_name="HAMEAU NEUF",
        departement_id="031", kind="actuelle", postal_codes="31998 31999",
    )  # fmt: skip
    assert in_a_request("31999") and in_a_request("31998")
    hameau.delete()
    assert not in_a_request("31999")
