"""A small load generator (aiohttp, one process): N simulated people repeat a scenario for a
fixed time; every request is timed under a name, errors are counted, never retried.

A person is a fresh cookie jar (a browser); CSRF comes from the csrftoken cookie as a real
form would post it.

People start one by one over a ramp, and only what happens after it is measured. Started
at the same instant, identical journeys move in a wave: every person reaches « Valider »
together and the heavy requests queue behind each other, which a deadline hour's crowd (who
arrived one by one) does not do. Measured on 2 cores at 32 people, same code: all at once,
every step's p99 1.0–1.5 s; over a 3 s ramp, 0.5 s — the same throughput.
"""

import asyncio
import random
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field

import aiohttp


@dataclass
class Stats:
    timings: dict = field(default_factory=lambda: defaultdict(list))
    errors: list = field(default_factory=list)
    completed: int = 0  # after the ramp
    completed_all: int = 0  # ramp included (what the database holds)
    requests: int = 0
    elapsed: float = 0.0
    generator_cpu: float = 0.0  # seconds of CPU the load generator itself used
    measured_from: float = 0.0  # perf_counter() at the end of the ramp

    def percentile(self, name, q):
        values = sorted(self.timings[name])
        if not values:
            return float("nan")
        return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]

    def all_timings(self, prefix=""):
        return [t for name, ts in self.timings.items() if name.startswith(prefix) for t in ts]

    def rate(self):
        return self.completed / self.elapsed if self.elapsed else 0.0

    def request_rate(self):
        return self.requests / self.elapsed if self.elapsed else 0.0


class Failed(Exception):
    pass


class Person:
    """One browser: its cookies, and timed requests that raise Failed on a bad answer."""

    def __init__(self, base, connector, stats):
        self.base, self.stats = base, stats
        self.http = aiohttp.ClientSession(
            connector=connector,
            connector_owner=False,
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            timeout=aiohttp.ClientTimeout(total=60),
        )

    async def close(self):
        await self.http.close()

    def csrf(self):
        for cookie in self.http.cookie_jar:
            if cookie.key == "csrftoken":
                return cookie.value
        return ""

    async def request(self, name, method, path, data=None, expect=(200,)):
        url = path if path.startswith("http") else self.base + path
        headers = {"X-CSRFToken": self.csrf(), "Referer": url} if method == "POST" else {}
        started = time.perf_counter()
        try:
            async with self.http.request(
                method, url, data=data, headers=headers, allow_redirects=False
            ) as response:
                body = await response.read()
                status, location = response.status, response.headers.get("Location", "")
        except (TimeoutError, aiohttp.ClientError) as error:
            self.stats.errors.append(f"{name}: {type(error).__name__} {error}")
            raise Failed from error
        if started >= self.stats.measured_from:
            self.stats.timings[name].append(time.perf_counter() - started)
            self.stats.requests += 1
        if status not in expect:
            self.stats.errors.append(f"{name}: HTTP {status} {body[:200]!r}")
            raise Failed
        return status, location, body


async def run(base, users, seconds, scenario, make_args, ramp=0.0, on_measure=None):
    """`users` people run `scenario(person, args)` again and again; a scenario that returns
    normally counts as completed. People start at random times within the first `ramp`
    seconds; then `on_measure()` is called and `seconds` are measured: the requests that
    start then, the scenarios that end then."""
    stats = Stats()
    connector = aiohttp.TCPConnector(limit=0, force_close=False)
    stats.measured_from = time.perf_counter() + ramp
    deadline = stats.measured_from + seconds
    counter = iter(range(10**9))
    starts = random.Random(users)  # the same ramp for the same number of people

    async def one_user(delay):
        await asyncio.sleep(delay)
        while time.perf_counter() < deadline:
            person = Person(base, connector, stats)
            try:
                await scenario(person, make_args(next(counter)))
                stats.completed_all += 1
                if time.perf_counter() >= stats.measured_from:
                    stats.completed += 1
            except Failed:
                pass
            finally:
                await person.close()

    async def measure():
        await asyncio.sleep(ramp)
        if on_measure is not None:
            on_measure()
        return time.process_time()

    people = [one_user(starts.uniform(0, ramp)) for _ in range(users)]
    cpu_at_start, *_ = await asyncio.gather(measure(), *people)
    stats.elapsed = time.perf_counter() - stats.measured_from
    stats.generator_cpu = time.process_time() - cpu_at_start
    await connector.close()
    return stats


def summary(values):
    if not values:
        return "—"
    values = sorted(values)

    def pct(q):
        return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))] * 1000

    return f"p50 {pct(50):.0f} ms, p95 {pct(95):.0f} ms, p99 {pct(99):.0f} ms"


def mean_ms(values):
    return statistics.fmean(values) * 1000 if values else float("nan")
