"""The most common pieces of a form's markup written in Python instead of templates.

A wizard screen's GET was two thirds template rendering, and most of that was the field
groups: DSFR's input snippet and Django's input and attrs widget templates, rendered once
per field through the template language's slow attribute look-ups. The functions below
produce **the same characters** as those templates (tests/test_forms_rendering.py renders
every screen both ways and compares them); any other template still goes through the
template engine. A project template overriding one of these (templates/django/forms/…)
must take it out of the tables (PYTHON_WIDGETS, PYTHON_FIELD_GROUPS), or the comparison
test fails (the project's radio_option.html and select.html are written below: change both
together).
"""

import html

from django.conf import settings
from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import gettext
from dsfr.forms import DsfrBoundField
from dsfr.utils import dsfr_input_class_attr

# Django's widget templates that are only `{% include "django/forms/widgets/input.html" %}`
# (a form renderer strips what it renders: their newlines do not count).
INPUT_WIDGETS = {"django/forms/widgets/input.html"} | {
    f"django/forms/widgets/{kind}.html"
    for kind in (
        "text",
        "email",
        "number",
        "password",
        "hidden",
        "url",
        "date",
        "datetime",
        "time",
        "tel",
        "search",
        "color",
        "checkbox",
    )
}

# The switch the comparison test turns off to render the same form through the templates.
enabled = True


def _formatted(value):
    """`{{ value|stringformat:'s' }}`: safe strings stay as they are, others are escaped."""
    if type(value) is str:
        return escaped(value)
    text = str(value)  # what "%s" % value gives for one value
    return text if isinstance(value, SafeData) else escape(text)


def widget_attrs(attrs):
    """django/forms/widgets/attrs.html"""
    out = []
    for name, value in attrs.items():
        if value is not False:
            out.append(" " + _value(name))
            if value is not True:
                out.append('="' + _formatted(value) + '"')
    return "".join(out)


def input_widget(widget):
    """django/forms/widgets/input.html (and the widgets that include it)."""
    value = widget["value"]
    return (
        f'<input type="{_value(widget["type"])}" '
        f'name="{_value(widget["name"])}"'
        + (f' value="{_formatted(value)}"' if value is not None else "")
        + widget_attrs(widget["attrs"])
        + ">"
    )


def _lookup(value, name):
    """`{{ value.name }}`: a key, else an attribute, else "" (the template's invalid)."""
    if isinstance(value, dict):
        return value.get(name, "")
    return getattr(value, name, "")


def radio_option(widget):
    """The project's django/forms/widgets/radio_option.html (the DSFR radio)."""
    out = ['<div class="fr-radio-group">\n  ', input_widget(widget), "\n\n  "]
    if widget.get("wrap_label"):
        widget_id = widget["attrs"].get("id")
        out.append('\n    <label class="fr-label"\n           ')
        if widget_id:
            out.append(f'for="{_value(widget_id)}"')
        out.append(">\n      ")
        label = widget.get("label")
        rich_label = _lookup(label, "label")
        if rich_label:
            out.append(
                f"\n        {_value(rich_label)}\n"
                f'        <span class="fr-hint-text" id="{_value(widget_id or "")}_helptext">'
                f"{_value(_lookup(label, 'help_text'))}</span>\n      "
            )
        else:
            out.append(f"\n        {_value(label)}\n      ")
        out.append("\n    </label>\n  ")
    out.append("\n</div>")
    return "".join(out)


def input_option(widget):
    """django/forms/widgets/input_option.html (checkbox_option.html is only its include):
    the included input.html's final newline stays inside the label."""
    if not widget.get("wrap_label"):
        return input_widget(widget)
    widget_id = widget["attrs"].get("id")
    label_for = f' for="{_value(widget_id)}"' if widget_id else ""
    return f"<label{label_for}>{input_widget(widget)}\n {_value(widget['label'])}</label>"


def select_options(widget):
    """The same markup as Django's select_option.html (its attrs.html included: the same
    `widget_attrs` as the input widgets), for every option of `widget` (the template
    filter of the project's select.html; the birth country list has ~250 options and the
    département list ~100)."""
    parts = []
    for group_name, group_choices, _ in widget["optgroups"]:
        if group_name:
            parts.append(f'<optgroup label="{conditional_escape(group_name)}">')
        parts.extend(_option(option) for option in group_choices)
        if group_name:
            parts.append("</optgroup>")
    return mark_safe("\n  ".join(parts))  # noqa: S308 — every part escaped above


def fixed_options(choices, values):
    """`select_options` of a select whose choices are FixedChoices, kept on the choices
    (built once per process and reference generation): each option's markup plain and
    selected, the selected one chosen as Django does (the first option whose value, as a
    string, is among the widget's values: the empty one when there is no value)."""
    kept = choices.__dict__.get("_markup")
    if kept is None:
        plain, selected, positions = [], [], {}
        for position, (value, label) in enumerate(choices):
            option = {"value": "" if value is None else value, "label": label}
            plain.append(_option({**option, "attrs": {}}))
            selected.append(_option({**option, "attrs": {"selected": True}}))
            positions.setdefault(str(option["value"]), position)
        kept = choices.__dict__["_markup"] = (plain, selected, positions)
    plain, selected, positions = kept
    chosen = min((positions[v] for v in values if v in positions), default=None)
    if chosen is None:
        return mark_safe("\n  ".join(plain))  # noqa: S308 — every part escaped by _option
    options = [*plain[:chosen], selected[chosen], *plain[chosen + 1 :]]
    return mark_safe("\n  ".join(options))  # noqa: S308 — every part escaped by _option


def _option(option):
    label = option["label"]
    label = escaped(label) if type(label) is str else conditional_escape(label)
    return (
        f'<option value="{escaped(str(option["value"]))}"{widget_attrs(option["attrs"])}>'
        f"{label}</option>"
    )


