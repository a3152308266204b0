"""Browser tests: Playwright driving Debian's chromium (Playwright's own download does
not work offline). Outside CI they skip with a reason when chromium is missing; under CI
(CI=true) a missing browser is a failure."""

import os
from pathlib import Path

import pytest

from tests.support.tools import require_tool

SCREENSHOTS_DIR = os.environ.get("INSCRINET_SCREENSHOTS_DIR")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": require_tool("chromium", "chromium"),
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def site(live_server, demo_transactional):
    """The live server with the seeds' demo data."""
    return live_server.url


def axe_serious_violations(page):
    """Run axe-core in the page; return the serious and critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def horizontal_swipes(page):
    """What a phone user would have to swipe sideways to read: the page itself, or a
    table wider than its box."""
    return page.evaluate(
        """() => {
            const found = [];
            if (document.documentElement.scrollWidth > window.innerWidth + 1) {
                found.push('page ' + document.documentElement.scrollWidth + 'px');
            }
            for (const box of document.querySelectorAll('.fr-table__container')) {
                if (box.scrollWidth > box.clientWidth + 1) {
                    const name = box.getAttribute('aria-label') || 'table';
                    found.push(name + ' ' + box.scrollWidth + 'px');
                }
            }
            return found;
        }"""
    )


def labels_cut_off(page):
    """Buttons meant to show their words beside an icon (fr-btn--icon-left/right) that show
    the icon alone: the DSFR turns them into icon-only squares inside a group of buttons
    that does not say fr-btns-group--icon-left/right."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
                'main .fr-btn--icon-left, main .fr-btn--icon-right')]
            .filter(b => b.offsetParent !== null && b.textContent.trim()
                && b.scrollWidth > b.clientWidth + 1)
            .map(b => b.textContent.trim())"""
    )


def screenshot(page, name):
    """Save a full-page screenshot when INSCRINET_SCREENSHOTS_DIR is set (make screenshots)."""
    if SCREENSHOTS_DIR:
        Path(SCREENSHOTS_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS_DIR) / f"{name}.png"), full_page=True)


def looks_right_on_desktop_and_phone(page, name):
    """axe-core on the page as it is, then at 390 px with no horizontal swipe; a
    screenshot of each (make screenshots)."""
    assert axe_serious_violations(page) == [], name
    screenshot(page, name)
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": 390, "height": 844})
    assert axe_serious_violations(page) == [], f"{name} on a phone"
    assert horizontal_swipes(page) == [], name
    assert labels_cut_off(page) == [], f"{name} on a phone"
    screenshot(page, f"{name}-mobile")
    page.set_viewport_size({"width": width, "height": 900})
