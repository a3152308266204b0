"""The one state machine: every event × actor kind allowed or refused as the table says,
scopes, reasons, concurrent moves, and no other code path writing a dossier's state."""

import ast
import threading
from pathlib import Path

import pytest
from django.db import connection

from inscrinet.actors import (
    ActorKind,
    CandidateActor,
    DecActor,
    DecRole,
    EstablishmentActor,
    EtablissementAccess,
    SystemActor,
)
from inscrinet.models import AuditEvent, Dossier, DossierState, Etablissement, Session, User
from inscrinet.services.dossier_states import EVENTS, STATE_RIGHTS, dossier_move
from inscrinet.services.errors import DomainError
from tests.factories import submit_dossier

S = DossierState
ROOT = Path(__file__).resolve().parent.parent


def dec_user(academie, username="dec-test"):
    return User.objects.get_or_create(username=username, defaults={"academie": academie})[0]


def actor_of(kind, dossier, **overrides):
    """An actor of this kind whose perimeter contains the dossier."""
    if kind == ActorKind.CANDIDAT:
        return CandidateActor(dossier_id=overrides.get("dossier_id", dossier.pk))
    if kind == ActorKind.ETABLISSEMENT:
        etablissement = overrides.get("etablissement", dossier.etablissement)
        return EstablishmentActor(
            etablissement_id=etablissement.pk,
            code=etablissement.code,
            access=overrides.get("access", EtablissementAccess.SUIVI),
        )
    if kind == ActorKind.DEC:
        academie = overrides.get("academie", dossier.session.academie)
        user = dec_user(academie, f"dec-{academie.code}")
        return DecActor(
            user_id=user.pk,
            username=user.username,
            academie_id=academie.pk,
            role=overrides.get("role", DecRole.GESTIONNAIRE),
        )
    return SystemActor(name="test")


# How a dossier reaches each state through the moves themselves (from pré-inscrit).
PATHS = {
    S.PRE_INSCRIT: [],
    S.ANNULE: [("annuler_etablissement", ActorKind.ETABLISSEMENT)],
    S.ANNULE_DEC: [("annuler_dec", ActorKind.DEC)],
    S.DESINSCRIT: [("desinscrire", ActorKind.CANDIDAT)],
    S.DEFINITIF: [("rendre_definitif", ActorKind.DEC)],
}


def dossier_in(session, state, **overrides):
    if state == S.A_COMPLETER:
        dossier = submit_dossier(session, initial_state=S.A_COMPLETER, **overrides)
    else:
        dossier = submit_dossier(session, **overrides)
    for event, kind in PATHS.get(state, []):
        dossier_move(dossier=dossier, event=event, actor=actor_of(kind, dossier), reason="test")
    assert dossier.state == state
    return dossier


CASES = [
    (event, source, kind)
    for event in EVENTS.values()
    for source in sorted(event.sources)
    for kind in ActorKind.values
]


@pytest.mark.parametrize(
    ("event", "source", "kind"), CASES, ids=[f"{e.name}-{s}-{k}" for e, s, k in CASES]
)
def test_every_event_for_every_actor_kind_as_the_table_says(demo, event, source, kind):
    session = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    dossier = dossier_in(session, source)
    actor = actor_of(kind, dossier)
    if kind in event.actor_kinds:
        dossier_move(dossier=dossier, event=event.name, actor=actor, reason="motif du test")
        assert Dossier.objects.get(pk=dossier.pk).state == event.target
        transition = dossier.transitions.order_by("-id").first()
        assert (transition.from_state, transition.to_state) == (source, event.target)
        assert transition.actor_kind == kind
        audit = AuditEvent.objects.filter(action=f"dossier.{event.name}").get()
        assert audit.changes == {"state": [source, event.target]}
        assert audit.object_id == str(dossier.pk) and audit.actor_kind == kind
    else:
        before = dossier.transitions.count()
        with pytest.raises(DomainError, match="n'est pas ouverte à votre profil"):
            dossier_move(dossier=dossier, event=event.name, actor=actor, reason="motif")
        assert Dossier.objects.get(pk=dossier.pk).state == source
        assert dossier.transitions.count() == before
        assert not AuditEvent.objects.filter(action=f"dossier.{event.name}").exists()


@pytest.mark.parametrize("event", list(EVENTS.values()), ids=list(EVENTS))
def test_a_move_from_a_state_not_among_its_sources_is_refused_in_french(demo, event):
    session = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    other = next(s for s in PATHS if s not in event.sources)
    dossier = dossier_in(session, other)
    kind = sorted(event.actor_kinds)[0]
    with pytest.raises(DomainError, match=f"Ce dossier est à l'état « {S(other).label} »"):
        dossier_move(dossier=dossier, event=event.name, actor=actor_of(kind, dossier), reason="x")
    assert Dossier.objects.get(pk=dossier.pk).state == other