def select_widget(widget):
    """The project's django/forms/widgets/select.html."""
    fixed = widget.get("fixed_choices")
    options = select_options(widget) if fixed is None else fixed_options(fixed, widget["value"])
    return (
        f'<select name="{_value(widget["name"])}"{widget_attrs(widget["attrs"])}>\n'
        f"  {options}\n</select>"
    )


# Widget templates written in Python: template name → function of the widget's context.
PYTHON_WIDGETS = {name: input_widget for name in INPUT_WIDGETS} | {
    "django/forms/widgets/radio_option.html": radio_option,
    "django/forms/widgets/checkbox_option.html": input_option,
    "django/forms/widgets/input_option.html": input_option,
    "django/forms/widgets/select.html": select_widget,
}


class ScreenFormRenderer(TemplatesSetting):
    """The project's form renderer (FORM_RENDERER): templates from the project's settings,
    the plain input widgets and the radio options in Python."""

    def render(self, template_name, context, request=None):
        if enabled and template_name in PYTHON_WIDGETS and "widget" in context:
            return mark_safe(PYTHON_WIDGETS[template_name](context["widget"]))
        return super().render(template_name, context, request=request)


def _value(value):
    """`{{ value }}`: made a string, then escaped unless safe."""
    if type(value) is str:  # most values: no lazy or safe string to look for
        return escaped(value)
    return conditional_escape(value if issubclass(type(value), str) else str(value))


def escaped(text: str) -> SafeString:
    """Django's `escape` of a plain string, the same characters (it is `html.escape`)
    without its check for lazy arguments: a tenth of the field groups' time."""
    return SafeString(html.escape(text))


def _optional_mark(bound_field):
    """dsfr_tags.dsfr_mark_optionnal_fields"""
    mark_optional = getattr(settings, "DSFR_MARK_OPTIONAL_FIELDS", False)
    if bound_field.field.required and not mark_optional:
        return '<span class="fr-required-marker" aria-hidden="true"> *</span>'
    if not bound_field.field.required and mark_optional:
        return _value(f"\xa0{gettext('(Optional)')}")  # a no-break space, as DSFR
    return ""


def input_group(bound_field, marked):
    """dsfr/form_field_snippets/input_snippet.html, character for character."""
    widget = bound_field.field.widget
    group = _value(getattr(widget, "group_class", "") or "fr-input-group")
    errors = bound_field.errors
    label_for = _value(bound_field.id_for_label)
    css = group + (f" {group}--error" if errors else "")
    css += " fr-input-group--disabled" if bound_field.field.disabled else ""
    help_text = bound_field.help_text
    out = [
        f'<div class="{css}">\n',
        f'  <label for="{label_for}" class="fr-label">\n',
        "    \n",
        "    " + _value(bound_field.label),
        _optional_mark(bound_field) if marked else "",
        "\n    ",
    ]
    if help_text:
        out.append(
            f'\n      <span class="fr-hint-text" id="{label_for}_helptext">{help_text}</span>\n    '
        )
    out.append("\n    \n  </label>\n  ")
    out.append(_value(dsfr_input_class_attr(bound_field)))
    out.append("\n  ")
    if errors:
        out.append(
            f'\n    <div id="{_value(bound_field.auto_id)}-desc-error">\n'
            f"      {_value(errors)}\n    </div>\n  "
        )
    out.append("\n</div>")  # (a renderer strips what it renders)
    return SafeString("".join(out))


def radio_group(bound_field):
    """dsfr/form_field_snippets/radioselect_snippet.html, character for character."""
    aid = _value(bound_field.auto_id)
    errors = bound_field.errors
    help_text = bound_field.help_text
    out = [
        f'<fieldset class="fr-fieldset{" fr-fieldset--error" if errors else ""}"\n'
        f'          id="radio-{aid}"\n'
        f'          aria-labelledby="{aid}-legend{f" {aid}-desc-error" if errors else ""}">\n'
        '  <legend class="fr-fieldset__legend fr-fieldset__legend--regular"\n'
        f'          id="{aid}-legend">\n'
        "    \n    " + _value(bound_field.label) + _optional_mark(bound_field) + "\n    "
    ]
    if help_text:  # `|safe`: the form's own text
        out.append(
            f'\n      <span class="fr-hint-text" id="{aid}_helptext">{help_text}</span>\n    '
        )
    out.append("\n    \n  </legend>\n  \n    ")
    field = dsfr_input_class_attr(bound_field)
    inline = " fr-fieldset__element--inline" if getattr(field.field.widget, "inline", "") else ""
    for subwidget in field.subwidgets:
        out.append(
            f'\n      <div class="fr-fieldset__element{inline}">\n'
            f"        {_value(subwidget)}\n      </div>\n    "
        )
    out.append("\n  \n  ")
    if errors:
        out.append(
            f'\n    <div class="fr-messages-group" id="{aid}-desc-error">\n'
            f"      {_value(errors)}\n    </div>\n  "
        )
    out.append("\n</fieldset>")
    return SafeString("".join(out))


# Field group templates written in Python: DSFR's input snippet (required fields marked),
# the candidate screens' copy without the mark, DSFR's radio group.
PYTHON_FIELD_GROUPS = {
    "dsfr/form_field_snippets/input_snippet.html": lambda field: input_group(field, True),
    "candidates/fields/input_unmarked.html": lambda field: input_group(field, False),
    "dsfr/form_field_snippets/radioselect_snippet.html": radio_group,
}


class ScreenBoundField(DsfrBoundField):
    def as_field_group(self):
        write = PYTHON_FIELD_GROUPS.get(self.template_name) if enabled else None
        return write(self) if write else super().as_field_group()
