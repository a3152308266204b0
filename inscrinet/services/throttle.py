"""The guard of every look-up by number + birth date (G4 pre-fill, G18 dossier, E1
establishment access): failures counted per browser session, per number and per client
IP; a captcha after 4 failures on any of them; an hourly ceiling of attempts per IP, high
enough for a lycée behind one address."""

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from inscrinet.models import LookupCounter
from inscrinet.prepared import PreparedRead

CAPTCHA_AFTER_FAILURES = 4
FAILURE_WINDOW = datetime.timedelta(hours=24)
IP_HOURLY_CEILING = 300


@dataclass(frozen=True)
class LookupAttempt:
    scope: str  # "g4", "dossier", "etablissement"…
    session_id: str
    ip: str
    number: str = ""

    def failure_keys(self) -> list[str]:
        keys = [self._key("session", self.session_id), self._key("ip", self.ip)]
        if self.number:
            keys.append(self._key("number", self.number.strip().upper()))
        return keys

    def hourly_key(self, now) -> str:
        return self._key("ip-hour", f"{self.ip}:{now:%Y%m%d%H}")

    def _key(self, kind: str, value: str) -> str:
        """Typed values are hashed: a counter is read before the form validates them, and
        NUL bytes or a 300-character address must neither reach SQL raw nor overflow the
        key (PostgreSQL refuses both)."""
        digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:40]
        return f"{self.scope[:40]}:{kind}:{digest}"


def _increment(key: str, now, window: datetime.timedelta) -> None:
    counter, created = LookupCounter.objects.get_or_create(
        key=key, defaults={"count": 0, "window_started_at": now}
    )
    if not created and counter.window_started_at < now - window:
        LookupCounter.objects.filter(key=key, window_started_at__lt=now - window).update(
            count=0, window_started_at=now
        )
    LookupCounter.objects.filter(key=key).update(count=F("count") + 1)


def _highest_count(keys, now, window: datetime.timedelta) -> int:
    """The highest of these counters within their window (0 if none), in one query."""
    return max(_recent_counts(now - window, *keys), default=0)


# Prepared (inscrinet/prepared.py): read at every origine screen and its validation.
_recent_counts = PreparedRead(
    lambda since, *keys: LookupCounter.objects.filter(
        key__in=keys, window_started_at__gte=since
    ).values_list("count", flat=True)
)


def lookup_requires_captcha(attempt: LookupAttempt, now=None) -> bool:
    """True from the 5th attempt after 4 failures counted on the session, number or IP."""
    now = now or timezone.now()
    failures = _highest_count(attempt.failure_keys(), now, FAILURE_WINDOW)
    return failures >= CAPTCHA_AFTER_FAILURES


def lookup_is_over_ceiling(attempt: LookupAttempt, now=None) -> bool:
    now = now or timezone.now()
    hourly = _highest_count([attempt.hourly_key(now)], now, datetime.timedelta(hours=1))
    return hourly >= IP_HOURLY_CEILING


def lookup_record_attempt(attempt: LookupAttempt, *, failed: bool, now=None) -> None:
    now = now or timezone.now()
    with transaction.atomic():
        _increment(attempt.hourly_key(now), now, datetime.timedelta(hours=1))
        if failed:
            for key in attempt.failure_keys():
                _increment(key, now, FAILURE_WINDOW)


@dataclass(frozen=True)
class LookupOutcome:
    found: Any = None
    over_ceiling: bool = False


def guarded_lookup(
    attempt: LookupAttempt,
    find: Callable[[], Any],
    *,
    failed: Callable[[Any], bool] = lambda found: found is None,
) -> LookupOutcome:
    """The one sequence of every guarded look-up (G4, G18, G18b, E1): refused past the
    hourly ceiling without looking; otherwise look, then count the attempt (a failure when
    `failed(found)`). The captcha, asked before, is the form's."""
    if lookup_is_over_ceiling(attempt):
        return LookupOutcome(over_ceiling=True)
    found = find()
    lookup_record_attempt(attempt, failed=failed(found))
    return LookupOutcome(found=found)
