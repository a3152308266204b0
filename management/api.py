"""The read API for downstream systems (beyond the seeds): a session's dossiers and their
versions as JSON, paginated by an opaque cursor, for the académie of the key presented as
`Authorization: Bearer …`. Read-only; every call is audited. Described by
docs/api/openapi.json (served at /api/v1/openapi.json)."""

from pathlib import Path

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from inscrinet.actors import SystemActor
from inscrinet.models import Dossier, DossierVersion, Session
from inscrinet.services.api_tokens import api_token_for
from inscrinet.services.audit import audit_record

OPENAPI = Path(settings.BASE_DIR) / "docs" / "api" / "openapi.json"
DEFAULT_LIMIT, MAX_LIMIT = 100, 500
CURSOR_SALT = "inscrinet.api.cursor"


def problem(status: int, message: str) -> JsonResponse:
    response = JsonResponse({"erreur": message}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="inscrinet"'
    return response


@method_decorator(csrf_exempt, name="dispatch")  # no cookie is read: a key authenticates
class ApiView(View):
    http_method_names = ["get", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        scheme, _, raw_key = request.headers.get("Authorization", "").partition(" ")
        self.token = api_token_for(raw_key.strip()) if scheme.lower() == "bearer" else None
        if self.token is None:
            return problem(401, "Clé d'API absente, inconnue ou révoquée.")
        self.actor = SystemActor(name=f"API {self.token.label} ({self.token.prefix}…)")
        response = super().dispatch(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    def sessions(self):
        return Session.objects.filter(academie_id=self.token.academie_id)

    def audit(self, action, target, **details):
        with transaction.atomic():
            audit_record(
                actor=self.actor,
                action=action,
                target=target,
                academie_id=self.token.academie_id,
                details=details,
            )


class ApiSessions(ApiView):
    def get(self, request):
        sessions = self.sessions().select_related("exam")
        self.audit("api.sessions", None, sessions=len(sessions))
        return JsonResponse(
            {
                "sessions": [
                    {
                        "id": s.pk,
                        "examen": s.exam.code,
                        "session": s.label,
                        "dossiers": reverse("api:dossiers", args=[s.pk]),
                    }
                    for s in sessions
                ]
            }
        )


class ApiDossiers(ApiView):
    def get(self, request, pk):
        session = self.sessions().filter(pk=pk).first()
        if session is None:
            return problem(404, "Session inconnue pour cette clé.")
        try:
            after = (
                signing.loads(request.GET["curseur"], salt=CURSOR_SALT)
                if request.GET.get("curseur")
                else 0
            )
            limit = int(request.GET.get("limite", DEFAULT_LIMIT))
        except (signing.BadSignature, ValueError, TypeError):
            return problem(400, "Paramètre « curseur » ou « limite » invalide.")
        if not isinstance(after, int) or not 1 <= limit <= MAX_LIMIT:
            return problem(400, f"« limite » doit être comprise entre 1 et {MAX_LIMIT}.")
        page = list(
            Dossier.objects.filter(session=session, pk__gt=after)
            .order_by("pk")
            .prefetch_related(
                Prefetch("versions", queryset=DossierVersion.objects.order_by("version"))
            )[: limit + 1]
        )
        more = len(page) > limit
        page = page[:limit]
        following = None
        if more:
            cursor = signing.dumps(page[-1].pk, salt=CURSOR_SALT)
            following = (
                reverse("api:dossiers", args=[session.pk]) + f"?curseur={cursor}&limite={limit}"
            )
        self.audit("api.dossiers", session, dossiers=len(page), apres=after)
        return JsonResponse({"dossiers": [_dossier(d) for d in page], "suivant": following})


def _dossier(dossier: Dossier) -> dict:
    return {
        "numero": dossier.number,
        "numero_candidat": dossier.candidate_number,
        "etat": dossier.state,
        "etat_libelle": dossier.get_state_display(),
        "version_courante": dossier.current_version,
        "cree_le": dossier.created_at.isoformat(),
        "modifie_le": dossier.updated_at.isoformat(),
        "versions": [
            {
                "version": v.version,
                "validee_le": v.created_at.isoformat(),
                "schema": v.schema,
                "contenu": v.snapshot,
            }
            for v in dossier.versions.all()
        ],
    }


def openapi(request):
    """The API's description (public: it holds no data)."""
    return HttpResponse(OPENAPI.read_bytes(), content_type="application/json")
