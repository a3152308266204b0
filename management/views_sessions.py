"""M1, M2, M3 for the DEC: the home page (the académie's sessions), a session's settings,
« Ouvrir » / « Fermer » a service, the lock, the pieces and EPS pairs, « Initialiser une
session à partir d'une autre », the DEC contact, and the dashboard."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone

from inscrinet.models import PieceDeposit, PieceState, Service
from inscrinet.selectors import sessions_visible_to
from inscrinet.selectors.dashboard import session_dashboard
from inscrinet.services.errors import DomainError
from inscrinet.services.sessions import (
    PIECE_FIELDS,
    academie_contact_update,
    session_copy,
    session_eps_pairs_set,
    session_lock_set,
    session_pieces_set,
    session_service_set,
    session_settings_update,
)
from management.base import DecView
from management.forms import (
    AcademieContactForm,
    EpsPairsForm,
    PieceFormSet,
    SessionCopyForm,
    SessionSettingsForm,
)


class Home(DecView):
    def get(self, request):
        now = timezone.now()
        sessions = sessions_visible_to(fetched_by=self.actor).annotate(n=Count("dossiers"))
        rows = [
            (
                session,
                session.is_open(Service.GRAND_PUBLIC, now),
                session.is_open(Service.ETABLISSEMENT, now),
            )
            for session in sessions
        ]
        return self.page("management/home.html", "Espace gestionnaire", rows=rows)


class AcademieLock(DecView):
    """M3 for every session of the académie at once."""

    def post(self, request):
        locked = request.POST.get("verrou") == "verrouiller"
        changed = session_lock_set(
            sessions=sessions_visible_to(fetched_by=self.actor), locked=locked, actor=self.actor
        )
        verb = "verrouillée(s)" if locked else "déverrouillée(s)"
        messages.success(request, f"{changed} session(s) {verb}.")
        return redirect("management:home")


class SessionSettings(DecView):
    def get(self, request, pk):
        session = self.session_or_404(pk)
        return self.render_page(session, SessionSettingsForm(instance=session))

    def post(self, request, pk):
        session = self.session_or_404(pk)
        form = SessionSettingsForm(request.POST, instance=session)
        if form.is_valid():
            try:
                session_settings_update(session=session, values=form.cleaned_data, actor=self.actor)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Les paramètres de la session sont enregistrés.")
                return redirect("management:session", pk=session.pk)
        return self.render_page(session, form)

    def render_page(self, session, form, **context):
        now = timezone.now()
        pieces = [
            {
                name: getattr(p, "specialty_id" if name == "specialty" else name)
                for name in PIECE_FIELDS
            }
            for p in session.pieces.all()
        ]
        context.setdefault(
            "pieces_formset",
            PieceFormSet(initial=pieces, form_kwargs={"session": session}, prefix="pieces"),
        )
        context.setdefault(
            "eps_form",
            EpsPairsForm(
                initial={
                    "pairs": "\n".join(
                        f"{p.first_activity} + {p.second_activity}" for p in session.eps_pairs.all()
                    )
                }
            ),
        )
        return self.page(
            "management/session.html",
            f"Session {session.exam.code} {session.label}",
            session=session,
            form=form,
            now=now,
            services=[
                (service, session.period(service), session.is_open(service, now))
                for service in Service
            ],
            **context,
        )


class SessionService(DecView):
    """M2 « Ouvrir » / « Fermer » a service now."""

    def post(self, request, pk, service):
        session = self.session_or_404(pk)
        if service not in Service.values:
            raise Http404
        open_ = request.POST.get("action") == "ouvrir"
        until = None
        if open_ and request.POST.get("jusqu_au"):
            field = SessionSettingsForm.base_fields["public_closes_at"]
            try:
                until = field.clean(request.POST["jusqu_au"])
            except ValidationError:
                messages.error(request, "Date de fermeture illisible : par ex. 15/01/2027 18:00.")
                return redirect("management:session", pk=session.pk)
        self.attempt(
            lambda: session_service_set(
                session=session, service=service, open=open_, until=until, actor=self.actor
            ),
            f"Le service « {Service(service).label} » est {'ouvert' if open_ else 'fermé'}.",
        )
        return redirect("management:session", pk=session.pk)


class SessionLock(DecView):
    def post(self, request, pk):
        session = self.session_or_404(pk)
        locked = request.POST.get("verrou") == "verrouiller"
        session_lock_set(sessions=[session], locked=locked, actor=self.actor)
        messages.success(
            request,
            "La base est verrouillée pour cette session : les candidats et les établissements "
            "ne peuvent plus rien enregistrer."
            if locked
            else "La base est déverrouillée pour cette session.",
        )
        return redirect("management:session", pk=session.pk)


class SessionPieces(SessionSettings):
    def post(self, request, pk):
        session = self.session_or_404(pk)
        formset = PieceFormSet(request.POST, form_kwargs={"session": session}, prefix="pieces")
        if formset.is_valid():
            pieces = [
                {name: f[name] for name in PIECE_FIELDS}
                for f in formset.cleaned_data
                if f and not f.get("DELETE")
            ]
            if self.attempt(
                lambda: session_pieces_set(session=session, pieces=pieces, actor=self.actor),
                "Les pièces à joindre sont enregistrées.",
            ):
                return redirect("management:session", pk=session.pk)
        return self.render_page(
            session, SessionSettingsForm(instance=session), pieces_formset=formset
        )


class SessionEpsPairs(SessionSettings):
    def post(self, request, pk):
        session = self.session_or_404(pk)
        form = EpsPairsForm(request.POST)
        if form.is_valid():
            session_eps_pairs_set(
                session=session, pairs=form.cleaned_data["pairs"], actor=self.actor
            )
            messages.success(request, "Les couples d'activités EPS sont enregistrés.")
            return redirect("management:session", pk=session.pk)
        return self.render_page(session, SessionSettingsForm(instance=session), eps_form=form)


class SessionCopy(DecView):
    """« Initialiser une session à partir d'une autre »."""

    def get(self, request, pk):
        source = self.session_or_404(pk)
        return self.render_page(
            source,
            SessionCopyForm(
                instance=source, initial={"label": "", "exam_year": source.exam_year + 1}
            ),
        )

    def post(self, request, pk):
        source = self.session_or_404(pk)
        form = SessionCopyForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                session = session_copy(
                    source=source,
                    label=data["label"],
                    exam_year=data["exam_year"],
                    dates=data,
                    actor=self.actor,
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    f"La session {session.label} est initialisée à partir de la session "
                    f"{source.label}.",
                )
                return redirect("management:session", pk=session.pk)
        return self.render_page(source, form)

    def render_page(self, source, form):
        return self.page(
            "management/session_copy.html",
            "Initialiser une session à partir d'une autre",
            source=source,
            form=form,
        )


