import pytest

from inscrinet.models import Session


@pytest.fixture
def toulouse(demo):
    """Seed 004's session: CAP, académie de Toulouse."""
    return Session.objects.get(exam__code="CAP", academie__name="Toulouse")
