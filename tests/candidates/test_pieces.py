"""C8 « Mes justificatifs » and M6 (the DEC's review): files checked by their content, 5 MB
at most, within the piece's window; every upload scanned by a real clamd (EICAR alone and
inside a ZIP are found and deleted); scans stopped mid-way are queued again; the review and
its correction loop, each step audited; nobody else reaches a piece."""

import datetime
import io
import zipfile

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from inscrinet.models import (
    AuditEvent,
    Dossier,
    PieceDeposit,
    PieceFile,
    PieceRequirement,
    PieceState,
    ScanState,
    Session,
)
from inscrinet.tasks_pieces import stuck_scans_requeue
from tests.candidates.test_account_candidatures import account_client, tabs_walk
from tests.management.dec import logged_in as dec_logged_in
from tests.support.clamd import EICAR
from tests.support.tasks import make_due, run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def cyclades(demo):
    return Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="compte"
    )


@pytest.fixture
def candidature(cyclades):
    """ACCRALL Dack's candidature through the tabs (a dispense: three pieces online)."""
    client = account_client()
    tabs_walk(client, cyclades)
    dossier = Dossier.objects.get(session=cyclades)
    return client, dossier


def pieces_url(dossier):
    return reverse("account_pieces", args=[dossier.session_id, dossier.number])


def picture(kind) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buffer, kind)
    return buffer.getvalue()


