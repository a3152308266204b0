"""« Valider votre inscription » sent twice (double click, network retry, Back then Valider):
whatever the timing, both requests land on the same validation page and one dossier
exists. Runs on SQLite and, in CI's second pass, on PostgreSQL."""

import re
import threading
import time

import pytest
from django.db import connection
from django.test import Client

from inscrinet.models import Dossier, DossierVersion, Session
from tests.candidates.journey import ACCRALL, Walker


def _to_recapitulatif(client, session):
    walker = Walker(client, session)
    journey = {k: v for k, v in ACCRALL.items() if k != "recapitulatif"}
    walker.walk(journey, until="epreuves")
    page = client.get(walker.url("recapitulatif")).content.decode()
    token = re.search(r'name="replay_token" value="([^"]+)"', page).group(1)
    return walker, {f"{walker.prefix}-current_step": "recapitulatif", "replay_token": token}


def _twin_client(client):
    twin = Client()
    twin.cookies = client.cookies.__class__(client.cookies)  # same cookies, sent as they are
    return twin


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("gap_ms", [0, 30, 100, 300])
def test_two_valider_posts_land_on_the_same_validation_page(demo_transactional, gap_ms):
    session = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    first = Client()
    walker, payload = _to_recapitulatif(first, session)
    second = _twin_client(first)
    responses, errors = {}, []

    def valider(name, client, delay):
        try:
            time.sleep(delay)
            responses[name] = client.post(walker.url("recapitulatif"), payload)
        except Exception as exc:  # asserted below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=valider, args=("first", first, 0)),
        threading.Thread(target=valider, args=("second", second, gap_ms / 1000)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert Dossier.objects.filter(session=session).count() == 1
    version = DossierVersion.objects.get()
    expected = f"/inscription/validation/{version.submission_key}/"
    for name, client in (("first", first), ("second", second)):
        response = responses[name]
        assert response.status_code == 302, (name, response.status_code)
        assert response.url == expected, (name, response.url)
        page = client.get(response.url)
        assert page.status_code == 200, name
        assert "Votre pré-inscription est effective" in page.content.decode()
        assert "1 - 0" in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_back_then_valider_again_lands_on_the_validation_page(demo_transactional):
    session = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    client = Client()
    walker, payload = _to_recapitulatif(client, session)
    first = client.post(walker.url("recapitulatif"), payload)
    again = client.post(walker.url("recapitulatif"), payload)  # the browser's Back, then Valider
    assert first.status_code == again.status_code == 302
    assert again.url == first.url
    assert "1 - 0" in client.get(again.url).content.decode()
    assert Dossier.objects.count() == 1


@pytest.mark.django_db
def test_a_forged_replay_token_unlocks_nothing(client, toulouse):
    walker, payload = _to_recapitulatif(client, toulouse)
    client.post(walker.url("recapitulatif"), payload)
    stranger = Client()
    key = DossierVersion.objects.get().submission_key
    response = stranger.post(walker.url("recapitulatif"), {**payload, "replay_token": key})
    assert response.status_code == 200  # the « expired » page, nothing of the dossier
    assert "ACCRALL" not in response.content.decode()
    assert stranger.get(f"/inscription/validation/{key}/").status_code == 404
