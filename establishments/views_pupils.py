"""C10 « Élèves à inscrire (comptes candidats) »: in the sessions whose candidates register
with an account, the establishment pre-registers its pupils (import of a class, or one by
one) and prints their « papillons de connexion » (seed 004 § 8)."""

from contextlib import nullcontext

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from establishments.pupil_forms import PupilForm
from establishments.pupil_import import MAX_PUPILS, pupils_import
from establishments.views import SuiviView
from inscrinet.converters import id_from_form
from inscrinet.documents import render_pdf
from inscrinet.models import Service
from inscrinet.services.errors import DomainError
from inscrinet.services.pupils import pupil_register, pupil_sessions, pupils_of, slips_prepare
from management.views_formats import FORMATS_DIR

MAX_FILE_BYTES = 2 * 1024 * 1024
TITLE = "Élèves à inscrire (comptes candidats)"


class PupilsView(SuiviView):
    def session_or_404(self, pk):
        session = pupil_sessions(self.etablissement).filter(pk=pk).first()
        if session is None:
            raise Http404("Session introuvable pour votre établissement.")
        return session

    def closed_refusal(self, session):
        if session.is_open(Service.ETABLISSEMENT):
            return None
        start, end = session.period(Service.ETABLISSEMENT)
        moment = "%d/%m/%Y %H:%M"
        when = (
            f"du {timezone.localtime(start):{moment}} au {timezone.localtime(end):{moment}}"
            if start and end
            else "pas encore fixée par le service des examens"
        )
        return (
            "La période d'inscription des établissements de cette session n'est pas en cours "
            f"({when}, heure de Paris) : vous ne pouvez pas inscrire d'élève maintenant."
        )

    def back_to_list(self, session):
        return redirect(f"{reverse('establishments:pupils')}?session={session.pk}")

    def home(self, session, *, form=None, import_errors=None, status=200):
        pupils = list(pupils_of(self.etablissement, session)) if session else []
        classes = {}
        for dossier in pupils:
            classes.setdefault(dossier.pupil_class, []).append(dossier)
        response = self.page(
            "establishments/pupils.html",
            TITLE,
            sessions=pupil_sessions(self.etablissement),
            session=session,
            closed=self.closed_refusal(session) if session else None,
            classes=sorted(classes.items()),
            import_errors=import_errors,
            max_pupils=MAX_PUPILS,
            form=form,
        )
        response.status_code = status
        return response


class Pupils(PupilsView):
    """The sessions, then the chosen session's pupils by class, the import and the slips."""

    def get(self, request):
        sessions = list(pupil_sessions(self.etablissement))
        chosen = id_from_form(request.GET.get("session"))
        if chosen is not None:
            session = self.session_or_404(chosen)
        else:
            session = sessions[0] if len(sessions) == 1 else None
        return self.home(session)


class PupilsImport(PupilsView):
    writes = True

    def get(self, request, session_pk):  # a reload of the import's report
        return self.back_to_list(self.session_or_404(session_pk))

    def post(self, request, session_pk):
        session = self.session_or_404(session_pk)
        refusal = self.closed_refusal(session)
        upload = request.FILES.get("fichier")
        if refusal:
            messages.error(request, refusal)
            return self.back_to_list(session)
        if upload is None or upload.size == 0:
            messages.error(request, "Choisissez le fichier de vos élèves (CSV).")
            return self.back_to_list(session)
        if upload.size > MAX_FILE_BYTES:
            messages.error(request, "Fichier trop volumineux (2 Mo au plus) : découpez-le.")
            return self.back_to_list(session)

        def open_binary():  # read twice (encoding, then lines): left open between
            upload.seek(0)
            return nullcontext(upload)

        report = pupils_import(
            session=session,
            etablissement=self.etablissement,
            open_binary=open_binary,
            actor=self.actor,
        )
        if report.errors:
            return self.home(session, import_errors=report.errors, status=422)
        messages.success(
            request,
            f"{len(report.registered)} élève(s) pré-inscrit(s), « À compléter ». Imprimez "
            "leurs papillons de connexion.",
        )
        return self.back_to_list(session)


class PupilAdd(PupilsView):
    writes = True

    def get(self, request, session_pk):
        session = self.session_or_404(session_pk)
        return self.form_page(session, PupilForm(session=session, prefix="eleve"))

    def post(self, request, session_pk):
        session = self.session_or_404(session_pk)
        form = PupilForm(request.POST, session=session, prefix="eleve")
        refusal = self.closed_refusal(session)
        if refusal:
            form.add_error(None, refusal)
        elif form.is_valid():
            try:
                dossier = pupil_register(
                    session=session,
                    etablissement=self.etablissement,
                    pupil=form.pupil(),
                    actor=self.actor,
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    f"{dossier.birth_name} {dossier.first_names} est pré-inscrit(e) "
                    f"(identifiant {dossier.account.user.username}). Imprimez son papillon "
                    "de connexion.",
                )
                return self.back_to_list(session)
        return self.form_page(session, form, status=422)

    def form_page(self, session, form, status=200):
        response = self.page(
            "establishments/pupil_add.html", "Saisir un élève", session=session, form=form
        )
        response.status_code = status
        return response


class PupilSlips(PupilsView):
    """« Imprimer les papillons »: a class, or one pupil; one A4 page each."""

    writes = True

    def get(self, request, session_pk):
        return self.back_to_list(self.session_or_404(session_pk))

    def post(self, request, session_pk):
        session = self.session_or_404(session_pk)
        dossiers = pupils_of(self.etablissement, session).select_related(
            "session__exam", "session__academie"
        )
        pupil = id_from_form(request.POST.get("dossier"))
        if pupil is not None:
            dossiers = dossiers.filter(pk=pupil)
        else:
            dossiers = dossiers.filter(pupil_class=request.POST.get("classe", ""))
        dossiers = list(dossiers)
        if not dossiers:
            raise Http404("Aucun élève à imprimer.")
        slips = slips_prepare(etablissement=self.etablissement, dossiers=dossiers, actor=self.actor)
        pdf, _ = render_pdf(
            "pdf/papillons.html",
            {
                "slips": slips,
                "session": session,
                "etablissement": self.etablissement,
                "portal_url": request.build_absolute_uri(reverse("account_login")),
                "number": "",
            },
        )
        which = dossiers[0].pupil_class if pupil is None else dossiers[0].number
        name = f"papillons-{self.etablissement.code}-{which}"
        response = HttpResponse(pdf, content_type="application/pdf")
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)
        response["Content-Disposition"] = f'attachment; filename="{safe}.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response


class PupilsFormat(SuiviView):
    """The import file's documentation and example, from the suivi space."""

    def get(self, request):
        text = (FORMATS_DIR / "eleves.md").read_text(encoding="utf-8")
        return self.page(
            "establishments/pupils_format.html", "Format du fichier des élèves", text=text
        )


class PupilsFormatExample(SuiviView):
    def get(self, request):
        return FileResponse(
            (FORMATS_DIR / "eleves.csv").open("rb"),
            as_attachment=True,
            filename="exemple-eleves.csv",
            content_type="text/csv; charset=utf-8",
        )
