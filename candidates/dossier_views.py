"""A validated dossier, for the candidate: look-up by number and birth date (G18, G19),
consultation with its versions, documents (G17, G21), abandoning a modification, and the
lost-number request (G18b)."""

import logging

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from candidates.access import dossier_is_unlocked, dossier_unlock, lookup_attempt
from candidates.dossier_forms import ConsultForm, LostNumberForm
from candidates.wizard import wizard_state_discard
from candidates.wizard_modification import dossier_url, modification_prefix
from inscrinet import documents, selectors
from inscrinet.models import DocumentKind, Dossier, DossierVersion
from inscrinet.services.dossier_states import state_rights
from inscrinet.services.dossiers import dossier_modification_refusal
from inscrinet.services.throttle import (
    guarded_lookup,
    lookup_requires_captcha,
)
from inscrinet.tasks import send_dossier_numbers

logger = logging.getLogger(__name__)

# One answer whether the number exists or not (G19).
CONSULT_REFUSED = (
    "Aucun dossier de cette session ne correspond à ce numéro et à cette date de naissance. "
    "Vérifiez votre saisie : le numéro s'écrit sans le chiffre après le tiret."
)
CEILING_MESSAGE = (
    "Trop de tentatives ont été faites depuis votre connexion : réessayez dans une heure."
)
LOST_NUMBER_ANSWER = (
    "Si un dossier de cette session correspond à cette adresse électronique et à cette date "
    "de naissance, son numéro vient de lui être envoyé par courriel. Pensez à regarder dans "
    "le dossier des courriers indésirables."
)


def _session(session_pk):
    return selectors.candidate_session(session_pk)


def _typed_number(request) -> str:
    """The number as the look-up counters key it: its digits before any « - k »."""
    typed = request.POST.get("number", "").split("-")[0]
    return "".join(ch for ch in typed if ch in "0123456789")[:9]


@require_http_methods(["GET", "POST"])
def consult(request, session_pk):
    """G18: « Modifier ou Consulter votre inscription »: number (without « - k ») + birth date."""
    session = _session(session_pk)
    if session.by_account:
        from candidates.views import account_session_page

        return account_session_page(request, session)
    attempt = lookup_attempt(request, "dossier", f"{session.pk}:{_typed_number(request)}")
    form = ConsultForm(request.POST or None, with_captcha=lookup_requires_captcha(attempt))
    refusal = None
    if request.method == "POST" and form.is_valid():
        outcome = guarded_lookup(
            attempt,
            lambda: selectors.dossier_by_number_and_birth(
                session=session, number=form.cleaned_data["number"], birth=form.birth()
            ),
        )
        if outcome.found is not None:
            request.session.cycle_key()
            dossier_unlock(request, outcome.found)
            return redirect(dossier_url(outcome.found))
        refusal = CEILING_MESSAGE if outcome.over_ceiling else CONSULT_REFUSED
        # Shown again unbound, with the captcha if this failure made it necessary.
        form = ConsultForm(
            initial={"number": request.POST.get("number", "")},
            with_captcha=lookup_requires_captcha(attempt),
        )
    return _render_lookup(
        request,
        "candidates/consult.html",
        "Modifier ou Consulter votre inscription",
        session,
        form,
        refusal,
    )


def _render_lookup(request, template, title, session, form, refusal):
    """A look-up form with its red summary: the guard's refusal, or the form's errors."""
    summary = [("", refusal)] if refusal else (form.error_summary() if form.is_bound else [])
    return render(
        request,
        template,
        {"title": title, "session": session, "form": form, "error_summary": summary},
    )


def _unlocked_dossier(request, session_pk, number) -> Dossier:
    dossier = (
        Dossier.objects.select_related("session__exam", "session__academie")
        .filter(session_id=session_pk, number=number)
        .first()
    )
    if dossier is None or not dossier_is_unlocked(request, dossier):
        raise Http404("Dossier non consultable depuis ce navigateur.")
    return dossier


