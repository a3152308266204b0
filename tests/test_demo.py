"""The demo loader: idempotent the same day, only dates move on a later day."""

import datetime

from django.apps import apps
from django.core import serializers

from inscrinet.models import (
    AuditEvent,
    Counter,
    Etablissement,
    PreviousCandidate,
    Right,
    Session,
    Specialty,
    User,
)
from inscrinet.selectors.reference import REFERENCE_GENERATION
from inscrinet.services.demo import demo_load


def _all_rows():
    """Every row but the audit's: each load adds its own audit row (and only that)."""
    rows = {}
    for model in apps.get_app_config("inscrinet").get_models():
        if model is AuditEvent:
            continue
        objects = model.objects.order_by("pk")
        if model is Counter:  # the reference generation is a cache stamp, not data
            objects = objects.exclude(name=REFERENCE_GENERATION)
        rows[model._meta.label] = serializers.serialize("json", objects)
    return rows


def test_loading_twice_the_same_day_leaves_the_same_rows(db):
    today = datetime.date(2026, 11, 23)
    demo_load(today=today)
    first = _all_rows()
    demo_load(today=today)
    assert _all_rows() == first
    assert AuditEvent.objects.filter(action="chargement.demo").count() == 2


def test_on_a_later_day_only_the_session_dates_move(db):
    demo_load(today=datetime.date(2026, 11, 23))
    before = _all_rows()
    demo_load(today=datetime.date(2026, 11, 30))
    after = _all_rows()
    changed = {label for label in before if before[label] != after[label]}
    assert changed == {"inscrinet.Session"}
    moved = Session.objects.get(exam__code="CAP", academie__name="Limoges")
    assert moved.public_opens_at.date() == datetime.date(2026, 11, 23)


def test_demo_sessions_are_open_today(demo):
    for session in Session.objects.all():
        assert session.is_open("grand_public"), session
        assert session.is_open("etablissement"), session
    assert Session.objects.count() == 6
    assert Session.objects.filter(candidate_access="compte").count() == 1


def test_demo_content_follows_the_seeds(demo):
    boulanger = Specialty.objects.get(exam__code="CAP", label="Boulanger")
    assert set(boulanger.epreuves.values_list("code", flat=True)) == {
        "EFL",
        "EG1",
        "EG2",
        "EG3",
        "EP1",
        "EP2",
    }
    broderie = Specialty.objects.get(label="Arts de la broderie")
    assert set(broderie.epreuves.get(code="EG1").children.values_list("code", flat=True)) == {
        "EG1A",
        "EG1B",
        "EG1C",
    }
    assert "Broderie machine guidée main" in broderie.epreuves.get(code="EP2A").options.values_list(
        "label", flat=True
    )
    # Seed 004: the other CAP's EG4 (PSE) dispenses the target EG5; EG4 LV stays inscrit.
    other_cap = Right.objects.filter(
        source__diploma__label="CERTIFICAT D'APTITUDE PROFESSIONNELLE Titulaire d'un autre CAP",
        target__specialty=broderie,
    )
    assert {(r.source.code, r.target.code, r.kind) for r in other_cap} == {
        ("EG1", "EG1", "DISPENSE"),
        ("EG2", "EG2", "DISPENSE"),
        ("EG3", "EG3", "DISPENSE"),
        ("EG4", "EG5", "DISPENSE"),
    }
    bts = Specialty.objects.get(exam__code="BTS")
    assert set(bts.epreuves.values_list("code", flat=True)) >= {"E1-", "E2-", "E3-", "E3-A", "E3-B"}
    assert (
        Specialty.objects.filter(label__startswith="Accompagnant éducatif petite enfance").count()
        == 2
    )
    limoges = Session.objects.get(exam__code="CAP", academie__name="Limoges")
    assert limoges.eps_pairs.count() == 5 and limoges.individuals_must_be_adult
    assert Session.objects.filter(exam__code="BTS").exists()
    assert Session.objects.filter(exam__code="BCP").exists()


def test_demo_establishments_and_logins(demo):
    bellevue = Etablissement.objects.get(code="0310038Y")
    assert bellevue.name == "LYC BELLEVUE"
    assert not bellevue.inscription_password_must_change
    assert not bellevue.check_inscription_password("0310038Y")
    assert bellevue.suivi_password_must_change and bellevue.check_suivi_password("0310038Y")
    assert set(
        Etablissement.objects.filter(is_fictitious=True, academie__name="Limoges").values_list(
            "name", flat=True
        )
    ) == {"Individuels Corrèze", "Individuels Creuse", "Individuels Haute-Vienne"}
    assert Etablissement.objects.get(code="03100003").name == "INDIV TOULOUSE"
    for academie in ("Limoges", "Toulouse", "Rennes"):
        manager = User.objects.get(academie__name=academie, dec_role="gestionnaire")
        assert not manager.is_superuser and not manager.is_staff
    reader = User.objects.get(username="dec-limoges-consultation")
    assert (reader.academie.name, reader.dec_role) == ("Limoges", "consultation")


def test_rennes_redoublant_for_g4(demo):
    previous = PreviousCandidate.objects.get(academie__name="Rennes", redoublant_number="R1400175")
    result = previous.results.get()
    assert (result.source.code, result.year, result.place, str(result.grade)) == (
        "EG1",
        2011,
        "RENNES",
        "13.00",
    )
