"""S8 « Impression de confirmations »: choose a specialty, « Imprimer »; the PDF is
assembled in a task while the page shows its progress (it refreshes itself, no JavaScript
needed), then offers the download."""

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect

from establishments.lists import specialties_of
from establishments.views import SuiviView
from inscrinet.converters import id_from_form
from inscrinet.models import BatchState, ConfirmationBatch
from inscrinet.services.confirmations import batch_versions, confirmation_batch_request

NOTHING_TO_PRINT = "Aucune pré-inscription non annulée dans cette spécialité : rien à imprimer."


class BatchesView(SuiviView):
    def batches(self):
        return ConfirmationBatch.objects.filter(etablissement_id=self.actor.etablissement_id)


class PrintChoice(BatchesView):
    writes = True

    def get(self, request):
        return self.page(
            "establishments/print_choice.html",
            "Impression de confirmations",
            specialties=specialties_of(self.actor),
            batches=self.batches()[:5],
        )

    def post(self, request):
        specialty = specialties_of(self.actor).filter(
            pk=id_from_form(request.POST.get("specialite"))
        )
        specialty = specialty.first()
        if specialty is None:
            raise Http404("Spécialité introuvable.")
        if not batch_versions(self.etablissement.pk, specialty.pk).exists():
            messages.error(
                request,
                "Aucune pré-inscription non annulée dans cette spécialité : rien à imprimer.",
            )
            return redirect("establishments:print")
        batch = confirmation_batch_request(
            etablissement=self.etablissement, specialty=specialty, actor=self.actor
        )
        return redirect("establishments:print_batch", pk=batch.pk)


class PrintBatch(BatchesView):
    def get(self, request, pk):
        batch = get_object_or_404(self.batches().select_related("specialty"), pk=pk)
        return self.page(
            "establishments/print_batch.html",
            "Impression de confirmations",
            batch=batch,
            waiting=batch.state in (BatchState.WAITING, BatchState.RUNNING),
        )


class PrintState(BatchesView):
    """The batch's progress, for the page's script."""

    def get(self, request, pk):
        batch = get_object_or_404(self.batches(), pk=pk)
        return JsonResponse(
            {
                "done": batch.done,
                "total": batch.total,
                "finished": batch.state in (BatchState.READY, BatchState.FAILED),
            }
        )


class PrintDownload(BatchesView):
    def get(self, request, pk):
        batch = get_object_or_404(self.batches().select_related("specialty"), pk=pk)
        if batch.state != BatchState.READY:
            raise Http404("Impression pas encore prête.")
        response = FileResponse(
            default_storage.open(batch.file.name, "rb"),
            filename=f"confirmations-{self.etablissement.code}-{batch.specialty.code}.pdf",
            content_type="application/pdf",
            as_attachment=True,
        )
        response["Cache-Control"] = "private, no-store"
        return response
