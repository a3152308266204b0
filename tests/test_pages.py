"""Public pages: home, opening periods (G1), the State site's footer pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from inscrinet.models import Session


def test_home_presents_the_four_services(client, db):
    html = client.get("/").content.decode()
    for service in (
        "Inscription grand public",
        "Inscription établissement",
        "Suivi établissement",
        "Gestionnaire",
    ):
        assert service in html
    assert "Inscrinet — Inscription aux examens professionnels" in html
    assert "République" in html  # the DsfrConfig row exists
    assert "à modifier" not in html and 'href="#"' not in html
    # Only what works is linked; the admin is not public.
    assert "/admin/" not in html
    assert 'href="/suivi/"' in html and 'href="/gestion/connexion/"' in html
    assert "Bientôt disponible" not in html


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/mentions-legales/", "Directeur de la publication"),
        ("/donnees-personnelles/", "loi informatique et libertés"),
        ("/accessibilite/", "partiellement conforme"),
    ],
)
def test_footer_pages(client, db, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    assert expected in response.content.decode()
    home = client.get("/").content.decode()
    assert f'href="{url}"' in home  # linked from every page's footer


def test_periods_lists_every_session_in_paris_time(client, demo):
    html = client.get("/periodes/").content.decode()
    limoges = Session.objects.get(exam__code="CAP", academie__name="Limoges")
    opens = limoges.public_opens_at
    # 9:00 in Paris whatever the offset of the day (stored in UTC).
    assert opens.astimezone(datetime.UTC).hour in (7, 8)
    assert (
        f"{opens.day} " in html
        and "à 09:00" in html
        and "à 17:00" in html
        and f"{opens:%Y}" in html
    )
    for session in Session.objects.select_related("exam", "academie"):
        assert session.academie.name in html and escape(session.exam.label) in html
    assert html.count("Inscription grand public") >= Session.objects.count()
    assert html.count(">Ouvert<") == 2 * Session.objects.count()


def test_periods_shows_a_closed_service(client, demo):
    session = Session.objects.get(exam__code="BTS")
    session.etablissement_closes_at = session.etablissement_opens_at + datetime.timedelta(hours=1)
    session.save()
    html = client.get("/periodes/").content.decode()
    assert html.count(">Fermé<") == 1


def test_periods_query_count_does_not_grow_with_sessions(client, demo):
    from inscrinet.context_processors import site_config_cache_clear

    site_config_cache_clear()  # both pages read the site configuration, as when cold
    with CaptureQueriesContext(connection) as few:
        client.get("/periodes/")
    base = Session.objects.first()
    for year in range(2030, 2040):
        Session.objects.create(
            exam=base.exam,
            academie=base.academie,
            label=f"{year}-06",
            exam_year=year,
            public_opens_at=base.public_opens_at,
            public_closes_at=base.public_closes_at,
            etablissement_opens_at=base.etablissement_opens_at,
            etablissement_closes_at=base.etablissement_closes_at,
            confirmation_return_date=base.confirmation_return_date,
        )
    site_config_cache_clear()
    with CaptureQueriesContext(connection) as many:
        response = client.get("/periodes/")
    assert "2039-06" in response.content.decode()
    assert len(many) == len(few)


def test_unknown_page_is_a_french_404(client, db):
    assert client.get("/nulle-part/").status_code == 404


def test_suite_on_the_exam_choice_with_nothing_chosen_says_so(client, demo):
    """Small defect 1: « Suite » with no exam (or no académie) used to reload silently."""
    html = client.get("/inscription/", {"suite": "1"}).content.decode()
    assert "Choisissez l&#x27;examen auquel vous voulez vous inscrire." in html
    # Choosing the exam shows the académies, without an error yet…
    html = client.get("/inscription/", {"suite": "1", "examen": "CAP"}).content.decode()
    assert "Académie" in html and "resume-erreurs" not in html
    # …then « Suite » with no académie says so.
    html = client.get(
        "/inscription/", {"suite": "1", "examen": "CAP", "etape": "academie"}
    ).content.decode()
    assert "Choisissez l&#x27;académie dans laquelle vous passerez l&#x27;examen." in html
    response = client.get(
        "/inscription/", {"suite": "1", "examen": "CAP", "etape": "academie", "academie": "16"}
    )
    assert response.status_code in (200, 302)


def test_every_radio_of_the_wizard_uses_the_dsfr_markup(client, demo):
    """Phones: radios were small native controls beside DSFR-styled checkboxes."""
    import re

    from tests.candidates.journey import Walker

    toulouse = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    walker = Walker(client, toulouse)
    walker.post("origine", {})
    html = client.get(walker.url("etat_civil")).content.decode()
    radios = re.findall(r'(<div class="fr-radio-group[^"]*">\s*)?<input type="radio"', html)
    assert radios and all(wrapper for wrapper in radios)
