"""Property-based: hostile requests to every URL pattern never get a 5xx.

Generated values go into the path (each converter), the query string and the body: any
Unicode category, NUL, lone surrogates (sent as the invalid UTF-8 they become), over-long
strings, duplicated and missing fields, odd or unknown charsets, multipart bodies with a
file part, tampered step names. Requests come from a fresh browser, from one in the middle
of the wizard and from one with an unlocked dossier. Runs on SQLite and PostgreSQL in CI.
"""

import itertools
from urllib.parse import quote_from_bytes

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candidates import steps as S
from inscrinet.models import Session
from tests.candidates.journey import ACCRALL, Walker
from tests.establishments.suivi import logged_in
from tests.management.dec import logged_in as dec_logged_in

EXAMPLES = 300  # about 10 per URL pattern

hostile_text = st.one_of(
    st.text(st.characters(codec=None, exclude_categories=()), max_size=30),
    st.text(st.characters(categories=["Cs", "Cc", "Cf", "Zl", "Zp", "No", "Nd"]), max_size=12),
    st.sampled_from(
        [
            "",
            "\x00",
            "01/0²/2004",
            "²⁰²⁰",
            "99999999999999999999",
            "../../admin",
            "' OR 1=1 --",
            "=1+1",
            "<script>alert(1)</script>",
            "\u202eLLARCCA",
            "a" * 5000,
            "x@" + "e" * 300 + ".fr",
        ]
    ),
)


def field_names():
    names = {"code", "password", "number", "birth_date", "email", "choix", "replay_token"}
    names |= {"captcha_0", "captcha_1", "wizard_goto_step", "abandon", "quitter", "username"}
    # The suivi établissement's forms (S1–S8).
    names |= {"dossier", "confirmer", "specialite", "ouvrir", "answer", "current", "new"}
    names |= {"confirmation", "forme"}
    # The espace gestionnaire's search, journal, relances and catalogue forms.
    names |= {"numero", "nom", "naissance", "etat", "tri", "objet", "utilisateur", "du", "au"}
    names |= {"request_key", "audience", "subject", "body", "action", "label", "exam"}
    for step, form in S.FORM_LIST:
        names |= {f"{step}-{name}" for name in form.base_fields}
        names.add("inscription-grand_public-1-current_step")
    return sorted(names)


FIELD_NAMES = field_names()
STEP_NAMES = [name for name, _ in S.FORM_LIST]


def url_templates():
    """(route pieces, converter names) of every pattern but the superusers' admin."""
    found = []

    def walk(patterns, prefix):
        for entry in patterns:
            route = str(entry.pattern)
            if isinstance(entry, URLResolver):
                if "admin" not in route:
                    walk(entry.url_patterns, prefix + route)
            elif isinstance(entry, URLPattern):
                found.append(prefix + route)

    walk(get_resolver().url_patterns, "")
    return sorted(set(found)) + ["admin/login/"]


def encode(value: str) -> bytes:
    return value.encode("utf-8", "surrogatepass")


@st.composite
def path_for(draw, template: str, session_pks):
    def converter(match):
        kind = match.group(1)
        if kind in ("id", "int"):
            return str(
                draw(
                    st.one_of(
                        st.sampled_from(session_pks + [0, 1, 2]),
                        st.sampled_from([2**31, 2**63 - 1, 2**63, 2**64, 10**19, 10**30]),
                        st.integers(0, 10**30),
                    )
                )
            )
        value = draw(st.one_of(st.sampled_from(STEP_NAMES + ["x" * 40]), hostile_text))
        return quote_from_bytes(encode(value), safe="") or "x"

    import re

    return "/" + re.sub(r"<(\w+):\w+>", converter, template)


@st.composite
def body(draw, prefix: str):
    pairs = draw(
        st.lists(
            st.tuples(
                st.one_of(st.sampled_from(FIELD_NAMES), st.just(f"{prefix}-current_step")),
                st.one_of(hostile_text, st.sampled_from(STEP_NAMES)),
            ),
            max_size=12,
        )
    )
    kind = draw(st.sampled_from(["urlencoded", "multipart", "raw"]))
    if kind == "multipart":
        boundary = "BoUnDaRy"
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{quote_from_bytes(encode(n))}"'
            f"\r\n\r\n".encode()
            + encode(v)
            + b"\r\n"
            for n, v in pairs
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="etat_civil-birth_name"; '
            f'filename="x.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
            + b"%PDF-1.4\x00\xff"
            + b"\r\n"
        )
        return b"".join(parts) + f"--{boundary}--\r\n".encode(), (
            f"multipart/form-data; boundary={boundary}"
        )
    raw = b"&".join(
        quote_from_bytes(encode(n)).encode() + b"=" + quote_from_bytes(encode(v)).encode()
        for n, v in pairs
    )
    if kind == "raw":  # not even percent-encoded
        raw = b"&".join(encode(n) + b"=" + encode(v) for n, v in pairs)
    charset = draw(st.sampled_from(["", "; charset=utf-8", "; charset=latin-1", "; charset=x-y"]))
    return raw, "application/x-www-form-urlencoded" + charset


