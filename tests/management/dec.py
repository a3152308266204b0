"""Helpers: a DEC account in the gestionnaire space, with Django's test client."""

from django.urls import reverse

from inscrinet.demo_data import DEMO_PASSWORD


def url(name, *args):
    return reverse(f"management:{name}", args=args)


def login(client, username, password=DEMO_PASSWORD):
    return client.post(url("login"), {"username": username, "password": password})


def logged_in(client, username="dec-limoges"):
    response = login(client, username)
    assert response.status_code == 302 and response["Location"] == url("home"), (
        response.content.decode()[:3000]
    )
    return client
