"""The candidate space's candidature pages (seed 004): « Mes inscriptions » (C4), a new
candidature by exam → session → académie, the N° Inscription tab (C6), « Mon inscription »
in consultation, « Mes documents » (C7) and « Se désinscrire » (C9).

Every dossier is read through `account_dossier`: filtered by the logged-in account, so an
id of someone else's candidature put in a URL is a 404.
"""

import logging

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone

from candidates.accounts.tabs import TABS, active_candidature, logged_in_account, number_tab
from candidates.accounts.views import CandidateAccountView
from candidates.dossier_views import document_download
from candidates.wizard import inscription_prefix, wizard_state_discard
from candidates.wizard_modification import modification_prefix
from inscrinet import selectors
from inscrinet.models import DocumentKind, Dossier, DossierState, PieceState, Service
from inscrinet.models.dossiers import ENDED_STATES
from inscrinet.services.account_candidatures import candidature_withdraw, withdrawal_refusal
from inscrinet.services.candidate_accounts import account_actor
from inscrinet.services.dossiers import dossier_modification_refusal
from inscrinet.services.errors import DomainError

logger = logging.getLogger(__name__)

# How the candidate space names a candidature's state (seed 004's words).
STATE_LABELS = {
    DossierState.PRE_INSCRIT: "Inscrit",
    DossierState.A_COMPLETER: "À compléter",
    DossierState.DEFINITIF: "Inscription définitive",
    DossierState.DESINSCRIT: "Désinscrit",
    DossierState.ANNULE: "Annulée par l'établissement",
    DossierState.ANNULE_DEC: "Annulée par le service des examens",
}
STATE_BADGES = {
    DossierState.PRE_INSCRIT: "success",
    DossierState.DEFINITIF: "success",
    DossierState.A_COMPLETER: "new",
}


def account_dossier(account, session_pk, number) -> Dossier:
    """One of this account's candidatures, or a 404 (whatever id is in the URL)."""
    return get_object_or_404(
        Dossier.objects.select_related(
            "session__exam", "session__academie", "specialty", "etablissement"
        ),
        session_id=session_pk,
        number=number,
        account=account,
    )


def candidature_card(dossier: Dossier) -> dict:
    return {
        "dossier": dossier,
        "state_label": STATE_LABELS[DossierState(dossier.state)],
        "badge": STATE_BADGES.get(dossier.state, "info"),
        "url": number_tab(dossier),
    }


def account_heading(account) -> dict:
    """« N°Candidat: 02146028333 ACCRALL Dack Né(e) le 28/11/2004 » (the latest number)."""
    latest = account.dossiers.order_by("-created_at").first()
    return {"candidate_number": latest.candidate_number if latest else ""}


class MesInscriptions(CandidateAccountView):
    """C4: the candidatures still running, in sessions still open (seed 004)."""

    def get(self, request):
        now = timezone.now()
        running = [
            d
            for d in self.account.dossiers.select_related(
                "session__exam", "session__academie", "specialty", "etablissement"
            )
            .exclude(state__in=ENDED_STATES)
            .annotate(
                refused_pieces=Count(
                    "piece_deposits", filter=Q(piece_deposits__state=PieceState.NON_CONFORME)
                )
            )
            .order_by("-created_at")
            if d.session.is_open(d.service, now)
        ]
        return self.page(
            "candidates/account/candidatures.html",
            "Mes inscriptions",
            cards=[candidature_card(d) for d in running],
            heading=account_heading(self.account),
        )


class NouvelleCandidature(CandidateAccountView):
    """« Sur quoi et où voulez-vous vous inscrire ? »: exam, then session, then académie,
    among the sessions reached by account whose service is open; then the period and
    « Valider »."""

    def get(self, request):
        sessions = list(selectors.open_sessions(Service.GRAND_PUBLIC, by_account=True))
        exam = request.GET.get("examen", "")
        label = request.GET.get("session", "")
        academie = request.GET.get("academie", "")
        exams = sorted({s.exam for s in sessions}, key=lambda e: (e.order, e.code))
        of_exam = [s for s in sessions if s.exam.code == exam]
        labels = sorted({s.label for s in of_exam})
        of_label = [s for s in of_exam if s.label == label]
        chosen = next((s for s in of_label if s.academie.code == academie), None)
        return self.page(
            "candidates/account/new.html",
            "M'inscrire",
            exams=exams,
            exam=exam,
            labels=labels,
            label=label,
            academies=sorted((s.academie for s in of_label), key=lambda a: a.name),
            academie=academie,
            chosen=chosen,
            existing=active_candidature(self.account, chosen) if chosen else None,
        )


