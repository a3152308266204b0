"""A session id planted in a shared browser before the candidate starts (session fixation)
opens nothing: the key is cycled when a registration starts and when it is validated."""

import pytest
from django.test import Client
from django.urls import reverse

from inscrinet.models import Dossier, DossierVersion
from tests.candidates.journey import ACCRALL, Walker

pytestmark = pytest.mark.django_db


def planted_session(toulouse) -> str:
    """The attacker's own session id, valid in the database."""
    attacker = Client()
    attacker.get(
        reverse("candidates:wizard", kwargs={"session_pk": toulouse.pk, "step": "origine"})
    )
    return attacker.cookies["sessionid"].value


def test_a_planted_session_id_opens_nothing_of_a_dossier_validated_afterwards(toulouse):
    planted = planted_session(toulouse)
    victim = Client()
    victim.cookies["sessionid"] = planted
    Walker(victim, toulouse).walk(ACCRALL)  # posts every screen, « Valider » included
    dossier = Dossier.objects.get()
    key = DossierVersion.objects.get().submission_key
    assert victim.cookies["sessionid"].value != planted
    assert "1 - 0" in victim.get(f"/inscription/validation/{key}/").content.decode()

    attacker = Client()
    attacker.cookies["sessionid"] = planted
    assert attacker.get(f"/inscription/validation/{key}/").status_code == 404
    detail = reverse("candidates:dossier", args=[toulouse.pk, dossier.number])
    assert attacker.get(detail)["Location"] == reverse("candidates:consult", args=[toulouse.pk])
    for kind in ("confirmation", "recapitulatif"):
        url = reverse("candidates:document", args=[toulouse.pk, dossier.number, 0, kind])
        assert attacker.get(url).status_code == 404
    modify = reverse("candidates:modify_resume", args=[toulouse.pk, dossier.number])
    assert attacker.get(modify)["Location"] == reverse("candidates:consult", args=[toulouse.pk])


def test_a_planted_session_id_sees_nothing_typed_after_the_first_screen(toulouse):
    planted = planted_session(toulouse)
    victim = Client()
    victim.cookies["sessionid"] = planted
    walker = Walker(victim, toulouse)
    victim.get(walker.url("origine"))  # the candidate opens the first screen
    assert victim.cookies["sessionid"].value != planted
    walker.walk({k: ACCRALL[k] for k in ("origine", "etat_civil", "adresse")}, until="adresse")

    attacker = Client()
    attacker.cookies["sessionid"] = planted
    for step in ("etat_civil", "adresse", "autres"):
        page = attacker.get(walker.url(step), follow=True).content.decode()
        assert "ACCRALL" not in page and "15 voie verte" not in page


def test_an_unknown_session_id_is_not_taken_as_the_new_key(toulouse):
    """A browser without a stored session gets its key when its first screen is saved:
    never the one its cookie carried."""
    planted = "k" * 32
    victim = Client()
    victim.cookies["sessionid"] = planted
    walker = Walker(victim, toulouse)
    assert victim.get(walker.url("origine")).status_code == 200
    assert victim.cookies["sessionid"].value not in ("", planted)
    walker.walk({"origine": ACCRALL["origine"]}, until="origine")
    assert victim.cookies["sessionid"].value != planted