class AcademieContact(DecView):
    def get(self, request):
        return self.render_page(AcademieContactForm(instance=self.academie))

    def post(self, request):
        form = AcademieContactForm(request.POST, instance=self.academie)
        if form.is_valid():
            academie_contact_update(
                academie=self.academie, values=form.cleaned_data, actor=self.actor
            )
            messages.success(request, "Les coordonnées du service des examens sont enregistrées.")
            return redirect("management:home")
        return self.render_page(form)

    def render_page(self, form):
        return self.page(
            "management/form_page.html", "Coordonnées du service des examens", form=form
        )


class SessionDashboard(DecView):
    def get(self, request, pk):
        session = self.session_or_404(pk)
        return self.page(
            "management/dashboard.html",
            f"Tableau de bord — {session.exam.code} {session.label}",
            session=session,
            board=session_dashboard(session=session, fetched_by=self.actor),
            pieces=pieces_by_state(session),
        )


def pieces_by_state(session):
    """M6 on the dashboard: the session's pièces justificatives per state (awaiting review,
    non conformes awaiting the candidate…), with the link to review them."""
    counts = dict(
        PieceDeposit.objects.filter(dossier__session=session)
        .values_list("state")
        .annotate(count=Count("pk"))
        .values_list("state", "count")
    )
    return [(label, counts.get(state, 0), state) for state, label in PieceState.choices]
