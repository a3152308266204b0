"""Screens G4 (origine session précédente), G5 (état civil), G6 (adresse et contacts)."""

import functools
import re

from django import forms
from django.utils.translation import get_language
from django_countries import countries

from candidates.forms.common import (
    FRENCH_MOBILE,
    FRENCH_PHONE,
    INTERNATIONAL_PHONE,
    UNMARKED_INPUT,
    ScreenForm,
    clean_birth_date,
    normalize_phone,
    verification_captcha,
)
from inscrinet import rules, selectors
from inscrinet.forms import FixedChoices, FixedChoicesSelect
from inscrinet.models.geo import ABROAD_DEPARTEMENT
from inscrinet.selectors.reference import per_generation


class OrigineForm(ScreenForm):
    """G4: optional numbers + birth date; the look-up itself is done by the wizard view."""

    NUMBER_FIELDS = ("ivae_number", "redoublant_number", "ine_number")

    ivae_number = forms.CharField(label="Numéro IVAE", required=False, max_length=20)
    redoublant_number = forms.CharField(label="Numéro redoublant", required=False, max_length=20)
    ine_number = forms.CharField(label="Numéro INE / CFA", required=False, max_length=20)
    birth_date = forms.CharField(
        label="Date de naissance", required=False, max_length=10, help_text="exemple : 17/10/1999"
    )

    def __init__(self, *args, exam, with_captcha=False, **kwargs):
        super().__init__(*args, **kwargs)
        for name, asked in (
            ("ivae_number", exam.asks_ivae_number),
            ("redoublant_number", exam.asks_redoublant_number),
            ("ine_number", exam.asks_ine_number),
        ):
            if not asked:
                del self.fields[name]
        if with_captcha:
            self.fields["captcha"] = verification_captcha()

    def numbers(self):
        """The numbers typed, as the loaded files hold them: capitals, no spaces (« r 140
        0175 » is R1400175)."""
        typed = {
            name: "".join(self.cleaned_data.get(name, "").split()) for name in self.NUMBER_FIELDS
        }
        return {name: number.upper() for name, number in typed.items() if number}

    def clean(self):
        data = super().clean()
        birth = (data.get("birth_date") or "").strip()
        if not self.numbers() and not birth:
            return data  # nothing entered: Suite goes on (seed 000)
        if not self.numbers():
            raise forms.ValidationError(
                "Vous avez saisi une date de naissance sans numéro : saisissez un numéro, "
                "ou videz la date de naissance si vous n'en avez pas."
            )
        if not birth:
            self.add_error("birth_date", "Saisissez votre date de naissance avec le numéro.")
        else:
            try:
                data["birth_date"] = clean_birth_date(birth)
            except forms.ValidationError as error:
                self.add_error("birth_date", error)
        return data


CIVILITES = [("M", "Monsieur"), ("Mme", "Madame")]
NATIONALITES = [
    ("francaise", "Française"),
    ("ue", "Ressortissant(e) d'un autre pays de l'Union européenne"),
    ("autre", "Autre nationalité"),
]


@per_generation
def departement_choices():
    named = [(d.code, f"{d.code} - {d.name}") for d in selectors.departements_by_code().values()]
    return FixedChoices([("", "Sélectionnez votre département de naissance"), *named])


def country_choices():
    return _country_choices(get_language())


@functools.cache
def _country_choices(language):
    """Countries are the library's (named in the active language): built once per process
    and language, not at each État civil form."""
    return FixedChoices(
        [("", "Sélectionnez un pays")]
        + [(c.code, str(c.name)) for c in countries if c.code != "FR"]
    )


def one_spaced(name: str) -> str:
    """« Le  Gall », « Le - Gall », « Jean  Pierre »: one space between words, none around
    a hyphen or an apostrophe."""
    return re.sub(r"\s*([-'’])\s*", r"\1", " ".join(name.split()))


