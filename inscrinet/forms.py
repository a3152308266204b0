"""The base of every form a person fills in: DSFR markup, French messages, the red error
summary in the order of the fields (RGAA 11.10), invisible characters removed."""

import unicodedata

from django import forms
from django.utils.choices import BaseChoiceIterator
from dsfr.forms import DsfrBaseForm

from inscrinet.forms_rendering import ScreenBoundField


class FixedChoices(BaseChoiceIterator):
    """Choices already in Django's normal form (value, label) pairs, given to a field as is:
    a plain list is normalised item by item twice (field and widget) each time a form is
    built, a third of the État civil form's cost with its ~350 départements and countries."""

    def __init__(self, pairs):
        self.pairs = tuple(pairs)
        # No group (a label that is a list of choices): FixedChoicesSelect's markup is flat.
        self.flat = not any(isinstance(label, (list, tuple)) for _, label in self.pairs)

    def __iter__(self):
        return iter(self.pairs)

    def __len__(self):
        return len(self.pairs)


class _OptgroupsOnDemand:
    """Django's `optgroups` of a select, worked out only if a template iterates them (the
    select widget written in Python uses the choices' own markup instead)."""

    def __init__(self, widget, name, value, attrs):
        self.arguments = (widget, name, value, attrs)
        self.groups = None

    def __iter__(self):
        if self.groups is None:
            widget, name, value, attrs = self.arguments
            self.groups = forms.Select.optgroups(widget, name, value, attrs)
        return iter(self.groups)


class FixedChoicesSelect(forms.Select):
    """The select of a field whose choices are FixedChoices (the ~100 départements and ~250
    countries of État civil): its options' markup is written once per process and choices
    (forms_rendering.fixed_options), instead of a dictionary per option per form."""

    def get_context(self, name, value, attrs):
        if not isinstance(self.choices, FixedChoices) or not self.choices.flat:
            return super().get_context(name, value, attrs)
        context = forms.Widget.get_context(self, name, value, attrs)
        widget = context["widget"]
        widget["optgroups"] = _OptgroupsOnDemand(self, name, widget["value"], attrs)
        widget["fixed_choices"] = self.choices
        return context


class ScreenForm(DsfrBaseForm):
    """A screen's form, with the red error summary of G3 (each message names its field)."""

    bound_field_class = ScreenBoundField  # the input field groups written in Python

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default = forms.Field.default_error_messages["required"]
        for field in self.fields.values():
            # Not a field's own message. (The same lazy object: comparing by value would
            # translate it, for every field of every form.)
            if field.error_messages.get("required") is default:
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