def zipped(**entries) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<< /Type /Catalog >>endobj\ntrailer<< /Root 1 0 R >>\n%%EOF\n"
ALLOWED = {
    "scan.pdf": PDF,
    "photo.png": picture("PNG"),
    "photo.jpg": picture("JPEG"),
    "ancien.doc": bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 1500,
    "lettre.docx": zipped(**{"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}),
    "pieces.zip": zipped(**{"a.txt": "bonjour"}),
}


def upload(client, dossier, deposit, name, content):
    return client.post(
        pieces_url(dossier),
        {"piece": deposit.pk, "fichier": _file(name, content)},
        follow=True,
    )


def _file(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


def deposits_of(client, dossier) -> dict:
    assert client.get(pieces_url(dossier)).status_code == 200  # made at the first look
    return {d.requirement.code: d for d in PieceDeposit.objects.filter(dossier=dossier)}


def page_text(response) -> str:
    import html
    import re

    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_the_pieces_are_those_of_the_confirmation(candidature):
    client, dossier = candidature
    deposits = deposits_of(client, dossier)
    # ACCRALL declared dispenses: identity-free list of seed 004's codes, the dispense one.
    assert set(deposits) == {"CINSIG02", "NATIDE04", "DISPEN01"}
    page = page_text(client.get(pieces_url(dossier)))
    assert "Pièces justificatives conformes : 0 / 3" in page
    assert "NATIDE04 : Document justifiant la nationalité française" in page


def test_each_allowed_type_uploads_and_the_others_are_refused(candidature, clamd):
    client, dossier = candidature
    deposits = deposits_of(client, dossier)
    deposit = deposits["NATIDE04"]
    for index, (name, content) in enumerate(ALLOWED.items()):
        piece = deposit if index % 2 else deposits["DISPEN01"]  # 5 files a piece at most
        response = upload(client, dossier, piece, name, content)
        assert f"Fichier « {name} » ajouté" in page_text(response), name
    assert PieceFile.objects.count() == len(ALLOWED)
    refused = {
        "programme.pdf": open("/bin/true", "rb").read(),  # an executable renamed
        "image.png": b"<!DOCTYPE html><html><script>alert(1)</script></html>",
        "gros.pdf": PDF + b"0" * (5 * 1024 * 1024 + 1 - len(PDF)),
    }
    for name, content in refused.items():
        page = page_text(upload(client, dossier, deposit, name, content))
        assert "ajouté" not in page, name
    assert "son contenu n'est pas un des formats PDF, PNG, JPG, DOC, DOCX, ZIP" in page_text(
        upload(client, dossier, deposit, "image.png", refused["image.png"])
    )
    assert "Le fichier dépasse 5 Mo" in page_text(
        upload(client, dossier, deposit, "gros.pdf", refused["gros.pdf"])
    )
    assert PieceFile.objects.count() == len(ALLOWED)
    run_worker()
    assert set(PieceFile.objects.values_list("state", flat=True)) == {ScanState.SAIN}
    # Each stored under a random name, served as an attachment that no browser sniffs.
    stored = PieceFile.objects.get(original_name="photo.png")
    assert "photo" not in stored.file.name and stored.file.name.startswith("pieces/")
    response = client.get(
        reverse("account_piece_file", args=[dossier.session_id, dossier.number, stored.pk])
    )
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert Client().get(f"/media/{stored.file.name}").status_code == 404  # no public URL


def test_a_piece_takes_five_files_at_most(candidature):
    client, dossier = candidature
    deposit = deposits_of(client, dossier)["DISPEN01"]
    for index in range(5):
        upload(client, dossier, deposit, f"page{index}.pdf", PDF)
    page = page_text(upload(client, dossier, deposit, "page6.pdf", PDF))
    assert "5 fichiers au plus pour une pièce" in page
    assert PieceFile.objects.filter(deposit=deposit).count() == 5


def test_outside_the_window_nothing_uploads_and_the_page_says_when(candidature):
    client, dossier = candidature
    deposit = deposits_of(client, dossier)["CINSIG02"]
    opens = timezone.now() + datetime.timedelta(days=3)
    PieceRequirement.objects.filter(pk=deposit.requirement_id).update(
        deposit_opens_at=opens, deposit_closes_at=opens + datetime.timedelta(days=10)
    )
    page = page_text(client.get(pieces_url(dossier)))
    when = f"{timezone.localtime(opens):%d/%m/%Y à %H:%M}"
    assert f"Le dépôt de cette pièce sera possible à partir du {when} (heure de Paris)" in page
    response = upload(client, dossier, deposit, "scan.pdf", PDF)
    assert "sera possible à partir du" in page_text(response)
    assert not PieceFile.objects.exists()


def test_eicar_alone_and_inside_a_zip_are_found_and_deleted(candidature, clamd):
    client, dossier = candidature
    deposits = deposits_of(client, dossier)
    upload(client, dossier, deposits["NATIDE04"], "attestation.pdf", b"%PDF-1.4\n" + EICAR)
    upload(client, dossier, deposits["DISPEN01"], "diplome.zip", zipped(**{"eicar.com": EICAR}))
    upload(client, dossier, deposits["CINSIG02"], "signee.pdf", PDF)
    names = {f.original_name: f.file.name for f in PieceFile.objects.all()}
    run_worker()
    files = {f.original_name: f for f in PieceFile.objects.all()}
    for name in ("attestation.pdf", "diplome.zip"):
        assert files[name].state == ScanState.INFECTE, name
        assert files[name].deleted_at and not files[name].file.name
        assert not default_storage.exists(names[name]), name
    assert files["signee.pdf"].state == ScanState.SAIN
    assert AuditEvent.objects.filter(action="piece.infectee").count() == 2
    page = page_text(client.get(pieces_url(dossier)))
    assert page.count("fichier infecté par un virus : il a été supprimé") == 2
    # An infected file does not count: the pieces cannot be confirmed yet.
    confirm = page_text(client.post(pieces_url(dossier), {"confirmer": "1"}, follow=True))
    assert "Ajoutez d'abord un fichier pour" in confirm and "NATIDE04" in confirm
    # The DEC sees it.
    dec = Client()
    dec_logged_in(dec, "dec-toulouse")
    table = page_text(dec.get(reverse("management:pieces")))
    assert "Fichiers infectés" in table


def test_a_scan_stopped_with_clamd_is_queued_again_and_completes(candidature, clamd):
    client, dossier = candidature
    deposit = deposits_of(client, dossier)["NATIDE04"]
    clamd.stop()
    upload(client, dossier, deposit, "scan.pdf", PDF)
    run_worker()  # clamd is down: an error, retried later, the candidate not blocked
    piece_file = PieceFile.objects.get()
    assert piece_file.state == ScanState.ERREUR
    assert "en erreur" in page_text(client.get(pieces_url(dossier)))
    # A scan left « en cours » (the worker died with it) is found by the watchdog too.
    PieceFile.objects.filter(pk=piece_file.pk).update(state=ScanState.EN_COURS)
    assert stuck_scans_requeue() == 0  # not stuck yet
    clamd.start()
    later = timezone.now() + datetime.timedelta(minutes=11)
    assert stuck_scans_requeue(now=later) == 1
    make_due("scan_piece_file")
    run_worker()
    piece_file.refresh_from_db()
    assert piece_file.state == ScanState.SAIN and default_storage.exists(piece_file.file.name)


def test_review_and_correction_loop_each_step_audited(candidature, clamd):
    client, dossier = candidature
    deposits = deposits_of(client, dossier)
    for code, deposit in deposits.items():
        upload(client, dossier, deposit, f"{code}.pdf", PDF)
    first = PieceFile.objects.get(original_name="NATIDE04.pdf")
    # Deleted before confirming, then sent again.
    client.post(pieces_url(dossier), {"supprimer": first.pk})
    assert PieceFile.objects.get(pk=first.pk).deleted_at is not None
    upload(client, dossier, deposits["NATIDE04"], "NATIDE04-bis.pdf", PDF)
    run_worker()
    response = client.post(pieces_url(dossier), {"confirmer": "1"}, follow=True)
    assert "3 pièce(s) transmise(s) au service des examens" in page_text(response)
    assert set(PieceDeposit.objects.values_list("state", flat=True)) == {PieceState.A_VERIFIER}
    # Frozen: no more upload or deletion.
    assert "Pièce déjà fournie" in page_text(
        upload(client, dossier, deposits["NATIDE04"], "encore.pdf", PDF)
    )

    dec = Client()
    dec_logged_in(dec, "dec-toulouse")
    listing = page_text(dec.get(reverse("management:pieces")))
    assert "ACCRALL Dack" in listing and "3 pièces." in listing
    nat = deposits["NATIDE04"]
    url = reverse("management:piece", args=[nat.pk])
    # The dossier's page links its pieces.
    dossier_page = dec.get(reverse("management:dossier", args=[dossier.pk])).content.decode()
    assert url in dossier_page
    assert "NATIDE04-bis.pdf" in page_text(dec.get(url))
    refused = dec.post(url, {"decision": "non_conforme", "comment": ""}, follow=True)
    assert "le commentaire est obligatoire" in page_text(refused)
    comment = "Copie illisible : scannez le recto et le verso"
    dec.post(url, {"decision": "non_conforme", "comment": comment})
    nat.refresh_from_db()
    assert nat.state == PieceState.NON_CONFORME
    run_worker()
    (message,) = [m for m in mail.outbox if "non conforme" in m.subject]
    assert comment in message.body and pieces_url(dossier) in message.body
    # The candidature shows it; the candidate sends a new file and confirms again.
    assert "Pièce non conforme" in page_text(client.get(reverse("account_candidatures")))
    page = page_text(client.get(pieces_url(dossier)))
    assert f"Non conforme : {comment}" in page and "refusé par le service des examens" in page
    upload(client, dossier, nat, "NATIDE04-lisible.pdf", PDF)
    run_worker()
    client.post(pieces_url(dossier), {"confirmer": "1"})
    nat.refresh_from_db()
    assert nat.state == PieceState.A_VERIFIER
    detail = page_text(dec.get(url))
    assert "NATIDE04-lisible.pdf" in detail and "refusé (non conforme)" in detail  # side by side
    for deposit in deposits.values():
        piece = reverse("management:piece", args=[deposit.pk])
        dec.post(piece, {"decision": "recue", "received_on": "02/12/2026"})
        dec.post(piece, {"decision": "conforme"})
    assert set(PieceDeposit.objects.values_list("state", flat=True)) == {PieceState.CONFORME}
    assert "Pièces justificatives conformes : 3 / 3" in page_text(client.get(pieces_url(dossier)))
    # The session's dashboard counts them per state.
    board = page_text(dec.get(reverse("management:dashboard", args=[dossier.session_id])))
    assert "Pièces justificatives par état" in board and "conforme 3" in board
    assert "non conforme 0" in board
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions.count("piece.deposee") == 5 and actions.count("piece.supprimee") == 1
    assert actions.count("pieces.fournies") == 2 and actions.count("piece.revue") == 7


def test_nobody_else_reaches_a_piece(candidature, clamd):
    client, dossier = candidature
    deposit = deposits_of(client, dossier)["NATIDE04"]
    upload(client, dossier, deposit, "scan.pdf", PDF)
    piece_file = PieceFile.objects.get()
    other = account_client(
        email="autre@example.org",
        email2="autre@example.org",
        birth_name="Durand",
        birth_name_confirmation="DURAND",
        first_names="Lou",
    )
    candidate_urls = [
        pieces_url(dossier),
        reverse("account_piece_file", args=[dossier.session_id, dossier.number, piece_file.pk]),
    ]
    for url in candidate_urls:
        assert other.get(url).status_code == 404, url
    assert other.post(pieces_url(dossier), {"supprimer": piece_file.pk}).status_code == 404
    rennes = Client()
    dec_logged_in(rennes, "dec-rennes")
    for url in (
        reverse("management:piece", args=[deposit.pk]),
        reverse("management:piece_file", args=[piece_file.pk]),
    ):
        assert rennes.get(url).status_code == 404, url
        assert rennes.post(url, {"decision": "conforme"}).status_code in (404, 405), url
    assert "ACCRALL" not in page_text(rennes.get(reverse("management:pieces")))
    deposit.refresh_from_db()
    assert deposit.state == PieceState.A_DEPOSER
    assert PieceFile.objects.get().deleted_at is None


def test_the_dec_sets_the_pieces_and_cannot_remove_one_already_deposited(candidature, clamd):
    client, dossier = candidature
    deposits = deposits_of(client, dossier)
    upload(client, dossier, deposits["NATIDE04"], "scan.pdf", PDF)
    session = dossier.session
    dec = Client()
    dec_logged_in(dec, "dec-toulouse")
    kept = [p for p in session.pieces.order_by("id") if p.code != "NATIDE04"]
    form = {"pieces-TOTAL_FORMS": str(len(kept) + 1), "pieces-INITIAL_FORMS": "0"}
    for index, piece in enumerate(kept):
        form.update(
            {
                f"pieces-{index}-case": piece.case,
                f"pieces-{index}-label": piece.label,
                f"pieces-{index}-code": piece.code,
                f"pieces-{index}-deposit_mode": piece.deposit_mode,
            }
        )
    new = len(kept)
    form.update(
        {
            f"pieces-{new}-case": "toujours",
            f"pieces-{new}-label": "Certificat de participation à la JDC",
            f"pieces-{new}-code": "psnatt05",
            f"pieces-{new}-deposit_mode": "en_ligne",
            f"pieces-{new}-deposit_opens_at": "01/01/2027 08:00",
            f"pieces-{new}-deposit_closes_at": "31/01/2027 18:00",
        }
    )
    url = reverse("management:session_pieces", args=[session.pk])
    refused = page_text(dec.post(url, form, follow=True))
    assert "Des candidats ont déjà des dépôts pour : NATIDE04" in refused
    assert not session.pieces.filter(code="PSNATT05").exists()
    # Kept in the list, the new online piece with its window is saved (Paris time).
    nat = session.pieces.get(code="NATIDE04")
    form.update(
        {
            "pieces-TOTAL_FORMS": str(len(kept) + 2),
            f"pieces-{new + 1}-case": nat.case,
            f"pieces-{new + 1}-label": nat.label,
            f"pieces-{new + 1}-code": nat.code,
            f"pieces-{new + 1}-deposit_mode": "en_ligne",
        }
    )
    assert dec.post(url, form).status_code == 302
    jdc = session.pieces.get(code="PSNATT05")
    assert jdc.deposit_mode == "en_ligne"
    assert f"{timezone.localtime(jdc.deposit_opens_at):%d/%m/%Y %H:%M}" == "01/01/2027 08:00"
    assert PieceDeposit.objects.filter(requirement=nat).exists()
    assert AuditEvent.objects.filter(action="session.pieces").exists()
