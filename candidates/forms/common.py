import re
import unicodedata

from captcha.conf import settings as captcha_settings
from captcha.fields import CaptchaField
from django import forms
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from inscrinet import rules

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


class ScreenForm(DsfrBaseForm):
    """A wizard screen, with the red error summary of G3 (each message names its field)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default = forms.Field.default_error_messages["required"]
        for field in self.fields.values():
            if field.error_messages.get("required") == default:  # not a field's own message
                field.error_messages["required"] = "Ce champ est obligatoire."

    def clean(self):
        """Invisible characters are removed from every typed text: bidirectional controls
        (U+202A–U+202E, U+2066–U+2069) would print a name or an address reversed in the
        PDFs, and other control or format characters have no place in them either."""
        data = super().clean()
        for name, value in list(data.items()):
            if isinstance(value, str) and not value.isprintable():
                visible = without_invisible(value)
                data[name] = visible
                if not visible.strip() and self.fields[name].required:
                    self.add_error(name, "Ce champ est obligatoire.")
        return data

    def error_summary(self):
        """(anchor, message) pairs for the red summary at the top of the screen."""
        summary = []
        for message in self.non_field_errors():
            summary.append(("", message))
        # In the order of the fields on the screen, whatever order the checks ran in.
        for name in [n for n in self.fields if n in self.errors]:
            errors = self.errors[name]
            field = self[name]
            anchor = field.id_for_label or f"{field.auto_id}_0"  # radio groups: first radio
            for message in errors:
                summary.append((anchor, f"{field.label} : {message}"))
        return summary


def without_invisible(value: str) -> str:
    """Drops control (Cc) and format (Cf) characters; a tab or line break becomes a space."""
    return "".join(
        " " if ch in "\t\r\n" else ch
        for ch in value
        if ch in "\t\r\n" or unicodedata.category(ch) not in ("Cc", "Cf")
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
    return re.sub(r"[\s.\-()]", "", value or "")


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
