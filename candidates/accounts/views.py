"""The candidate space's own pages (C3 and the resend of C1); the rest of the account pages
are django-allauth's views with our templates (templates/account/)."""

from allauth.account.internal.flows.email_verification import (
    consume_email_verification_rate_limit,
)
from allauth.account.models import EmailAddress
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.views import View

from candidates.accounts.identity import AccountIdentityForm, account_identity
from inscrinet.forms import ScreenForm
from inscrinet.services.candidate_accounts import (
    account_actor,
    account_has_candidature,
    candidate_account_delete,
    candidate_account_update,
    locked_identity_message,
)
from inscrinet.services.errors import DomainError


class CandidateAccountView(View):
    """A page of a logged-in candidate account; anyone else goes to « Me connecter »."""

    def dispatch(self, request, *args, **kwargs):
        account = getattr(request.user, "candidate_account", None)
        if not request.user.is_authenticated or account is None:
            return redirect("account_login")
        if account.must_change_password:  # C10: a pupil's first login, with the slip
            return redirect("account_change_password")
        self.account = account
        self.actor = account_actor(account, request)
        return super().dispatch(request, *args, **kwargs)

    def page(self, template, title, **context):
        return render(self.request, template, {"title": title, "account": self.account, **context})


class AccountHome(CandidateAccountView):
    def get(self, request):
        return self.page(
            "candidates/account/home.html",
            "Mon compte",
            email=request.user.email,
            has_candidature=account_has_candidature(self.account),
        )


def _identity_initial(account) -> dict:
    """« Modifier mon compte »: the account's identity, its confirmations typed alike."""
    identity = account_identity(account)
    return {
        **identity,
        "birth_name_confirmation": identity["birth_name"],
        "birth_date_confirmation": identity["birth_date"],
    }


class AccountEdit(CandidateAccountView):
    """C3 « Modifier mon compte »: everything until the first candidature."""

    def get(self, request, form=None):
        locked = account_has_candidature(self.account)
        form = form or AccountIdentityForm(initial=_identity_initial(self.account))
        if locked:
            for field in form.fields.values():
                field.disabled = True
        return self.page(
            "candidates/account/edit.html",
            "Modifier mon compte",
            form=form,
            locked=locked,
            locked_message=locked_identity_message(self.account) if locked else "",
        )

    def post(self, request):
        form = AccountIdentityForm(request.POST)
        if form.is_valid():
            try:
                candidate_account_update(
                    account=self.account, identity=form.identity(), actor=self.actor
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Les informations de votre compte sont enregistrées.")
                return redirect("candidate_account_home")
        return self.get(request, form)


class AccountDelete(CandidateAccountView):
    def get(self, request):
        return self.page(
            "candidates/account/delete.html",
            "Supprimer mon compte",
            has_candidature=account_has_candidature(self.account),
        )

    def post(self, request):
        try:
            candidate_account_delete(account=self.account, actor=self.actor)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("candidate_account_home")
        logout(request)
        messages.success(request, "Votre compte et ses informations ont été supprimés.")
        return redirect("home")


class ResendForm(ScreenForm):
    email = forms.EmailField(label="Adresse mail", max_length=254)


def resend_activation(request):
    """« Je n'ai pas reçu le mail, effectuer un nouvel envoi »: the same answer whether an
    account waits for this address or not (allauth's rate limit applies to the sending)."""
    form = ResendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        address = EmailAddress.objects.filter(
            email__iexact=form.cleaned_data["email"],
            verified=False,
            user__candidate_account__isnull=False,
        ).first()
        # The page never says whether one was sent (no allauth message either).
        if address is not None and consume_email_verification_rate_limit(request, address.email):
            address.send_confirmation(request)
        messages.info(
            request,
            "Si un compte en attente d'activation existe pour cette adresse, un nouveau mail "
            "vient de lui être envoyé. Pensez à regarder dans les courriers indésirables.",
        )
        return redirect("account_email_verification_sent")
    return render(
        request,
        "candidates/account/resend.html",
        {"title": "Recevoir à nouveau le mail d'activation", "form": form},
    )
