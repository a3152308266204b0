"""The read API (beyond the seeds): a gestionnaire creates a key (shown once) and revokes it;
the key reads its académie's sessions and dossiers with their versions, page by page with
a cursor, and nothing of another académie; every call is audited; the OpenAPI description
is valid and names every route."""

import json
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse
from openapi_spec_validator import validate

from inscrinet.models import ApiToken, AuditEvent, Session
from tests.factories import submit_dossier
from tests.management.dec import logged_in, url

pytestmark = pytest.mark.django_db
SPEC = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.json"


def create_key(client, label="Gestion des examens") -> str:
    page = client.post(url("api_keys"), {"label": label}).content.decode()
    assert "elle ne sera plus jamais affichée" in page
    return re.search(r"(inscrinet_[A-Za-z0-9_-]{40,})", page).group(1)


def api(path, key, **params):
    return Client().get(path, params, HTTP_AUTHORIZATION=f"Bearer {key}")


def test_a_key_reads_its_academie_page_by_page_and_nothing_else(client, demo):
    toulouse = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    limoges = Session.objects.get(exam__code="CAP", academie__code="022")
    numbers = {submit_dossier(toulouse, birth_name=f"NOM{i}").number for i in range(5)}
    submit_dossier(limoges)
    logged_in(client, "dec-toulouse")
    key = create_key(client)
    # The key is not stored in clear, and the page does not show it again.
    assert not ApiToken.objects.filter(key_hash=key).exists()
    assert key not in client.get(url("api_keys")).content.decode()

    sessions = api(reverse("api:sessions"), key).json()["sessions"]
    assert {s["id"] for s in sessions} == set(
        Session.objects.filter(academie__name="Toulouse").values_list("pk", flat=True)
    )
    seen, path, params = [], reverse("api:dossiers", args=[toulouse.pk]), {"limite": 2}
    while path:
        response = api(path, key, **params)
        assert response.status_code == 200 and response["Cache-Control"] == "no-store"
        body = response.json()
        seen += [d["numero"] for d in body["dossiers"]]
        path, params = body["suivant"], {}
    assert sorted(seen) == sorted(numbers) and len(seen) == len(set(seen))
    first = api(reverse("api:dossiers", args=[toulouse.pk]), key).json()["dossiers"][0]
    assert first["versions"][0]["contenu"]["identite"]["nom"] == "ACCRALL"
    # Another académie's session: 404; tampered cursors and limits: 400; no key: 401.
    assert api(reverse("api:dossiers", args=[limoges.pk]), key).status_code == 404
    dossiers = reverse("api:dossiers", args=[toulouse.pk])
    assert api(dossiers, key, curseur="1").status_code == 400
    assert api(dossiers, key, limite="0").status_code == 400
    assert api(dossiers, key, limite="²").status_code == 400
    assert Client().get(dossiers).status_code == 401
    assert api(dossiers, key + "x").status_code == 401
    assert Client().post(dossiers, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 405
    calls = AuditEvent.objects.filter(action="api.dossiers")
    assert calls.count() >= 4 and all(c.academie.name == "Toulouse" for c in calls)


def test_a_revoked_key_reads_nothing_and_another_academie_cannot_revoke(client, demo):
    logged_in(client, "dec-toulouse")
    key = create_key(client)
    token = ApiToken.objects.get()
    other = Client()
    logged_in(other, "dec-limoges")
    assert other.post(url("api_key_revoke", token.pk)).status_code == 404
    assert api(reverse("api:sessions"), key).status_code == 200
    client.post(url("api_key_revoke", token.pk))
    assert api(reverse("api:sessions"), key).status_code == 401
    assert AuditEvent.objects.filter(action="api.cle_revoquee").count() == 1


def test_the_openapi_description_is_valid_and_names_every_route(client):
    spec = json.loads(client.get(reverse("api:openapi")).content)
    validate(spec)
    documented = set(spec["paths"])
    routes = set()
    for pattern in get_resolver().url_patterns:
        if getattr(pattern, "app_name", None) == "api":
            for p in pattern.url_patterns:
                if isinstance(p, URLPattern) and p.name != "openapi":
                    routes.add("/" + re.sub(r"<\w+:(\w+)>", r"{id}", str(p.pattern)))
    assert routes == documented
    assert json.loads(SPEC.read_text(encoding="utf-8")) == spec


@pytest.mark.parametrize(
    "header",
    [
        "Bearer",
        "Bearer ",
        "Basic Zm9vOmJhcg==",
        "Bearer inscrinet_\x00",
        "Bearer inscrinet_²",
        "x" * 5000,
    ],
)
def test_hostile_authorization_headers_are_a_401(demo, header):
    response = Client().get(reverse("api:sessions"), HTTP_AUTHORIZATION=header)
    assert response.status_code == 401 and "erreur" in response.json()
