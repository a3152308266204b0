"""Reference data kept per process under the reference generation.

What the wizard's screens are built from changes a few times a campaign and is read on
almost every request: a specialty's catalogue (épreuves, options, diplomas, rights), a
session's EPS pairs, the départements. Each process keeps what it read, keyed by the
reference generation: a random number that every write to those rows replaces, in the
writing transaction (the services call `reference_changed`; the admin's saves and deletes
through signals, inscrinet/apps.py). A request reads the generation once (one indexed
query, or none on PostgreSQL's candidate pages: it comes with the session's row versions,
selectors/sessions.py), so a change is seen by every process at its next request; a rolled
back write leaves the generation that matches the rows. Outside a request (commands, tasks,
tests) everything is read afresh.
"""

import contextlib
import functools
import random
import threading
from collections import OrderedDict

from django.db import transaction

from inscrinet.request_memo import in_request, per_request

# The counter's name predates the EPS pairs and départements joining the catalogue.
REFERENCE_GENERATION = "catalogue-generation"
_CACHE_SIZE = 1024
_kept: OrderedDict = OrderedDict()
_kept_lock = threading.Lock()
_batch = threading.local()


def reference_changed() -> None:
    """Call inside the transaction that writes épreuves, options, diplomas, rights, a
    session's EPS pairs or départements (bulk writes included: they send no signal)."""
    from inscrinet.models import Counter

    if getattr(_batch, "depth", 0):
        _batch.changed = True  # once, when the batch ends
        return
    generation = random.randrange(1, 2**31)
    if not Counter.objects.filter(name=REFERENCE_GENERATION).update(value=generation):
        with transaction.atomic():
            Counter.objects.update_or_create(
                name=REFERENCE_GENERATION, defaults={"value": generation}
            )


@contextlib.contextmanager
def reference_changes_batched():
    """A loader writing many rows gives the reference data one new generation, at the end."""
    _batch.depth = getattr(_batch, "depth", 0) + 1
    try:
        yield
    finally:
        _batch.depth -= 1
        if not _batch.depth and getattr(_batch, "changed", False):
            _batch.changed = False
            reference_changed()


def reference_cache_clear() -> None:
    """For tests: each starts from a database whose generations another test may reuse."""
    with _kept_lock:
        _kept.clear()


@per_request
def reference_generation() -> int:
    from inscrinet.models import Counter

    value = Counter.objects.filter(name=REFERENCE_GENERATION).values_list("value", flat=True)
    return value.first() or 0


def per_generation(function):
    """Memoise `function(*args)` in this process under the reference generation, within
    requests (hashable arguments; a result nobody mutates: shared by every request)."""

    name = (function.__module__, function.__qualname__)

    @functools.wraps(function)
    def wrapper(*args):
        if not in_request():
            return function(*args)
        key = (reference_generation(), name, args)
        with _kept_lock:
            if key in _kept:
                _kept.move_to_end(key)
                return _kept[key]
        value = function(*args)
        with _kept_lock:
            _kept[key] = value
            while len(_kept) > _CACHE_SIZE:
                _kept.popitem(last=False)
        return value

    return wrapper
