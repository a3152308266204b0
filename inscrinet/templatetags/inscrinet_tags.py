"""Template filters shared by the screens and the PDFs."""

from django import template

from inscrinet import rules

register = template.Library()


@register.simple_tag
def epreuve_title(code, label, separator="-"):
    """« EG1 -- FRANCAIS », but « E1- FRANCAIS »: one separator, even for codes ending
    with a dash (seed 002's BTS)."""
    return rules.epreuve_title(code, label, separator)


@register.filter
def pluriel(count, suffixes="s"):
    """French plural: 0 and 1 are singular (Django's `pluralize` makes 0 plural).
    `{{ n|pluriel }}` → « s »; `{{ n|pluriel:"al,aux" }}` → singular, plural endings."""
    singular, _, plural = suffixes.rpartition(",") if "," in suffixes else ("", "", suffixes)
    try:
        return plural if abs(int(count)) > 1 else singular
    except (TypeError, ValueError):
        return singular
