"""The parts of a page that are the same on every page (stylesheets and icons, skip links,
header, notice, footer, theme dialog, scripts) are rendered once per process and reused
(inscrinet/templatetags/inscrinet_chrome.py), without losing the menu's current page or a
change of the site configuration."""

import re

import pytest
from dsfr.models import DsfrConfig

from inscrinet.context_processors import site_config_cache_clear
from inscrinet.templatetags.inscrinet_chrome import page_chrome_clear

CHROME = {
    "inscrinet/document_head.html",
    "inscrinet/document_top.html",
    "inscrinet/header.html",
    "inscrinet/document_bottom.html",
    "inscrinet/footer.html",
    "dsfr/theme_modale.html",
    "dsfr/global_css.html",
    "dsfr/global_js.html",
}


def _rendered(response):
    return {t.name for t in response.templates}


def _current_menu_entry(html):
    return re.findall(r'fr-nav__link"[^>]*aria-current="page">([^<]+)<', html)


def test_the_chrome_is_rendered_once_and_keeps_the_current_page(client, db, fresh_site_config):
    page_chrome_clear()
    first = client.get("/")
    assert CHROME <= _rendered(first)
    assert _current_menu_entry(first.content.decode()) == ["Accueil"]

    again = client.get("/")
    assert not CHROME & _rendered(again)  # reused, not rendered again
    assert again.content == first.content

    periods = client.get("/periodes/")
    assert _current_menu_entry(periods.content.decode()) == ["Périodes d'inscription"]
    legal = client.get("/mentions-legales/")
    assert legal.status_code == 200 and _current_menu_entry(legal.content.decode()) == []
    assert "Mentions légales" in legal.content.decode()


@pytest.fixture
def fresh_site_config():
    site_config_cache_clear()
    yield
    site_config_cache_clear()  # the changed configuration is rolled back: not kept either


def test_a_new_site_configuration_renders_the_chrome_again(client, db, fresh_site_config):
    client.get("/")
    config = DsfrConfig.objects.first() or DsfrConfig.objects.create()
    config.site_title = "Inscrinet — académie de test"
    config.save()
    client.get("/")
    site_config_cache_clear()  # what the once-a-minute refresh does
    html = client.get("/").content.decode()
    assert html.count("Inscrinet — académie de test") >= 2  # header and footer


def test_a_reused_page_keeps_its_stylesheets_scripts_and_skip_links(client, db, fresh_site_config):
    page_chrome_clear()
    client.get("/")
    html = client.get("/periodes/").content.decode()
    for asset in ("dsfr.min", "utility.min", "inscrinet/inscrinet", "dsfr.module.min", "favicon"):
        assert asset in html, asset
    assert html.index("dsfr.min") < html.index("</head>") < html.index("dsfr.module.min")
    skip_links = re.findall(r'fr-skiplinks__list">(.*?)</ul>', html, re.S)[0]
    targets = re.findall(r'href="#([^"]+)"', skip_links)
    assert targets == ["content", "fr-navigation", "footer"]
    for target in targets:  # each skip link leads somewhere on the page
        assert f'id="{target}"' in html
    assert "<title>Périodes" in html


def test_the_site_notice_is_shown_when_the_configuration_has_one(client, db, fresh_site_config):
    config = DsfrConfig.objects.first() or DsfrConfig.objects.create()
    config.notice_title = "Service interrompu dimanche de 8 h à 10 h"
    config.save()
    site_config_cache_clear()
    html = client.get("/").content.decode()
    assert html.count("Service interrompu dimanche de 8 h à 10 h") == 1
    assert html.index("fr-header") < html.index("Service interrompu") < html.index('id="content"')
