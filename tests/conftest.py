import os

import pytest

from tests.support.clamd import clamd, clamd_daemon  # noqa: F401 - fixtures
from tests.support.tools import require_tool

# Playwright runs an event loop in the test thread; the live server and ORM calls from
# the tests are nonetheless synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference data and the site configuration are data, not migrations: load them once
    for the transaction-wrapped tests (transactional tests reload them: see `demo`)."""
    from dsfr.models import DsfrConfig

    from inscrinet.services.reference import reference_load
    from inscrinet.site import site_config_ensure

    with django_db_blocker.unblock():
        reference_load()
        site_config_ensure(DsfrConfig)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory):
    """Each test stores its documents in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def catalogue_cache():
    """A rolled back or flushed test database may give a later test the same catalogue
    generation with other rows: no test sees another's catalogues."""
    from django.core.cache import cache

    from inscrinet.selectors.reference import reference_cache_clear

    reference_cache_clear()
    cache.clear()  # django-allauth's rate limits count in the cache: none carries over


@pytest.fixture
def today():
    from django.utils import timezone

    return timezone.localdate()


@pytest.fixture
def demo(db, today):
    """The seeds' demo content, with sessions open today."""
    from inscrinet.services.demo import demo_load

    demo_load(today=today)
    return today


@pytest.fixture
def toulouse(demo):
    """Seed 004's session: CAP, académie de Toulouse."""
    from inscrinet.models import Session

    return Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )


@pytest.fixture
def demo_transactional(transactional_db, today):
    from inscrinet.services.demo import demo_load

    demo_load(today=today)
    return today


@pytest.fixture
def poppler():
    require_tool("pdftoppm", "poppler-utils")
    return require_tool("pdffonts", "poppler-utils")
