"""M3 « Verrouiller la base »: while a session is locked, every write path of the candidate
and establishment services answers 503 with Retry-After and the database is unchanged;
reads keep working; after « Déverrouiller », writes work again."""

import pytest
from django.test import Client
from django.urls import reverse

from inscrinet.models import AuditEvent, Dossier, DossierVersion, Etablissement, Session
from tests.candidates.journey import Walker, school_walker
from tests.candidates.test_consult_modify import consult, dossier_page
from tests.establishments import suivi
from tests.factories import submit_dossier
from tests.management.dec import logged_in, url

pytestmark = pytest.mark.django_db


def refused(response):
    body = response.content.decode()
    return (
        response.status_code == 503
        and response["Retry-After"] == "300"
        and "Service momentanément indisponible" in body
    )


def state():
    return (
        list(Dossier.objects.order_by("pk").values("pk", "state", "current_version")),
        DossierVersion.objects.count(),
        list(
            Etablissement.objects.order_by("pk").values("inscription_open", "sections_europeennes")
        ),
    )


def test_every_candidate_and_establishment_write_is_a_503_while_locked(toulouse):
    bellevue_pupil = submit_dossier(
        toulouse, etablissement=Etablissement.objects.get(code="0310038Y")
    )
    dec, candidate, head, pupil = Client(), Client(), Client(), Client()
    assert consult(candidate, toulouse, str(bellevue_pupil.number)).status_code == 302
    suivi.logged_in(head)
    walker = school_walker(pupil, toulouse, "0310038Y")
    logged_in(dec, "dec-toulouse")
    # The gestionnaire locks the session from its page; every DEC page shows the lock.
    dec.post(url("session_lock", toulouse.pk), {"verrou": "verrouiller"})
    assert Session.objects.get(pk=toulouse.pk).locked
    for page in (url("home"), url("dossiers"), url("etablissements")):
        assert 'id="base-verrouillee"' in dec.get(page).content.decode()
    before, audit_rows = state(), AuditEvent.objects.count()

    public = Walker(Client(), toulouse)
    writes = {
        "wizard, first screen (before anyone types)": lambda: public.client.get(
            public.url("origine")
        ),
        "wizard, a screen posted": lambda: public.client.post(public.url("origine"), {"x": "1"}),
        "establishment wizard": lambda: pupil.post(walker.url("origine"), {"x": "1"}),
        "modification": lambda: candidate.get(
            reverse("candidates:modify_resume", args=[toulouse.pk, bellevue_pupil.number])
        ),
        "S7 cancellation": lambda: head.post(
            suivi.url("cancellations"),
            {
                "dossier": [bellevue_pupil.pk],
                "confirmer": "1",
                f"action-{bellevue_pupil.pk}": "annuler_etablissement",
            },
        ),
        "S3 service": lambda: head.post(suivi.url("service"), {"action": "fermer"}),
        "S2 sections européennes": lambda: head.post(
            suivi.url("sections_europeennes"), {"answer": "oui"}
        ),
    }
    for name, write in writes.items():
        assert refused(write()), name
    assert state() == before and AuditEvent.objects.count() == audit_rows

    # Reads keep working.
    assert dossier_page(candidate, bellevue_pupil).status_code == 200
    assert head.get(suivi.url("list", "alphabetique")).status_code == 200
    assert head.get(suivi.url("dossier", bellevue_pupil.pk)).status_code == 200

    # Unlocked, the same writes go through.
    dec.post(url("session_lock", toulouse.pk), {"verrou": "deverrouiller"})
    assert public.client.get(public.url("origine")).status_code == 200
    assert head.post(suivi.url("sections_europeennes"), {"answer": "oui"}).status_code == 302
    assert Etablissement.objects.get(code="0310038Y").sections_europeennes == "oui"
    head.post(
        suivi.url("cancellations"),
        {
            "dossier": [bellevue_pupil.pk],
            "confirmer": "1",
            f"action-{bellevue_pupil.pk}": "annuler_etablissement",
        },
    )
    assert Dossier.objects.get(pk=bellevue_pupil.pk).state == "annule"
    assert AuditEvent.objects.filter(action="session.deverrouillee").exists()