@pytest.fixture
def browsers(toulouse, demo):
    """A fresh browser, one in the middle of the wizard, one with its dossier unlocked, the
    suivi of an establishment, a DEC gestionnaire and a candidate account."""
    fresh = Client(raise_request_exception=True)
    midway = Client(raise_request_exception=True)
    walker = Walker(midway, toulouse)
    walker.walk({k: v for k, v in ACCRALL.items() if k != "recapitulatif"}, until="epreuves")
    owner = Client(raise_request_exception=True)
    Walker(owner, toulouse).walk(ACCRALL)
    head = Client(raise_request_exception=True)  # the suivi établissement of LYC BELLEVUE
    logged_in(head)
    dec = Client(raise_request_exception=True)  # the gestionnaire of Toulouse (M1–M5)
    dec_logged_in(dec, "dec-toulouse")
    return [fresh, midway, owner, head, dec, candidate_account_client()]


def candidate_account_client():
    """A Cyclades candidate logged in to an activated account (C1–C3)."""
    from allauth.account.models import EmailAddress

    from inscrinet.models import User
    from inscrinet.services.candidate_accounts import candidate_account_create

    user = User.objects.create_user("compte-test", "compte@example.org", "Brioche.2004")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    identity = {
        "civilite": "M",
        "birth_name": "ACCRALL",
        "first_names": "Dack",
        "birth_date": "28/11/2004",
        "birth_departement": "014",
        "birth_commune": "May-sur-Orne",
    }
    candidate_account_create(user=user, identity=identity)
    client = Client(raise_request_exception=True)
    client.post("/compte/connexion/", {"login": user.email, "password": "Brioche.2004"})
    assert "_auth_user_id" in client.session
    return client


@pytest.mark.django_db
def test_hostile_requests_never_get_a_5xx(browsers, toulouse):
    templates = url_templates()
    session_pks = list(Session.objects.values_list("pk", flat=True))
    prefix = f"inscription-grand_public-{toulouse.pk}"
    turn = itertools.cycle(browsers)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        path=st.sampled_from(templates).flatmap(lambda t: path_for(t, session_pks)),
        method=st.sampled_from(["GET", "POST", "HEAD", "PUT"]),
        query=hostile_text,
        payload=body(prefix),
    )
    def request_once(path, method, query, payload):
        client = next(turn)
        data, content_type = payload
        typed = quote_from_bytes(encode(query))
        short = quote_from_bytes(encode(query[:3]))
        url = (
            f"{path}?q={typed}&departement={short}&tri={short}&page={typed}"
            f"&specialite={typed}&forme={short}&format={short}"
        )
        if method == "GET":
            response = client.get(url)
        else:
            response = client.generic(method, path, data, content_type=content_type)
        assert response.status_code < 500, (method, path, response.status_code)

    request_once()
    # Every pattern was tried (the suite must not silently shrink to a few URLs).
    assert len(templates) >= 25


@st.composite
def screen_body(draw, prefix: str, step: str):
    """A POST of one wizard screen: its own field names with hostile values, sometimes
    duplicated or missing, sometimes a file part, its step name sometimes tampered."""
    form = dict(S.FORM_LIST)[step]
    names = [f"{step}-{name}" for name in form.base_fields] or [f"{step}-x"]
    pairs = draw(st.lists(st.tuples(st.sampled_from(names), hostile_text), max_size=15))
    current = draw(st.one_of(st.just(step), st.sampled_from(STEP_NAMES), hostile_text))
    pairs.insert(0, (f"{prefix}-current_step", current))
    action = draw(st.sampled_from([None, None, "wizard_goto_step", "abandon", "quitter"]))
    if action:
        pairs.append((action, draw(st.one_of(st.sampled_from(STEP_NAMES), hostile_text))))
    boundary = "FoRm"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        + encode(value)
        + b"\r\n"
        for name, value in pairs
    ]
    if draw(st.booleans()):
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{names[0]}"; '
            'filename="photo.png"\r\nContent-Type: image/png\r\n\r\n'.encode()
            + b"\x89PNG\r\n\x1a\n\x00"
            + b"\r\n"
        )
    return b"".join(parts) + f"--{boundary}--\r\n".encode()


@pytest.mark.django_db
def test_hostile_posts_of_every_wizard_screen_never_get_a_5xx(browsers, toulouse):
    fresh, midway, *_ = browsers
    walker = Walker(midway, toulouse)
    prefix = walker.prefix

    @settings(
        max_examples=150,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data(), step=st.sampled_from(STEP_NAMES), who=st.sampled_from([0, 1]))
    def post_screen(data, step, who):
        client = (fresh, midway)[who]
        payload = data.draw(screen_body(prefix, "origine" if who == 0 else step))
        url = walker.url("origine" if who == 0 else step)
        response = client.generic(
            "POST", url, payload, content_type="multipart/form-data; boundary=FoRm"
        )
        assert response.status_code < 500, (step, response.status_code)

    post_screen()
