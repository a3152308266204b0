"""M5 for the DEC: search the académie's dossiers, a dossier's page (versions and what
changed, documents, emails, transitions, audit), its moves (« Confirmation signée reçue »,
« Annuler » with a reason, « Réactiver »), a failed email sent again; and the audit."""

import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from inscrinet.documents import document_response
from inscrinet.models import ConfirmationEmail, DocumentKind, EmailState
from inscrinet.selectors import audit_visible_to, etablissements_visible_to, sessions_visible_to
from inscrinet.selectors.dossier_search import dossiers_search
from inscrinet.selectors.versions import version_diff
from inscrinet.services.dossier_states import EVENTS, dossier_move
from inscrinet.services.emails import confirmation_email_resend
from management.base import DecView
from management.forms import SORTS, AuditFilterForm, DossierSearchForm, ReasonForm

PAGE_SIZE = 50
# The moves the DEC's dossier page offers, as (event, button label).
DEC_ACTIONS = [
    ("rendre_definitif", "Confirmation signée reçue"),
    ("annuler_definitif", "Annuler la réception de la confirmation"),
    ("annuler_dec", "Annuler"),
    ("reactiver_dec", "Réactiver"),
    ("reactiver", "Réactiver"),
]


class DossierSearch(DecView):
    def get(self, request):
        sessions = sessions_visible_to(fetched_by=self.actor)
        form = DossierSearchForm(
            request.GET or None,
            sessions=sessions,
            etablissements=etablissements_visible_to(fetched_by=self.actor),
        )
        page, sort = None, request.GET.get("tri") or "-numero"
        if sort not in SORTS:
            sort = "-numero"
        if form.is_bound and form.is_valid():
            rows = dossiers_search(
                fetched_by=self.actor, criteria=form.cleaned_data, order_by=SORTS[sort]
            )
            page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        for key in ("tri", "page"):
            query.pop(key, None)
        return self.page(
            "management/dossiers.html",
            "Suivi des inscriptions",
            form=form,
            page_obj=page,
            sort=sort,
            query=query.urlencode(),
            columns=[
                ("numero", "Numéro"),
                ("nom", "Nom - prénoms"),
                ("naissance", "Date de naissance"),
                (None, "Spécialité"),
                (None, "Établissement"),
                ("etat", "État"),
                ("modifie", "Mis à jour le"),
            ],
        )


class DossierDetail(DecView):
    def get(self, request, pk):
        return self.render_page(self.dossier_or_404(pk), ReasonForm())

    def render_page(self, dossier, reason_form):
        versions = list(dossier.versions.order_by("version"))
        diffs = [
            (older, newer, version_diff(older.snapshot, newer.snapshot))
            for older, newer in zip(versions, versions[1:], strict=False)
        ]
        return self.page(
            "management/dossier.html",
            f"Dossier {dossier.display_number}",
            dossier=dossier,
            versions=versions,
            diffs=diffs,
            documents=dossier_documents(dossier, versions),
            emails=ConfirmationEmail.objects.filter(version__dossier=dossier)
            .select_related("version")
            .order_by("version__version"),
            transitions=dossier.transitions.order_by("at", "id"),
            pieces=dossier.piece_deposits.select_related("requirement").order_by("requirement"),
            audit=audit_visible_to(fetched_by=self.actor).filter(
                object_type="dossier", object_id=str(dossier.pk)
            )[:100],
            actions=[
                (event, label)
                for event, label in DEC_ACTIONS
                if dossier.state in EVENTS[event].sources
            ],
            reason_form=reason_form,
            email_failed=EmailState.FAILED,
        )


def dossier_documents(dossier, versions):
    """Every version's PDFs (rendered on first download when no worker has yet)."""
    return [(version, kind) for version in versions for kind in DocumentKind]


class DossierAction(DossierDetail):
    def post(self, request, pk):
        dossier = self.dossier_or_404(pk)
        event = request.POST.get("action")
        if event not in dict(DEC_ACTIONS):
            raise Http404("Action inconnue.")
        reason = ""
        if EVENTS[event].reason_required:
            form = ReasonForm(request.POST)
            if not form.is_valid():
                return self.render_page(dossier, form)
            reason = form.cleaned_data["reason"]
        # A replayed POST (double click, Back) finds the dossier already moved: the move
        # function refuses it and says why; nothing is undone.
        expected = request.POST.get("etat")
        if expected and expected != dossier.state:
            messages.error(
                request, "Ce dossier a changé d'état entre-temps : vérifiez-le avant d'agir."
            )
            return redirect("management:dossier", pk=dossier.pk)
        self.attempt(
            lambda: dossier_move(dossier=dossier, event=event, actor=self.actor, reason=reason),
            f"Dossier {dossier.display_number} : {EVENTS[event].label}.",
        )
        return redirect("management:dossier", pk=dossier.pk)


class DossierEmailResend(DecView):
    def post(self, request, pk, email_pk):
        dossier = self.dossier_or_404(pk)
        email = get_object_or_404(
            ConfirmationEmail.objects.select_related("version__dossier__session"),
            pk=email_pk,
            version__dossier=dossier,
        )
        self.attempt(
            lambda: confirmation_email_resend(email=email, actor=self.actor),
            f"Le courriel de confirmation sera envoyé de nouveau à {email.to}.",
        )
        return redirect("management:dossier", pk=dossier.pk)


class DossierDocument(DecView):
    def get(self, request, pk, version, kind):
        dossier = self.dossier_or_404(pk)
        if kind not in DocumentKind.values:
            raise Http404
        found = get_object_or_404(dossier.versions, version=version)
        return document_response(found, kind)


class AuditLog(DecView):
    """The académie's audit, filtered by object, user and date (gestionnaires only)."""

    def get(self, request):
        if not self.actor.may_write:
            raise Http404("Le journal est réservé aux gestionnaires.")
        form = AuditFilterForm(request.GET or None)
        events = audit_visible_to(fetched_by=self.actor).select_related("user")
        if form.is_bound and form.is_valid():
            events = self.filtered(events, form.cleaned_data)
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return self.page(
            "management/audit.html",
            "Journal des actions",
            form=form,
            page_obj=page,
            query=query.urlencode(),
        )

    @staticmethod
    def filtered(events, data):
        if data["objet"]:
            term = data["objet"].strip()
            events = events.filter(
                Q(object_type__icontains=term)
                | Q(object_repr__icontains=term)
                | Q(action__icontains=term)
            )
        if data["utilisateur"]:
            events = events.filter(
                Q(user__username__icontains=data["utilisateur"])
                | Q(actor_label__icontains=data["utilisateur"])
            )
        tz = timezone.get_current_timezone()
        if data["du"]:
            events = events.filter(
                at__gte=datetime.datetime.combine(data["du"], datetime.time.min, tz)
            )
        if data["au"]:
            events = events.filter(
                at__lt=datetime.datetime.combine(
                    data["au"] + datetime.timedelta(days=1), datetime.time.min, tz
                )
            )
        return events
