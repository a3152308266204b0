"""The load benchmark's generator (bench/loadgen.py): people start one by one over a ramp,
and only what happens after it is measured (a crowd arriving together moves in a wave)."""

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

from aiohttp import web

from bench import loadgen


async def _serve(handler):
    app = web.Application()
    app.router.add_get("/", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    return runner, f"http://127.0.0.1:{port}"


def test_people_start_over_the_ramp_and_only_what_follows_it_is_measured():
    arrivals = []

    async def handler(request):
        arrivals.append(time.perf_counter())
        await asyncio.sleep(0.05)
        return web.Response(text="ok")

    async def scenario(person, _):
        await person.request("page", "GET", "/")
        await person.request("page", "GET", "/")

    async def main():
        runner, base = await _serve(handler)
        measured = []
        try:
            stats = await loadgen.run(
                base,
                8,
                0.6,
                scenario,
                lambda i: None,
                ramp=0.8,
                on_measure=lambda: measured.append(time.perf_counter()),
            )
        finally:
            await runner.cleanup()
        return stats, measured

    started = time.perf_counter()
    # In a thread of its own: the browser tests' Playwright keeps an event loop running in
    # this one.
    with ThreadPoolExecutor(1) as thread:
        stats, measured = thread.submit(asyncio.run, main()).result()

    # People are spread over the ramp: all at once, 8 people would have sent 16 requests
    # in the first 0.15 s; and someone starts only in the ramp's second half.
    assert sum(1 for t in arrivals if t - started < 0.15) < 8
    assert any(0.4 < t - started < 0.8 for t in arrivals)
    # The measure starts when the ramp ends, once.
    assert len(measured) == 1 and measured[0] - started >= 0.8
    # Requests sent during the ramp are not timed; those sent after are (give or take the
    # one each person had on the way when the ramp ended: sent before, arrived after).
    arrived_after = sum(1 for t in arrivals if t >= stats.measured_from)
    assert len(stats.timings["page"]) == stats.requests
    assert arrived_after - 8 <= stats.requests <= arrived_after
    assert stats.requests < len(arrivals)
    # Journeys ending in the ramp are not counted in the rate, but are in what the
    # database would hold.
    assert 0 < stats.completed < stats.completed_all
    assert stats.completed_all * 2 == len(arrivals)
    assert 0.6 <= stats.elapsed < 2.0
    assert not stats.errors
