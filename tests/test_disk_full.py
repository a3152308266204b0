"""A full disk while documents are stored: no empty or truncated file is left behind, and
the rendering task tries again later with back-off (the dossier is never touched)."""

import errno

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django_tasks_db.models import DBTaskResult

from inscrinet import documents
from inscrinet.models import Document, DossierVersion
from inscrinet.tasks import render_documents
from tests.factories import submit_dossier


class FillsTheDisk(ContentFile):
    def chunks(self, chunk_size=None):
        yield b"%PDF-1.7 first bytes"
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_failed_write_leaves_no_file(media_root):
    with pytest.raises(OSError):
        default_storage.save("documents/1/confirmation-1-1-0.pdf", FillsTheDisk(b""))
    left = [p for p in media_root.rglob("*") if p.is_file()]
    assert left == []
    name = default_storage.save("documents/1/confirmation-1-1-0.pdf", ContentFile(b"%PDF ok"))
    assert default_storage.open(name).read() == b"%PDF ok"
    assert [p.name for p in media_root.rglob("*") if p.is_file()] == [name.split("/")[-1]]


@pytest.mark.django_db
def test_render_documents_is_retried_with_back_off_after_a_full_disk(toulouse, monkeypatch):
    dossier = submit_dossier(toulouse)
    version = DossierVersion.objects.get(dossier=dossier)
    real = documents.document_get_or_render

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(documents, "document_get_or_render", disk_full)
    result = render_documents.call(version.pk)
    assert result.startswith("nouvel essai")
    retry = DBTaskResult.objects.filter(task_path__endswith="render_documents").order_by(
        "-enqueued_at"
    )[0]
    assert retry.args_kwargs["args"] == [version.pk, 2]
    assert retry.run_after is not None
    assert Document.objects.count() == 0

    monkeypatch.setattr(documents, "document_get_or_render", real)
    names = render_documents.call(version.pk, 2)
    assert len(names) == 1 and Document.objects.filter(version=version).count() == 1
