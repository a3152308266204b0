"""M5 for the DEC: the search, the dossier page (versions and what changed, field by
field), « Confirmation signée reçue » (the candidate can no longer modify), « Annuler » with
a reason the candidate sees, a failed confirmation email sent again; the dashboard's
queries do not grow with the number of dossiers."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from inscrinet.models import ConfirmationEmail, Dossier, DossierState, EmailState
from tests.candidates.journey import ACCRALL, Walker
from tests.candidates.test_consult_modify import Modifier, dossier_page, modify_phone
from tests.candidates.test_wizard_journeys import text_of
from tests.factories import submit_dossier
from tests.management.dec import logged_in, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def validated(client, toulouse):
    """ACCRALL Dack validated through the wizard in `client` (unlocked there): 1 - 0."""
    Walker(client, toulouse).walk(ACCRALL)
    return Dossier.objects.get()


def test_search_ignores_accents_and_case_and_sorts(client, toulouse):
    submit_dossier(toulouse, birth_name="Lefèvre-Château", first_names="Émilie")
    submit_dossier(toulouse, birth_name="ACCRALL")
    dec = logged_in(Client(), "dec-toulouse")
    for typed in ("lefevre", "LEFÈVRE chateau", "emilie", "CHÂTEAU Émilie"):
        page = text_of(dec.get(url("dossiers"), {"nom": typed}))
        assert "1 dossier trouvé" in page and "Lefèvre-Château" in page, typed
    by_state = text_of(dec.get(url("dossiers"), {"etat": "pre_inscrit", "tri": "nom"}))
    assert by_state.index("ACCRALL") < by_state.index("Lefèvre-Château")
    by_birth = text_of(dec.get(url("dossiers"), {"naissance": "28/11/2004"}))
    assert "2 dossiers trouvés" in by_birth
    hostile = dec.get(url("dossiers"), {"naissance": "31/02/2004", "numero": "99999999999999"})
    assert hostile.status_code == 200 and "resume-erreurs" in hostile.content.decode()


def test_search_takes_numbers_dates_names_and_emails_as_people_type_them(toulouse):
    """A candidate on the phone reads out « 2 - 0 », their N° candidat, a birth date with
    dots or no separator, « Rousseau-Chloé », or the gestionnaire pastes their email."""
    from inscrinet.rules.candidate import BirthDateParts

    submit_dossier(toulouse, birth_name="ACCRALL")  # n° 1, born 28/11/2004
    chloe = submit_dossier(
        toulouse,
        birth_name="Rousseau",
        first_names="Chloé Anne",
        birth_date=BirthDateParts(2006, 5, 17),
        email="Chloe.Rousseau@Example.org",
    )
    unknown_day = submit_dossier(
        toulouse, birth_name="NGUYEN", first_names="Thanh", birth_date=BirthDateParts(1988)
    )
    dec = logged_in(Client(), "dec-toulouse")

    def found(**criteria):
        response = dec.get(url("dossiers"), criteria)
        assert "resume-erreurs" not in response.content.decode(), criteria
        return text_of(response)

    for typed in ("2", "002", "2 - 0", "2-0", "n° 2", chloe.candidate_number):
        page = found(numero=typed)
        assert "1 dossier trouvé" in page and "Rousseau" in page, typed
    for typed in ("17/05/2006", "17/5/2006", "17.05.2006", "17 05 2006", "17052006", "2006-05-17"):
        page = found(naissance=typed)
        assert "1 dossier trouvé" in page and "Rousseau" in page, typed
    for typed in ("ROUSSEAU-CHLOE", "chloé rousseau", "chloe.rousseau@example.org"):
        page = found(nom=typed)
        assert "1 dossier trouvé" in page and "Rousseau" in page, typed
    for typed in ("00/00/1988", "1988"):  # a birth date kept without day and month
        page = found(naissance=typed)
        assert "1 dossier trouvé" in page and "NGUYEN" in page, typed
    assert unknown_day.birth_day is None
    for criteria in ({"numero": "2 - x"}, {"numero": "²"}, {"naissance": "17/05/06"}):
        page = dec.get(url("dossiers"), criteria).content.decode()
        assert "resume-erreurs" in page, criteria


def test_the_version_diff_names_each_changed_field(client, validated, toulouse):
    assert modify_phone(client, validated, "0611223344").status_code == 302
    dec = logged_in(Client(), "dec-toulouse")
    page = text_of(dec.get(url("dossier", validated.pk)))
    assert "Ce qui a changé de la version 0 à la version 1" in page
    assert "Adresse › Téléphone mobile" in page and "0611223344" in page
    assert "État civil › Nom de famille" not in page  # unchanged fields are not listed


def test_confirmation_signee_recue_makes_the_dossier_definitive_and_unmodifiable(client, validated):
    dec = logged_in(Client(), "dec-toulouse")
    dec.post(
        url("dossier_action", validated.pk), {"action": "rendre_definitif", "etat": "pre_inscrit"}
    )
    assert Dossier.objects.get(pk=validated.pk).state == DossierState.DEFINITIF
    # A replayed click (Back, double click) changes nothing more.
    dec.post(
        url("dossier_action", validated.pk), {"action": "rendre_definitif", "etat": "pre_inscrit"}
    )
    assert validated.transitions.filter(to_state=DossierState.DEFINITIF).count() == 1
    page = text_of(dossier_page(client, validated))
    assert "Inscription définitive" in page and ">Modifier</a>" not in page
    assert Modifier(client, validated).start().status_code == 302
    assert Modifier(client, validated).post("adresse", {}).status_code == 302
    assert Dossier.objects.get(pk=validated.pk).current_version == 0


def test_annuler_needs_a_reason_that_the_candidate_then_sees(client, validated):
    dec = logged_in(Client(), "dec-toulouse")
    empty = dec.post(url("dossier_action", validated.pk), {"action": "annuler_dec", "reason": " "})
    assert "Ce champ est obligatoire" in empty.content.decode()
    assert Dossier.objects.get(pk=validated.pk).state == DossierState.PRE_INSCRIT
    dec.post(
        url("dossier_action", validated.pk),
        {"action": "annuler_dec", "reason": "Doublon avec le dossier 12"},
    )
    assert Dossier.objects.get(pk=validated.pk).state == DossierState.ANNULE_DEC
    assert "Annulée par le service des examens" in text_of(dossier_page(client, validated))
    transitions = text_of(dec.get(url("dossier", validated.pk)))
    assert "Doublon avec le dossier 12" in transitions
    dec.post(url("dossier_action", validated.pk), {"action": "reactiver_dec"})
    assert Dossier.objects.get(pk=validated.pk).state == DossierState.PRE_INSCRIT


def test_a_failed_confirmation_email_is_sent_again_once(validated):
    email = ConfirmationEmail.objects.get(version__dossier=validated)
    ConfirmationEmail.objects.filter(pk=email.pk).update(state=EmailState.FAILED, attempts=5)
    dec = logged_in(Client(), "dec-toulouse")
    page = dec.get(url("dossier", validated.pk)).content.decode()
    assert "Renvoyer le courriel" in page
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.count()
    for _ in range(2):  # a double click queues one email
        dec.post(url("email_resend", validated.pk, email.pk))
    assert DBTaskResult.objects.count() == queued + 1
    assert ConfirmationEmail.objects.get(pk=email.pk).state == EmailState.PENDING


def _dossiers(session, count):
    """`count` dossiers straight into the table (the dashboard reads only columns)."""
    first = Dossier.objects.filter(session=session).first()
    Dossier.objects.bulk_create(
        Dossier(
            session=session,
            number=1000 + n,
            candidate_number=f"9{n:010d}",
            submission_key=f"bulk-{n}",
            specialty_id=first.specialty_id,
            categorie_id=first.categorie_id,
            etablissement_id=first.etablissement_id,
            forme=first.forme,
            birth_name=f"NOM{n}",
            first_names="Prénom",
            identity_key=f"nom{n}|prenom",
            birth_year=2000,
            email="x@example.org",
        )
        for n in range(count)
    )


def test_the_dashboards_queries_do_not_grow_with_the_number_of_dossiers(validated, toulouse):
    dec = logged_in(Client(), "dec-toulouse")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            page = dec.get(url("dashboard", toulouse.pk))
        assert page.status_code == 200
        return len(captured), text_of(page)

    _dossiers(toulouse, 9)
    queries()  # the first request of a login stamps the session: not the page's own cost
    few, page = queries()
    assert "0 / 10" in page  # confirmations received / expected
    Dossier.objects.filter(number__gte=1000).delete()
    _dossiers(toulouse, 4999)
    many, page = queries()
    assert "0 / 5000" in page
    assert many == few
