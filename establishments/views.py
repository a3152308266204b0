"""Suivi établissement (seed 003): S1 login and first password change, the menu, S2
sections européennes, S3 open/close the inscription service, S4/S5 passwords, logout."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views import View
from django.views.decorators.http import require_http_methods, require_POST

from establishments.forms import NewPasswordForm, SectionsEuropeennesForm, SuiviLoginForm
from inscrinet import login_guard
from inscrinet.actors import EtablissementAccess, establishment_actor
from inscrinet.login_guard import client_ip
from inscrinet.models import Etablissement, Service
from inscrinet.permissions import SUIVI_SESSION_KEY, EtablissementSuiviRequiredMixin
from inscrinet.selectors import sessions_visible_to
from inscrinet.services.errors import DomainError
from inscrinet.services.etablissements import (
    etablissement_inscription_service_set,
    etablissement_password_set,
    etablissement_sections_europeennes_set,
    etablissement_suivi_logged_in,
    inscription_service_opening_refusal,
    serves_sections_europeennes,
)

FIRST_LOGIN_KEY = "etablissement_suivi_first_login"
LOGIN_ERROR = "Code établissement ou mot de passe du suivi incorrect."


class SuiviView(EtablissementSuiviRequiredMixin, View):
    """A page of the suivi service: `self.actor` is the establishment (suivi access)."""

    login_url = reverse_lazy("establishments:login")

    @property
    def etablissement(self) -> Etablissement:
        if not hasattr(self, "_etablissement"):
            self._etablissement = Etablissement.objects.select_related("academie").get(
                pk=self.actor.etablissement_id
            )
        return self._etablissement

    def page(self, template, title, **context):
        return render(
            self.request,
            template,
            {"title": title, "etablissement": self.etablissement, **context},
        )


# --- S1 ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def login(request):
    form = SuiviLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code, password = form.cleaned_data["code"], form.cleaned_data["password"]
        credentials = login_guard.credentials_for(login_guard.SUIVI, code)
        if login_guard.login_is_locked(request, credentials):
            form.add_error(None, login_guard.LOCKED_MESSAGE)
        else:
            etablissement = Etablissement.objects.filter(code=code, is_fictitious=False).first()
            if etablissement is None or not etablissement.check_suivi_password(password):
                login_guard.login_failed(request, credentials)
                form.add_error(None, LOGIN_ERROR)
            else:
                login_guard.login_succeeded(request, credentials)
                return _logged_in(request, etablissement)
    return render(
        request, "establishments/login.html", {"title": "Suivi établissement", "form": form}
    )


def _logged_in(request, etablissement):
    actor = establishment_actor(
        etablissement, access=EtablissementAccess.SUIVI, ip=client_ip(request)
    )
    etablissement_suivi_logged_in(etablissement=etablissement, actor=actor)
    request.session.cycle_key()
    if etablissement.suivi_password_must_change:
        # The default password (the public code) opens only the forced change.
        request.session[FIRST_LOGIN_KEY] = {"etablissement": etablissement.pk}
        return redirect("establishments:first_password")
    request.session[SUIVI_SESSION_KEY] = {"etablissement": etablissement.pk}
    return redirect("establishments:menu")


@require_http_methods(["GET", "POST"])
def first_password(request):
    """« La première fois que vous accédez au service établissement vous êtes invité à
    changer le mot de passe » (seed 003)."""
    pending = request.session.get(FIRST_LOGIN_KEY) or {}
    etablissement = Etablissement.objects.filter(
        pk=pending.get("etablissement"), suivi_password_must_change=True
    ).first()
    if etablissement is None:
        return redirect("establishments:login")
    form = NewPasswordForm(request.POST or None, etablissement=etablissement)
    if request.method == "POST" and form.is_valid():
        actor = establishment_actor(
            etablissement, access=EtablissementAccess.SUIVI, ip=client_ip(request)
        )
        etablissement_password_set(
            etablissement=etablissement,
            access=EtablissementAccess.SUIVI,
            raw_password=form.cleaned_data["new"],
            actor=actor,
        )
        request.session.cycle_key()
        request.session.pop(FIRST_LOGIN_KEY, None)
        request.session[SUIVI_SESSION_KEY] = {"etablissement": etablissement.pk}
        messages.success(request, "Votre mot de passe du suivi a été changé.")
        return redirect("establishments:menu")
    return render(
        request,
        "establishments/password.html",
        {
            "title": "Changer le mot de passe pour le suivi",
            "etablissement": etablissement,
            "form": form,
            "first_login": True,
        },
    )


@require_POST
def logout(request):
    request.session.flush()
    messages.info(request, "Vous êtes déconnecté(e) du suivi établissement.")
    return redirect("establishments:login")


# --- the menu, S2, S3 ---------------------------------------------------------------------


class Menu(SuiviView):
    # The functions of seed 003's menu besides S2–S5, as (url name, label).
    functions = [
        ("establishments:lists", "Liste des candidats pré-inscrits"),
        ("establishments:cancellations", "Validation / Annulation d'une pré-inscription"),
        ("establishments:print", "Impression de confirmations"),
        ("establishments:pupils", "Élèves à inscrire (comptes candidats)"),
    ]

    def get(self, request):
        etablissement = self.etablissement
        return self.page(
            "establishments/menu.html",
            "Service Établissement",
            asks_sections=serves_sections_europeennes(etablissement),
            opening_refusal=inscription_service_opening_refusal(etablissement),
            functions=self.functions,
            sessions=[
                (session, session.period(Service.ETABLISSEMENT))
                for session in sessions_visible_to(fetched_by=self.actor).order_by("exam__code")
            ],
        )


class SectionsEuropeennes(SuiviView):
    """S2, for establishments serving the Bac pro only."""

    writes = True

    def check_serves(self):
        if not serves_sections_europeennes(self.etablissement):
            raise Http404("Question réservée aux établissements du baccalauréat professionnel.")

    def get(self, request):
        self.check_serves()
        return self.render_form(
            SectionsEuropeennesForm(
                initial={"answer": self.etablissement.sections_europeennes or None}
            )
        )

    def post(self, request):
        self.check_serves()
        form = SectionsEuropeennesForm(request.POST)
        if form.is_valid():
            etablissement_sections_europeennes_set(
                etablissement=self.etablissement,
                answer=form.cleaned_data["answer"],
                actor=self.actor,
            )
            messages.success(request, "Votre réponse sur les sections européennes est enregistrée.")
            return redirect("establishments:menu")
        return self.render_form(form)

    def render_form(self, form):
        return self.page(
            "establishments/sections_europeennes.html", "Sections européennes", form=form
        )


class InscriptionService(SuiviView):
    """S3 « Fermer / ouvrir le service d'inscription »."""

    def get(self, request):
        return self.page(
            "establishments/service.html",
            "Fermer / ouvrir le service d'inscription",
            opening_refusal=inscription_service_opening_refusal(self.etablissement),
        )

    def post(self, request):
        try:
            etablissement_inscription_service_set(
                etablissement=self.etablissement,
                open=request.POST.get("ouvrir") == "1",
                actor=self.actor,
            )
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("establishments:service")
        messages.success(
            request,
            "Le service d'inscription de votre établissement est ouvert."
            if self.etablissement.inscription_open
            else "Le service d'inscription de votre établissement est fermé : vos élèves ne "
            "peuvent plus s'y inscrire, ceux en cours de saisie en sont avertis.",
        )
        return redirect("establishments:menu")


