"""S6 « Liste des candidats pré-inscrits »: choose a list, see it paginated and sortable,
print it (PDF) or download it (CSV, XLSX) with the same rows. Each download is audited."""

from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.utils import timezone

from establishments.lists import (
    FORMES,
    LIST_KINDS,
    SORTS,
    list_export,
    list_rows,
    specialties_of,
)
from establishments.views import SuiviView
from inscrinet import exporters
from inscrinet.converters import id_from_form
from inscrinet.documents import render_pdf
from inscrinet.services.audit import audit_record
from inscrinet.services.etablissements import serves_sections_europeennes

PAGE_SIZE = 50
FORMATS = ("csv", "xlsx", "pdf")


class ListChoice(SuiviView):
    def get(self, request):
        kinds = [
            k
            for k in LIST_KINDS.values()
            if not k.section_europeenne
            or (
                serves_sections_europeennes(self.etablissement)
                and self.etablissement.sections_europeennes == "oui"
            )
        ]
        return self.page(
            "establishments/list_choice.html",
            "Liste des candidats pré-inscrits",
            kinds=kinds,
            specialties=specialties_of(self.actor),
            formes=FORMES,
        )


class CandidateList(SuiviView):
    def get(self, request, kind):
        kind = LIST_KINDS.get(kind)
        if kind is None:
            raise Http404
        specialty, forme = self.choices(kind)
        sort = request.GET.get("tri", "nom")
        if sort.lstrip("-") not in SORTS:
            sort = "nom"
        rows = list_rows(self.actor, kind, specialty=specialty, forme=forme, sort=sort)
        title = kind.title + (f" — {specialty.label}" if specialty else "")
        title += f" — forme {FORMES[forme].lower()}" if forme else ""
        file_format = request.GET.get("format")
        if file_format in FORMATS:
            return self.download(kind, title, rows, file_format)
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        return self.page(
            "establishments/list.html",
            title,
            kind=kind,
            list_title=title,
            page_obj=page,
            sort=sort,
            query=self.query(specialty, forme),
            columns=[
                ("numero", "Numéro"),
                ("nom", "Nom - prénoms"),
                ("naissance", "Date de naissance"),
                ("specialite", "Spécialité"),
                ("forme", "Forme"),
                ("etat", "État"),
            ],
        )

    def choices(self, kind):
        specialty = forme = None
        if kind.needs_specialty:
            specialty = (
                specialties_of(self.actor)
                .filter(pk=id_from_form(self.request.GET.get("specialite")))
                .first()
            )
            if specialty is None:
                raise Http404("Spécialité introuvable.")
        if kind.needs_forme:
            forme = self.request.GET.get("forme")
            if forme not in FORMES:
                raise Http404("Forme de passage inconnue.")
        return specialty, forme

    @staticmethod
    def query(specialty, forme):
        parts = []
        if specialty:
            parts.append(f"specialite={specialty.pk}")
        if forme:
            parts.append(f"forme={forme}")
        return "&".join(parts)

    def download(self, kind, title, rows, file_format):
        export = list_export(kind)
        stem = f"{kind.slug}-{self.etablissement.code}-{timezone.localdate():%Y%m%d}"
        rows = list(rows)
        with transaction.atomic():
            audit_record(
                actor=self.actor,
                action="export.liste",
                target=self.etablissement,
                details={"liste": title, "format": file_format, "lignes": len(rows)},
            )
        if file_format == "csv":
            return exporters.csv_response(export, rows, f"{stem}.csv")
        if file_format == "xlsx":
            response = HttpResponse(
                exporters.xlsx_bytes(export, rows), content_type=exporters.XLSX_CONTENT_TYPE
            )
        else:
            content, _ = render_pdf(
                "pdf/liste.html",
                {
                    "etablissement": self.etablissement,
                    "list_title": title,
                    "rows": rows,
                    "grouped": kind.grouped,
                    "today": timezone.localdate(),
                    "formes": FORMES,
                },
            )
            response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{stem}.{file_format}"'
        response["Cache-Control"] = "private, no-store"
        return response
