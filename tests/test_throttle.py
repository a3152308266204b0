"""G19 guard: counters in the database per session, number and IP; captcha after 4."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from inscrinet.services.throttle import (
    CAPTCHA_AFTER_FAILURES,
    IP_HOURLY_CEILING,
    LookupAttempt,
    lookup_is_over_ceiling,
    lookup_record_attempt,
    lookup_requires_captcha,
)


def _fail(attempt, times, now=None):
    for _ in range(times):
        lookup_record_attempt(attempt, failed=True, now=now)


def test_captcha_from_the_fifth_attempt_after_four_failures(db):
    attempt = LookupAttempt("g4", "session-a", "203.0.113.7", "R1")
    _fail(attempt, CAPTCHA_AFTER_FAILURES - 1)
    assert not lookup_requires_captcha(attempt)
    _fail(attempt, 1)
    assert lookup_requires_captcha(attempt)


def test_the_captcha_decision_reads_its_three_counters_at_once(db):
    attempt = LookupAttempt("g4", "session-a", "203.0.113.7", "R1")
    _fail(LookupAttempt("g4", "session-b", "198.51.100.9", "R1"), CAPTCHA_AFTER_FAILURES)
    with CaptureQueriesContext(connection) as queries:
        assert lookup_requires_captcha(attempt)  # by its number, from another browser and IP
    assert len(queries.captured_queries) == 1


def test_a_fresh_session_on_the_same_ip_still_needs_the_captcha(db):
    _fail(LookupAttempt("g4", "session-a", "203.0.113.7", "R1"), 4)
    assert lookup_requires_captcha(LookupAttempt("g4", "session-b", "203.0.113.7", "R2"))


def test_the_same_number_from_another_ip_still_needs_the_captcha(db):
    _fail(LookupAttempt("dossier", "session-a", "203.0.113.7", "175"), 4)
    assert lookup_requires_captcha(LookupAttempt("dossier", "session-z", "198.51.100.9", "175"))


def test_successes_do_not_count_as_failures_and_scopes_are_separate(db):
    attempt = LookupAttempt("g4", "s", "203.0.113.7", "R1")
    for _ in range(10):
        lookup_record_attempt(attempt, failed=False)
    assert not lookup_requires_captcha(attempt)
    _fail(attempt, 4)
    assert not lookup_requires_captcha(LookupAttempt("dossier", "s", "203.0.113.7", "R1"))


def test_failures_expire_after_the_window(db):
    attempt = LookupAttempt("g4", "s", "203.0.113.7", "R1")
    yesterday = timezone.now() - datetime.timedelta(hours=25)
    _fail(attempt, 4, now=yesterday)
    assert not lookup_requires_captcha(attempt)
    _fail(attempt, 1)
    assert not lookup_requires_captcha(attempt)


def test_hourly_ceiling_per_ip(db):
    now = timezone.now().replace(minute=5)
    attempt = LookupAttempt("g4", "s", "203.0.113.7")
    for _ in range(IP_HOURLY_CEILING - 1):
        lookup_record_attempt(attempt, failed=False, now=now)
    assert not lookup_is_over_ceiling(attempt, now=now)
    lookup_record_attempt(attempt, failed=False, now=now)
    assert lookup_is_over_ceiling(attempt, now=now)
    assert not lookup_is_over_ceiling(LookupAttempt("g4", "s", "198.51.100.9"), now=now)
    assert not lookup_is_over_ceiling(attempt, now=now + datetime.timedelta(hours=1))
