"""C5: the registration of a candidate account as seed 004's tabs, over the very screens,
forms, rules and validation service of the Inscrinet wizard (candidates/wizard.py).

Only what differs lives here: who may open it (the logged-in account, its own dossiers),
no « Origine » screen, the identity taken from the account and read only, the tab bar and
its buttons (« Précédent », « Suivant », « Enregistrer », « Visualiser/imprimer »,
« Quitter »), and where « Enregistrer » leads (the N° Inscription tab).
"""

import uuid
from dataclasses import replace

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from candidates import steps as S
from candidates.accounts.identity import account_identity
from candidates.wizard import InscriptionWizard
from candidates.wizard_modification import BASE_VERSION, ModificationWizard, current_screens
from inscrinet.actors import CandidateActor
from inscrinet.login_guard import client_ip
from inscrinet.models import CandidateAccess, Dossier, DossierState, Session
from inscrinet.services.account_candidatures import account_candidature_submit
from inscrinet.services.errors import DomainError

# Seed 004's tabs and the wizard's screens each one shows, in the wizard's order.
TABS = [
    ("1 - Identification", ("etat_civil", "adresse")),
    ("2 - Informations candidature", ("autres", "etablissement", "resultats")),
    ("3 - Qualification présentée", ("specialite", "precisions")),
    ("4 - Acquis", ("diplomes", "acquis", "bilan")),
    ("5 - Epreuves", ("epreuves", "epreuves_suite")),
    ("6 - Récapitulatif", ("recapitulatif",)),
]
NUMBER_TAB = "7 - N° Inscription"
TAB_OF_STEP = {step: index for index, (_, steps) in enumerate(TABS) for step in steps}


def logged_in_account(request):
    user = request.user
    return getattr(user, "candidate_account", None) if user.is_authenticated else None


class AccountTabsMixin:
    """What both the creation and the modification of an account's candidature share."""

    template_name = "candidates/account/tabs.html"
    condition_dict = {**S.CONDITIONS, "origine": lambda wizard: False}
    for_accounts = True

    def account_gate(self, request):
        """The logged-in account, or the response that sends anyone else away."""
        self.account = logged_in_account(request)
        if self.account is None:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        if self.account.must_change_password:
            return redirect("account_change_password")
        return None

    def get_form_kwargs(self, step=None):
        kwargs = super().get_form_kwargs(step)
        if step == "etat_civil":
            kwargs["account_identity"] = account_identity(self.account)
        return kwargs

    def get_form_initial(self, step):
        initial = super().get_form_initial(step)
        if step == "adresse" and not initial.get("email") and self.account.user.email:
            email = self.account.user.email
            initial = {**initial, "email": email, "email_confirmation": email}
        return initial

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        current = TAB_OF_STEP.get(self.steps.current, 0)
        context.update(
            account=self.account,
            tabs=[
                {
                    "label": label,
                    "url": self.tab_url(steps),
                    "current": index == current,
                }
                for index, (label, steps) in enumerate(TABS)
            ],
            number_tab=NUMBER_TAB,
            number_tab_url=self.number_tab_url(),
            version_label=self.version_label(),
        )
        return context

    def tab_url(self, steps):
        """A tab's first screen this candidature asks (the wizard sends a tab not reached
        yet back to the first screen still to fill)."""
        asked = [step for step in steps if step in self.get_form_list()]
        return self.get_step_url(asked[0]) if asked else None

    def number_tab_url(self):
        return None

    def version_label(self):
        return None

    def actor(self):
        return CandidateActor(
            ip=client_ip(self.request),
            account_id=self.account.pk,
            dossier_id=self.dossier.pk if self.dossier else None,
        )

    def candidature(self, screens, answers=None):
        return replace(super().candidature(screens, answers), account=self.account)

    def done(self, form_list, form_dict, **kwargs):
        steps = {name: form.cleaned_data for name, form in form_dict.items()}
        try:
            version = account_candidature_submit(
                self.candidature(steps, answers=self.validated_answers()),
                submission_key=self.ensure_submission_key(),
                actor=self.actor(),
                modifying=self.modifying(),
            )
        except DomainError as error:
            return self.refused(error)
        return self.validated_redirect(version)

    def validated_redirect(self, version):
        dossier = version.dossier
        if dossier.account_id != self.account.pk:  # a replayed token of someone else's
            raise Http404
        self.storage.reset()
        messages.success(
            self.request,
            "Votre inscription a bien été enregistrée."
            if version.version == 0
            else f"Votre modification est enregistrée : version {version.version + 1:02d}.",
        )
        return redirect(number_tab(dossier))


