"""G18: « Modifier » re-enters the wizard pre-filled with the current version's screens.

Its state lives under its own prefix per dossier; it remembers the version it started
from, and « Valider votre inscription » stores the next version only if that one is still
the current one. Abandon discards the changes, never the dossier.
"""

import uuid

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from candidates.access import dossier_is_unlocked
from candidates.wizard import InscriptionWizard
from inscrinet.models import Dossier, Service
from inscrinet.services.dossiers import dossier_modification_refusal
from inscrinet.services.errors import ModificationRefused
from inscrinet.services.lock import ServiceLocked

BASE_VERSION = "base_version"


class ModificationWizard(InscriptionWizard):
    abandon_url_name = "candidates:modify_abandon"

    def dispatch(self, request, *args, **kwargs):
        dossier = self.find_dossier(request, kwargs)
        if dossier is None:
            return self.dossier_not_found(kwargs)
        if dossier.session.locked:
            raise ServiceLocked  # M3: the 503 page, before anyone types
        if dossier_modification_refusal(dossier):
            return redirect(self.dossier_page(dossier))  # the dossier page says why, once
        self.dossier, self.service = dossier, dossier.service
        return super().dispatch(request, *args, **kwargs)

    def dossier_page(self, dossier):
        return dossier_url(dossier)

    def find_dossier(self, request, kwargs):
        """The dossier in the URL, if this browser unlocked it (G18)."""
        dossier = (
            Dossier.objects.select_related("session__exam", "session__academie", "etablissement")
            .filter(session_id=kwargs["session_pk"], number=kwargs["number"])
            .first()
        )
        return dossier if dossier and dossier_is_unlocked(request, dossier) else None

    def dossier_not_found(self, kwargs):
        return redirect("candidates:consult", session_pk=kwargs["session_pk"])

    def get_etablissement_fixed(self, request):
        # A pupil's dossier keeps the establishment it was registered from (E2).
        return self.dossier.etablissement if self.dossier.service == Service.ETABLISSEMENT else None

    def get_prefix(self, request, *args, **kwargs):
        return modification_prefix(kwargs["session_pk"], kwargs["number"])

    def get_step_url(self, step):
        return reverse(
            "candidates:modify",
            kwargs={"session_pk": self.session.pk, "number": self.dossier.number, "step": step},
        )

    def abandon_url(self):
        return reverse(
            self.abandon_url_name,
            kwargs={"session_pk": self.session.pk, "number": self.dossier.number},
        )

    def back_url(self):
        return self.dossier_page(self.dossier)

    def get(self, *args, **kwargs):
        if BASE_VERSION not in self.storage.extra_data:
            return self.start_from_current_version()
        return super().get(*args, **kwargs)

    def post(self, *args, **kwargs):
        if BASE_VERSION not in self.storage.extra_data and self.replayed_version() is None:
            return self.expired()
        return super().post(*args, **kwargs)

    def start_from_current_version(self):
        version = self.dossier.versions.get(version=self.dossier.current_version)
        answers = version.answers or {}
        if not answers.get("step_data"):
            messages.error(
                self.request,
                "Ce dossier ne peut pas être modifié en ligne : contactez le service des examens.",
            )
            return redirect(self.dossier_page(self.dossier))
        self.storage.reset()
        self.storage.data[self.storage.step_data_key] = current_screens(answers["step_data"])
        self.storage.extra_data = {
            **answers.get("extra", {}),
            BASE_VERSION: version.version,
            "submission_key": uuid.uuid4().hex,
        }
        self.storage.current_step = self.steps.first
        return redirect(self.get_step_url(self.steps.first))

    def modifying(self):
        return self.dossier, self.storage.extra_data[BASE_VERSION]

    def refused(self, error):
        if isinstance(error, ModificationRefused):
            self.storage.reset()
            if str(error) != dossier_modification_refusal(self.dossier):
                # The dossier page shows the current reason itself: say only what it won't.
                messages.error(self.request, str(error))
            return redirect(self.dossier_page(self.dossier))
        return super().refused(error)

    def expired(self):
        return render(
            self.request,
            "candidates/modification_expired.html",
            {
                "session": self.session,
                "dossier": self.dossier,
                "dossier_url": self.dossier_page(self.dossier),
            },
        )

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        context["modifying"] = self.dossier
        base = self.storage.extra_data.get(BASE_VERSION)
        if base is not None and base != self.dossier.current_version:
            # Said now rather than only at « Valider », which would be refused.
            context["stale_warning"] = (
                f"Votre dossier a été modifié ailleurs depuis le début de cette modification : "
                f"il est maintenant en version {self.dossier.display_number}. La validation de "
                "cette modification sera refusée ; abandonnez-la et recommencez à partir de la "
                "version actuelle."
            )
        return context


def current_screens(step_data: dict) -> dict:
    """Versions validated before the « Précisions » screen existed kept its questions on
    the spécialité screen: move them, so that « Modifier » shows them pre-filled."""
    specialite = dict(step_data.get("specialite", {}))
    moved = {
        name: specialite.pop(name)
        for name in list(specialite)
        if name.startswith(("specialite-extra_", "specialite-forme_finale"))
    }
    if not moved or "precisions" in step_data:
        return step_data
    precisions = {name.replace("specialite-", "precisions-", 1): v for name, v in moved.items()}
    return {**step_data, "specialite": specialite, "precisions": precisions}


def modification_prefix(session_pk, number) -> str:
    """One modification state per dossier."""
    return f"modification-{session_pk}-{number}"


def dossier_url(dossier):
    return reverse(
        "candidates:dossier", kwargs={"session_pk": dossier.session_id, "number": dossier.number}
    )