class EtatCivilForm(ScreenForm):
    civilite = forms.ChoiceField(
        label="Civilité",
        choices=CIVILITES,
        widget=forms.RadioSelect(attrs={"class": "fr-fieldset--inline"}),
    )
    birth_name = forms.CharField(
        label="Nom de famille", max_length=100, help_text="nom de naissance"
    )
    usage_name = forms.CharField(
        label="Nom d'usage", required=False, max_length=100, help_text="nom d'usage ou d'épouse"
    )
    first_names = forms.CharField(
        label="Prénoms",
        max_length=150,
        help_text="tous vos prénoms, dans l'ordre de l'état civil, séparés par des virgules",
    )
    birth_date = forms.CharField(
        label="Date de naissance",
        max_length=10,
        help_text="jj/mm/aaaa ; l'année est obligatoire : saisissez 00/00 pour le jour et le mois "
        "si vous ne les connaissez pas",
    )
    birth_departement = forms.ChoiceField(
        label="Département de naissance",
        widget=FixedChoicesSelect,
        help_text="099 si vous êtes né(e) à l'étranger",
    )
    # Required for a birth in France, checked in clean(): no « (facultatif) » marker.
    birth_commune = forms.CharField(
        label="Commune de naissance",
        required=False,
        template_name=UNMARKED_INPUT,
        max_length=100,
        widget=forms.TextInput(attrs={"list": "communes-suggestions", "autocomplete": "off"}),
        help_text="obligatoire si vous êtes né(e) en France ; pour Paris, Lyon et Marseille, "
        "l'arrondissement (par ex. Paris 13e) ; le code postal convient aussi",
    )
    birth_commune_free = forms.BooleanField(
        label="Ma commune n'est pas dans la liste : conserver le nom tel que je l'ai saisi",
        required=False,
    )
    birth_country = forms.ChoiceField(
        label="Pays de naissance",
        widget=FixedChoicesSelect,
        required=False,
        template_name=UNMARKED_INPUT,
        help_text="obligatoire si vous êtes né(e) à l'étranger (département 099)",
    )
    nationality = forms.ChoiceField(label="Nationalité", choices=NATIONALITES)

    # C5: what a candidate account fixes (seed 004: « récupérées automatiquement et non
    # modifiables ici »); only the nationality is asked on the Identification tab.
    ACCOUNT_FIELDS = (
        "civilite",
        "birth_name",
        "usage_name",
        "first_names",
        "birth_date",
        "birth_departement",
        "birth_commune",
        "birth_commune_free",
        "birth_country",
    )

    def __init__(self, *args, birth_name_locked=None, account_identity=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["birth_departement"].choices = departement_choices()
        self.fields["birth_country"].choices = country_choices()
        self.commune_suggestions = []
        if account_identity is not None:
            for name in self.ACCOUNT_FIELDS:
                # Disabled: Django takes the initial value, whatever is posted (or drafted).
                self.fields[name].disabled = True
                self.initial[name] = account_identity.get(name, "")
        if birth_name_locked:
            # A redoublant's birth name comes from the rectorat's data (seed 000).
            field = self.fields["birth_name"]
            field.disabled = True
            field.initial = birth_name_locked
            field.help_text = "nom de naissance, non modifiable pour les redoublants"

    # The identity as an account (C1) or a pupil's account (C10) stores it.
    IDENTITY_KEYS = (
        "civilite",
        "birth_name",
        "usage_name",
        "first_names",
        "birth_date",
        "birth_departement",
        "birth_commune",
        "birth_commune_code",
        "birth_country",
    )

    def identity(self) -> dict:
        return {key: self.cleaned_data.get(key) or "" for key in self.IDENTITY_KEYS}

    # Names as printed on the documents: spaces typed twice (or around a hyphen) once.
    def clean_birth_name(self):
        return one_spaced(self.cleaned_data["birth_name"]).upper()

    def clean_usage_name(self):
        return one_spaced(self.cleaned_data["usage_name"]).upper()  # like the nom de famille

    def clean_first_names(self):
        names = (one_spaced(p) for p in self.cleaned_data["first_names"].split(","))
        return ", ".join(name for name in names if name)

    def clean_birth_date(self):
        return clean_birth_date(self.cleaned_data["birth_date"])

    def clean(self):
        data = super().clean()
        departement = data.get("birth_departement")
        if departement == ABROAD_DEPARTEMENT:
            if not data.get("birth_country"):
                self.add_error(
                    "birth_country",
                    "Vous êtes né(e) à l'étranger : indiquez votre pays de naissance.",
                )
            data["birth_commune"] = (data.get("birth_commune") or "").strip()
            return data
        if departement:
            data["birth_country"] = ""
            self._clean_commune(data, selectors.departements_by_code()[departement])
        return data

    def _clean_commune(self, data, departement):
        typed = (data.get("birth_commune") or "").strip()
        if not typed:
            self.add_error("birth_commune", "Indiquez votre commune de naissance.")
            return
        matches, exact = selectors.communes_matching(departement=departement, typed=typed)
        chosen = self.data.get(self.add_prefix(COMMUNE_CHOICE))
        by_name = {commune.name: commune for commune in matches}
        if chosen in by_name:  # the candidate picked one of the communes offered
            matches, exact = [by_name[chosen]], True
        if exact and len(matches) == 1:
            data["birth_commune"] = matches[0].name
            data["birth_commune_code"] = matches[0].insee_code
            return
        if matches:
            self.offer_communes(matches)
            self.add_error(
                "birth_commune",
                f"Plusieurs communes du département {departement.code} peuvent correspondre à "
                f"« {typed} » : choisissez la vôtre dans la liste ci-dessous."
                if len(matches) > 1
                else f"Vouliez-vous dire « {matches[0].name} » ? Choisissez-la ci-dessous, ou "
                "corrigez le nom.",
            )
            return
        if rules.names_a_city_without_its_arrondissement(typed):
            self.add_error(
                "birth_commune",
                "Pour Paris, Lyon et Marseille, l'arrondissement de naissance est obligatoire "
                "(par ex. « Paris 13e », « Lyon 3 », « Marseille 1er » ou le code postal).",
            )
            return
        if data.get("birth_commune_free"):
            data["birth_commune"] = typed
            data["birth_commune_code"] = ""
            return
        self.add_error(
            "birth_commune",
            f"« {typed} » n'est pas une commune du département {departement.code}. "
            "Corrigez le nom (ou saisissez le code postal), ou cochez la case ci-dessous pour "
            "le conserver tel quel.",
        )

    def offer_communes(self, matches):
        """The communes to choose from, as radio buttons right after the typed name (the
        screen works without JavaScript)."""
        self.commune_suggestions = [commune.name for commune in matches]
        self.fields[COMMUNE_CHOICE] = forms.ChoiceField(
            label="Choisissez votre commune de naissance",
            choices=[(name, name) for name in self.commune_suggestions],
            widget=forms.RadioSelect,
            # Only shown when a choice is needed (no « (facultatif) »); read in clean().
            required=True,
        )
        order = list(self.fields)
        order.remove(COMMUNE_CHOICE)
        order.insert(order.index("birth_commune") + 1, COMMUNE_CHOICE)
        self.order_fields(order)


COMMUNE_CHOICE = "birth_commune_choice"


class AdresseForm(ScreenForm):
    resides_abroad = forms.ChoiceField(
        label="Lieu de résidence",
        choices=[("non", "En France (DOM-TOM y compris)"), ("oui", "À l'étranger")],
        widget=forms.RadioSelect(attrs={"class": "fr-fieldset--inline"}),
    )
    line1 = forms.CharField(label="Adresse", max_length=100, help_text="numéro et voie")
    line2 = forms.CharField(label="Complément d'adresse", required=False, max_length=100)
    lieu_dit = forms.CharField(
        label="Lieu-dit",
        required=False,
        max_length=100,
        help_text="à l'étranger : votre vrai code postal",
    )
    postal_code = forms.CharField(
        label="Code postal",
        max_length=10,  # « 31 000 » as some write it: the spaces go (clean_postal_code)
        help_text="5 chiffres ; 99999 si vous résidez à l'étranger",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    city = forms.CharField(
        label="Localité de résidence", max_length=100, help_text="à l'étranger : votre pays"
    )
    # Room for « +33 (0)6 12 34 56 78 » and the like: kept as digits (normalize_phone).
    mobile_phone = forms.CharField(label="Téléphone mobile", max_length=30)
    landline_phone = forms.CharField(label="Téléphone fixe", required=False, max_length=30)
    email = forms.EmailField(label="Adresse électronique", max_length=254)
    email_confirmation = forms.EmailField(
        label="Confirmation de l'adresse électronique", max_length=254
    )

    def __init__(self, *args, mobile_required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mobile_phone"].required = mobile_required
        for name in ("email", "email_confirmation"):
            self.fields[name].error_messages["invalid"] = (
                "Saisissez une adresse électronique valide, par ex. prenom.nom@exemple.fr."
            )

    def clean_postal_code(self):
        return "".join(self.cleaned_data["postal_code"].split())

    def clean(self):
        data = super().clean()
        abroad = data.get("resides_abroad") == "oui"
        if data.get("postal_code"):
            error = rules.postal_code_error(data["postal_code"], resides_abroad=abroad)
            if error:
                self.add_error("postal_code", error)
        if abroad and not (data.get("lieu_dit") or "").strip():
            self.add_error(
                "lieu_dit", "Vous résidez à l'étranger : indiquez ici votre vrai code postal."
            )
        for name, mobile in (("mobile_phone", True), ("landline_phone", False)):
            if data.get(name):
                self._clean_phone(data, name, mobile=mobile, abroad=abroad)
        email, confirmation = data.get("email"), data.get("email_confirmation")
        if email and confirmation and email.lower() != confirmation.lower():
            self.add_error(
                "email_confirmation", "Les deux adresses électroniques sont différentes."
            )
        return data

    def _clean_phone(self, data, name, *, mobile, abroad):
        number = normalize_phone(data[name])
        french = FRENCH_MOBILE if mobile else FRENCH_PHONE
        if french.match(number) or (abroad and INTERNATIONAL_PHONE.match(number)):
            data[name] = number
            return
        expected = "un numéro français à 10 chiffres"
        if mobile:
            expected = "un numéro de mobile français (06 ou 07 suivi de 8 chiffres)"
        if abroad:
            expected += " ou un numéro international commençant par + (par ex. +32 470 12 34 56)"
        self.add_error(name, f"Saisissez {expected}.")