class CandidatureView(CandidateAccountView):
    """A page about one of the account's candidatures."""

    def dispatch(self, request, *args, **kwargs):
        if logged_in_account(request) is None:
            return super().dispatch(request, *args, **kwargs)  # sends to « Me connecter »
        self.dossier = account_dossier(
            request.user.candidate_account, kwargs["session_pk"], kwargs["number"]
        )
        self.session = self.dossier.session
        return super().dispatch(request, *args, **kwargs)

    @property
    def current_version(self):
        """The candidature's current version, read once per request."""
        if not hasattr(self, "_current_version"):
            self._current_version = self.dossier.versions.get(version=self.dossier.current_version)
        return self._current_version

    def page(self, template, title, **context):
        dossier = self.dossier
        current = self.current_version
        return super().page(
            template,
            title,
            dossier=dossier,
            session=self.session,
            current=current,
            version_label=f"Version {dossier.current_version + 1:02d}",
            tabs=[{"label": label, "url": None, "current": False} for label, _ in TABS],
            state_label=STATE_LABELS[DossierState(dossier.state)],
            closes_at=self.session.period(dossier.service)[1],
            modify_refusal=dossier_modification_refusal(dossier),
            withdraw_refusal=withdrawal_refusal(dossier),
            modify_url=reverse(
                "account_modify_resume",
                kwargs={"session_pk": self.session.pk, "number": dossier.number},
            ),
            **context,
        )


class NumeroInscription(CandidatureView):
    """C6, tab « 7 - N° Inscription » (and the candidature's activities)."""

    def get(self, request, session_pk, number):
        return self.page("candidates/account/numero.html", "N° Inscription")


class MonInscription(CandidatureView):
    """« Mon inscription »: the récapitulatif in consultation, with « Modifier »."""

    def get(self, request, session_pk, number):
        return self.page(
            "candidates/account/recap.html",
            "Mon inscription",
            snapshot=self.current_version.snapshot,
            a_completer=self.dossier.state == DossierState.A_COMPLETER,
        )


class MesDocuments(CandidateAccountView):
    """C7: every published document of every candidature of the account — withdrawn ones
    and those of closed sessions included (seed 004)."""

    def get(self, request):
        dossiers = (
            self.account.dossiers.select_related("session__exam", "session__academie")
            .exclude(state=DossierState.A_COMPLETER)  # nothing validated by the candidate yet
            .order_by("-created_at")
        )
        published = []
        for dossier in dossiers:
            version = dossier.versions.get(version=dossier.current_version)
            published.append(
                {
                    "dossier": dossier,
                    "documents": [
                        {
                            "label": DocumentKind(kind).label,
                            "version": version.version + 1,
                            "updated_at": version.created_at,
                            "url": reverse(
                                "account_document",
                                kwargs={
                                    "session_pk": dossier.session_id,
                                    "number": dossier.number,
                                    "version": version.version,
                                    "kind": kind,
                                },
                            ),
                        }
                        for kind in (DocumentKind.CONFIRMATION, DocumentKind.RECAPITULATIF)
                    ],
                }
            )
        return self.page(
            "candidates/account/documents.html",
            "Mes documents",
            published=published,
            heading=account_heading(self.account),
        )


class DocumentView(CandidatureView):
    def get(self, request, session_pk, number, version, kind):
        if kind not in DocumentKind.values or self.dossier.state == DossierState.A_COMPLETER:
            raise Http404
        return document_download(
            request, self.dossier, version, kind, back_url=number_tab(self.dossier)
        )


class SeDesinscrire(CandidatureView):
    """C9: the seed's warning, then « désinscrit par le candidat » and its email."""

    def get(self, request, session_pk, number):
        return self.page("candidates/account/withdraw.html", "Se désinscrire")

    def post(self, request, session_pk, number):
        try:
            candidature_withdraw(dossier=self.dossier, actor=account_actor(self.account, request))
        except DomainError as error:
            messages.error(request, str(error))
            return redirect(number_tab(self.dossier))
        messages.success(
            request,
            "Vous êtes désinscrit(e) : un mail vous le confirme. En cas d'erreur, créez une "
            "nouvelle candidature tant que le service d'inscription est ouvert.",
        )
        return redirect("account_candidatures")


class QuitterSaisie(CandidateAccountView):
    """« Quitter » during the tabs: nothing typed is kept (seed 004: the candidature is
    stored only by « Enregistrer »)."""

    def get(self, request, session_pk, number=None):
        return self.page(
            "candidates/account/quit.html",
            "Quitter sans enregistrer",
            continue_url=self.continue_url(session_pk, number),
        )

    def post(self, request, session_pk, number=None):
        if number is None:
            wizard_state_discard(request, inscription_prefix(Service.GRAND_PUBLIC, session_pk))
        else:
            wizard_state_discard(request, modification_prefix(session_pk, number))
        messages.info(request, "Vous avez quitté la saisie : rien n'a été enregistré.")
        return redirect("account_candidatures")

    def continue_url(self, session_pk, number):
        if number is None:
            return reverse("account_tabs_resume", kwargs={"session_pk": session_pk})
        return reverse("account_modify_resume", kwargs={"session_pk": session_pk, "number": number})
