"""M6 « Pièces justificatives »: the pieces of the académie's candidatures awaiting review
(filtered by session, piece and state), per piece « Reçue » (with its date), « Non
conforme » (with a comment, emailed to the candidate), « Conforme », every file the
candidate sent (a refused one beside the new one) and what the antivirus found."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from inscrinet.converters import id_from_form
from inscrinet.documents import piece_file_response
from inscrinet.forms import ScreenForm
from inscrinet.models import PieceDeposit, PieceFile, PieceState, ScanState
from inscrinet.selectors import dossiers_visible_to
from inscrinet.services.pieces import piece_review
from management.base import DecView
from management.forms import DATE_FORMATS

PAGE_SIZE = 50
AWAITING = (PieceState.A_VERIFIER, PieceState.RECUE)


def deposits_visible_to(actor):
    return PieceDeposit.objects.filter(dossier__in=dossiers_visible_to(fetched_by=actor))


class ReviewForm(ScreenForm):
    decision = forms.ChoiceField(
        choices=[("recue", "Reçue"), ("non_conforme", "Non conforme"), ("conforme", "Conforme")]
    )
    received_on = forms.DateField(
        label="Reçue le",
        required=False,
        input_formats=DATE_FORMATS,
        help_text="jj/mm/aaaa ; pour « Reçue »",
    )
    comment = forms.CharField(
        label="Commentaire pour le candidat (non conforme)",
        required=False,
        help_text="obligatoire pour « Non conforme » ; envoyé au candidat par courriel",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PiecesReview(DecView):
    def get(self, request):
        deposits = deposits_visible_to(self.actor).select_related(
            "dossier__session__exam", "requirement"
        )
        sessions = (
            deposits.values(
                "dossier__session", "dossier__session__exam__code", "dossier__session__label"
            )
            .annotate(
                awaiting=Count("pk", filter=Q(state__in=AWAITING)),
                refused=Count("pk", filter=Q(state=PieceState.NON_CONFORME)),
                conformes=Count("pk", filter=Q(state=PieceState.CONFORME)),
                infected=Count("files", filter=Q(files__state=ScanState.INFECTE), distinct=True),
            )
            .order_by("dossier__session__exam__code", "dossier__session__label")
        )
        session = id_from_form(request.GET.get("session"))
        piece = id_from_form(request.GET.get("piece"))
        state = request.GET.get("etat", "a_verifier")
        if session is not None:
            deposits = deposits.filter(dossier__session_id=session)
        if piece is not None:
            deposits = deposits.filter(requirement_id=piece)
        if state == "a_verifier":
            deposits = deposits.filter(state__in=AWAITING)
        elif state in PieceState.values:
            deposits = deposits.filter(state=state)
        rows = deposits.annotate(file_count=Count("files")).order_by(
            "updated_at", "dossier__birth_name", "pk"
        )
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        requirements = {
            (d["requirement"], str(d["requirement__code"] or d["requirement__label"]))
            for d in deposits_visible_to(self.actor).values(
                "requirement", "requirement__code", "requirement__label"
            )
        }
        return self.page(
            "management/pieces.html",
            "Pièces justificatives",
            sessions=sessions,
            page_obj=page,
            chosen_session=session,
            chosen_piece=piece,
            chosen_state=state,
            requirements=sorted(requirements, key=lambda r: r[1]),
            states=[("a_verifier", "à vérifier (fournies ou reçues)")] + list(PieceState.choices),
            query=_without_page(request.GET),
        )


class PieceDetail(DecView):
    def deposit(self, pk):
        return get_object_or_404(
            deposits_visible_to(self.actor).select_related(
                "dossier__session__exam", "dossier__session__academie", "requirement"
            ),
            pk=pk,
        )

    def get(self, request, pk, form=None):
        deposit = self.deposit(pk)
        return self.page(
            "management/piece.html",
            f"Pièce : {deposit.requirement}",
            deposit=deposit,
            files=deposit.files.order_by("-uploaded_at", "-id"),
            form=form or ReviewForm(initial={"received_on": timezone.localdate()}),
            states=PieceState,
            scans=ScanState,
        )

    def post(self, request, pk):
        deposit = self.deposit(pk)
        form = ReviewForm(request.POST)
        if not form.is_valid():
            return self.get(request, pk, form=form)
        data = form.cleaned_data
        labels = dict(form.fields["decision"].choices)
        told = (
            " Le candidat en est averti par courriel." if data["decision"] == "non_conforme" else ""
        )
        self.attempt(
            lambda: piece_review(
                deposit=deposit,
                decision=data["decision"],
                actor=self.actor,
                received_on=data.get("received_on"),
                comment=data.get("comment", ""),
            ),
            f"Pièce marquée « {labels[data['decision']]} ».{told}",
        )
        return redirect("management:piece", pk=pk)


class PieceFileDownload(DecView):
    def get(self, request, pk):
        piece_file = get_object_or_404(
            PieceFile.objects.filter(deposit__in=deposits_visible_to(self.actor)), pk=pk
        )
        return piece_file_response(piece_file)


def _without_page(params) -> str:
    query = params.copy()
    query.pop("page", None)
    return query.urlencode()
