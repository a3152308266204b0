"""The registration wizard (G3–G17, E2) on django-formtools, one URL per screen.

Retour keeps what was typed as a draft (extra_data["drafts"]), Abandon asks for a
confirmation, the G4 look-up is guarded (inscrinet.services.throttle) and runs in the view
so that formtools' re-validation before done() neither re-counts it nor re-checks the
captcha. done() re-checks every rule and calls one idempotent service.
"""

import uuid

from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from formtools.wizard.views import NamedUrlSessionWizardView

from candidates import steps as S
from candidates.access import (
    dossier_unlock,
    etablissement_access_active,
    etablissement_access_end,
    etablissement_from_access,
)
from candidates.forms.candidature import asks_precisions
from candidates.wizard_acquis import PAGES, AcquisScreensMixin
from candidates.wizard_cleaned import StoredCleanedDataMixin
from candidates.wizard_origine import OrigineScreenMixin, prefill
from inscrinet import rules, selectors
from inscrinet.actors import CandidateActor, EtablissementAccess, establishment_actor
from inscrinet.login_guard import client_ip
from inscrinet.models import DossierVersion, Service
from inscrinet.selectors.communes import postal_code_known
from inscrinet.services.candidature import CandidatureInput, build_snapshot, candidature_submit
from inscrinet.services.dossiers import submission_lock
from inscrinet.services.errors import DomainError
from inscrinet.services.lock import ServiceLocked
from inscrinet.services.throttle import lookup_requires_captcha

# A replayed « Valider » (double click, network retry, Back then Valider) proves it comes
# from the récapitulatif this browser was shown by a signed token of its submission key.
REPLAY_SALT = "inscrinet.wizard.replay"
REPLAY_MAX_AGE = 60 * 60 * 4


def inscription_prefix(service, session_pk) -> str:
    """One wizard state per service and session (all tabs of a browser share it)."""
    return f"inscription-{service}-{session_pk}"


def wizard_state_discard(request, prefix: str) -> None:
    """Abandon: wipe a wizard's state (formtools keeps it under "wizard_<prefix>")."""
    request.session.pop(f"wizard_{prefix}", None)