class AccountInscriptionWizard(AccountTabsMixin, InscriptionWizard):
    """A new candidature of the logged-in account in a session reached by account."""

    abandon_url_name = "account_tabs_quit"

    def dispatch(self, request, *args, **kwargs):
        refused = self.account_gate(request)
        if refused:
            return refused
        session = get_object_or_404(
            Session, pk=kwargs["session_pk"], candidate_access=CandidateAccess.COMPTE
        )
        existing = active_candidature(self.account, session)
        if existing is not None:  # one candidature per session: open it instead
            return redirect(number_tab(existing))
        return super().dispatch(request, *args, **kwargs)

    def get_step_url(self, step):
        return reverse("account_tabs", kwargs={"session_pk": self.session.pk, "step": step})

    def abandon_url(self):
        return reverse(self.abandon_url_name, kwargs={"session_pk": self.session.pk})

    def back_url(self):
        return reverse("account_candidatures")


class AccountModificationWizard(AccountTabsMixin, ModificationWizard):
    """« Modifier » an account's candidature (version k+1), or complete a candidature
    pre-registered by the establishment (C10: « À compléter » → « Inscrit »)."""

    abandon_url_name = "account_modify_quit"

    def dispatch(self, request, *args, **kwargs):
        refused = self.account_gate(request)
        if refused:
            return refused
        return super().dispatch(request, *args, **kwargs)

    def find_dossier(self, request, kwargs):
        return (
            Dossier.objects.select_related("session__exam", "session__academie", "etablissement")
            .filter(session_id=kwargs["session_pk"], number=kwargs["number"], account=self.account)
            .first()
        )

    def dossier_not_found(self, kwargs):
        raise Http404("Aucune candidature de votre compte ne porte ce numéro.")

    def dossier_page(self, dossier):
        return number_tab(dossier)

    def get_step_url(self, step):
        return reverse(
            "account_modify",
            kwargs={"session_pk": self.session.pk, "number": self.dossier.number, "step": step},
        )

    def number_tab_url(self):
        return number_tab(self.dossier)

    def version_label(self):
        return f"Version {self.dossier.current_version + 1:02d}"

    def start_from_current_version(self):
        """A candidature pre-registered by an establishment holds what the establishment
        knew as drafts of the screens (nothing validated yet): start from them."""
        version = self.dossier.versions.get(version=self.dossier.current_version)
        answers = version.answers or {}
        if answers.get("step_data") or self.dossier.state != DossierState.A_COMPLETER:
            return super().start_from_current_version()
        self.storage.reset()
        self.storage.data[self.storage.step_data_key] = current_screens({})
        self.storage.extra_data = {
            **answers.get("extra", {}),
            BASE_VERSION: version.version,
            "submission_key": uuid.uuid4().hex,
        }
        self.storage.current_step = self.steps.first
        return redirect(self.get_step_url(self.steps.first))


def active_candidature(account, session):
    """The account's candidature in this session still running (not ended), if any."""
    from inscrinet.models.dossiers import ENDED_STATES

    return (
        account.dossiers.filter(session=session).exclude(state__in=ENDED_STATES).first()
        if account
        else None
    )


def number_tab(dossier) -> str:
    return reverse(
        "account_candidature", kwargs={"session_pk": dossier.session_id, "number": dossier.number}
    )
