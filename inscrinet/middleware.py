"""Cross-cutting request handling: the idle timeout, private pages kept out of caches, and
French pages for the errors Django answers with an empty body (405)."""

import time

from django.conf import settings
from django.contrib import messages
from django.shortcuts import render

from inscrinet.errors import error_page
from inscrinet.services.lock import RETRY_AFTER, ServiceLocked

LAST_SEEN_KEY = "_last_seen"
STAMP_EVERY = 60  # seconds: refresh the stamp at most once a minute (one write, not one per page)

IDLE_MESSAGE = (
    "Votre session a expiré après une heure sans activité : par sécurité, ce que vous aviez "
    "saisi a été effacé de ce navigateur. Ce que vous aviez validé est conservé."
)


class IdleTimeoutMiddleware:
    """An hour without a request ends the session, on top of its absolute age."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if session.session_key is not None:
            now = int(time.time())
            last_seen = session.get(LAST_SEEN_KEY)
            if isinstance(last_seen, int) and now - last_seen > settings.INSCRINET_IDLE_TIMEOUT:
                session.flush()
                messages.warning(request, IDLE_MESSAGE)
            elif session.keys() and (
                not isinstance(last_seen, int) or now - last_seen >= STAMP_EVERY
            ):
                session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class PrivatePagesMiddleware:
    """Pages that read the session (a wizard screen, a dossier, an establishment's pages)
    may show personal data: no cache may keep them. Also sets Permissions-Policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "session", None) is not None and request.session.accessed:
            response["Cache-Control"] = "private, no-store"
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class FrenchErrorPagesMiddleware:
    """`require_http_methods` answers 405 with an empty body: show the French page. A write
    refused by the DEC's lock (M3) is « Service momentanément indisponible », 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def process_exception(self, request, exception):
        if not isinstance(exception, ServiceLocked):
            return None
        response = render(
            request, "errors/unavailable.html", {"title": "Service momentanément indisponible"}
        )
        response.status_code = 503
        response["Retry-After"] = str(RETRY_AFTER)
        return response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            page = error_page(request, 405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response


class RequestSizeLimitMiddleware:
    """A body larger than its page allows is refused before it is read (413), so a huge
    upload never fills the disk under /tmp: candidate space 6 MB (a 5 MB piece and its
    form), suivi 3 MB (a class file of 2 MB), elsewhere 110 MB (the DEC's loads, 100 MB)."""

    LIMITS = (("/compte/", 6 * 1024 * 1024), ("/suivi/", 3 * 1024 * 1024))
    DEFAULT = 110 * 1024 * 1024

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = next(
            (size for prefix, size in self.LIMITS if request.path.startswith(prefix)), self.DEFAULT
        )
        if length > limit:
            return error_page(request, 413)
        return self.get_response(request)