class InscriptionWizard(
    StoredCleanedDataMixin, OrigineScreenMixin, AcquisScreensMixin, NamedUrlSessionWizardView
):
    form_list = S.FORM_LIST
    condition_dict = S.CONDITIONS
    template_name = "candidates/wizard.html"
    service = Service.GRAND_PUBLIC
    abandon_url_name = "candidates:abandon"
    # True while formtools re-validates stored screens (before done(), or to read their
    # cleaned data): the captcha was solved when the screen was submitted, not again.
    revalidating = False
    # The dossier being modified (G18), or None when creating one.
    dossier = None
    # Sessions reached by candidate account are registered through the account's tabs.
    for_accounts = False

    # --- set-up -------------------------------------------------------------------------

    def dispatch(self, request, *args, **kwargs):
        self.session = selectors.candidate_session(kwargs["session_pk"])
        self.etablissement_fixed = self.get_etablissement_fixed(request)
        if self.etablissement_fixed is False:
            return redirect("candidates:etablissement_login")
        if self.session.by_account != self.for_accounts:
            from candidates.views import account_session_page

            return account_session_page(request, self.session)
        if self.session.locked:
            raise ServiceLocked  # M3: the 503 page, before anyone types

        if not self.session.is_open(self.service):
            return render(
                request,
                "candidates/closed.html",
                {"session": self.session, "closes_at": self.session.period(self.service)[1]},
                status=403 if request.method == "POST" else 200,
            )
        if request.method == "GET" and kwargs.get("step") == S.FORM_LIST[0][0]:
            # Each registration starts on a fresh session key: an id planted in a shared
            # browser before the candidate began gives nothing of what is typed. (A browser
            # without a stored session gets a new key when its first answer is saved.)
            if request.session.session_key is not None:
                request.session.cycle_key()
        return super().dispatch(request, *args, **kwargs)

    def get_etablissement_fixed(self, request):
        return None  # grand public: the candidate chooses an establishment (G8)

    def get_prefix(self, request, *args, **kwargs):
        return inscription_prefix(self.service, kwargs["session_pk"])

    def get_step_url(self, step):
        return reverse(self.url_name, kwargs={"session_pk": self.session.pk, "step": step})

    def abandon_url(self):
        return reverse(self.abandon_url_name, kwargs={"session_pk": self.session.pk})

    def back_url(self):
        """« Retour » on the first screen (seed 000): the page the wizard was opened from."""
        return reverse("candidates:session_home", kwargs={"session_pk": self.session.pk})

    # --- forms ----------------------------------------------------------------------------

    def get_form(self, step=None, data=None, files=None):
        """formtools' get_form (no model forms here), except that a screen's form class is
        taken from the screens themselves: formtools asks every condition (get_form_list)
        to find it, which at « Valider » reads the screens not validated again yet."""
        if step is None:
            step = self.steps.current
        form_class = self.form_list[step]
        kwargs = self.get_form_kwargs(step)
        kwargs.update(
            data=data,
            files=files,
            prefix=self.get_form_prefix(step, form_class),
            initial=self.get_form_initial(step),
        )
        return form_class(**kwargs)

    def get_form_kwargs(self, step=None):
        if step in ("diplomes", "acquis", "epreuves", "epreuves_suite"):
            return self.acquis_form_kwargs(step)
        if step == "origine":
            return {
                "exam": self.session.exam,
                "with_captcha": not self.revalidating
                and lookup_requires_captcha(self.lookup_attempt()),
            }
        if step == "etat_civil":
            return {"birth_name_locked": self.storage.extra_data.get("locked_birth_name")}
        if step == "adresse":
            return {"mobile_required": self.session.exam.mobile_phone_required}
        if step == "autres":
            birth = self.cleaned("etat_civil").get("birth_date")
            return {
                "session": self.session,
                "from_etablissement": bool(self.etablissement_fixed),
                "birth_year": int(birth[-4:]) if birth else None,
            }
        if step == "precisions":
            specialite = self.cleaned("specialite")
            return {
                "specialty": specialite.get("specialty"),
                "derogation": specialite.get("derogation"),
            }
        if step in ("etablissement", "specialite"):
            categorie = self.cleaned("autres").get("categorie")
            if categorie is None:
                return {"session": self.session, "categorie": _NoCategorie()} | (
                    {"etablissement": None, "conflict": None} if step == "specialite" else {}
                )
            if step == "etablissement":
                return {"session": self.session, "categorie": categorie}
            return {
                "session": self.session,
                "categorie": categorie,
                "etablissement": self.etablissement_fixed
                or self.cleaned("etablissement").get("etablissement"),
                "conflict": self.conflict_finder(),
            }
        return {}

    def asks_precisions(self):
        specialite = self.cleaned("specialite")
        return asks_precisions(specialite.get("specialty"), specialite.get("derogation"))

    def conflict_finder(self):
        identite = self.cleaned("etat_civil")
        if not identite:
            return None
        birth = rules.parse_birth_date(identite["birth_date"], this_year=timezone.localdate().year)
        key = rules.identity_key(identite["birth_name"], identite["first_names"])
        return lambda specialty: selectors.dossier_conflict(
            session=self.session,
            identity_key=key,
            birth=birth,
            exclude_pk=self.dossier.pk if self.dossier else None,
        )

    def get_form_initial(self, step):
        draft = self.storage.extra_data.get("drafts", {}).get(step)
        if draft:
            return draft
        if step in ("diplomes", "acquis"):
            return self.acquis_form_initial(step)
        previous = self.previous_candidate() if step in ("etat_civil", "adresse") else None
        if previous is not None:
            return prefill(previous, step)
        return super().get_form_initial(step)

    # --- navigation ---------------------------------------------------------------------

    def get(self, *args, **kwargs):
        """A screen reached by its URL before the screens it depends on: go to the first
        incomplete one instead (conditions and lists depend on earlier answers)."""
        step = kwargs.get("step")
        form_list = list(self.get_form_list())
        if step in form_list:
            for earlier in form_list[: form_list.index(step)]:
                if self.storage.get_step_data(earlier) is None:
                    return redirect(self.get_step_url(earlier))
        elif step in self.form_list:
            # A screen the answers no longer ask for (its question was withdrawn meanwhile):
            # the first one still to answer, or the récapitulatif.
            missing = [s for s in form_list if self.storage.get_step_data(s) is None]
            return redirect(self.get_step_url(missing[0] if missing else form_list[-1]))
        return super().get(*args, **kwargs)

    def post(self, *args, **kwargs):
        request = self.request
        replayed = self.replayed_version()
        if replayed is not None:  # this submission was validated already: its page
            return self.validated_redirect(replayed)
        posted_step = request.POST.get(f"{self.prefix}-current_step")
        if posted_step is not None and posted_step not in self.get_form_list():
            # A tampered step name, or a screen that earlier answers no longer ask for.
            return redirect(self.get_step_url(self.steps.current))
        if self.storage.current_step is None and posted_step not in (None, self.steps.first):
            return self.expired()
        if posted_step in self.get_form_list() and posted_step != self.steps.current:
            # Another tab (or a screen reached by its URL) moved the current step: handle
            # the screen that was posted, as formtools would, before choosing how.
            self.storage.current_step = posted_step
        if "abandon" in request.POST:
            self.save_draft()
            return redirect(self.abandon_url())
        goto = request.POST.get("wizard_goto_step")
        if goto:
            if self.steps.current == "acquis":
                return self.acquis_retour() or super().post(*args, **kwargs)
            if goto == "acquis":  # back from the bilan: the last diploma's screen
                self.set_acquis_page(len(self.ticked_diplomas()) - 1)
            self.save_draft()
            return super().post(*args, **kwargs)
        if self.steps.current == "origine":
            return self.post_origine()
        if self.steps.current == "acquis":
            return self.post_acquis()
        self.forget_draft(self.steps.current)
        return super().post(*args, **kwargs)

    def get_form_list(self):
        """formtools' list of the screens the conditions keep, as formtools caches it for the
        request — without working out, at each of the ~200 calls of a journey, a signature
        of `condition_dict` and `form_list` (sorted, as tuples) to notice they changed: they
        are set with the class and never change. The cache is dropped where the answers
        change the conditions (`render_next_step`, `read_rows_from_database`)."""
        resolved = self.__dict__.get("_resolved_form_list")
        if resolved is not None:
            return resolved.copy()
        return super().get_form_list()

    def render_next_step(self, form, **kwargs):
        # formtools caches the conditions' result per request; the screen just stored may
        # change them (ticking a diploma adds the acquis screens).
        self.__dict__.pop("_resolved_form_list", None)
        return super().render_next_step(form, **kwargs)

    def process_step_files(self, form):
        # Called right after the screen's data is stored (by formtools and by the origine
        # screen), before the conditions choosing the next screen read its cleaned data:
        # keep it now, or they would clean the form a second time, queries included. (One
        # diploma's page is not the whole acquis step: that step's is kept when first read.)
        if self.steps.current != "acquis":
            self.remember_cleaned(self.steps.current, form.cleaned_data)
        return {}  # no screen takes a file: a file part sent anyway is ignored

    def process_step(self, form):
        if self.steps.current == "diplomes":
            self.forget_acquis_answers()
        return super().process_step(form)

    def expired(self):
        return render(
            self.request,
            "candidates/expired.html",
            {"session": self.session, "restart_url": self.get_step_url(self.steps.first)},
        )

    def save_draft(self):
        """Retour / Abandon: keep what was typed on this screen, without validating it."""
        step, prefix = self.steps.current, f"{self.steps.current}-"
        if step == "acquis":
            self.keep_acquis_page()
            self.storage.data[self.storage.step_data_key].pop(step, None)
            return
        draft = {
            key[len(prefix) :]: values if len(values) > 1 else values[0]
            for key, values in self.request.POST.lists()
            if key.startswith(prefix) and not key.startswith(f"{prefix}captcha")
        }
        drafts = self.storage.extra_data.setdefault("drafts", {})
        drafts[step] = draft
        self.storage.extra_data = self.storage.extra_data
        self.storage.data[self.storage.step_data_key].pop(step, None)

    def forget_draft(self, step):
        drafts = self.storage.extra_data.get("drafts", {})
        if drafts.pop(step, None) is not None:
            self.storage.extra_data = self.storage.extra_data

    # --- rendering and done ----------------------------------------------------------------

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        summary = form.error_summary() if form.is_bound else []
        if kwargs.get("lookup_error"):
            summary = [("", kwargs["lookup_error"])] + summary
        context.update(
            session=self.session,
            step_title=S.TITLES[step],
            next_title=S.TITLES.get(self.steps.next) if self.steps.next else None,
            error_summary=summary,
            etablissement_fixed=self.etablissement_fixed,
            title=f"{S.TITLES[step]} — {self.session.exam.code} {self.session.label}",
            back_url=self.back_url(),
        )
        if step in ("recapitulatif", "etablissement", "resultats", "specialite"):
            context["handicap_notice"] = self.cleaned("autres").get("handicap") == "oui"
        if step in ("autres", "recapitulatif"):
            context["postal_warning"] = unknown_postal_code(self.cleaned("adresse"))
        if step == "recapitulatif":
            context["replay_token"] = signing.dumps(self.ensure_submission_key(), salt=REPLAY_SALT)
            context["snapshot"] = build_snapshot(self.candidature(self.all_steps()))
        if step == "etat_civil":
            context["personal_data_notice"] = True
        context.update(self.acquis_context(step, form))
        return context

    def all_steps(self):
        return {name: self.cleaned(name) for name in self.get_form_list()}

    def ensure_submission_key(self):
        """Made when the récapitulatif is shown, so that a double click on « Valider votre
        inscription » (two requests reading the same wizard state) carries one key."""
        key = self.storage.extra_data.get("submission_key")
        if key is None:
            key = uuid.uuid4().hex
            self.storage.extra_data = {**self.storage.extra_data, "submission_key": key}
        return key

    def replayed_version(self):
        """The version this POST's submission already stored, if any (signed token)."""
        token = self.request.POST.get("replay_token")
        if not token:
            return None
        try:
            key = signing.loads(token, salt=REPLAY_SALT, max_age=REPLAY_MAX_AGE)
        except signing.BadSignature:
            return None
        if str(key) == self.storage.extra_data.get("submission_key"):
            return None  # this browser's own submission: render_done looks, under its lock
        return selectors.by_submission_key(
            DossierVersion.objects.select_related("dossier").filter(
                dossier__session_id=self.session.pk
            ),
            str(key),
        )

    def render_done(self, form, **kwargs):
        """Two requests of one submission (double click, retry) take turns on its key: the
        second waits for the first's commit, then finds its version instead of validating
        again (its re-validation would see the new dossier as a conflict)."""
        key = self.storage.extra_data.get("submission_key") or ""
        with submission_lock(key):
            existing = selectors.by_submission_key(DossierVersion.objects, key) if key else None
            if existing is not None:  # a replay or a double click: the same version
                return self.validated_redirect(existing)
            return self.validate_and_submit(**kwargs)

    def validate_and_submit(self, **kwargs):
        """formtools' render_done, except that the wizard is reset only once the dossier
        exists (a refusal sends the candidate back to the récapitulatif, all kept)."""
        final_forms = {}
        self.read_rows_from_database()  # decide on the catalogue as it is now
        self.revalidating = True
        for step in self.screens_in_order():
            step_form = self.get_form(
                step=step,
                data=self.storage.get_step_data(step),
                files=self.storage.get_step_files(step),
            )
            if not step_form.is_valid():
                self.revalidating = False
                # What the screens validated so far hold now is what later requests show.
                for valid_step, valid_form in final_forms.items():
                    if valid_step != "acquis":
                        self.remember_cleaned(valid_step, valid_form.cleaned_data)
                return self.render_revalidation_failure(step, step_form, **kwargs)
            final_forms[step] = step_form
            # Later screens read this one's cleaned data: do not validate it twice.
            self.__dict__.setdefault("_cleaned", {})[self.answers_digest(step)] = (
                step_form.cleaned_data
            )
        self.revalidating = False
        return self.done(list(final_forms.values()), form_dict=final_forms, **kwargs)

    def screens_in_order(self):
        """formtools' screen list, each condition asked only once the screens before it are
        validated again: it reads their fresh cleaned data, not the stored screens' rows
        (a condition depends on earlier screens only, as formtools assumes)."""
        for step in self.form_list:
            condition = self.condition_dict.get(step, True)
            if not callable(condition) or condition(self):
                yield step

    def done(self, form_list, form_dict, **kwargs):
        steps = {name: form.cleaned_data for name, form in form_dict.items()}
        key = self.ensure_submission_key()
        try:
            version = candidature_submit(
                self.candidature(steps, answers=self.validated_answers()),
                submission_key=key,
                actor=self.actor(),
                modifying=self.modifying(),
            )
        except DomainError as error:
            return self.refused(error)
        return self.validated_redirect(version)

    def modifying(self):
        return None

    def candidature(self, screens, answers=None) -> CandidatureInput:
        return CandidatureInput(
            session=self.session,
            screens=screens,
            service=self.service,
            etablissement_fixed=self.etablissement_fixed or None,
            answers=answers or {},
        )

    def actor(self):
        """Who validates: the candidate at this browser (a dossier being modified is the
        one this browser unlocked)."""
        return CandidateActor(
            ip=client_ip(self.request), dossier_id=self.dossier.pk if self.dossier else None
        )

    def refused(self, error):
        messages.error(self.request, str(error))
        return redirect(self.get_step_url("recapitulatif"))

    def validated_answers(self) -> dict:
        """The screens as stored (each screen's own fields, no captcha), for G18's
        pre-filled modification."""
        step_data = {
            step: {
                name: values
                for name, values in data.items()
                if name.startswith(f"{step}-") and "captcha" not in name
            }
            for step, data in self.storage.data[self.storage.step_data_key].items()
        }
        extra = self.storage.extra_data
        return {
            "step_data": step_data,
            "extra": {k: extra[k] for k in ANSWER_EXTRA_KEYS if k in extra},
        }

    def validated_redirect(self, version):
        """This browser may see its validation page and its dossier, under a new session
        key (a privilege change); the wizard's state is wiped."""
        validated = self.request.session.get("validated_dossiers", [])
        if version.submission_key not in validated:
            self.request.session["validated_dossiers"] = [*validated[-9:], version.submission_key]
        dossier_unlock(self.request, version.dossier)
        self.storage.reset()
        # Last: the row under the new key is written with its final content (no UPDATE).
        self.request.session.cycle_key()
        return redirect("candidates:validated", key=version.submission_key)


