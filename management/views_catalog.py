"""M1 catalogue for the DEC: the national catalogue, read only, and the académie's own
specialties (épreuves, options, rights), catégories and diplomas, edited here. Another
académie's own item is a 404."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect

from inscrinet.models import Categorie, Diploma, DiplomaEpreuve, Exam, Right, Specialty
from inscrinet.services.catalog import (
    categorie_save,
    diploma_save,
    specialty_rights_set,
    specialty_save,
)
from inscrinet.services.errors import DomainError
from management.base import DecView
from management.forms import (
    CategorieForm,
    DiplomaEpreuveFormSet,
    DiplomaForm,
    EpreuveFormSet,
    RightFormSet,
    SpecialtyForm,
)


class CatalogueView(DecView):
    def visible(self, model):
        """The national catalogue and the académie's own items."""
        return model.objects.filter(
            Q(academie__isnull=True) | Q(academie_id=self.actor.academie_id)
        )

    def exams(self):
        return Exam.objects.filter(sessions__academie_id=self.actor.academie_id).distinct()

    def item_or_404(self, model, pk):
        if pk is None:
            return None
        return get_object_or_404(self.visible(model), pk=pk)

    def may_edit(self, item) -> bool:
        return self.actor.may_write and (item is None or item.academie_id is not None)

    def saved(self, save, form, success, url_name):
        """Call the service; its refusal goes on the form, else back to the item's page."""
        try:
            item = save()
        except DomainError as error:
            form.add_error(None, str(error))
            return None
        messages.success(self.request, success)
        return redirect(url_name, pk=item.pk)


class Catalogue(CatalogueView):
    def get(self, request):
        exams = list(self.exams())
        return self.page(
            "management/catalogue.html",
            "Catalogue",
            specialties=self.visible(Specialty)
            .filter(exam__in=exams)
            .select_related("exam")
            .order_by("exam__order", "label"),
            categories=self.visible(Categorie)
            .filter(exam__in=exams)
            .select_related("exam")
            .order_by("exam__order", "label"),
            diplomas=self.visible(Diploma).order_by("label"),
        )


class SpecialtyEdit(CatalogueView):
    def get(self, request, pk=None):
        specialty = self.item_or_404(Specialty, pk)
        return self.render_page(
            specialty,
            SpecialtyForm(
                initial={"code": specialty.code, "label": specialty.label} if specialty else None,
                exams=None if specialty else self.exams(),
            ),
            EpreuveFormSet(initial=_epreuve_rows(specialty), prefix="epreuves"),
            self.rights_formset(specialty),
        )

    def post(self, request, pk=None):
        specialty = self.item_or_404(Specialty, pk)
        if "droits-TOTAL_FORMS" in request.POST and specialty is not None:
            return self.post_rights(specialty)
        form = SpecialtyForm(request.POST, exams=None if specialty else self.exams())
        epreuves = EpreuveFormSet(request.POST, prefix="epreuves")
        if form.is_valid() and epreuves.is_valid():
            rows = [row for row in epreuves.cleaned_data if row and not row.get("DELETE")]
            response = self.saved(
                lambda: specialty_save(
                    specialty=specialty,
                    values=form.cleaned_data,
                    epreuves=rows,
                    exam=form.cleaned_data.get("exam"),
                    actor=self.actor,
                ),
                form,
                "La spécialité et ses épreuves sont enregistrées.",
                "management:catalogue_specialty",
            )
            if response:
                return response
        return self.render_page(specialty, form, epreuves, self.rights_formset(specialty))

    def post_rights(self, specialty):
        rights = self.rights_formset(specialty, self.request.POST)
        if rights.is_valid():
            rows = [
                row
                for row in rights.cleaned_data
                if row and not row.get("DELETE") and row.get("source") and row.get("target")
            ]
            try:
                specialty_rights_set(specialty=specialty, rights=rows, actor=self.actor)
            except DomainError as error:
                messages.error(self.request, str(error))
            else:
                messages.success(self.request, "Les droits sont enregistrés.")
                return redirect("management:catalogue_specialty", pk=specialty.pk)
        return self.render_page(
            specialty,
            SpecialtyForm(initial={"code": specialty.code, "label": specialty.label}),
            EpreuveFormSet(initial=_epreuve_rows(specialty), prefix="epreuves"),
            rights,
        )

    def rights_formset(self, specialty, data=None):
        if specialty is None:
            return None
        sources = [
            (s.pk, f"{s.diploma.label} ({s.diploma.code}) — {s.code} {s.label}")
            for s in DiplomaEpreuve.objects.filter(
                Q(diploma__academie__isnull=True) | Q(diploma__academie_id=self.actor.academie_id)
            ).select_related("diploma")
        ]
        targets = [(e.code, f"{e.code} {e.label}") for e in specialty.epreuves.all()]
        initial = [
            {"source": r.source_id, "target": r.target.code, "kind": r.kind}
            for r in Right.objects.filter(target__specialty=specialty).select_related("target")
        ]
        return RightFormSet(
            data,
            initial=None if data else initial,
            prefix="droits",
            form_kwargs={"sources": sources, "targets": targets},
        )

    def render_page(self, specialty, form, epreuves, rights):
        return self.page(
            "management/catalogue_specialty.html",
            f"Spécialité {specialty.exam.code} {specialty.label}"
            if specialty
            else "Nouvelle spécialité",
            item=specialty,
            editable=self.may_edit(specialty),
            form=form,
            epreuves=epreuves,
            rights=rights,
        )


