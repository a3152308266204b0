"""G17/G21: the récapitulatif and the confirmation d'inscription, rendered once per
version with WeasyPrint, stored, escaped, fetching nothing but the project's static files."""

import io
import os
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from pypdf import PdfReader

from inscrinet import documents, rules
from inscrinet.actors import CandidateActor
from inscrinet.models import Document, DocumentKind, DossierVersion, Service, Session
from inscrinet.services.candidature import CandidatureInput, build_snapshot
from inscrinet.services.dossiers import DossierData, dossier_submit
from inscrinet.tasks import render_documents
from tests.candidates.journey import ACCRALL_EPREUVES, accrall_steps, quemener_steps
from tests.factories import validate_steps

HOSTILE_NAME = '<img src="file:///etc/passwd">'


def pdf_text(content: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return re.sub(r"[ \t]+", " ", text)


def stored_bytes(version, kind):
    return documents.document_bytes(documents.document_get_or_render(version, kind))


def test_accrall_confirmation_states_the_dossier_g21(toulouse):
    """Seed 004: number and candidate number, names, every épreuve with position and mode,
    the pieces of a dispense case, the DEC's return address and the deadline."""
    version = validate_steps(toulouse, accrall_steps())
    text = pdf_text(stored_bytes(version, DocumentKind.CONFIRMATION))
    assert "Confirmation d'inscription" in text
    assert "1 - 0" in text
    assert version.dossier.candidate_number in text
    assert "ACCRALL" in text and "Dack" in text and "28/11/2004" in text
    assert "Académie de Toulouse" in text and "Division des Examens et Concours" in text
    flat = re.sub(r"\s+", " ", text)
    for code, label, position, mode in ACCRALL_EPREUVES:
        assert f"{code} - {label} {position} {mode}".strip() in flat, code
    assert "Photocopie d'une pièce d'identité en cours de validité" in flat
    assert "justifiant chaque dispense" in flat
    assert "justifiant chaque note conservée" not in flat  # no bénéfice declared
    assert "échafaudages" not in flat  # another specialty's piece
    assert "75 rue Saint-Roch" in flat
    assert f"au plus tard le {version.snapshot['confirmation']['return_deadline']}" in flat
    assert "Signature du candidat" in flat


def test_benefice_grades_and_their_piece_seed_002(demo):
    bts = Session.objects.get(exam__code="BTS")
    version = validate_steps(bts, quemener_steps())
    flat = re.sub(r"\s+", " ", pdf_text(stored_bytes(version, DocumentKind.CONFIRMATION)))
    assert "QUEMENER" in flat
    assert "E1- CULTURE GENERALE ET EXPRESSION Bénéfice 12.00" in flat
    assert "E2- LANGUE VIVANTE ETRANGERE Bénéfice 15.00" in flat
    assert "justifiant chaque note conservée" in flat
    assert "justifiant chaque dispense" not in flat


def test_the_recapitulatif_pdf_has_the_screen_content(toulouse):
    version = validate_steps(toulouse, accrall_steps())
    flat = re.sub(r"\s+", " ", pdf_text(stored_bytes(version, DocumentKind.RECAPITULATIF)))
    assert "Récapitulatif de votre pré-inscription" in flat
    assert "1 - 0" in flat and "ACCRALL" in flat
    assert "15 voie verte, 31000 TOULOUSE" in flat
    assert "EP2A - Mise en oeuvre - Broderie machine guidée main Inscrit Ponctuel" in flat
    assert "n'est pas la confirmation d'inscription" in flat


def test_rendered_once_then_served_from_storage(toulouse):
    version = validate_steps(toulouse, accrall_steps())
    render_documents.call(version.pk)
    first = {d.kind: (d.pk, d.sha256, d.file.name) for d in version.documents.all()}
    # Ahead of time, the confirmation only (the email's attachment); the récapitulatif at
    # its first download.
    assert set(first) == {DocumentKind.CONFIRMATION}
    render_documents.call(version.pk)  # a rerun (swept task) renders nothing new
    again = documents.document_get_or_render(version, DocumentKind.CONFIRMATION)
    assert (again.pk, again.sha256, again.file.name) == first[DocumentKind.CONFIRMATION]
    assert Document.objects.count() == 1
    documents.document_get_or_render(version, DocumentKind.RECAPITULATIF)
    assert Document.objects.count() == 2
    content = documents.document_bytes(again)
    import hashlib

    assert hashlib.sha256(content).hexdigest() == again.sha256
    assert again.size == len(content) and again.pages == len(PdfReader(io.BytesIO(content)).pages)


def test_a_concurrent_render_keeps_one_document(toulouse, monkeypatch):
    """Two renderers of one version: the unique (version, kind) row keeps the first file."""
    version = validate_steps(toulouse, accrall_steps())
    winner = documents.document_get_or_render(version, DocumentKind.CONFIRMATION)
    real_filter = Document.objects.filter

    def blind_filter(*args, **kwargs):  # the loser did not see the winner's row
        return Document.objects.none() if kwargs.get("kind") else real_filter(*args, **kwargs)

    monkeypatch.setattr(Document.objects, "filter", blind_filter)
    loser = documents.document_get_or_render(version, DocumentKind.CONFIRMATION)
    assert loser.pk == winner.pk
    folder = Path(winner.file.path).parent
    assert [p.name for p in folder.iterdir() if f"-{version.dossier.number}-0-" in p.name] == [
        Path(winner.file.name).name
    ]


def hostile_version(session):
    """The validation service does not care what a name looks like: the document must."""
    steps = accrall_steps()
    snapshot = build_snapshot(CandidatureInput(session=session, screens=steps))
    snapshot["identite"]["birth_name"] = HOSTILE_NAME
    snapshot["identite"]["first_names"] = "<script>alert(1)</script>"
    snapshot["adresse"]["line1"] = '<link rel="stylesheet" href="http://evil.invalid/x.css">'
    snapshot["candidature"]["extra"] = {"<b>Q</b>": '<iframe src="/etc/shadow">'}
    dossier = dossier_submit(
        session=session,
        service=Service.GRAND_PUBLIC,
        submission_key=uuid.uuid4().hex,
        actor=CandidateActor(),
        data=DossierData(
            specialty=steps["specialite"]["specialty"],
            categorie=steps["autres"]["categorie"],
            etablissement=steps["etablissement"]["etablissement"],
            forme="globale",
            birth_name="HOSTILE",
            first_names="Test",
            birth_date=rules.parse_birth_date("01/01/1990", this_year=2026),
            email="hostile@example.org",
            snapshot=snapshot,
        ),
    )
    return DossierVersion.objects.get(dossier=dossier, version=0)


def test_user_values_are_printed_literally_and_nothing_is_fetched(toulouse, monkeypatch):
    fetched = []
    real = documents.read_static_asset
    monkeypatch.setattr(
        documents, "read_static_asset", lambda url: fetched.append(url) or real(url)
    )
    version = hostile_version(toulouse)
    flat = re.sub(r"\s+", " ", pdf_text(stored_bytes(version, DocumentKind.CONFIRMATION)))
    assert HOSTILE_NAME in flat
    assert "<script>alert(1)</script>" in flat
    assert '<iframe src="/etc/shadow">' in flat
    assert "evil.invalid" in flat  # printed, not fetched
    assert fetched and all(u.startswith("https://pdf-assets.invalid/static/") for u in fetched)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://evil.invalid/x.css",
        "https://evil.invalid/static/inscrinet/inscrinet.css",
        "https://pdf-assets.invalid/static/../../../etc/passwd",
        "https://pdf-assets.invalid/static/%2e%2e/%2e%2e/settings.py",
        "https://pdf-assets.invalid/etc/passwd",
        "data:text/plain,hello",
    ],
)
def test_the_fetcher_refuses_anything_but_static_files(url):
    with pytest.raises(documents.ForbiddenAsset):
        documents.read_static_asset(url)


