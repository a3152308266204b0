"""The guard of every look-up by number + birth date (G4 pre-fill, G18 dossier, E1
establishment access): failures counted per browser session, per number and per client
IP; a captcha after 4 failures on any of them; an hourly ceiling of attempts per IP, high
enough for a lycée behind one address."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from inscrinet.models import LookupCounter

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
        keys = [f"{self.scope}:session:{self.session_id}", f"{self.scope}:ip:{self.ip}"]
        if self.number:
            keys.append(f"{self.scope}:number:{self.number.strip().upper()}")
        return keys

    def hourly_key(self, now) -> str:
        return f"{self.scope}:ip-hour:{self.ip}:{now:%Y%m%d%H}"


def _increment(key: str, now, window: datetime.timedelta) -> None:
    counter, created = LookupCounter.objects.get_or_create(
        key=key, defaults={"count": 0, "window_started_at": now}
    )
    if not created and counter.window_started_at < now - window:
        LookupCounter.objects.filter(key=key, window_started_at__lt=now - window).update(
            count=0, window_started_at=now
        )
    LookupCounter.objects.filter(key=key).update(count=F("count") + 1)


def _count(key: str, now, window: datetime.timedelta) -> int:
    counter = LookupCounter.objects.filter(key=key, window_started_at__gte=now - window).first()
    return counter.count if counter else 0


def lookup_requires_captcha(attempt: LookupAttempt, now=None) -> bool:
    """True from the 5th attempt after 4 failures counted on the session, number or IP."""
    now = now or timezone.now()
    failures = [_count(key, now, FAILURE_WINDOW) for key in attempt.failure_keys()]
    return max(failures) >= CAPTCHA_AFTER_FAILURES


def lookup_is_over_ceiling(attempt: LookupAttempt, now=None) -> bool:
    now = now or timezone.now()
    return _count(attempt.hourly_key(now), now, datetime.timedelta(hours=1)) >= IP_HOURLY_CEILING


def lookup_record_attempt(attempt: LookupAttempt, *, failed: bool, now=None) -> None:
    now = now or timezone.now()
    with transaction.atomic():
        _increment(attempt.hourly_key(now), now, datetime.timedelta(hours=1))
        if failed:
            for key in attempt.failure_keys():
                _increment(key, now, FAILURE_WINDOW)
