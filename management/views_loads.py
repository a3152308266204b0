"""M4 « Chargements »: send a file (simulation or load), follow its progress, read and
download the line-by-line report, load a simulated file."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect

from inscrinet.exporters import Column, Export, csv_response
from inscrinet.models import DataLoad, Session
from inscrinet.selectors import academie_rows_visible_to
from inscrinet.services.errors import DomainError
from inscrinet.services.loads import data_load_apply, data_load_request
from management.base import DecView
from management.forms import DataLoadForm

REPORT = Export(
    title="Rapport de chargement",
    columns=(
        Column("Ligne", lambda e: e[0]),
        Column("Colonne", lambda e: e[1]),
        Column("Erreur", lambda e: e[2]),
    ),
)
ERRORS_PER_PAGE = 100


class LoadsView(DecView):
    def load_or_404(self, pk) -> DataLoad:
        return get_object_or_404(academie_rows_visible_to(DataLoad, fetched_by=self.actor), pk=pk)


class Loads(LoadsView):
    def get(self, request, form=None):
        loads = academie_rows_visible_to(DataLoad, fetched_by=self.actor).select_related(
            "requested_by"
        )[:20]
        unlocked = Session.objects.filter(academie_id=self.actor.academie_id, locked=False)
        return self.page(
            "management/loads.html",
            "Chargements",
            form=form or DataLoadForm(),
            loads=loads,
            base_locked=not unlocked.exists(),
        )

    def post(self, request):
        form = DataLoadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.get(request, form)
        upload = form.cleaned_data["file"]
        try:
            load = data_load_request(
                academie=self.academie,
                kind=form.cleaned_data["kind"],
                upload=upload,
                filename=upload.name,
                dry_run=request.POST.get("action") != "charger",
                actor=self.actor,
            )
        except DomainError as error:
            form.add_error(None, str(error))
            return self.get(request, form)
        return redirect("management:load", load.pk)


class LoadDetail(LoadsView):
    def get(self, request, pk):
        load = self.load_or_404(pk)
        errors = Paginator(load.errors, ERRORS_PER_PAGE).get_page(request.GET.get("page"))
        unlocked = Session.objects.filter(academie_id=load.academie_id, locked=False)
        return self.page(
            "management/load.html",
            "Chargement",
            load=load,
            page_obj=errors,
            waiting=not load.finished,
            base_locked=not unlocked.exists(),
        )


class LoadApply(LoadsView):
    """« Charger ce fichier » after its simulation."""

    def post(self, request, pk):
        simulation = self.load_or_404(pk)
        try:
            loaded = data_load_apply(simulation=simulation, actor=self.actor)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("management:load", simulation.pk)
        messages.success(request, "Chargement demandé.")
        return redirect("management:load", loaded.pk)


class LoadState(LoadsView):
    """The progress bar's polling (batch-progress.js)."""

    def get(self, request, pk):
        load = self.load_or_404(pk)
        return JsonResponse({"done": load.done, "total": load.total, "finished": load.finished})


class LoadReport(LoadsView):
    def get(self, request, pk):
        load = self.load_or_404(pk)
        return csv_response(REPORT, load.errors, f"rapport-chargement-{load.pk}.csv")