def test_the_fetcher_serves_the_fonts_from_static():
    font = documents.read_static_asset(
        "https://pdf-assets.invalid/static/dsfr/dist/fonts/Marianne-Regular.woff"
    )
    assert font[:4] == b"wOFF"


def test_fonts_are_embedded_and_a_page_becomes_a_picture(toulouse, tmp_path, poppler):
    version = validate_steps(toulouse, accrall_steps())
    for kind in DocumentKind:
        path = tmp_path / f"{kind}.pdf"
        path.write_bytes(stored_bytes(version, kind))
        fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True).stdout
        rows = [line for line in fonts.splitlines()[2:] if line.strip()]
        assert rows and all("Marianne" in row and " yes " in row for row in rows), fonts
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", path, tmp_path / kind],
            check=True,
        )
        picture = next(tmp_path.glob(f"{kind}*.png"))
        assert picture.stat().st_size > 10_000  # a page with content, not a blank one
        target = os.environ.get("INSCRINET_SCREENSHOTS_DIR")
        if target:
            shutil.copy(picture, Path(target) / f"pdf-{kind}.png")


def test_names_of_every_latin_and_greek_script_are_printed(toulouse, tmp_path, poppler):
    """Nguyễn, Łukasz, Şükrü, Ørjan, Ζωή: letters Marianne lacks come from the system's
    fallback font (DejaVu, which fontconfig brings with WeasyPrint's libpango), embedded
    — never a missing-glyph box or a dropped letter."""
    steps = accrall_steps()
    steps["etat_civil"] = {
        **steps["etat_civil"],
        "birth_name": "NGUYỄN ĐỨC-ŁASKI",
        "first_names": "Thị Ánh, Ørjan, Ζωή, Şükrü",
    }
    version = validate_steps(toulouse, steps)
    path = tmp_path / "confirmation.pdf"
    path.write_bytes(stored_bytes(version, DocumentKind.CONFIRMATION))
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout
    assert "NGUYỄN ĐỨC-ŁASKI" in text and "Thị Ánh, Ørjan, Ζωή, Şükrü" in text
    fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True).stdout
    rows = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all(" yes " in row for row in rows), fonts  # every font embedded
    # The text layer alone would not tell: a missing glyph keeps its letter there.
    assert any("DejaVu" in row for row in rows), f"Ζωή drawn from no font:\n{fonts}"