# What a modification needs besides the screens: the G4 match and the typed acquis pages.
ANSWER_EXTRA_KEYS = ("previous_key", "locked_birth_name", PAGES)


def unknown_postal_code(adresse: dict):
    """G6: a French postal code absent from the reference data (CEDEX…) is only a warning."""
    code = adresse.get("postal_code")
    if not code or adresse.get("resides_abroad") == "oui":
        return None
    return None if postal_code_known(code) else code


class _NoCategorie:
    """Stand-in while the catégorie screen has not been validated (never shown as such)."""

    kind = ""
    allows_globale = allows_progressive = fictitious_establishments = False
    pk = None


class EtablissementInscriptionWizard(InscriptionWizard):
    """E1–E3: the same wizard behind the establishment's access; establishment fixed."""

    service = Service.ETABLISSEMENT
    abandon_url_name = "candidates:etab_abandon"

    def back_url(self):
        return reverse("candidates:etablissement_sessions")

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and "quitter" in request.POST:
            # « Quitter » ends the access here, on the wizard's own POST (CSRF-checked):
            # the next person at this computer finds nothing of the pupil's.
            etablissement_access_end(request)
            messages.info(request, QUIT_MESSAGE)
            return redirect("candidates:etablissement_login")
        return super().dispatch(request, *args, **kwargs)

    def actor(self):
        return establishment_actor(
            self.etablissement_fixed,
            access=EtablissementAccess.INSCRIPTION,
            ip=client_ip(self.request),
        )

    def get_etablissement_fixed(self, request):
        if not etablissement_access_active(request):
            return False
        etablissement = etablissement_from_access(request)
        if etablissement is None:  # closed by the establishment meanwhile (S3)
            etablissement_access_end(request)
            messages.warning(request, CLOSED_MID_WIZARD_MESSAGE)
            return False
        if (
            etablissement is None
            or etablissement.academie_id != self.session.academie_id
            or not etablissement.exams.filter(pk=self.session.exam_id).exists()
        ):
            return False
        return etablissement


QUIT_MESSAGE = "Vous avez quitté l'inscription : votre saisie a été effacée de cet ordinateur."
CLOSED_MID_WIZARD_MESSAGE = (
    "Le service d'inscription de votre établissement a été fermé pendant votre saisie : "
    "votre pré-inscription n'a pas été enregistrée et ce que vous aviez saisi a été effacé "
    "de cet ordinateur. Adressez-vous à votre établissement."
)
