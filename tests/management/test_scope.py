"""Every URL of the DEC space, tried by a Limoges account with Toulouse's ids: 404 and
nothing changes. A consultation account changes nothing: every POST is refused. A new URL
taking an id must be added here (the test checks it is)."""

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver

from inscrinet.models import (
    ApiToken,
    AuditEvent,
    Categorie,
    DataLoad,
    DataUnload,
    Diploma,
    Dossier,
    Etablissement,
    MailCampaign,
    PieceDeposit,
    PieceFile,
    PieceRequirement,
    Session,
    Specialty,
    TransferState,
)
from inscrinet.tasks import version_side_effects_schedule  # noqa: F401 - emails exist
from tests.factories import submit_dossier
from tests.management.dec import logged_in, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def toulouse_objects(demo):
    session = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    dossier = submit_dossier(session)
    email = dossier.versions.get().confirmation_email
    etablissement = Etablissement.objects.filter(academie__name="Toulouse").first()
    return {
        "session": session,
        "dossier": dossier,
        "email": email,
        "etab": etablissement,
        **own_catalogue(session),
        **own_transfers(session),
        **own_piece(session, dossier),
    }


def own_piece(session, dossier):
    """A piece deposited for a Toulouse dossier, and its file."""
    requirement = PieceRequirement.objects.create(
        session=session, case="toujours", label="Pièce", deposit_mode="en_ligne"
    )
    deposit = PieceDeposit.objects.create(dossier=dossier, requirement=requirement)
    piece_file = PieceFile.objects.create(
        deposit=deposit, file="pieces/x", original_name="x.pdf", size=1, content_type="x"
    )
    return {"deposit": deposit, "piece_file": piece_file}


def own_transfers(session):
    """A load, an unload, a reminder campaign and an API key of the session's académie."""
    return {
        "load": DataLoad.objects.create(
            academie=session.academie,
            kind="candidats",
            dry_run=True,
            file="chargements/x.csv",
            filename="x.csv",
            sha256="0" * 64,
            state=TransferState.DONE,
        ),
        "unload": DataUnload.objects.create(
            session=session, state=TransferState.DONE, file="dechargements/x.xlsx"
        ),
        "campaign": MailCampaign.objects.create(
            session=session, audience="pre_inscrit", subject="Rappel", body="Texte"
        ),
        "token": ApiToken.objects.create(
            academie=session.academie, label="Clé", prefix="inscrinet_x", key_hash="0" * 64
        ),
    }


def own_catalogue(session):
    """A specialty, a catégorie and a diploma of the session's académie's own catalogue."""
    owner = {"academie_id": session.academie_id}
    return {
        "specialty": Specialty.objects.create(
            exam=session.exam, code="LOC1", label="Locale", **owner
        ),
        "categorie": Categorie.objects.create(
            exam=session.exam, code="LOC1", label="Locale", kind="individuel", **owner
        ),
        "diploma": Diploma.objects.create(code="LOC-1", label="Diplôme local", **owner),
    }


def id_routes():
    found = []
    for pattern in get_resolver().url_patterns:
        if getattr(pattern, "app_name", None) == "management":
            for p in pattern.url_patterns:
                if isinstance(p, URLPattern) and "<id:" in str(p.pattern):
                    found.append(p.name)
    return found


def foreign_urls(o):
    s, d, e = o["session"].pk, o["dossier"].pk, o["etab"].pk
    return {
        "session": url("session", s),
        "session_service": url("session_service", s, "grand_public"),
        "session_lock": url("session_lock", s),
        "session_pieces": url("session_pieces", s),
        "session_eps": url("session_eps", s),
        "session_copy": url("session_copy", s),
        "dashboard": url("dashboard", s),
        "etablissement": url("etablissement", e),
        "etablissement_service": url("etablissement_service", e),
        "etablissement_password": url("etablissement_password", e),
        "dossier": url("dossier", d),
        "dossier_action": url("dossier_action", d),
        "email_resend": url("email_resend", d, o["email"].pk),
        "document": url("document", d, 0, "confirmation"),
        "catalogue_specialty": url("catalogue_specialty", o["specialty"].pk),
        "catalogue_categorie": url("catalogue_categorie", o["categorie"].pk),
        "catalogue_diploma": url("catalogue_diploma", o["diploma"].pk),
        "session_unload": url("session_unload", s),
        "session_unload_csv": url("session_unload_csv", s),
        "session_campaigns": url("session_campaigns", s),
        "unload": url("unload", o["unload"].pk),
        "unload_state": url("unload_state", o["unload"].pk),
        "unload_download": url("unload_download", o["unload"].pk),
        "campaign": url("campaign", o["campaign"].pk),
        "load": url("load", o["load"].pk),
        "load_apply": url("load_apply", o["load"].pk),
        "load_state": url("load_state", o["load"].pk),
        "load_report": url("load_report", o["load"].pk),
        "api_key_revoke": url("api_key_revoke", o["token"].pk),
        "piece": url("piece", o["deposit"].pk),
        "piece_file": url("piece_file", o["piece_file"].pk),
    }


