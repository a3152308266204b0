"""M1 « Établissements »: creating one as a gestionnaire types its code."""

import pytest
from django.test import Client

from inscrinet.models import Etablissement
from tests.management.dec import logged_in, url

pytestmark = pytest.mark.django_db


def test_a_code_already_taken_is_said_in_plain_french_on_its_field(toulouse):
    dec = logged_in(Client(), "dec-toulouse")
    taken = Etablissement.objects.first()
    count = Etablissement.objects.count()
    fields = {"name": "LYC TEST", "city": "Albi", "exams": [str(toulouse.exam_id)]}
    typed = f" {taken.code.lower()} "  # as typed: small letters, spaces around
    page = dec.post(url("etablissement_new"), {**fields, "code": typed}).content.decode()
    assert "Un établissement a déjà ce code." in page
    assert "Un objet" not in page
    assert Etablissement.objects.count() == count
    created = dec.post(url("etablissement_new"), {**fields, "code": "0819999z"})
    assert created.status_code == 302
    assert Etablissement.objects.filter(code="0819999Z", name="LYC TEST").exists()
