"""C8 « Mes justificatifs » (seed 004 § 12): per required piece, « Ajouter » a file (type
checked by content, 5 MB at most, within the piece's window), its deposit date and antivirus
state, « Supprimer » before confirming, « J'ai fourni toutes mes pièces », the DEC's review
with its comment, and a new file for a piece found non conforme."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from candidates.accounts.candidatures import CandidatureView
from inscrinet.converters import id_from_form
from inscrinet.documents import piece_file_response
from inscrinet.models import DepositMode, PieceFile, PieceState, ScanState
from inscrinet.services.errors import DomainError
from inscrinet.services.pieces import (
    ALLOWED_LABEL,
    EDITABLE,
    conformity,
    deposits_ensure,
    piece_file_add,
    piece_file_delete,
    pieces_confirm,
    upload_refusal,
)


class MesJustificatifs(CandidatureView):
    def get(self, request, session_pk, number):
        deposits = deposits_ensure(self.dossier)
        rows = [
            {
                "deposit": deposit,
                "files": list(deposit.files.order_by("uploaded_at", "id")),
                "refusal": upload_refusal(deposit),
                "online": deposit.requirement.deposit_mode == DepositMode.EN_LIGNE,
            }
            for deposit in deposits
        ]
        conformes, total = conformity(deposits)
        return self.page(
            "candidates/account/pieces.html",
            "Mes justificatifs",
            rows=rows,
            conformes=conformes,
            total=total,
            allowed=ALLOWED_LABEL,
            can_confirm=any(
                row["online"] and row["deposit"].state in EDITABLE and not row["refusal"]
                for row in rows
            ),
            states=PieceState,
            scans=ScanState,
            editable_states=EDITABLE,
        )

    def post(self, request, session_pk, number):
        deposits = {str(d.pk): d for d in deposits_ensure(self.dossier)}
        try:
            if "confirmer" in request.POST:
                count = pieces_confirm(dossier=self.dossier, actor=self.actor)
                messages.success(
                    request,
                    f"{count} pièce(s) transmise(s) au service des examens pour vérification.",
                )
            elif "supprimer" in request.POST:
                piece_file = get_object_or_404(
                    PieceFile,
                    pk=id_from_form(request.POST["supprimer"]),
                    deposit__dossier=self.dossier,
                )
                piece_file_delete(piece_file=piece_file, actor=self.actor)
                messages.success(request, f"Fichier « {piece_file.original_name} » supprimé.")
            else:
                deposit = deposits.get(request.POST.get("piece", ""))
                if deposit is None:
                    raise Http404("Pièce introuvable pour cette candidature.")
                upload = request.FILES.get("fichier")
                if upload is None:
                    raise DomainError("Choisissez le fichier à ajouter.")
                piece_file_add(deposit=deposit, upload=upload, actor=self.actor)
                messages.success(
                    request,
                    f"Fichier « {upload.name[:80]} » ajouté : analyse antivirus en cours.",
                )
        except DomainError as error:
            messages.error(request, str(error))
        return redirect("account_pieces", session_pk=session_pk, number=number)


class PieceFileDownload(CandidatureView):
    def get(self, request, session_pk, number, file_id):
        piece_file = get_object_or_404(
            PieceFile, pk=file_id, deposit__dossier=self.dossier, deleted_at__isnull=True
        )
        return piece_file_response(piece_file)