# --- S4, S5 ------------------------------------------------------------------------------


class ChangePassword(SuiviView):
    access: str  # EtablissementAccess
    title: str

    def form(self, data=None):
        etablissement = self.etablissement
        check = (
            etablissement.check_suivi_password
            if self.access == EtablissementAccess.SUIVI
            else etablissement.check_inscription_password
        )
        return NewPasswordForm(data, etablissement=etablissement, check_current=check)

    def get(self, request):
        return self.page("establishments/password.html", self.title, form=self.form())

    def post(self, request):
        form = self.form(request.POST)
        if form.is_valid():
            etablissement_password_set(
                etablissement=self.etablissement,
                access=self.access,
                raw_password=form.cleaned_data["new"],
                actor=self.actor,
            )
            request.session.cycle_key()
            messages.success(request, f"{self.done} a été changé.")
            return redirect("establishments:menu")
        return self.page("establishments/password.html", self.title, form=form)


class InscriptionPassword(ChangePassword):
    access = EtablissementAccess.INSCRIPTION
    title = "Changer le mot de passe pour le service d'inscription"
    done = "Le mot de passe du service d'inscription (celui que vos élèves saisissent)"


class SuiviPassword(ChangePassword):
    access = EtablissementAccess.SUIVI
    title = "Changer le mot de passe pour le suivi"
    done = "Le mot de passe du suivi"
