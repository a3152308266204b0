"""« Clés d'API »: a gestionnaire creates a read key for a downstream system (shown once,
on the page that answers the creation, never stored in clear) and revokes it."""

from django import forms
from django.shortcuts import get_object_or_404, redirect

from inscrinet.forms import ScreenForm
from inscrinet.models import ApiToken
from inscrinet.selectors import academie_rows_visible_to
from inscrinet.services.api_tokens import api_token_create, api_token_revoke
from inscrinet.services.errors import DomainError
from management.base import DecView


class ApiKeyForm(ScreenForm):
    label = forms.CharField(
        label="Libellé de la clé",
        help_text="Le système qui l'utilisera, ex. « Gestion des examens — production ».",
        max_length=80,
    )


class ApiKeys(DecView):
    def get(self, request, form=None, created=None, raw_key=None):
        tokens = academie_rows_visible_to(ApiToken, fetched_by=self.actor).select_related(
            "created_by"
        )
        return self.page(
            "management/api_keys.html",
            "Clés d'API",
            form=form or ApiKeyForm(),
            tokens=tokens,
            created=created,
            raw_key=raw_key,
        )

    def post(self, request):
        form = ApiKeyForm(request.POST)
        if form.is_valid():
            try:
                token, raw_key = api_token_create(
                    academie=self.academie, label=form.cleaned_data["label"], actor=self.actor
                )
            except DomainError as error:
                form.add_error("label", str(error))
            else:
                response = self.get(request, created=token, raw_key=raw_key)
                response["Cache-Control"] = "no-store"
                return response
        return self.get(request, form=form)


class ApiKeyRevoke(DecView):
    def post(self, request, pk):
        token = get_object_or_404(academie_rows_visible_to(ApiToken, fetched_by=self.actor), pk=pk)
        self.attempt(
            lambda: api_token_revoke(token=token, actor=self.actor),
            f"Clé « {token.label} » révoquée.",
        )
        return redirect("management:api_keys")
