"""M1 for the DEC: the académie's establishments — list, create, edit, open or close their
inscription service, reset a password (a random one-time password shown once)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect

from inscrinet.actors import EtablissementAccess
from inscrinet.selectors import etablissements_visible_to
from inscrinet.services.errors import DomainError
from inscrinet.services.etablissements import (
    etablissement_inscription_service_set,
    etablissement_password_reset,
    etablissement_save,
)
from management.base import DecView
from management.forms import EtablissementForm

PAGE_SIZE = 50


class EtablissementList(DecView):
    def get(self, request):
        query = (request.GET.get("q") or "")[:100]
        rows = etablissements_visible_to(fetched_by=self.actor).prefetch_related("exams")
        if query.strip():
            rows = rows.filter(
                Q(code__icontains=query.strip())
                | Q(name__icontains=query.strip())
                | Q(city__icontains=query.strip())
            )
        page = Paginator(rows.order_by("name", "code"), PAGE_SIZE).get_page(request.GET.get("page"))
        return self.page("management/etablissements.html", "Établissements", page_obj=page, q=query)


class EtablissementEdit(DecView):
    """Create (no pk) or edit an establishment of the académie."""

    def get(self, request, pk=None):
        etablissement = self.etablissement_or_404(pk) if pk else None
        return self.render_page(
            etablissement,
            EtablissementForm(
                instance=etablissement,
                initial={"exams": list(etablissement.exams.all())} if etablissement else None,
            ),
        )

    def post(self, request, pk=None):
        etablissement = self.etablissement_or_404(pk) if pk else None
        form = EtablissementForm(request.POST, instance=etablissement)
        if form.is_valid():
            try:
                saved = etablissement_save(
                    etablissement=etablissement,
                    values=form.cleaned_data,
                    exams=list(form.cleaned_data["exams"]),
                    actor=self.actor,
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, f"L'établissement {saved.name} ({saved.code}) est enregistré."
                )
                return redirect("management:etablissement", pk=saved.pk)
        return self.render_page(etablissement, form)

    def render_page(self, etablissement, form):
        title = (
            f"{etablissement.name} ({etablissement.code})"
            if etablissement
            else "Nouvel établissement"
        )
        return self.page(
            "management/etablissement.html",
            title,
            etablissement=etablissement,
            form=form,
            accesses=EtablissementAccess.choices,
        )


class EtablissementService(DecView):
    def post(self, request, pk):
        etablissement = self.etablissement_or_404(pk)
        open_ = request.POST.get("action") == "ouvrir"
        self.attempt(
            lambda: etablissement_inscription_service_set(
                etablissement=etablissement, open=open_, actor=self.actor
            ),
            f"Le service d'inscription de l'établissement est {'ouvert' if open_ else 'fermé'}.",
        )
        return redirect("management:etablissement", pk=etablissement.pk)


class EtablissementPasswordReset(DecView):
    """The one-time password is in this response only: the page is private, not cached."""

    def post(self, request, pk):
        etablissement = self.etablissement_or_404(pk)
        access = request.POST.get("acces")
        if access not in EtablissementAccess.values:
            messages.error(request, "Choisissez le mot de passe à réinitialiser.")
            return redirect("management:etablissement", pk=etablissement.pk)
        one_time = etablissement_password_reset(
            etablissement=etablissement, access=access, actor=self.actor
        )
        return self.page(
            "management/password_reset.html",
            "Mot de passe réinitialisé",
            etablissement=etablissement,
            access_label=EtablissementAccess(access).label,
            one_time=one_time,
        )
