"""Candidate pages around the wizard: choosing the session (G1), its home (G2), Abandon's
confirmation, the validation page (G17) and the establishment access (E1)."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from candidates.access import (
    etablissement_access_active,
    etablissement_access_end,
    etablissement_access_grant,
    etablissement_from_access,
    lookup_attempt,
)
from candidates.etablissement_forms import EtablissementLoginForm
from candidates.wizard import QUIT_MESSAGE, inscription_prefix, wizard_state_discard
from inscrinet import login_guard, selectors
from inscrinet.models import Dossier, DossierVersion, Etablissement, Service
from inscrinet.prepared import row_by_pk
from inscrinet.services.throttle import (
    guarded_lookup,
    lookup_requires_captcha,
)


@require_safe
def choose_session(request):
    """G1: exam → académie → session, among the sessions whose service is open now."""
    sessions = list(selectors.open_sessions(Service.GRAND_PUBLIC))
    exam = request.GET.get("examen", "")
    academie = request.GET.get("academie", "")
    exams = sorted({s.exam for s in sessions}, key=lambda e: (e.order, e.code))
    academies = sorted({s.academie for s in sessions if s.exam.code == exam}, key=lambda a: a.name)
    matching = [s for s in sessions if s.exam.code == exam and s.academie.code == academie]
    if len(matching) == 1 and request.GET.get("session") is None and academie:
        return redirect("candidates:session_home", session_pk=matching[0].pk)
    error = None
    if "suite" in request.GET:  # « Suite » pressed: say what is missing, never reload silently
        if exam not in {e.code for e in exams}:
            error = ("examen-legend", "Choisissez l'examen auquel vous voulez vous inscrire.")
        elif request.GET.get("etape") == "academie" and academies and not matching:
            error = (
                "academie-legend",
                "Choisissez l'académie dans laquelle vous passerez l'examen.",
            )
    return render(
        request,
        "candidates/choose.html",
        {
            "title": "Choisir votre examen",
            "exams": exams,
            "academies": academies,
            "sessions": matching,
            "exam": exam,
            "academie": academie,
            "error": error,
        },
    )


@require_http_methods(["GET", "POST"])
def session_home(request, session_pk):
    """G2: « Vous inscrire » / « Modifier ou Consulter votre inscription »."""
    session = selectors.candidate_session(session_pk)
    if session.by_account:
        return account_session_page(request, session)
    error = None
    if request.method == "POST":
        choice = request.POST.get("choix")
        if choice == "inscrire":
            return redirect("candidates:wizard", session_pk=session.pk, step="origine")
        if choice == "consulter":
            return redirect("candidates:consult", session_pk=session.pk)
        error = "Choisissez « Vous inscrire » ou « Modifier ou Consulter votre inscription »."
    return render(
        request,
        "candidates/session_home.html",
        {
            "title": f"{session.exam.label} — {session.academie}",
            "session": session,
            "is_open": session.is_open(Service.GRAND_PUBLIC),
            "closes_at": session.public_closes_at,
            "error": error,
        },
    )


def account_session_page(request, session):
    """A session whose candidates register with a candidate account (Cyclades): its
    Inscrinet pages say where to go instead (nothing is written)."""
    return render(
        request,
        "candidates/account_session.html",
        {"title": f"{session.exam.label} — {session.academie}", "session": session},
        status=403 if request.method == "POST" else 200,
    )


@require_safe
def communes(request):
    """Suggestions for the birth commune field (the screen works without them)."""
    names = selectors.commune_suggestions(
        departement=request.GET.get("departement", "")[:3], typed=request.GET.get("q", "")[:60]
    )
    return JsonResponse({"communes": names})


def _abandon(request, session_pk, service, wizard_url, back_url):
    session = selectors.candidate_session(session_pk)
    if request.method == "POST":
        wizard_state_discard(request, inscription_prefix(service, session.pk))
        messages.info(request, "Votre pré-inscription a été abandonnée : rien n'a été enregistré.")
        return redirect(back_url)
    return render(
        request,
        "candidates/abandon.html",
        {"title": "Abandonner la pré-inscription", "session": session, "continue_url": wizard_url},
    )


@require_http_methods(["GET", "POST"])
def abandon(request, session_pk):
    return _abandon(
        request,
        session_pk,
        Service.GRAND_PUBLIC,
        reverse("candidates:wizard_resume", kwargs={"session_pk": session_pk}),
        reverse("home"),
    )


@require_http_methods(["GET", "POST"])
def etab_abandon(request, session_pk):
    return _abandon(
        request,
        session_pk,
        Service.ETABLISSEMENT,
        reverse("candidates:etab_wizard_resume", kwargs={"session_pk": session_pk}),
        reverse("candidates:etablissement_sessions"),
    )


@require_safe
def validated(request, key):
    """G17: a stable page per validated version; reloading it shows the same number, never a
    new dossier. Only the browser that validated sees it."""
    if key not in request.session.get("validated_dossiers", []):
        raise Http404
    # Three small prepared reads (the session's rows kept per process on PostgreSQL): the
    # same query with its four joins took the ORM ~1 ms to build and compile.
    version = selectors.by_submission_key(DossierVersion.objects, key)
    if version is None:
        raise Http404
    version.dossier = dossier = row_by_pk(Dossier, version.dossier_id)
    dossier.session = selectors.candidate_session(dossier.session_id)
    return render(
        request,
        "candidates/validated.html",
        {
            "title": "Votre pré-inscription est effective",
            "dossier": dossier,
            "version": version,
            "session": dossier.session,
            "snapshot": version.snapshot,
            "from_etablissement": etablissement_from_access(request) is not None,
        },
    )


@require_POST
def quit_public(request):
    """« Quitter » after validation (seed 000): this browser forgets the dossier; its
    number and birth date open it again."""
    request.session.flush()
    messages.info(
        request,
        "Vous avez quitté votre dossier : pour le consulter à nouveau, utilisez votre numéro "
        "de dossier et votre date de naissance.",
    )
    return redirect("home")


# --- E1: establishment access ------------------------------------------------------------

ETAB_LOGIN_ERROR = "Code établissement ou mot de passe d'inscription incorrect."


@require_http_methods(["GET", "POST"])
def etablissement_login(request):
    attempt = lookup_attempt(request, "etablissement", request.POST.get("code", "").strip().upper())
    with_captcha = lookup_requires_captcha(attempt)
    form = EtablissementLoginForm(request.POST or None, with_captcha=with_captcha)
    if request.method == "POST" and form.is_valid():
        credentials = login_guard.credentials_for(
            login_guard.ETABLISSEMENT, form.cleaned_data["code"]
        )
        if login_guard.login_is_locked(request, credentials):
            form.add_error(None, login_guard.LOCKED_MESSAGE)
        else:
            outcome = guarded_lookup(
                attempt,
                lambda: etablissement_with_password(
                    form.cleaned_data["code"], form.cleaned_data["password"]
                ),
            )
            etablissement = outcome.found
            if outcome.over_ceiling:
                refusal = "Trop de tentatives depuis votre connexion : réessayez dans une heure."
            elif etablissement is None:
                login_guard.login_failed(request, credentials)
                refusal = ETAB_LOGIN_ERROR
            else:
                login_guard.login_succeeded(request, credentials)
                refusal = etablissement_refusal(etablissement)
            if refusal is None:
                etablissement_access_grant(request, etablissement)
                return redirect("candidates:etablissement_sessions")
            form.add_error(None, refusal)
    return render(
        request,
        "candidates/etablissement_login.html",
        {"title": "Inscription depuis votre établissement", "form": form},
    )


def etablissement_with_password(code, password):
    """E1: the establishment whose inscription password this is, or None."""
    etablissement = Etablissement.objects.filter(code=code).first()
    if etablissement is not None and etablissement.check_inscription_password(password):
        return etablissement
    return None


def etablissement_refusal(etablissement):
    if etablissement.inscription_password_must_change:
        return (
            "Votre établissement n'a pas encore changé son mot de passe d'inscription (celui "
            "par défaut est public) : l'inscription depuis l'établissement n'est pas encore "
            "possible. Adressez-vous à votre établissement."
        )
    if not etablissement.inscription_open:
        return (
            "Le service d'inscription de votre établissement est fermé. "
            "Adressez-vous à votre établissement."
        )
    return None


@require_safe
def etablissement_sessions(request):
    etablissement = etablissement_from_access(request)
    if etablissement is None:
        if etablissement_access_active(request):  # closed by the establishment meanwhile (S3)
            etablissement_access_end(request)
            messages.warning(
                request,
                "Le service d'inscription de votre établissement a été fermé. "
                "Adressez-vous à votre établissement.",
            )
        return redirect("candidates:etablissement_login")
    sessions = selectors.open_sessions(Service.ETABLISSEMENT).filter(
        academie=etablissement.academie, exam__in=etablissement.exams.all()
    )
    return render(
        request,
        "candidates/etablissement_sessions.html",
        {"title": "Choisir votre examen", "etablissement": etablissement, "sessions": sessions},
    )


@require_http_methods(["GET", "POST"])
def etablissement_quit(request):
    """« Quitter »: the POST ends the access; a GET (a link, a bookmark) only asks, since a
    GET must not change anything by itself."""
    if request.method == "GET":
        return render(
            request,
            "candidates/etablissement_quit.html",
            {"title": "Quitter l'inscription", "active": etablissement_access_active(request)},
        )
    etablissement_access_end(request)
    messages.info(request, QUIT_MESSAGE)
    return redirect("candidates:etablissement_login")
