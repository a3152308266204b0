"""M4 « Déchargement » of a session: the CSV streamed now, the XLSX prepared by a task with
its progress, both audited; the format is documented (docs/formats/dechargement.md)."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect

from inscrinet.exporters import XLSX_CONTENT_TYPE, csv_response
from inscrinet.models import DataUnload, TransferState
from inscrinet.selectors import session_rows_visible_to
from inscrinet.selectors.unload import UNLOAD, unload_count, unload_rows
from inscrinet.services.unloads import unload_start, unload_xlsx_request
from management.base import DecView


class UnloadView(DecView):
    def refuse_consultation(self):
        if not self.actor.may_write:
            raise PermissionDenied("Le déchargement est réservé aux gestionnaires.")

    def unload_or_404(self, pk) -> DataUnload:
        return get_object_or_404(
            session_rows_visible_to(DataUnload, fetched_by=self.actor).select_related(
                "session__exam"
            ),
            pk=pk,
        )


class SessionUnload(UnloadView):
    def get(self, request, pk):
        session = self.session_or_404(pk)
        unloads = DataUnload.objects.filter(session=session).select_related("requested_by")[:10]
        return self.page(
            "management/unload.html",
            "Déchargement",
            session=session,
            count=unload_count(session),
            unloads=unloads,
        )

    def post(self, request, pk):
        session = self.session_or_404(pk)
        unload = unload_xlsx_request(session=session, actor=self.actor)
        return redirect("management:unload", unload.pk)


class SessionUnloadCsv(UnloadView):
    def get(self, request, pk):
        session = self.session_or_404(pk)
        self.refuse_consultation()
        unload_start(session=session, actor=self.actor)
        name = f"preinscriptions-{session.exam.code}-{session.label}.csv"
        return csv_response(UNLOAD, unload_rows(session), name)


class UnloadDetail(UnloadView):
    def get(self, request, pk):
        unload = self.unload_or_404(pk)
        return self.page(
            "management/unload_detail.html",
            "Déchargement XLSX",
            unload=unload,
            waiting=not unload.finished,
        )


class UnloadState(UnloadView):
    def get(self, request, pk):
        unload = self.unload_or_404(pk)
        return JsonResponse(
            {"done": unload.done, "total": unload.total, "finished": unload.finished}
        )


class UnloadDownload(UnloadView):
    def get(self, request, pk):
        unload = self.unload_or_404(pk)
        self.refuse_consultation()
        if unload.state != TransferState.DONE or not unload.file:
            raise Http404
        response = FileResponse(
            unload.file.open("rb"),
            as_attachment=True,
            filename=f"preinscriptions-{unload.session.exam.code}-{unload.session.label}.xlsx",
            content_type=XLSX_CONTENT_TYPE,
        )
        response["Cache-Control"] = "private, no-store"
        return response
