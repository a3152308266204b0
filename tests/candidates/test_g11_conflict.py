"""G11 (seed 001: one specialty per exam session): the dossier that stops a second one —
the same person (name and first names as typed, birth date), the same exam and session
label in any académie, not cancelled nor unregistered."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from inscrinet.actors import CandidateActor, DecActor, EtablissementAccess, establishment_actor
from inscrinet.models import BirthDateParts, Dossier, Session, User
from inscrinet.rules import identity_key
from inscrinet.selectors import dossier_conflict
from inscrinet.services.dossier_states import dossier_move
from tests.factories import submit_dossier

BIRTH = BirthDateParts(2004, 11, 28)


def _conflict(session, birth=BIRTH, name="ACCRALL", first_names="Dack", **kwargs):
    return dossier_conflict(
        session=session, identity_key=identity_key(name, first_names), birth=birth, **kwargs
    )


def test_the_same_person_s_active_dossier_of_the_same_exam_session_in_any_academie(toulouse):
    limoges = Session.objects.get(exam=toulouse.exam, academie__name="Limoges")
    bts = Session.objects.get(exam__code="BTS")
    assert _conflict(toulouse) is None
    with CaptureQueriesContext(connection) as queries:
        assert _conflict(limoges) is None
    assert len(queries) == 1  # the usual answer: one small query

    first = submit_dossier(toulouse)
    found = _conflict(limoges, name="accrâll", first_names="DACK")  # typed otherwise
    assert found == first and found.specialty.label == first.specialty.label
    assert _conflict(bts) is None  # another exam
    assert _conflict(limoges, birth=BirthDateParts(2004, 11, 29)) is None
    assert _conflict(limoges, first_names="Dick") is None
    assert _conflict(toulouse, exclude_pk=first.pk) is None  # the dossier being modified
    other_label = Session.objects.get(academie__name="Toulouse", label="2027-06 Cyclades")
    assert _conflict(other_label) is None

    # The lowest number first (the service refuses a twin: one made by hand, as a data load could)
    second = submit_dossier(limoges, first_names="Autre")
    Dossier.objects.filter(pk=second.pk).update(identity_key=first.identity_key)
    assert _conflict(toulouse, exclude_pk=first.pk) == second
    assert _conflict(toulouse) == first  # (both numbered 1: the first one stored)
    Dossier.objects.filter(pk=first.pk).update(number=2)
    assert _conflict(toulouse) == second
    # A cancelled or unregistered dossier stops nothing; reactivated, it does again.
    dec_toulouse = User.objects.get(username="dec-toulouse")
    dec = DecActor(user_id=dec_toulouse.pk, username="dec", academie_id=toulouse.academie_id)
    etablissement = establishment_actor(first.etablissement, access=EtablissementAccess.SUIVI)
    dossier_move(dossier=first, event="annuler_etablissement", actor=etablissement)
    assert _conflict(limoges, exclude_pk=second.pk) is None
    gone = submit_dossier(limoges, first_names="Partie")
    dossier_move(dossier=gone, event="desinscrire", actor=CandidateActor(dossier_id=gone.pk))
    assert _conflict(limoges, first_names="Partie") is None
    dossier_move(dossier=first, event="annuler_dec", actor=dec, reason="doublon")
    assert _conflict(limoges, exclude_pk=second.pk) is None
    dossier_move(dossier=first, event="reactiver_dec", actor=dec)
    assert _conflict(limoges, exclude_pk=second.pk) == first
