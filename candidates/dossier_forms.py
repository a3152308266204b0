"""The look-up forms of a validated dossier: consult / modify (G18) and lost number (G18b)."""

from django import forms
from django.utils import timezone

from candidates.forms.common import ScreenForm, clean_birth_date, verification_captcha
from inscrinet import rules

BIRTH_DATE_HELP = "jj/mm/aaaa, comme sur votre récapitulatif"


class LookupForm(ScreenForm):
    """Something + the birth date, with the captcha once the guard asks for it (G19)."""

    birth_date = forms.CharField(
        label="Date de naissance",
        max_length=10,
        help_text=BIRTH_DATE_HELP,
        error_messages={"required": "Saisissez votre date de naissance."},
    )

    def __init__(self, *args, with_captcha=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields([*(f for f in self.fields if f != "birth_date"), "birth_date"])
        if with_captcha:
            self.fields["captcha"] = verification_captcha()

    def clean_birth_date(self):
        return clean_birth_date(self.cleaned_data["birth_date"])

    def birth(self) -> rules.BirthDateParts:
        return rules.parse_birth_date(
            self.cleaned_data["birth_date"], this_year=timezone.localdate().year
        )


class ConsultForm(LookupForm):
    number = forms.CharField(
        label="Numéro de dossier",
        max_length=20,
        help_text="sans le chiffre après le tiret : pour « 175 - 2 », saisissez 175",
        error_messages={"required": "Saisissez votre numéro de dossier."},
    )

    def clean_number(self):
        # « 175 - 2 » typed whole is understood as 175: the notice's own example.
        number = rules.dossier_number_typed(self.cleaned_data["number"])
        if number is None:
            raise forms.ValidationError(
                "Le numéro de dossier est un nombre, par exemple 175 (sans « - 2 »)."
            )
        return number


class LostNumberForm(LookupForm):
    email = forms.EmailField(
        label="Adresse électronique",
        max_length=254,
        help_text="celle que vous avez saisie lors de votre pré-inscription",
        error_messages={
            "required": "Saisissez votre adresse électronique.",
            "invalid": "Saisissez une adresse électronique valide, par exemple nom@exemple.fr.",
        },
    )
