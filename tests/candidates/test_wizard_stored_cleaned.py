"""The wizard reads earlier screens' answers as stored when each was validated (the deadline
hour: re-cleaning them on every request was most of its cost), and still sees a change."""

import copy
from unittest import mock

from candidates.forms import EtatCivilForm, SpecialiteForm
from inscrinet.models import Dossier
from tests.candidates.journey import ACCRALL, Walker
from tests.support.spy import calls_to


def _count_cleans(*forms):
    calls = []
    patches = [
        mock.patch.object(form, "clean", autospec=True, side_effect=_recorder(form, calls))
        for form in forms
    ]
    return patches, calls


def _recorder(form, calls):
    original = form.clean

    def record(self, *args, **kwargs):
        calls.append(type(self).__name__)
        return original(self, *args, **kwargs)

    return record


def test_later_screens_do_not_clean_the_earlier_ones_again(client, toulouse):
    walker = Walker(client, toulouse)
    walker.walk(ACCRALL, until="epreuves")
    patches, calls = _count_cleans(EtatCivilForm, SpecialiteForm)
    for patch in patches:
        patch.start()
    try:
        assert "Broderie machine" in client.get(walker.url("epreuves")).content.decode()
        recapitulatif = client.get(walker.url("recapitulatif")).content.decode()
        assert "Arts de la broderie" in recapitulatif
    finally:
        for patch in patches:
            patch.stop()
    assert calls == []


def test_a_posted_screen_is_cleaned_once(client, toulouse):
    """The conditions that choose the next screen read the screen just posted: from the
    cleaned data kept when it was stored, not by cleaning it (and its G11 query) again."""
    walker = Walker(client, toulouse)
    walker.walk(ACCRALL, until="resultats")
    patches, calls = _count_cleans(SpecialiteForm)
    for patch in patches:
        patch.start()
    try:
        response = walker.post("specialite", ACCRALL["specialite"])
    finally:
        for patch in patches:
            patch.stop()
    assert response.status_code == 302 and response["Location"].endswith("/diplomes/")
    assert calls == ["SpecialiteForm"]


def test_an_earlier_answer_changed_is_what_the_recapitulatif_and_the_dossier_hold(client, toulouse):
    walker = Walker(client, toulouse)
    walker.walk(ACCRALL, until="epreuves")
    assert "Dack" in client.get(walker.url("recapitulatif")).content.decode()

    corrected = copy.deepcopy(ACCRALL["etat_civil"])
    corrected["first_names"] = "Jean-Noel"
    assert walker.post("etat_civil", corrected).status_code == 302
    page = client.get(walker.url("recapitulatif")).content.decode()
    assert "Jean-Noel" in page and "Dack" not in page

    response = walker.post("recapitulatif", {})
    assert response.status_code == 302 and "/validation/" in response["Location"]
    assert Dossier.objects.get(birth_name="ACCRALL").first_names == "Jean-Noel"


def test_a_catalogue_change_after_a_screen_is_caught_at_valider(client, toulouse):
    """The stored answers are not trusted at « Valider »: every screen is validated again
    against the database as it is then (here the specialty is no longer offered)."""
    walker = Walker(client, toulouse)
    walker.walk(ACCRALL, until="epreuves")
    from inscrinet.models import Specialty

    Specialty.objects.filter(label="Arts de la broderie").update(academie=_other(toulouse))
    response = walker.post("recapitulatif", {})
    assert "/validation/" not in response.get("Location", "")
    assert not Dossier.objects.filter(birth_name="ACCRALL").exists()


def _other(session):
    from inscrinet.models import Academie

    return Academie.objects.exclude(pk=session.academie_id).first()


def test_a_specialty_catalogue_is_built_once_per_process_and_again_after_a_change(client, toulouse):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from inscrinet.models import Epreuve

    walker = Walker(client, toulouse)
    walker.walk(ACCRALL, until="epreuves")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(walker.url("epreuves")).status_code == 200
    assert not [q for q in queries.captured_queries if '"inscrinet_epreuve"' in q["sql"]]
    counter_reads = [q for q in queries.captured_queries if '"inscrinet_counter"' in q["sql"]]
    # PostgreSQL: the generation comes with the session's row versions, no query of its own.
    assert len(counter_reads) == 1
    assert ("xmin" in counter_reads[0]["sql"]) == (connection.vendor == "postgresql")

    epreuve = Epreuve.objects.get(specialty__label="Arts de la broderie", code="EP1")
    epreuve.label = "Arts appliqués (intitulé revu par la DEC)"
    epreuve.save()
    page = client.get(walker.url("recapitulatif")).content.decode()
    assert "Arts appliqués (intitulé revu par la DEC)" in page


def test_the_declarations_are_derived_once_per_request_for_the_same_answers(client, toulouse):
    """The épreuves' follow-up condition asks for them each time the screens are chosen."""
    from candidates.wizard import InscriptionWizard

    walker = Walker(client, toulouse)
    walker.walk(ACCRALL, until="bilan")
    with calls_to(InscriptionWizard, "_declarations_derived") as derive:
        assert walker.post("epreuves", ACCRALL["epreuves"]).status_code == 302
    asked = [call.args[1] for call in derive.call_args_list]  # choices_from
    assert asked and len(asked) == len(set(asked))
