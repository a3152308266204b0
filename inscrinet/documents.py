"""PDF documents of a dossier version (G17 récapitulatif, G21 confirmation d'inscription).

A document is rendered once per version with WeasyPrint from `templates/pdf/`, stored
through Django's storage API and recorded by a row unique on (version, kind): afterwards it
is served from storage, byte for byte the same. The renderer fetches nothing but the
project's own static files, and Django's autoescaping prints every user value as text.
"""

import hashlib
import io
import logging
import posixpath
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.http import FileResponse, Http404
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from inscrinet.actors import SystemActor
from inscrinet.models import Document, DocumentKind, DossierVersion
from inscrinet.services.audit import audit_record

logger = logging.getLogger(__name__)

# Templates refer to assets under this fake origin; only the fetcher below resolves it.
RENDERER = SystemActor(name="rendu des documents")
ASSETS_BASE_URL = "https://pdf-assets.invalid/"
STATIC_PREFIX = "static/"
TEMPLATES = {
    DocumentKind.RECAPITULATIF: "pdf/recapitulatif.html",
    DocumentKind.CONFIRMATION: "pdf/confirmation.html",
}


class ForbiddenAsset(ValueError):
    pass


class StaticOnlyFetcher(URLFetcher):
    """Serves `https://pdf-assets.invalid/static/<path>` from the project's static files;
    refuses everything else (file://, http(s)://, data from elsewhere, `..`)."""

    def fetch(self, url, headers=None):
        return URLFetcherResponse(url, body=read_static_asset(url))


def read_static_asset(url: str) -> bytes:
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}/" != ASSETS_BASE_URL or parts.query:
        raise ForbiddenAsset(f"Only the project's static files may be fetched: {url!r}")
    path = unquote(parts.path).lstrip("/")
    if not path.startswith(STATIC_PREFIX):
        raise ForbiddenAsset(f"Not a static file: {url!r}")
    relative = path[len(STATIC_PREFIX) :]
    if ".." in relative.split("/") or "\\" in relative or posixpath.isabs(relative):
        raise ForbiddenAsset(f"Path traversal refused: {url!r}")
    found = finders.find(relative)
    if found:
        with open(found, "rb") as handle:
            return handle.read()
    with staticfiles_storage.open(relative) as handle:  # collected static (production)
        return handle.read()


def render_pdf(template: str, context: dict) -> tuple[bytes, int]:
    """The PDF's bytes and its number of pages."""
    html = render_to_string(template, {"assets": ASSETS_BASE_URL + STATIC_PREFIX, **context})
    document = HTML(string=html, base_url=ASSETS_BASE_URL, url_fetcher=StaticOnlyFetcher()).render()
    output = io.BytesIO()
    document.write_pdf(output)
    return output.getvalue(), len(document.pages)


def version_context(version: DossierVersion) -> dict:
    dossier, session = version.dossier, version.dossier.session
    snapshot = version.snapshot
    confirmation = snapshot.get("confirmation", {})
    return {
        "version": version,
        "dossier": dossier,
        "session": session,
        "academie": session.academie,
        "snapshot": snapshot,
        "number": version.display_number,
        "validated_at": timezone.localtime(version.created_at),
        "pieces": confirmation.get("pieces", []),
        "return_deadline": return_deadline(version),
    }


def return_deadline(version: DossierVersion) -> str:
    """G21's date as stated at validation (schema 3), else computed from the validation day."""
    stated = version.snapshot.get("confirmation", {}).get("return_deadline")
    if stated:
        return stated
    session = version.dossier.session
    return session.return_deadline(timezone.localdate(version.created_at)).strftime("%d/%m/%Y")


def document_filename(version: DossierVersion, kind: str) -> str:
    """`confirmation-<session>-<N>-<k>.pdf`: what the candidate's browser saves."""
    dossier = version.dossier
    return f"{kind}-{dossier.session_id}-{dossier.number}-{version.version}.pdf"


def document_get_or_render(version: DossierVersion, kind: str) -> Document:
    """The stored document, rendered now if no worker did it yet. Two concurrent renderers
    of the same version store one document: the row's unique constraint decides."""
    existing = Document.objects.filter(version=version, kind=kind).first()
    if existing is not None:
        return existing
    content, pages = render_pdf(TEMPLATES[kind], version_context(version))
    digest = hashlib.sha256(content).hexdigest()
    name = default_storage.save(
        f"documents/{version.dossier.session_id}/{document_filename(version, kind)[:-4]}"
        f"-{digest[:12]}.pdf",
        ContentFile(content),
    )
    try:
        with transaction.atomic():
            document = Document.objects.create(
                version=version,
                kind=kind,
                file=name,
                sha256=digest,
                size=len(content),
                pages=pages,
            )
            audit_record(
                actor=RENDERER,
                action="document.rendu",
                target=version.dossier,
                details={"version": version.version, "document": kind, "pages": pages},
                academie_id=version.dossier.session.academie_id,
                etablissement_id=version.dossier.etablissement_id,
            )
            return document
    except IntegrityError:
        default_storage.delete(name)  # another renderer won: keep its file, not ours
        return Document.objects.get(version=version, kind=kind)


def document_response(version: DossierVersion, kind: str) -> FileResponse:
    """A version's PDF as a download (rendered now if no worker has yet), never cached:
    the one response of every view that serves a dossier's document. A candidature « À
    compléter » (C10) has no document until its pupil completes it."""
    if version.snapshot.get("a_completer"):
        raise Http404("Pas de document : l'inscription est à compléter par l'élève.")
    stored = document_get_or_render(version, kind)
    response = FileResponse(
        default_storage.open(stored.file.name, "rb"),
        filename=document_filename(version, kind),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


def piece_file_response(piece_file) -> FileResponse:
    """A deposited pièce justificative (C8), as a download only (never shown inline, never
    sniffed), never cached: the one response of the candidate's and the DEC's views."""
    if piece_file.deleted_at or not piece_file.file.name:
        raise Http404("Fichier supprimé.")
    response = FileResponse(
        default_storage.open(piece_file.file.name, "rb"),
        as_attachment=True,
        filename=piece_file.original_name,
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def document_bytes(document: Document) -> bytes:
    with default_storage.open(document.file.name, "rb") as handle:
        return handle.read()