def snapshot():
    return (
        list(Session.objects.order_by("pk").values()),
        list(Etablissement.objects.order_by("pk").values()),
        list(Dossier.objects.order_by("pk").values("pk", "state", "current_version")),
        list(Specialty.objects.order_by("pk").values()),
        list(Categorie.objects.order_by("pk").values()),
        list(Diploma.objects.order_by("pk").values()),
        list(ApiToken.objects.order_by("pk").values()),
        list(MailCampaign.objects.order_by("pk").values()),
        list(DataLoad.objects.order_by("pk").values()),
        list(DataUnload.objects.order_by("pk").values()),
        list(PieceDeposit.objects.order_by("pk").values()),
    )


def test_a_limoges_gestionnaire_gets_404_on_every_url_with_toulouse_ids(client, toulouse_objects):
    urls = foreign_urls(toulouse_objects)
    assert sorted(urls) == sorted(id_routes())
    logged_in(client, "dec-limoges")
    before = snapshot()
    posted = {
        "action": "ouvrir",
        "verrou": "verrouiller",
        "acces": "suivi",
        "reason": "x",
        "label": "2099",
        "code": "0319999Z",
        "name": "X",
        "city": "X",
    }
    for name, path in urls.items():
        assert client.get(path).status_code in (404, 405), name
        for action in ("rendre_definitif", "annuler_dec", "ouvrir", "fermer"):
            # 405 for read-only pages: decided before any lookup, it reveals nothing.
            response = client.post(path, {**posted, "action": action})
            assert response.status_code in (404, 405), name
    assert snapshot() == before
    # The forms and lists that take ids in their fields and query strings stay in Limoges.
    toulouse = toulouse_objects["session"]
    search = client.get(url("dossiers"), {"session": toulouse.pk, "nom": "dack"})
    assert "Sélectionnez un choix valide" in search.content.decode()
    everyone = client.get(url("dossiers"), {"nom": "dack"}).content.decode()
    assert 'id="resultats">0 dossier' in everyone
    assert "Toulouse" not in client.get(url("home")).content.decode()
    assert toulouse_objects["etab"].code not in client.get(url("etablissements")).content.decode()
    audit = client.get(url("audit")).content.decode()
    assert (
        "dossier.valider" not in audit
        and AuditEvent.objects.filter(action="dossier.valider").exists()
    )


def test_nobody_logged_out_gets_anything_but_the_login_page(toulouse_objects):
    stranger = Client()
    for path in foreign_urls(toulouse_objects).values():
        response = stranger.get(path)
        assert response["Location"].startswith(url("login")), path


def test_a_consultation_account_reads_but_every_post_is_refused(client, demo):
    session = Session.objects.get(exam__code="CAP", academie__name="Limoges")
    dossier = submit_dossier(session)
    etablissement = Etablissement.objects.filter(academie__name="Limoges").first()
    logged_in(client, "dec-limoges-consultation")
    own = {
        "session": session,
        "dossier": dossier,
        "email": dossier.versions.get().confirmation_email,
        "etab": etablissement,
        **own_catalogue(session),
        **own_transfers(session),
        **own_piece(session, dossier),
    }
    before = snapshot()
    audit_rows = AuditEvent.objects.count()
    paths = [
        *foreign_urls(own).values(),
        url("academie_lock"),
        url("contact"),
        url("etablissement_new"),
        url("catalogue_specialty_new"),
        url("catalogue_categorie_new"),
        url("catalogue_diploma_new"),
    ]
    for path in paths:
        assert client.post(
            path, {"action": "rendre_definitif", "verrou": "verrouiller"}
        ).status_code in (
            403,
            405,
        ), path
    assert snapshot() == before
    assert AuditEvent.objects.count() == audit_rows  # not even a row: nothing happened
    for path in (
        url("session", session.pk),
        url("dossier", dossier.pk),
        url("dashboard", session.pk),
    ):
        page = client.get(path)
        assert page.status_code == 200
        assert "Confirmation signée reçue" not in page.content.decode()
    # The audit is the gestionnaires'.
    assert client.get(url("audit")).status_code == 404
