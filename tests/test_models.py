"""Invariants held by the database itself (issue: foundation)."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from inscrinet.actors import EstablishmentActor, EtablissementAccess
from inscrinet.models import (
    Dossier,
    DossierVersion,
    PreviousCandidate,
    PreviousResult,
    Session,
)
from inscrinet.services.dossier_states import dossier_move
from tests.factories import dossier_data, submit_dossier


@pytest.fixture
def session(demo):
    return Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )


def test_first_dossier_of_a_session_is_1_0(session):
    dossier = submit_dossier(session)
    assert dossier.display_number == "1 - 0"
    assert len(dossier.candidate_number) == 11 and dossier.candidate_number.isdigit()
    assert dossier.versions.get().version == 0
    transition = dossier.transitions.get()
    assert (transition.from_state, transition.to_state) == ("", "pre_inscrit")


def test_duplicate_dossier_number_in_a_session_is_rejected(session):
    first = submit_dossier(session)
    data = dossier_data(session)
    with pytest.raises(IntegrityError), transaction.atomic():
        Dossier.objects.create(
            session=session,
            number=first.number,
            candidate_number="99999999999",
            submission_key="another-key",
            specialty=data.specialty,
            categorie=data.categorie,
            etablissement=data.etablissement,
            forme="globale",
            birth_name="X",
            first_names="Y",
            birth_year=2000,
            email="x@example.org",
        )


def test_same_number_in_two_sessions_is_allowed(session):
    other = Session.objects.get(exam__code="CAP", academie__name="Limoges")
    first = submit_dossier(session)
    assert first.number == submit_dossier(other, birth_name="AUTRE").number == 1


def test_duplicate_version_is_rejected(session):
    dossier = submit_dossier(session)
    with pytest.raises(IntegrityError), transaction.atomic():
        DossierVersion.objects.create(dossier=dossier, version=0, snapshot={})


def test_a_version_cannot_be_changed_once_stored(session):
    version = submit_dossier(session).versions.get()
    version.snapshot = {"tampered": True}
    with pytest.raises(ValueError, match="immutable"):
        version.save()
    version.refresh_from_db()
    assert "tampered" not in version.snapshot


@pytest.mark.parametrize("grade", ["21", "-1", "20.01"])
def test_grade_outside_0_20_is_rejected(demo, grade):
    candidate = PreviousCandidate.objects.get(redoublant_number="R1400175")
    result = candidate.results.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        PreviousResult.objects.filter(pk=result.pk).update(grade=Decimal(grade))


def test_grade_20_and_no_grade_are_accepted(demo):
    result = PreviousCandidate.objects.get(redoublant_number="R1400175").results.get()
    PreviousResult.objects.filter(pk=result.pk).update(grade=Decimal("20.00"))
    PreviousResult.objects.filter(pk=result.pk).update(grade=None)  # a dispense


@pytest.mark.parametrize(
    ("month", "day", "ok"),
    [(None, None, True), (11, None, True), (11, 28, True), (None, 5, False), (13, 1, False)],
)
def test_birth_date_is_a_year_with_optional_month_and_day(session, month, day, ok):
    dossier = submit_dossier(session)
    update = Dossier.objects.filter(pk=dossier.pk)
    if ok:
        update.update(birth_month=month, birth_day=day)
        assert str(Dossier.objects.get(pk=dossier.pk).birth_date).endswith("/2004")
    else:
        with pytest.raises(IntegrityError), transaction.atomic():
            update.update(birth_month=month, birth_day=day)


def test_unknown_birth_day_and_month_print_as_00_00(session):
    dossier = submit_dossier(session)
    Dossier.objects.filter(pk=dossier.pk).update(birth_month=None, birth_day=None)
    assert str(Dossier.objects.get(pk=dossier.pk).birth_date) == "00/00/2004"


def test_same_submission_key_returns_the_same_dossier(session):
    first = submit_dossier(session, key="double-click")
    again = submit_dossier(session, key="double-click")
    assert first.pk == again.pk
    assert Dossier.objects.count() == 1


def test_a_locked_session_refuses_validation_and_saves_nothing(session):
    from inscrinet.services.lock import ServiceLocked

    Session.objects.filter(pk=session.pk).update(locked=True)
    with pytest.raises(ServiceLocked):
        submit_dossier(session)
    assert not Dossier.objects.exists()


def test_g11_one_specialty_per_exam_and_session_whatever_the_typing(session):
    from inscrinet.services.errors import DomainError

    first = submit_dossier(session)  # ACCRALL Dack, 28/11/2004
    other_specialty = session.exam.specialties.exclude(pk=first.specialty_id).first()
    with pytest.raises(DomainError, match=first.specialty.label):
        submit_dossier(
            session, birth_name="Accrâll", first_names="dack, Pierre", specialty=other_specialty
        )
    assert Dossier.objects.count() == 1
    # The refused attempt did not consume a number: the next dossier is 2.
    assert submit_dossier(session, birth_name="AUTRE").number == 2


def test_g11_cancelled_dossiers_do_not_count(session):
    first = submit_dossier(session)
    dossier_move(
        dossier=first,
        event="annuler_etablissement",
        actor=EstablishmentActor(
            etablissement_id=first.etablissement_id, code="x", access=EtablissementAccess.SUIVI
        ),
    )
    assert submit_dossier(session).number == 2


def test_validation_after_closing_time_saves_nothing(session):
    import datetime

    from django.utils import timezone

    from inscrinet.services.errors import DomainError

    Session.objects.filter(pk=session.pk).update(
        public_closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(DomainError, match="fermé"):
        submit_dossier(session)
    assert not Dossier.objects.exists()
