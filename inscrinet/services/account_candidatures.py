"""Writes of a candidate account on its candidatures (Cyclades): « Enregistrer » through the
one validation service (C5, C10), and « Se désinscrire » (C9). The state moves go through
the one state machine (dossier_states.dossier_move)."""

from dataclasses import replace

from django.db import transaction

from inscrinet.actors import CandidateActor
from inscrinet.models import Dossier, DossierState, Service
from inscrinet.services.candidature import CandidatureInput, candidature_submit
from inscrinet.services.dossier_states import dossier_move
from inscrinet.services.errors import DomainError

WITHDRAWAL_CLOSED = (
    "Le service d'inscription est fermé : vous ne pouvez plus vous désinscrire en ligne. "
    "Contactez le service des examens : {contact}."
)
WITHDRAWAL_PUPIL = (
    "Votre candidature a été enregistrée par votre établissement : adressez-vous à lui pour "
    "toute désinscription."
)


def account_candidature_submit(
    candidature: CandidatureInput, *, submission_key: str, actor: CandidateActor, modifying=None
):
    """« Enregistrer »: version 0 of a new candidature, or version k+1 of the account's own;
    a candidature « À compléter » (pre-registered by its establishment) becomes « Inscrit »
    in the same transaction as the version that completes it."""
    with transaction.atomic():
        version = candidature_submit(
            candidature, submission_key=submission_key, actor=actor, modifying=modifying
        )
        dossier = version.dossier
        if dossier.state == DossierState.A_COMPLETER:
            dossier_move(
                dossier=dossier,
                event="completer",
                actor=replace(actor, dossier_id=dossier.pk),
            )
    return version


def withdrawal_refusal(dossier: Dossier) -> str | None:
    """Why this candidature cannot be withdrawn by its candidate now (C9), or None."""
    if dossier.service == Service.ETABLISSEMENT or dossier.account.etablissement_id:
        return WITHDRAWAL_PUPIL
    if dossier.state not in (DossierState.PRE_INSCRIT, DossierState.A_COMPLETER):
        return "Cette candidature ne peut plus être désinscrite en ligne."
    if not dossier.session.is_open(dossier.service):
        academie = dossier.session.academie
        return WITHDRAWAL_CLOSED.format(
            contact=f"{academie.dec_service}, {academie.dec_email}, {academie.dec_phone}"
        )
    return None


def candidature_withdraw(*, dossier: Dossier, actor: CandidateActor) -> Dossier:
    """C9 « Se désinscrire »: the move « désinscrit par le candidat » and its email (queued
    in the same transaction: sent if and only if the move happened)."""
    from inscrinet.tasks import send_withdrawal_email

    if actor.account_id is None or dossier.account_id != actor.account_id:
        raise DomainError("Cette candidature n'est pas celle de votre compte.")
    refusal = withdrawal_refusal(dossier)
    if refusal:
        raise DomainError(refusal)
    with transaction.atomic():
        dossier = dossier_move(
            dossier=dossier, event="desinscrire", actor=replace(actor, dossier_id=dossier.pk)
        )
        send_withdrawal_email.enqueue(dossier.pk)
    return dossier
