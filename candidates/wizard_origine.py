"""G4 « Origine session précédente »: the look-up of a previous-session candidate, guarded
by the G19 counters, run in the view so that formtools' re-validation before done()
neither re-counts it nor re-checks the captcha."""

from django.utils import timezone

from candidates.access import lookup_attempt
from inscrinet import rules, selectors
from inscrinet.models import PreviousCandidate
from inscrinet.services.throttle import guarded_lookup

NEUTRAL_LOOKUP_MESSAGE = (
    "Aucune inscription antérieure ne correspond à ce numéro et à cette date de naissance. "
    "Vérifiez votre saisie, ou videz les champs pour continuer sans pré-remplissage."
)
CEILING_MESSAGE = (
    "Trop de tentatives ont été faites depuis votre connexion : réessayez dans une heure, "
    "ou videz les champs pour continuer sans pré-remplissage."
)


class OrigineScreenMixin:
    def previous_candidate(self):
        """G4: the previous candidate found on the origine screen, if it still exists."""
        key = self.storage.extra_data.get("previous_key")
        if not key:
            return None
        memo = self.__dict__.setdefault("_previous", {})
        marker = repr(sorted(key["numbers"].items())) + key["birth_date"]
        if marker not in memo:
            birth = rules.parse_birth_date(key["birth_date"], this_year=timezone.localdate().year)
            memo[marker] = selectors.previous_candidate(
                academie=self.session.academie, numbers=key["numbers"], birth=birth
            )
        return memo[marker]

    def lookup_attempt(self, number=""):
        return lookup_attempt(self.request, "g4", number)

    def post_origine(self):
        form = self.get_form(data=self.request.POST, files=self.request.FILES)
        if not form.is_valid():
            return self.render(form)
        numbers = form.numbers()
        extra = self.storage.extra_data
        extra.pop("previous_key", None)
        extra.pop("locked_birth_name", None)
        if numbers:
            birth = rules.parse_birth_date(
                form.cleaned_data["birth_date"], this_year=timezone.localdate().year
            )
            outcome = guarded_lookup(
                self.lookup_attempt(next(iter(numbers.values()))),
                lambda: selectors.previous_candidate(
                    academie=self.session.academie, numbers=numbers, birth=birth
                ),
            )
            if outcome.over_ceiling:
                return self.render_origine_error(CEILING_MESSAGE)
            if outcome.found is None:
                return self.render_origine_error(NEUTRAL_LOOKUP_MESSAGE)
            # Its natural key (the numbers typed, the birth date), not its database id:
            # the DEC reloads previous candidates (M4).
            extra["previous_key"] = {
                "numbers": numbers,
                "birth_date": form.cleaned_data["birth_date"],
            }
            if "redoublant_number" in numbers:
                extra["locked_birth_name"] = outcome.found.birth_name
            for step in ("etat_civil", "adresse"):  # pre-fill replaces older drafts
                extra.get("drafts", {}).pop(step, None)
                self.storage.data[self.storage.step_data_key].pop(step, None)
        self.storage.extra_data = extra
        self.forget_draft("origine")
        self.storage.set_step_data("origine", self.process_step(form))
        self.storage.set_step_files("origine", self.process_step_files(form))
        return self.render_next_step(form)

    def render_origine_error(self, message):
        posted = {
            k.removeprefix("origine-"): v
            for k, v in self.request.POST.items()
            if k.startswith("origine-") and "captcha" not in k
        }
        form = self.get_form(data=None)
        form.initial = posted
        return self.render(form, lookup_error=message)


def prefill(previous: PreviousCandidate, step: str) -> dict:
    """G4: identity and address known from the rectorat's previous-candidate data."""
    if step == "etat_civil":
        birth = rules.BirthDateParts(previous.birth_year, previous.birth_month, previous.birth_day)
        return {
            "civilite": previous.civilite,
            "birth_name": previous.birth_name,
            "usage_name": previous.usage_name,
            "first_names": previous.first_names,
            "birth_date": str(birth),
        }
    address = previous.address or {}
    return {
        "resides_abroad": "oui"
        if address.get("postal_code") == rules.ABROAD_POSTAL_CODE
        else "non",
        "line1": address.get("line1", ""),
        "line2": address.get("line2", ""),
        "lieu_dit": address.get("lieu_dit", ""),
        "postal_code": address.get("postal_code", ""),
        "city": address.get("city", ""),
        "mobile_phone": previous.mobile_phone,
        "email": previous.email,
        "email_confirmation": previous.email,
    }
