"""The field groups, input widgets and radio options written in Python
(inscrinet/forms_rendering.py) give the same HTML as the DSFR, Django and project templates
they replace: every page below is rendered both ways and compared character for character
(the CSRF token aside, new on each page)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from inscrinet import forms_rendering
from inscrinet.models import Session
from tests.candidates.journey import ACCRALL, Walker
from tests.establishments import suivi
from tests.management import dec

TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+|("?csrf[^"]*" content=")[^"]+')


def _both_ways(fetch):
    """The page rendered with the Python field groups, then through the templates."""
    fast = fetch()
    forms_rendering.enabled = False
    try:
        slow = fetch()
    finally:
        forms_rendering.enabled = True
    assert fast.status_code == slow.status_code
    return TOKEN.sub(r"\1", fast.content.decode()), TOKEN.sub(r"\1", slow.content.decode())


def _same(fetch):
    fast, slow = _both_ways(fetch)
    assert fast == slow
    return fast


@pytest.fixture
def toulouse(demo):
    return Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )


def test_every_wizard_screen_is_the_same_html_either_way(toulouse):
    walker = Walker(Client(), toulouse)
    inputs = radios = 0
    for step, values in ACCRALL.items():
        for page in values if isinstance(values, list) else [values]:
            html = _same(lambda step=step: walker.client.get(walker.url(step)))
            inputs += html.count("<input")
            radios += html.count('<div class="fr-radio-group">')
            assert walker.post(step, page).status_code == 302
    assert inputs > 40  # the comparison saw the fields, not empty pages
    assert radios > 15  # and the radio options


def test_screens_with_errors_are_the_same_html_either_way(toulouse):
    walker = Walker(Client(), toulouse)
    walker.client.get(walker.url("origine"))
    walker.post("origine", ACCRALL["origine"])
    wrong = {**ACCRALL["etat_civil"], "birth_date": "31/02/20O5", "birth_name": ""}
    html = _same(lambda: walker.post("etat_civil", wrong))
    assert "fr-input-group--error" in html and 'aria-invalid="true"' in html
    walker.post("etat_civil", ACCRALL["etat_civil"])
    hostile = {**ACCRALL["adresse"], "line1": '"><script>alert(1)</script>'}
    html = _same(lambda: walker.post("adresse", {**hostile, "email": "pas-un-email"}))
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    walker.post("adresse", ACCRALL["adresse"])
    unanswered = {k: v for k, v in ACCRALL["autres"].items() if k != "handicap"}
    html = _same(lambda: walker.post("autres", unanswered))
    assert "fr-fieldset--error" in html  # a radio group with its error


def test_other_spaces_forms_are_the_same_html_either_way(client, demo):
    for name in ("account_signup", "account_login", "candidates:lost_number"):
        try:
            path = reverse(name)
        except Exception:  # a page that takes arguments: covered elsewhere
            continue
        _same(lambda path=path: client.get(path))
    _same(lambda: Client().get(reverse("management:login")))
    dec_client = dec.logged_in(Client())
    _same(lambda: dec_client.get(reverse("management:home")))
    school = Client()
    suivi.logged_in(school)
    _same(lambda: school.get(suivi.url("menu")))
    _same(lambda: school.get(suivi.url("suivi_password")))
    _same(lambda: school.get(suivi.url("cancellations")))
    cyclades = Session.objects.get(academie__name="Toulouse", candidate_access="compte")
    html = _same(lambda: school.get(suivi.url("pupil_add", cyclades.pk)))
    assert "fr-input-group" in html


def test_select_options_are_django_s_options_with_hostile_labels():
    """The <select> options written in Python (forms_rendering.select_options, plain
    strings escaped without Django's lazy check) give Django's own options: escaped text,
    safe text kept, lazy text translated, numbers, groups (blank lines aside)."""
    from django import forms
    from django.forms.renderers import DjangoTemplates
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext_lazy

    choices = [
        ("", "Choisissez"),
        ("a<b", "Saint-Étienne & \"Sud\" <script>alert('x')</script>"),
        (3, mark_safe("<b>déjà sûr</b>")),
        ("l", gettext_lazy("Yes")),
        ("Groupe <1>", [("g1", "L'Haÿ-les-Roses"), ("g2", 42)]),
    ]
    widget = forms.Select(choices=choices, attrs={"class": "fr-select", "data-x": 'a"b'})

    def lines(html):
        return [line for line in html.splitlines() if line.strip()]

    ours = widget.render("champ", "a<b", renderer=forms_rendering.ScreenFormRenderer())
    django_s = widget.render("champ", "a<b", renderer=DjangoTemplates())
    assert "&lt;script&gt;alert(&#x27;x&#x27;)" in ours and "<b>déjà sûr</b>" in ours
    assert lines(ours) == lines(django_s)


def test_fixed_choices_options_are_written_once_and_are_django_s_options(monkeypatch):
    """A select of FixedChoices (État civil's départements and countries) takes its options'
    markup from the choices, written once (forms_rendering.fixed_options): the same lines
    as Django's Select with the same choices, whatever the value — none (the empty option
    is selected, as Django does), the empty one, a known one, an unknown or hostile one."""
    from django import forms
    from django.forms.renderers import DjangoTemplates

    from inscrinet.forms import FixedChoices, FixedChoicesSelect

    pairs = [
        ("", "Sélectionnez"),
        ("2A", "2A - Corse-du-Sud"),
        ("a<b", "Saint-Étienne & \"Sud\" <script>alert('x')</script>"),
        (7, "sept"),
        ("2A", "doublon"),
    ]
    fixed = FixedChoicesSelect(choices=FixedChoices(pairs), attrs={"class": "fr-select"})
    plain = forms.Select(choices=pairs, attrs={"class": "fr-select"})

    def lines(html):
        return [line for line in html.splitlines() if line.strip()]

    for value in (None, "", "2A", "a<b", 7, "7", "inconnu", '"><script>'):
        ours = fixed.render("pays", value, renderer=forms_rendering.ScreenFormRenderer())
        django_s = plain.render("pays", value, renderer=DjangoTemplates())
        assert lines(ours) == lines(django_s), value
        # The same widget through the templates (the comparison switch): Django's options.
        forms_rendering.enabled = False
        try:
            through_templates = fixed.render("pays", value, renderer=DjangoTemplates())
        finally:
            forms_rendering.enabled = True
        assert lines(through_templates) == lines(django_s), value
    assert (
        lines(fixed.render("pays", "2A"))[2].strip()
        == '<option value="2A" selected>2A - Corse-du-Sud</option>'
    )

    written = []
    monkeypatch.setattr(
        forms_rendering, "_option", lambda option: written.append(option) or "<option>"
    )
    fixed.render("pays", "7", renderer=forms_rendering.ScreenFormRenderer())
    assert written == []  # the options' markup was kept from the first render
