"""The validation service re-derives acquis and épreuves from the catalog and the declared
values (inscrinet/rules), whatever the screens said: tampered declarations are refused."""

import uuid

import pytest

from inscrinet.actors import CandidateActor
from inscrinet.declarations import acquis_field
from inscrinet.models import (
    Categorie,
    DiplomaEpreuve,
    Dossier,
    Etablissement,
    Service,
    Session,
    Specialty,
)
from inscrinet.services.candidature import CandidatureInput, candidature_submit
from inscrinet.services.errors import DomainError
from tests.candidates.journey import ACCRALL_EPREUVES, accrall_steps


def submit(session, steps):
    """The dossier the service stores (it returns the version it created)."""
    return candidature_submit(
        CandidatureInput(session=session, screens=steps, service=Service.GRAND_PUBLIC),
        submission_key=uuid.uuid4().hex,
        actor=CandidateActor(),
    ).dossier


def test_the_stored_table_is_derived_from_the_declarations(toulouse):
    dossier = submit(toulouse, accrall_steps())
    table = dossier.versions.get().snapshot["epreuves"]
    assert [(e["code"], e["label"], e["position"], e["mode"]) for e in table] == ACCRALL_EPREUVES


def test_an_unanswered_option_is_refused(toulouse):
    with pytest.raises(DomainError, match="EP2A : Choisissez une option dans la liste."):
        submit(toulouse, accrall_steps(epreuves={"option_EP2A": ""}))
    assert not Dossier.objects.exists()


def test_a_diploma_of_another_specialty_is_refused(toulouse):
    with pytest.raises(DomainError, match="ne donne pas de droit dans cette spécialité"):
        submit(toulouse, accrall_steps(diplomes={"diplomas": ["500 - 99999", "320 - 22402"]}))


def test_a_kept_acquis_in_the_future_is_refused(toulouse):
    eg1 = DiplomaEpreuve.objects.get(diploma__code="500 - 99999", code="EG1")
    with pytest.raises(DomainError, match="EG1 .* futur"):
        submit(toulouse, accrall_steps(acquis={acquis_field(eg1, "year"): "2999"}))


def test_eps_pair_not_in_the_session_is_refused(toulouse):
    # Nothing ticked: EG3 is sat, and the Toulouse pairs apply.
    steps = accrall_steps(diplomes={"diplomas": []})
    steps["epreuves"]["eps_EG3"] = "Sauvetage + Badminton"  # a Limoges pair only
    with pytest.raises(DomainError, match="pas proposé dans cette session"):
        submit(toulouse, steps)
    steps["epreuves"]["eps_EG3"] = "Demi-fond (3x500m) + Badminton simple"
    assert submit(toulouse, steps).number == 1


def test_bts_grade_under_10_refused_in_forme_globale(demo):
    bts = Session.objects.get(exam__code="BTS")
    e1 = DiplomaEpreuve.objects.get(diploma__code="320 - 22402", code="E1-")
    steps = accrall_steps(
        autres={"categorie": Categorie.objects.get(exam__code="BTS", code="AI")},
        etablissement={"etablissement": Etablissement.objects.get(code="03500001")},
        specialite={"specialty": Specialty.objects.get(code="AEA")},
        diplomes={"diplomas": ["320 - 22402"]},
    )
    steps["acquis"] = {
        acquis_field(e1, "keep"): True,
        acquis_field(e1, "year"): "2010",
        acquis_field(e1, "place"): "RENNES",
        acquis_field(e1, "grade"): "8",
    }
    steps["epreuves"] = {"position_EF1": "Non inscrit"}
    with pytest.raises(DomainError, match="forme progressive"):
        submit(bts, steps)
    steps["specialite"] = {**steps["specialite"], "forme": "progressive"}
    steps["epreuves"] = {
        "position_EF1": "Non inscrit",
        **{f"position_{c}": "Inscrit" for c in ("E2_", "E3_", "E4_", "E5_")},
        "option_E2_": "Anglais",
    }
    version = submit(bts, steps).versions.get()
    table = {e["code"]: (e["position"], e["note"]) for e in version.snapshot["epreuves"]}
    assert table["E1-"] == ("Bénéfice", "8.00")


def test_the_precisions_a_candidature_asks_are_required_at_validation(toulouse):
    with pytest.raises(DomainError, match="forme finale demandée par dérogation"):
        submit(toulouse, accrall_steps(specialite={"derogation": "oui"}))
    aepe = Specialty.objects.get(code="33204")
    steps = accrall_steps(specialite={"specialty": aepe}, diplomes={"diplomas": []})
    steps["acquis"], steps["epreuves"] = {}, {"eps_EG3": "Demi-fond (3x500m) + Badminton simple"}
    with pytest.raises(DomainError, match="Situation professionnelle"):
        submit(toulouse, steps)
    steps["precisions"] = {"extra_situation_professionnelle": "Hors liste"}
    with pytest.raises(DomainError, match="Situation professionnelle"):
        submit(toulouse, steps)
    assert not Dossier.objects.exists()
    steps["precisions"] = {"extra_situation_professionnelle": "Autre cas"}
    snapshot = submit(toulouse, steps).versions.get().snapshot
    assert snapshot["candidature"]["extra"] == {"Situation professionnelle": "Autre cas"}
    assert snapshot["candidature"]["forme_finale"] == "Globale"
