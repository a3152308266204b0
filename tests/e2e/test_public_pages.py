"""A person opens the home page, follows « Périodes d'inscription », reads the footer."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_serious_violations, horizontal_swipes, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_then_periods_with_no_serious_accessibility_violation(page, site):
    page.goto(site + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Inscription aux examens professionnels"
    )
    for service in (
        "Inscription grand public",
        "Inscription établissement",
        "Suivi établissement",
        "Gestionnaire",
    ):
        expect(page.get_by_role("heading", name=service)).to_be_visible()
    expect(
        page.get_by_text("Inscrinet — Inscription aux examens professionnels").first
    ).to_be_visible()
    assert axe_serious_violations(page) == []
    screenshot(page, "home")

    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Périodes d'inscription"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Périodes d'inscription")
    table = page.get_by_role("table")
    for academie in ("Limoges", "Toulouse", "Rennes"):
        expect(table.get_by_role("cell", name=academie).first).to_be_visible()
    expect(table.get_by_text("Brevet de technicien supérieur", exact=False)).to_be_visible()
    assert table.get_by_text("Ouvert", exact=True).count() == 12
    assert axe_serious_violations(page) == []
    screenshot(page, "periods")


@pytest.mark.parametrize(
    ("link", "heading"),
    [
        ("Mentions légales", "Mentions légales"),
        ("Données personnelles", "Données personnelles"),
        ("Accessibilité : partiellement conforme", "Déclaration d'accessibilité"),
    ],
)
def test_footer_pages_from_the_footer(page, site, link, heading):
    page.goto(site + "/")
    page.get_by_role("contentinfo").get_by_role("link", name=link).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert axe_serious_violations(page) == []


def test_home_on_a_phone(page, site):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site + "/")
    page.get_by_role("button", name="Menu").click()
    menu = page.get_by_role("dialog").get_by_role("navigation", name="Menu principal")
    expect(menu.get_by_role("link", name="Périodes d'inscription")).to_be_visible()
    screenshot(page, "home-mobile")
    page.goto(site + "/periodes/")
    assert horizontal_swipes(page) == []
    assert axe_serious_violations(page) == []
    screenshot(page, "periods-mobile")
