"""django-dsfr's site configuration (title, brand, footer text), read at most once a minute
per process instead of on every page: it changes only when a superuser edits it in the
admin, and each page paid one or two queries for it."""

import time

from django.utils.translation import get_language
from dsfr.context_processors import site_config as dsfr_site_config

REFRESH_SECONDS = 60
_kept: dict = {}  # language → (monotonic deadline, context)


def site_config(request):
    language, now = get_language(), time.monotonic()
    kept = _kept.get(language)
    if kept is not None and kept[0] > now and kept[1]["SITE_CONFIG"] is not None:
        return kept[1]
    context = dsfr_site_config(request)
    _kept[language] = (now + REFRESH_SECONDS, context)
    return context


def site_config_cache_clear() -> None:
    """For tests counting queries: every page then reads the configuration afresh."""
    _kept.clear()