def test_perimeters_roles_and_reasons(demo):
    session = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    dossier = submit_dossier(session)
    other_etab = Etablissement.objects.exclude(pk=dossier.etablissement_id).first()
    limoges = Session.objects.get(exam__code="CAP", academie__name="Limoges").academie
    refused = [
        ("annuler_etablissement", actor_of("etablissement", dossier, etablissement=other_etab)),
        ("annuler_etablissement", actor_of("etablissement", dossier, access="inscription")),
        ("rendre_definitif", actor_of("dec", dossier, academie=limoges)),
        ("rendre_definitif", actor_of("dec", dossier, role=DecRole.CONSULTATION)),
        ("desinscrire", actor_of("candidat", dossier, dossier_id=dossier.pk + 1000)),
        ("annuler_dec", actor_of("dec", dossier)),  # no reason given
    ]
    for event, actor in refused:
        with pytest.raises(DomainError):
            dossier_move(dossier=dossier, event=event, actor=actor)
    assert Dossier.objects.get(pk=dossier.pk).state == S.PRE_INSCRIT
    assert dossier.transitions.count() == 1  # the validation only
    moves = AuditEvent.objects.filter(action__startswith="dossier.")
    assert list(moves.values_list("action", flat=True)) == ["dossier.valider"]


def test_what_each_state_allows_the_candidate_is_decided_in_one_table():
    assert set(STATE_RIGHTS) == set(S)
    assert [s for s, r in STATE_RIGHTS.items() if r.modify] == [S.PRE_INSCRIT, S.A_COMPLETER]
    assert STATE_RIGHTS[S.ANNULE].candidate_label == "Annulée par votre établissement"
    assert STATE_RIGHTS[S.DESINSCRIT].candidate_label == "Désinscrit(e) à votre demande"
    assert STATE_RIGHTS[S.DEFINITIF].candidate_label == "Inscription définitive"


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_cancellations_make_one_transition(demo_transactional):
    session = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    dossier = submit_dossier(session)
    actor = actor_of(ActorKind.ETABLISSEMENT, dossier)
    barrier, outcomes = threading.Barrier(2), []

    def cancel():
        try:
            barrier.wait()
            dossier_move(dossier=dossier, event="annuler_etablissement", actor=actor)
            outcomes.append("done")
        except DomainError as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert (
        sorted(outcomes)[0] == "Ce dossier est à l'état « Annulé par l'établissement » : "
        "l'annulation par l'établissement n'est pas possible."
    )
    assert outcomes.count("done") == 1
    assert dossier.transitions.filter(to_state=S.ANNULE).count() == 1
    assert AuditEvent.objects.filter(action="dossier.annuler_etablissement").count() == 1


# --- nothing else writes a dossier's state ---------------------------------------------------

WRITING_CALLS = {"update", "create", "get_or_create", "update_or_create", "bulk_create", "Dossier"}
MOVE_MODULE = ROOT / "inscrinet" / "services" / "dossier_states.py"
# Other models' states (an email's, a print batch's, a load's, a campaign's) are not a dossier's.
OTHER_STATES = (
    "EmailState",
    "BatchState",
    "TransferState",
    "CampaignState",
    "PieceState",
    "ScanState",
)


def state_writes(path: Path) -> list[str]:
    """`state=` handed to a writing call, or `<x>.state = …`, other than OTHER_STATES."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            for keyword in node.keywords:
                value = ast.unparse(keyword.value)
                other = any(enum in value for enum in OTHER_STATES)
                if name in WRITING_CALLS and keyword.arg == "state" and not other:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}(state={value})")
        if isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Attribute) and target.attr == "state":
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} .state =")
    return found


def test_no_code_path_writes_a_dossier_state_but_the_move_function():
    sources = [
        path
        for folder in ("inscrinet", "candidates", "establishments", "management", "tests")
        if (ROOT / folder).exists()
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts and path != MOVE_MODULE
    ]
    assert len(sources) > 50
    assert [w for path in sources for w in state_writes(path)] == []


def test_the_detector_sees_a_state_written_elsewhere(tmp_path):
    planted = ROOT / "tests" / "_planted_state_write.py"
    planted.write_text("def f(d):\n    Dossier.objects.filter(pk=1).update(state='annule')\n")
    try:
        assert state_writes(planted) == ["tests/_planted_state_write.py:2 update(state='annule')"]
    finally:
        planted.unlink()
