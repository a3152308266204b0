import re

from django import forms
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from inscrinet import rules

YES_NO = [("oui", "Oui"), ("non", "Non")]


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

    def error_summary(self):
        """(anchor, message) pairs for the red summary at the top of the screen."""
        summary = []
        for message in self.non_field_errors():
            summary.append(("", message))
        for name, errors in self.errors.items():
            if name == "__all__":
                continue
            field = self[name]
            anchor = field.id_for_label or f"{field.auto_id}_0"  # radio groups: first radio
            for message in errors:
                summary.append((anchor, f"{field.label} : {message}"))
        return summary


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
