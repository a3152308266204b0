import re

from captcha.conf import settings as captcha_settings
from captcha.fields import CaptchaField
from django import forms
from django.utils import timezone

from inscrinet import rules
from inscrinet.forms import ScreenForm, without_invisible  # noqa: F401 (re-exported)

YES_NO = [("oui", "Oui"), ("non", "Non")]
# Fields required only in some cases (checked in clean()): no « (facultatif) » marker, their
# help text says when they are needed.
UNMARKED_INPUT = "candidates/fields/input_unmarked.html"


def yes_no(label, **kwargs):
    return forms.ChoiceField(
        label=label,
        choices=YES_NO,
        widget=forms.RadioSelect(attrs={"class": "fr-fieldset--inline"}),
        error_messages={"required": f"Répondez à la question « {label} »."},
        **kwargs,
    )


def clean_birth_date(value):
    try:
        return str(rules.parse_birth_date(value, this_year=timezone.localdate().year))
    except rules.RuleError as error:
        raise forms.ValidationError(str(error)) from None


FRENCH_PHONE = re.compile(r"^(?:0|\+33|0033)[1-9][0-9]{8}$")
FRENCH_MOBILE = re.compile(r"^(?:0|\+33|0033)[67][0-9]{8}$")
INTERNATIONAL_PHONE = re.compile(r"^(?:\+|00)[1-9][0-9]{6,14}$")


def normalize_phone(value):
    """Digits and a leading +, as people write a number: « 06 12 34 56 78 », « 06.12.34.56.78 »,
    « +33 (0)6 12 34 56 78 » (the trunk 0 in brackets, dropped), « +33 06 12 34 56 78 » (a 0
    kept after +33, dropped too)."""
    number = re.sub(r"[\s.\-()/]", "", (value or "").replace("(0)", ""))
    return re.sub(r"^(\+33|0033)0(?=[1-9][0-9]{8}$)", r"\1", number)


def captcha_audio_available() -> bool:
    """The spoken code needs espeak-ng (scripts/flite-fr): never promise it without."""
    return bool(captcha_settings.CAPTCHA_FLITE_PATH)


def verification_captcha():
    """G19: shown after 4 failures, the image and, where the server can speak it, its
    French spoken version."""
    listen = " ou écoutez-les" if captcha_audio_available() else ""
    return CaptchaField(
        label="Recopiez le code de vérification",
        help_text=f"Plusieurs tentatives ont échoué : recopiez les lettres de l'image{listen}.",
        error_messages={"invalid": "Le code de vérification ne correspond pas : réessayez."},
    )
