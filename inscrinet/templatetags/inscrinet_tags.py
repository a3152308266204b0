"""Template filters shared by the screens and the PDFs."""

from django import template

from inscrinet import rules

register = template.Library()


@register.simple_tag
def epreuve_title(code, label, separator="-"):
    """« EG1 -- FRANCAIS », but « E1- FRANCAIS »: one separator, even for codes ending
    with a dash (seed 002's BTS)."""
    return rules.epreuve_title(code, label, separator)
