"""S7 « Validation / Annulation d'une pré-inscription » and the establishment's read-only
view of its own pupils' dossiers and documents. Every dossier is read through the scoped
selector: another establishment's id is a 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_safe

from establishments.views import SuiviView
from inscrinet import documents
from inscrinet.converters import id_from_form
from inscrinet.models import DocumentKind, DossierState, DossierVersion
from inscrinet.selectors import dossiers_visible_to
from inscrinet.services.dossier_states import STATE_RIGHTS, dossier_move
from inscrinet.services.errors import DomainError
from inscrinet.services.lock import refuse_if_session_locked

# Ticking a row moves it: a pre-registration is cancelled, a cancelled one reactivated.
TICK_MOVES = {
    DossierState.PRE_INSCRIT: ("annuler_etablissement", "sera annulée"),
    DossierState.ANNULE: ("reactiver", "sera réactivée"),
}
CONFIRMABLE = {event for event, _ in TICK_MOVES.values()}


def pupils(actor):
    return dossiers_visible_to(fetched_by=actor).order_by(
        "birth_name", "first_names", "session__exam__code", "number"
    )


class Cancellations(SuiviView):
    """The seed's table; « Valider » leads to a confirmation page listing the ticked rows."""

    writes = True
    title = "Validation / Annulation d'une pré-inscription"

    def get(self, request):
        return self.page(
            "establishments/cancellations.html",
            self.title,
            dossiers=pupils(self.actor),
            movable=list(TICK_MOVES),
        )

    def post(self, request):
        ticked = self.ticked(request.POST.getlist("dossier"))
        if not ticked:
            messages.error(request, "Cochez au moins une pré-inscription, puis validez.")
            return redirect("establishments:cancellations")
        for session_id in {dossier.session_id for dossier in ticked}:
            refuse_if_session_locked(session_id)  # M3: the 503 page, nothing changed
        if "confirmer" not in request.POST:
            return self.page(
                "establishments/cancellations_confirm.html",
                "Confirmer les changements",
                changes=[(d, *TICK_MOVES[d.state]) for d in ticked],
            )
        done, refused = 0, []
        for dossier in ticked:
            # The move confirmed on the page, not the one the state now suggests: a
            # replayed « Confirmer » (double click, Back) must not undo what it did.
            event = request.POST.get(f"action-{dossier.pk}")
            if event not in CONFIRMABLE:
                raise Http404("Changement inconnu.")
            try:
                dossier_move(dossier=dossier, event=event, actor=self.actor)
                done += 1
            except DomainError as error:  # moved meanwhile (another tab, the DEC)
                refused.append(f"{dossier.display_number} : {error}")
        if done:
            messages.success(request, f"{done} pré-inscription(s) mise(s) à jour.")
        for message in refused:
            messages.error(request, message)
        return redirect("establishments:cancellations")

    def ticked(self, values):
        """The ticked dossiers, all of this establishment and movable, or a 404."""
        ids = {id_from_form(v) for v in values}
        if None in ids:
            raise Http404("Pré-inscription introuvable.")
        found = list(pupils(self.actor).filter(pk__in=ids, state__in=list(TICK_MOVES)))
        if len(found) != len(ids):
            raise Http404("Pré-inscription introuvable.")
        return found


class DossierDetail(SuiviView):
    """A pupil's current récapitulatif, its versions and documents (read-only)."""

    def get(self, request, pk):
        dossier = get_object_or_404(pupils(self.actor), pk=pk)
        versions = list(dossier.versions.order_by("-version"))
        return self.page(
            "establishments/dossier.html",
            f"Dossier {dossier.display_number}",
            dossier=dossier,
            current=versions[0],
            snapshot=versions[0].snapshot,
            versions=versions,
            state_label=STATE_RIGHTS[dossier.state].candidate_label,
        )


class DossierDocument(SuiviView):
    def get(self, request, pk, version, kind):
        dossier = get_object_or_404(pupils(self.actor), pk=pk)
        if kind not in DocumentKind.values:
            raise Http404
        stored = get_object_or_404(DossierVersion, dossier=dossier, version=version)
        stored.dossier = dossier
        return documents.document_response(stored, kind)


dossier_document = require_safe(DossierDocument.as_view())
