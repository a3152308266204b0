"""The options of a <select>, written in Python: the birth country list has ~250 options and
the département list ~100; Django's template loop over them (one template context and a
dozen variable look-ups per option) was most of the État civil page's time."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from inscrinet.forms_rendering import escaped, widget_attrs

register = template.Library()


@register.filter
def select_options(widget):
    """The same markup as Django's select_option.html (its attrs.html included: the same
    `widget_attrs` as the input widgets), for every option of `widget`."""
    parts = []
    for group_name, group_choices, _ in widget["optgroups"]:
        if group_name:
            parts.append(f'<optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            label = option["label"]
            label = escaped(label) if type(label) is str else conditional_escape(label)
            parts.append(
                f'<option value="{escaped(str(option["value"]))}"{widget_attrs(option["attrs"])}>'
                f"{label}</option>"
            )
        if group_name:
            parts.append("</optgroup>")
    return mark_safe("\n  ".join(parts))  # noqa: S308 — every part escaped above
