"""The base of every page of the DEC space: the permission mixin (académie, role, second
factor), the actor's académie, the lock banner, and the scoped lookups that make another
académie's object a 404."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, render
from django.urls import reverse_lazy
from django.views import View

from inscrinet.models import Academie
from inscrinet.permissions import DecRequiredMixin
from inscrinet.selectors import (
    dossiers_visible_to,
    etablissements_visible_to,
    sessions_visible_to,
)
from inscrinet.services.errors import DomainError


class DecView(DecRequiredMixin, View):
    login_url = reverse_lazy("management:login")

    @property
    def writes(self) -> bool:
        """Every POST of the space changes something: the consultation role gets a 403."""
        return self.request.method not in ("GET", "HEAD", "OPTIONS")

    @property
    def academie(self) -> Academie:
        if not hasattr(self, "_academie"):
            self._academie = Academie.objects.get(pk=self.actor.academie_id)
        return self._academie

    # --- scoped lookups: out of the académie is a 404 --------------------------------------

    def session_or_404(self, pk):
        return get_object_or_404(sessions_visible_to(fetched_by=self.actor), pk=pk)

    def etablissement_or_404(self, pk):
        return get_object_or_404(etablissements_visible_to(fetched_by=self.actor), pk=pk)

    def dossier_or_404(self, pk):
        return get_object_or_404(dossiers_visible_to(fetched_by=self.actor), pk=pk)

    def attempt(self, write, success: str) -> bool:
        """Run a service call; its refusal (DomainError) or `success` becomes the message
        shown on the page the view redirects to."""
        try:
            write()
        except DomainError as error:
            messages.error(self.request, str(error))
            return False
        messages.success(self.request, success)
        return True

    def page(self, template, title, **context):
        locked = list(
            sessions_visible_to(fetched_by=self.actor)
            .filter(locked=True)
            .values_list("exam__code", "label")
        )
        return render(
            self.request,
            template,
            {
                "title": title,
                "academie": self.academie,
                "actor": self.actor,
                "locked_sessions": locked,
                **context,
            },
        )
