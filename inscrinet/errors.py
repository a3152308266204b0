"""Error pages in French and in the site's layout (400, 403, 404, 405, 500, CSRF).

An error page must never fail in turn: each renders the layout, and falls back to a
plain French page if even that is impossible (the database is down, the request body
cannot be decoded…).
"""

import logging

from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

PAGES = {
    400: (
        "Requête incorrecte",
        "Votre navigateur a envoyé une demande que le site ne peut pas lire. Revenez à la "
        "page précédente et réessayez ; si le problème continue, fermez puis rouvrez votre "
        "navigateur.",
    ),
    403: (
        "Accès refusé",
        "Vous n'avez pas accès à cette page.",
    ),
    404: (
        "Page non trouvée",
        "La page que vous cherchez n'existe pas ou n'est plus disponible. Vérifiez "
        "l'adresse, ou repartez de la page d'accueil.",
    ),
    405: (
        "Action impossible sur cette page",
        "Cette page ne permet pas l'action demandée. Repartez de la page d'accueil, ou "
        "revenez à la page précédente.",
    ),
    413: (
        "Fichier trop volumineux",
        "Le fichier envoyé dépasse la taille permise sur cette page : rien n'a été "
        "enregistré. Réduisez-le puis recommencez.",
    ),
    500: (
        "Erreur du site",
        "Une erreur est survenue de notre côté. Ce que vous aviez déjà validé est conservé. "
        "Réessayez dans quelques instants.",
    ),
}

CSRF_MESSAGE = (
    "Le formulaire envoyé n'a pas pu être vérifié (page restée ouverte trop longtemps, "
    "cookies désactivés ou formulaire envoyé depuis un autre site). Rien n'a été "
    "enregistré : revenez à la page précédente, rechargez-la et recommencez."
)

FALLBACK = (
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title} — Inscrinet'
    "</title></head><body><main><h1>{title}</h1><p>{message}</p>"
    '<p><a href="/">Retour à l\'accueil</a></p></main></body></html>'
)


def error_page(request, status: int, message: str | None = None, title: str | None = None):
    default_title, default_message = PAGES.get(status, PAGES[500])
    title, message = title or default_title, message or default_message
    context = {"title": title, "heading": title, "message": message, "status": status}
    try:
        body = render_to_string("errors/error.html", context, request=_safe_request(request))
    except Exception:  # the layout needs the database and the request: keep a page anyway
        logger.exception("Error page %s rendered without the layout", status)
        body = FALLBACK.format(title=title, message=message)
    response = HttpResponse(body, status=status, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


def _safe_request(request):
    """The request, unless reading its body is what failed (an undecodable charset)."""
    if request is None:
        return None
    try:
        request.POST  # noqa: B018  (decodes the body once; it raised if it cannot)
    except Exception:
        request._post, request._files = {}, {}  # what the templates (CSRF tag) may read
    return request


def bad_request(request, exception=None):
    return error_page(request, 400)


def permission_denied(request, exception=None):
    return error_page(request, 403)


def page_not_found(request, exception=None):
    return error_page(request, 404)


def server_error(request):
    return error_page(request, 500)


def csrf_failure(request, reason=""):
    return error_page(request, 403, message=CSRF_MESSAGE, title="Formulaire expiré")
