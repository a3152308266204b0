"""A screen's stored cleaned data is keyed by a digest of the answers it was computed from,
worked out once per request until an answer is replaced (candidates/wizard_cleaned.py): a
changed answer decides the next screen at once, and is stored under the digest the next
request finds (nothing cleaned again)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from candidates.wizard_cleaned import StoredCleanedDataMixin
from inscrinet.models import Session
from tests.candidates.journey import ACCRALL, Walker
from tests.support.spy import calls_to


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


class _Storage:
    step_data_key = "step_data"

    def __init__(self):
        self.data = {"step_data": {}}
        self.extra_data = {}


class _Wizard(StoredCleanedDataMixin):
    dossier = None

    def __init__(self, steps, storage):
        self.form_list = dict.fromkeys(steps)
        self.storage = storage


STEPS = ["origine", "etat_civil", "specialite", "acquis", "bilan"]


def _fresh(storage, step):
    """The digest worked out by a new request (nothing kept)."""
    return _Wizard(STEPS, storage).answers_digest(step)


def test_a_digest_follows_every_answer_it_depends_on_and_no_other():
    storage = _Storage()
    storage.data["step_data"] = {name: {"f": [name]} for name in STEPS}
    wizard = _Wizard(STEPS, storage)
    before = {step: wizard.answers_digest(step) for step in STEPS}
    assert len(set(before.values())) == len(STEPS)
    assert before == {step: _fresh(storage, step) for step in STEPS}

    # An earlier screen replaced (as formtools does): that screen's digest and every later
    # one change, the earlier ones do not; the same as a new request works out.
    storage.data["step_data"] = {**storage.data["step_data"], "specialite": {"f": ["autre"]}}
    after = {step: wizard.answers_digest(step) for step in STEPS}
    assert [after[s] == before[s] for s in STEPS] == [True, True, False, False, False]
    assert after == {step: _fresh(storage, step) for step in STEPS}

    # Back to the same answers: the same digests (what was stored is found again).
    storage.data["step_data"] = {**storage.data["step_data"], "specialite": {"f": ["specialite"]}}
    assert {step: wizard.answers_digest(step) for step in STEPS} == before

    # The G4 match (every screen), the acquis pages (that screen and later ones).
    storage.extra_data = {"previous_key": "abc"}
    matched = {step: wizard.answers_digest(step) for step in STEPS}
    assert all(matched[s] != before[s] for s in STEPS)
    storage.extra_data = {**storage.extra_data, "acquis_pages": [{"diploma": "500"}]}
    paged = {step: wizard.answers_digest(step) for step in STEPS}
    assert [paged[s] == matched[s] for s in STEPS] == [True, True, True, False, False]
    assert paged == {step: _fresh(storage, step) for step in STEPS}

    # A screen not stored, and a CSRF token that is not an answer.
    storage.data["step_data"] = {
        **storage.data["step_data"],
        "etat_civil": {"f": ["etat_civil"], "csrfmiddlewaretoken": ["x"]},
    }
    assert wizard.answers_digest("bilan") == paged["bilan"]
    storage.data["step_data"] = {
        k: v for k, v in storage.data["step_data"].items() if k != "origine"
    }
    assert wizard.answers_digest("origine") != paged["origine"]
    assert wizard.answers_digest("bilan") == _fresh(storage, "bilan") != paged["bilan"]

    # The dossier being modified (G18) is part of every digest.
    wizard.dossier = Session(pk=7)  # any row: only its key counts
    assert all(wizard.answers_digest(s) != _fresh(storage, s) for s in STEPS)


def test_a_step_asked_again_with_no_answer_replaced_is_not_worked_out_again():
    storage = _Storage()
    storage.data["step_data"] = {name: {"f": [name]} for name in STEPS}
    wizard = _Wizard(STEPS, storage)
    walked = []
    walk = wizard._digest_walked
    wizard._digest_walked = lambda step, *args: walked.append(step) or walk(step, *args)
    first = [wizard.answers_digest(step) for step in STEPS * 3]
    assert walked == STEPS
    assert first == [_fresh(storage, step) for step in STEPS * 3]
    # A screen stored again (a new object, even with the same answers): worked out again.
    storage.data["step_data"] = {**storage.data["step_data"], "bilan": {"f": ["bilan"]}}
    assert wizard.answers_digest("origine") == first[0]
    assert walked == [*STEPS, "origine"]


def test_a_request_works_out_the_screens_kept_by_the_conditions_once(client, toulouse):

    from formtools.wizard.views import WizardView

    walker = Walker(client, toulouse)
    walker.walk(ACCRALL, until="specialite")
    with calls_to(WizardView, "get_form_list") as worked_out:
        page = client.get(walker.url("diplomes"))
    assert page.status_code == 200 and "Diplômes" in page.content.decode()
    # Once, not at each of the ~10 questions the page asks of it (formtools' own cache
    # works out a signature of the conditions each time to notice they changed).
    assert worked_out.call_count == 1
