from django.db import transaction
from django.db.models import F

from inscrinet.models import Counter


def counter_next(*, name: str) -> int:
    """Increment and return the named counter; call inside the transaction that uses it."""
    assert transaction.get_connection().in_atomic_block, "counter_next needs a transaction"
    Counter.objects.get_or_create(name=name)
    Counter.objects.filter(name=name).update(value=F("value") + 1)
    return Counter.objects.values_list("value", flat=True).get(name=name)
