"""The page's chrome (header, footer, theme dialog): the same on every page but for the
site configuration and the menu entry of the current page, it was a tenth of a wizard
page's rendering. Rendered once per process for each (template, current page, language)
and again whenever the site configuration is re-read (inscrinet.context_processors keeps
one object for a minute: a new object means a new rendering)."""

import functools
import threading

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# The pages the header's menu marks as current (aria-current): their chrome is their own.
MENU_PAGES = ("home", "periods")

_kept: dict = {}  # (template, current page, language) → (site configuration, html)
_lock = threading.Lock()


@register.simple_tag(takes_context=True)
def page_chrome(context, template_name):
    request = context.get("request")
    path = getattr(request, "path", "")
    current = path if path in _menu_paths() else ""
    site = context.get("SITE_CONFIG")
    key = (template_name, current, get_language())
    kept = _kept.get(key)
    if site is not None and kept is not None and kept[0] is site:
        return kept[1]
    with context.push():
        html = mark_safe(context.template.engine.get_template(template_name).render(context))
    if site is not None:
        with _lock:
            _kept[key] = (site, html)
    return html


@functools.cache
def _menu_paths():
    return {reverse(name) for name in MENU_PAGES}


def page_chrome_clear() -> None:
    """For tests that change what the chrome shows."""
    _kept.clear()
