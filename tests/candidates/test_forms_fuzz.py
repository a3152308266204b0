"""Property-based fuzzing: no input makes a wizard form (or its screen) fail with a 500."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candidates import forms as f
from candidates.etablissement_forms import EtablissementLoginForm
from inscrinet.models import Categorie, Etablissement, Session
from tests.candidates.journey import ACCRALL, Walker

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["", "00/00/0000", "99999", "099", "075", "31/02/2004", "+33", "<script>", "1" * 300]
    ),
)


def _form_factories():
    session = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    categorie = Categorie.objects.get(exam__code="CAP", code="SCO")
    etab = Etablissement.objects.get(code="0310038Y")
    return {
        "origine": lambda data: f.OrigineForm(data, prefix="o", exam=session.exam),
        "etat_civil": lambda data: f.EtatCivilForm(data, prefix="o"),
        "adresse": lambda data: f.AdresseForm(data, prefix="o"),
        "autres": lambda data: f.AutresDonneesForm(
            data, prefix="o", session=session, birth_year=2004
        ),
        "etablissement": lambda data: f.EtablissementForm(
            data, prefix="o", session=session, categorie=categorie
        ),
        "resultats": lambda data: f.ResultatsForm(data, prefix="o"),
        "specialite": lambda data: f.SpecialiteForm(
            data,
            prefix="o",
            session=session,
            categorie=categorie,
            etablissement=etab,
            conflict=lambda specialty: None,
        ),
        "etablissement_login": lambda data: EtablissementLoginForm(data, prefix="o"),
    }


@pytest.mark.parametrize(
    "name",
    [
        "origine",
        "etat_civil",
        "adresse",
        "autres",
        "etablissement",
        "resultats",
        "specialite",
        "etablissement_login",
    ],
)
def test_every_form_survives_any_input(demo, name):
    build = _form_factories()[name]
    field_names = list(build({}).fields)

    @FUZZ
    @given(values=st.lists(text, min_size=len(field_names), max_size=len(field_names)))
    def check(values):
        form = build({f"o-{n}": v for n, v in zip(field_names, values, strict=True)})
        form.is_valid()  # must not raise
        if not form.is_valid():
            assert form.errors

    check()


@pytest.mark.parametrize("step", ["etat_civil", "adresse"])
def test_screens_never_answer_500(demo, step):
    session = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    field_names = list(ACCRALL[step])

    @FUZZ
    @given(values=st.lists(text, min_size=len(field_names), max_size=len(field_names)))
    def check(values):
        walker = Walker(Client(raise_request_exception=True), session)
        steps = list(ACCRALL)
        walker.walk(
            {s: ACCRALL[s] for s in steps[: steps.index(step)]}, until=steps[steps.index(step) - 1]
        )
        response = walker.post(step, dict(zip(field_names, values, strict=True)))
        assert response.status_code in (200, 302)

    check()