@require_safe
def dossier_detail(request, session_pk, number):
    """The current version's récapitulatif, its documents and the earlier versions."""
    try:
        dossier = _unlocked_dossier(request, session_pk, number)
    except Http404:
        return redirect("candidates:consult", session_pk=session_pk)
    versions = list(dossier.versions.order_by("-version"))
    current = versions[0]
    return render(
        request,
        "candidates/dossier.html",
        {
            "title": f"Dossier {dossier.display_number}",
            "session": dossier.session,
            "dossier": dossier,
            "current": current,
            "snapshot": current.snapshot,
            "versions": versions,
            "refusal": dossier_modification_refusal(dossier),
            "rights": state_rights(dossier.state),
            "closes_at": dossier.session.period(dossier.service)[1],
            "modify_url": reverse(
                "candidates:modify_resume",
                kwargs={"session_pk": session_pk, "number": dossier.number},
            ),
        },
    )


@require_safe
def document(request, session_pk, number, version, kind):
    """A version's PDF, served from storage (rendered now if no worker has yet)."""
    dossier = _unlocked_dossier(request, session_pk, number)
    if kind not in DocumentKind.values or not state_rights(dossier.state).download:
        raise Http404
    return document_download(request, dossier, version, kind, back_url=dossier_url(dossier))


def document_download(request, dossier, version: int, kind: str, *, back_url: str):
    """The PDF of one of the dossier's versions; when the renderer fails, a French page
    that says the dossier is safe and the document will come (both candidate spaces)."""
    stored = get_object_or_404(DossierVersion, dossier=dossier, version=version)
    stored.dossier = dossier
    try:
        return documents.document_response(stored, kind)
    except Http404:
        raise
    except Exception:  # the renderer failed: the dossier is safe, the document comes later
        logger.exception("Rendering %s of %s failed", kind, stored)
        return render(
            request,
            "candidates/document_unavailable.html",
            {
                "title": "Document momentanément indisponible",
                "dossier": dossier,
                "session": dossier.session,
                "dossier_url": back_url,
            },
            status=503,
        )


@require_http_methods(["GET", "POST"])
def modify_abandon(request, session_pk, number):
    dossier = _unlocked_dossier(request, session_pk, number)
    if request.method == "POST":
        wizard_state_discard(request, modification_prefix(session_pk, number))
        messages.info(
            request,
            "Vos modifications ont été abandonnées : votre dossier "
            f"{dossier.display_number} est inchangé.",
        )
        return redirect(dossier_url(dossier))
    return render(
        request,
        "candidates/abandon.html",
        {
            "title": "Abandonner la modification",
            "session": dossier.session,
            "modifying": dossier,
            "continue_url": reverse(
                "candidates:modify_resume", kwargs={"session_pk": session_pk, "number": number}
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def lost_number(request, session_pk):
    """G18b: the numbers go to the address given, never to the screen; one neutral answer."""
    session = _session(session_pk)
    attempt = lookup_attempt(request, "numero", request.POST.get("email", "").strip().lower()[:254])
    form = LostNumberForm(request.POST or None, with_captcha=lookup_requires_captcha(attempt))
    refusal = None
    if request.method == "POST" and form.is_valid():
        birth = form.birth()
        outcome = guarded_lookup(
            attempt,
            lambda: send_dossier_numbers.enqueue(
                session.pk, form.cleaned_data["email"], [birth.year, birth.month, birth.day]
            ),
            failed=lambda _: True,  # every request counts: the answer never says if it matched
        )
        if not outcome.over_ceiling:
            messages.info(request, LOST_NUMBER_ANSWER)
            return redirect("candidates:consult", session_pk=session.pk)
        refusal = CEILING_MESSAGE
    return _render_lookup(
        request,
        "candidates/lost_number.html",
        "J'ai perdu mon numéro de dossier",
        session,
        form,
        refusal,
    )