def _epreuve_rows(specialty):
    if specialty is None:
        return []
    return [
        {
            "code": e.code,
            "label": e.label,
            "parent": e.parent.code if e.parent else "",
            "kind": e.kind,
            "is_eps": e.is_eps,
            "progressive_choosable": e.progressive_choosable,
            "order": e.order,
            "options": " ; ".join(o.label for o in e.options.all()),
        }
        for e in specialty.epreuves.select_related("parent").prefetch_related("options")
    ]


class CategorieEdit(CatalogueView):
    def get(self, request, pk=None):
        categorie = self.item_or_404(Categorie, pk)
        if categorie:
            initial = {f: getattr(categorie, f) for f in CategorieForm.base_fields if f != "exam"}
        else:
            initial = {"allows_globale": True}
        return self.render_page(
            categorie,
            CategorieForm(
                initial=initial,
                exams=None if categorie else self.exams(),
            ),
        )

    def post(self, request, pk=None):
        categorie = self.item_or_404(Categorie, pk)
        form = CategorieForm(request.POST, exams=None if categorie else self.exams())
        if form.is_valid():
            response = self.saved(
                lambda: categorie_save(
                    categorie=categorie,
                    values=form.cleaned_data,
                    exam=form.cleaned_data.get("exam"),
                    actor=self.actor,
                ),
                form,
                "La catégorie est enregistrée.",
                "management:catalogue_categorie",
            )
            if response:
                return response
        return self.render_page(categorie, form)

    def render_page(self, categorie, form):
        return self.page(
            "management/catalogue_item.html",
            f"Catégorie {categorie.label}" if categorie else "Nouvelle catégorie",
            item=categorie,
            editable=self.may_edit(categorie),
            form=form,
        )


class DiplomaEdit(CatalogueView):
    def get(self, request, pk=None):
        diploma = self.item_or_404(Diploma, pk)
        rows = [
            {"code": e.code, "label": e.label, "order": e.order}
            for e in (diploma.epreuves.all() if diploma else [])
        ]
        return self.render_page(
            diploma,
            DiplomaForm(
                initial={"code": diploma.code, "label": diploma.label} if diploma else None
            ),
            DiplomaEpreuveFormSet(initial=rows, prefix="epreuves"),
        )

    def post(self, request, pk=None):
        diploma = self.item_or_404(Diploma, pk)
        form = DiplomaForm(request.POST)
        epreuves = DiplomaEpreuveFormSet(request.POST, prefix="epreuves")
        if form.is_valid() and epreuves.is_valid():
            rows = [row for row in epreuves.cleaned_data if row and not row.get("DELETE")]
            response = self.saved(
                lambda: diploma_save(
                    diploma=diploma, values=form.cleaned_data, epreuves=rows, actor=self.actor
                ),
                form,
                "Le diplôme et ses épreuves sont enregistrés.",
                "management:catalogue_diploma",
            )
            if response:
                return response
        return self.render_page(diploma, form, epreuves)

    def render_page(self, diploma, form, epreuves):
        return self.page(
            "management/catalogue_item.html",
            f"Diplôme {diploma.label}" if diploma else "Nouveau diplôme",
            item=diploma,
            editable=self.may_edit(diploma),
            form=form,
            epreuves=epreuves,
        )
