"""Every write of the product leaves its audit row, in the write's own transaction: who
(typed actor, IP), what, which object, before/after. A refused write leaves none."""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from inscrinet.actors import CandidateActor, EtablissementAccess, SystemActor
from inscrinet.models import AuditEvent, Commune, Dossier, Etablissement
from inscrinet.services.audit import audit_record
from inscrinet.services.demo import demo_load
from inscrinet.services.etablissements import (
    etablissement_password_set,
    etablissement_passwords_default,
)
from inscrinet.services.reference import reference_load
from tests.candidates.journey import ACCRALL, Walker, school_walker
from tests.candidates.test_consult_modify import modify_phone
from tests.support.tasks import run_worker

pytestmark = pytest.mark.django_db


def actions():
    return list(AuditEvent.objects.order_by("id").values_list("action", flat=True))


def test_validation_modification_documents_and_email_are_audited(client, toulouse):
    AuditEvent.objects.all().delete()
    Walker(client, toulouse).walk(ACCRALL)
    dossier = Dossier.objects.get()
    validation = AuditEvent.objects.get(action="dossier.valider")
    assert validation.actor_kind == "candidat" and validation.ip == "127.0.0.1"
    assert validation.object_type == "dossier" and validation.object_id == str(dossier.pk)
    assert validation.academie_id == toulouse.academie_id
    assert validation.etablissement_id == dossier.etablissement_id

    assert modify_phone(client, dossier, "0712345678").status_code == 302
    modification = AuditEvent.objects.get(action="dossier.modifier")
    assert modification.details == {"version": 1}
    assert modification.changes == {}  # the phone is not a queryable column…
    assert Dossier.objects.get().versions.count() == 2  # …the version has it

    run_worker()
    done = actions()
    # The confirmation of each version, rendered ahead (the récapitulatif at its download).
    assert done.count("document.rendu") == 2
    assert done.count("courriel.confirmation") == 2
    assert set(done) == {
        "dossier.valider",
        "dossier.modifier",
        "document.rendu",
        "courriel.confirmation",
    }


def test_a_modification_audits_what_changed_before_and_after(client, toulouse):
    from tests.candidates.test_consult_modify import Modifier

    Walker(client, toulouse).walk(ACCRALL)
    dossier = Dossier.objects.get()
    modifier = Modifier(client, dossier)
    modifier.start()
    adresse = {**ACCRALL["adresse"], "email": "dack@example.org"}
    adresse["email_confirmation"] = adresse["email"]
    assert modifier.post("adresse", adresse).status_code == 302
    assert modifier.post("recapitulatif").status_code == 302
    row = AuditEvent.objects.get(action="dossier.modifier")
    assert row.changes == {"email": ["accrall@ac-rennes.fr", "dack@example.org"]}


def test_a_refused_validation_leaves_no_audit_row(client, toulouse):
    twin = Walker(Client(), toulouse)  # the same person, from another browser…
    twin.walk(ACCRALL, until="epreuves")
    Walker(client, toulouse).walk(ACCRALL)  # …validates here first
    AuditEvent.objects.all().delete()
    response = twin.post("recapitulatif")
    assert response["Location"] == twin.url("specialite")  # G11: refused, back to it
    assert Dossier.objects.count() == 1
    assert actions() == []


def test_logins_failed_and_granted_are_audited(client, toulouse):
    AuditEvent.objects.all().delete()
    client.post("/etablissement/", {"code": "0310038y", "password": "faux"})
    client.post(
        reverse("admin:login"), {"username": "admin", "password": "faux", "next": "/admin/"}
    )
    failures = AuditEvent.objects.filter(action="connexion.echec").order_by("id")
    assert [f.details["compte"] for f in failures] == ["etablissement:0310038Y", "compte:admin"]
    assert all(f.ip == "127.0.0.1" and f.actor_kind == "systeme" for f in failures)
    school_walker(client, toulouse, "0310038Y")
    granted = AuditEvent.objects.get(action="etablissement.connexion_inscription")
    assert granted.actor_kind == "etablissement"
    assert granted.actor_label == "établissement 0310038Y (accès inscription)"
    assert granted.etablissement.code == "0310038Y"


def test_establishment_passwords_are_audited_without_the_password(demo):
    etablissement = Etablissement.objects.get(code="0310038Y")
    actor = SystemActor(name="test")
    with transaction.atomic():
        AuditEvent.objects.all().delete()
    etablissement_passwords_default(etablissement=etablissement, actor=actor)
    assert etablissement.check_suivi_password("0310038Y")
    assert etablissement.inscription_password_must_change
    etablissement_password_set(
        etablissement=etablissement,
        access=EtablissementAccess.SUIVI,
        raw_password="Un-secret-tres-long-2026",
        actor=actor,
    )
    assert etablissement.check_suivi_password("Un-secret-tres-long-2026")
    assert not etablissement.suivi_password_must_change
    rows = AuditEvent.objects.order_by("id")
    assert [r.action for r in rows] == [
        "etablissement.mots_de_passe_par_defaut",
        "etablissement.mot_de_passe",
    ]
    assert rows[1].details == {"accès": "accès suivi"}
    assert "Un-secret" not in str(list(rows.values()))


def test_loads_write_one_row_each_with_their_counts(demo, today):
    AuditEvent.objects.all().delete()
    Commune.objects.filter(departement_id="075").delete()
    reference_load()
    demo_load(today=today)
    rows = AuditEvent.objects.order_by("id")
    assert [r.action for r in rows] == ["chargement.referentiel", "chargement.demo"]
    assert rows[0].details["communes"] > 30000
    assert rows[1].details["établissements"] > 5


@pytest.mark.django_db(transaction=True)
def test_a_write_that_fails_takes_its_audit_row_with_it():
    with pytest.raises(RuntimeError, match="inside the write's transaction"):
        audit_record(actor=SystemActor(name="test"), action="hors.transaction")
    with pytest.raises(OSError), transaction.atomic():
        audit_record(actor=CandidateActor(), action="essai")
        raise OSError("disque plein")  # the write fails after its audit row: both go
    assert not AuditEvent.objects.filter(action__in=["essai", "hors.transaction"]).exists()


def test_an_audit_row_is_never_changed(demo):
    with transaction.atomic():
        row = audit_record(actor=SystemActor(name="test"), action="essai")
    row.action = "autre"
    with pytest.raises(ValueError):
        row.save()


def test_changes_made_in_the_admin_are_audited(client, demo):
    from inscrinet.models import Academie, User

    client.force_login(User.objects.get(username="admin"))
    academie = Academie.objects.get(name="Limoges")
    url = reverse("admin:inscrinet_academie_change", args=[academie.pk])
    data = {
        "code": academie.code,
        "name": academie.name,
        "dec_service": academie.dec_service,
        "dec_address": academie.dec_address,
        "dec_email": academie.dec_email,
        "dec_phone": "05 00 00 00 00",
    }
    assert client.post(url, data).status_code == 302
    row = AuditEvent.objects.get(action="admin.modification")
    assert row.changes == {"dec_phone": [academie.dec_phone, "05 00 00 00 00"]}
    assert row.actor_label == "système (administrateur admin)"
    assert row.object_repr == "Académie de Limoges"
