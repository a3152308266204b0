"""G18–G20: « Modifier ou Consulter votre inscription » by number and birth date, versions
k+1 under the same number, the guard of the look-up, closing, and who may download what."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from inscrinet.actors import EstablishmentActor
from inscrinet.models import ConfirmationEmail, Dossier, DossierState, DossierVersion, Session
from inscrinet.services.dossier_states import dossier_move
from inscrinet.services.dossiers import STALE_MESSAGE
from tests.candidates.journey import ACCRALL, Walker, errors_of
from tests.candidates.test_wizard_journeys import text_of
from tests.support.tasks import run_worker

BIRTH = ACCRALL["etat_civil"]["birth_date"]
NEUTRAL = "Aucun dossier de cette session ne correspond à ce numéro et à cette date de naissance"
CAPTCHA_OK = {"captcha_0": "x", "captcha_1": "PASSED"}


@pytest.fixture
def validated(client, toulouse):
    """ACCRALL Dack validated through the wizard in `client`: dossier 1 - 0."""
    Walker(client, toulouse).walk(ACCRALL)  # up to « Valider votre inscription » included
    return Dossier.objects.get()


def consult(client, session, number="1", birth=BIRTH, **extra):
    return client.post(
        reverse("candidates:consult", args=[session.pk]),
        {"number": number, "birth_date": birth, **extra},
    )


def dossier_page(client, dossier):
    return client.get(reverse("candidates:dossier", args=[dossier.session_id, dossier.number]))


def document_url(dossier, version, kind="confirmation", session_pk=None, number=None):
    return reverse(
        "candidates:document",
        args=[session_pk or dossier.session_id, number or dossier.number, version, kind],
    )


class Modifier(Walker):
    """The wizard in modification of one dossier (its own URLs and state)."""

    def __init__(self, client, dossier):
        super().__init__(client, dossier.session)
        self.dossier = dossier
        self.prefix = f"modification-{dossier.session_id}-{dossier.number}"

    def url(self, step):
        return reverse(
            "candidates:modify",
            kwargs={"session_pk": self.session.pk, "number": self.dossier.number, "step": step},
        )

    def start(self):
        return self.client.get(
            reverse("candidates:modify_resume", args=[self.session.pk, self.dossier.number])
        )


def modify_phone(client, dossier, phone):
    """Start a modification, change the mobile phone, validate from the récapitulatif."""
    modifier = Modifier(client, dossier)
    assert modifier.start()["Location"] == modifier.url("origine")
    adresse = {**ACCRALL["adresse"], "mobile_phone": phone}
    assert modifier.post("adresse", adresse).status_code == 302
    return modifier.post("recapitulatif")


def pdf_text(response):
    content = b"".join(response.streaming_content)
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


# --- consultation --------------------------------------------------------------------------


def test_consult_by_number_and_birth_date_from_another_browser(validated, toulouse):
    other = Client()
    form = other.get(reverse("candidates:consult", args=[toulouse.pk]))
    page = text_of(form)
    for label in ("Numéro de dossier", "Date de naissance", "J'ai perdu mon numéro de dossier"):
        assert label in page
    response = consult(other, toulouse)
    assert response["Location"] == reverse("candidates:dossier", args=[toulouse.pk, 1])
    page = text_of(dossier_page(other, validated))
    assert "Votre dossier n° 1 - 0" in page
    assert "ACCRALL" in page and "EP2A - Mise en oeuvre - Broderie machine guidée main" in page
    assert "Modifier" in page and "Confirmation 1 - 0" in page


def test_the_number_typed_with_its_version_is_understood(validated, toulouse):
    assert consult(Client(), toulouse, number="1 - 0").status_code == 302


@pytest.mark.parametrize("number, birth", [("1", "29/11/2004"), ("2", BIRTH), ("abc", BIRTH)])
def test_one_neutral_answer_whatever_is_wrong(validated, toulouse, number, birth):
    response = consult(Client(), toulouse, number=number, birth=birth)
    assert response.status_code == 200
    if number == "abc":
        assert errors_of(response) == [
            "Numéro de dossier : Le numéro de dossier est un nombre, "
            "par exemple 175 (sans « - 2 »)."
        ]
    else:
        assert errors_of(response) == [
            NEUTRAL + ". Vérifiez votre saisie : le numéro s'écrit sans le chiffre après le tiret."
        ]


def test_captcha_from_the_fifth_look_up_also_for_a_fresh_session(validated, toulouse):
    browser = Client()
    for attempt in range(1, 5):
        page = consult(browser, toulouse, birth="01/01/1990").content.decode()
        assert ("Recopiez le code de vérification" in page) is (attempt == 4)
    fresh = Client()  # same IP, new browser session
    assert (
        "Recopiez le code de vérification"
        in fresh.get(reverse("candidates:consult", args=[toulouse.pk])).content.decode()
    )
    refused = consult(fresh, toulouse)  # the right pair, without the captcha
    assert refused.status_code == 200 and any("vérification" in e for e in errors_of(refused))
    assert dossier_page(fresh, validated).status_code == 302  # still locked
    assert consult(fresh, toulouse, **CAPTCHA_OK).status_code == 302
    assert "Votre dossier n° 1 - 0" in text_of(dossier_page(fresh, validated))


# --- modification ----------------------------------------------------------------------------


def test_the_modification_wizard_is_prefilled(validated, toulouse, client):
    modifier = Modifier(client, validated)
    modifier.start()
    page = client.get(modifier.url("etat_civil")).content.decode()
    assert 'value="ACCRALL"' in page and "Modification du dossier 1 - 0" in page
    recap = text_of(client.get(modifier.url("recapitulatif")))
    assert "EP2A - Mise en oeuvre - Broderie machine guidée main Inscrit Ponctuel" in recap
    assert "maintenant en version" not in recap  # no warning while the base is current


def test_a_version_stored_before_the_precisions_screen_modifies_prefilled(client, toulouse):
    """Versions validated when the dérogation's forme finale sat on the spécialité screen
    open « Modifier » with it on the « Précisions » screen."""
    journey = {**ACCRALL, "specialite": {**ACCRALL["specialite"], "derogation": "oui"}}
    journey = {
        **{k: v for k, v in journey.items() if k not in ("diplomes", "acquis", "bilan")},
    }
    walker = Walker(client, toulouse)
    walker.walk(journey, until="specialite")
    assert walker.post("precisions", {"forme_finale": "progressive"}).status_code == 302
    walker.walk({k: ACCRALL[k] for k in ("diplomes", "acquis", "bilan", "epreuves")})
    assert walker.post("recapitulatif").status_code == 302
    version = DossierVersion.objects.get()
    step_data = version.answers["step_data"]
    old_shape = {
        **step_data,
        "specialite": {
            **step_data["specialite"],
            **{
                k.replace("precisions-", "specialite-"): v
                for k, v in step_data["precisions"].items()
            },
        },
    }
    del old_shape["precisions"]
    DossierVersion.objects.filter(pk=version.pk).update(
        answers={**version.answers, "step_data": old_shape}
    )
    modifier = Modifier(client, version.dossier)
    modifier.start()
    page = client.get(modifier.url("precisions")).content.decode()
    assert re.search(r'value="progressive"[^>]*checked', page)
    recap = client.get(modifier.url("recapitulatif")).content.decode()
    assert "<dt>Forme finale</dt><dd>Progressive</dd>" in recap


def test_modify_twice_keeps_the_number_and_every_version(validated, toulouse, client):
    first = modify_phone(client, validated, "0611111111")
    assert "Votre numéro de dossier est le suivant : 1 - 1" in text_of(
        client.get(first["Location"])
    )
    modify_phone(client, validated, "0622222222")
    dossier = Dossier.objects.get()
    assert (dossier.number, dossier.current_version) == (1, 2)
    versions = list(DossierVersion.objects.filter(dossier=dossier).order_by("version"))
    assert [v.version for v in versions] == [0, 1, 2]
    phones = [v.snapshot["adresse"]["mobile_phone"] for v in versions]
    assert phones == ["0606060606", "0611111111", "0622222222"]
    for version in versions:  # each version's stored PDF says its own version
        text = pdf_text(client.get(document_url(dossier, version.version)))
        assert f"{dossier.number} - {version.version}" in text
        assert phones[version.version] in text
    run_worker()
    assert [m.subject.rsplit(" ", 3)[-3:] for m in mail.outbox] == [
        ["1", "-", "0"],
        ["1", "-", "1"],
        ["1", "-", "2"],
    ]
    assert ConfirmationEmail.objects.count() == 3
    page = text_of(dossier_page(client, dossier))
    for k in range(3):
        assert f"Confirmation 1 - {k}" in page
    assert [t.reason for t in dossier.transitions.all()] == [
        "validation de la pré-inscription",
        "modification par le candidat",
        "modification par le candidat",
    ]


def test_a_second_tab_cannot_overwrite_a_newer_version(validated, toulouse, client):
    """Two browsers modify version 0; the second « Valider » is refused, nothing lost."""
    laptop, phone = client, Client()
    consult(phone, toulouse)
    Modifier(laptop, validated).start()
    phone_modifier = Modifier(phone, validated)
    phone_modifier.start()
    phone_modifier.post("adresse", {**ACCRALL["adresse"], "mobile_phone": "0699999999"})
    modify_phone(laptop, validated, "0611111111")
    warned = text_of(phone.get(phone_modifier.url("recapitulatif")))
    assert "il est maintenant en version 1 - 1. La validation de cette modification" in warned
    refused = phone_modifier.post("recapitulatif")
    assert refused["Location"] == reverse("candidates:dossier", args=[toulouse.pk, 1])
    page = text_of(phone.get(refused["Location"]))
    assert STALE_MESSAGE.format(current="1 - 1") in page
    dossier = Dossier.objects.get()
    assert dossier.current_version == 1 and dossier.versions.count() == 2
    assert dossier.versions.get(version=1).snapshot["adresse"]["mobile_phone"] == "0611111111"


def test_the_same_browser_validating_twice_gets_one_version(validated, toulouse, client):
    modifier = Modifier(client, validated)
    modifier.start()
    first = modifier.post("recapitulatif")
    again = modifier.post("recapitulatif")  # a replayed POST after the state was wiped
    assert first.status_code == 302 and again.status_code == 200
    assert "Cette modification n'est plus en cours" in text_of(again)
    assert Dossier.objects.get().versions.count() == 2


def test_a_replayed_modification_lands_on_the_validation_page_of_its_version(
    validated, toulouse, client
):
    """The browser resends the récapitulatif's form (Back then Valider, a network retry):
    its signed token leads to the version it stored, never to a third one."""
    modifier = Modifier(client, validated)
    modifier.start()
    page = client.get(modifier.url("recapitulatif")).content.decode()
    token = re.search(r'name="replay_token" value="([^"]+)"', page).group(1)
    first = modifier.post("recapitulatif", replay_token=token)
    again = modifier.post("recapitulatif", replay_token=token)
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"]
    assert "1 - 1" in text_of(client.get(again["Location"]))
    assert Dossier.objects.get().versions.count() == 2


def test_abandon_discards_the_changes_never_the_dossier(validated, toulouse, client):
    modifier = Modifier(client, validated)
    modifier.start()
    modifier.post("adresse", {**ACCRALL["adresse"], "mobile_phone": "0699999999"})
    confirm = modifier.post("autres", {}, abandon="1")
    assert confirm["Location"] == reverse("candidates:modify_abandon", args=[toulouse.pk, 1])
    assert "Abandonner la modification ?" in text_of(client.get(confirm["Location"]))
    done = client.post(confirm["Location"])
    assert "votre dossier 1 - 0 est inchangé" in text_of(client.get(done["Location"]))
    dossier = Dossier.objects.get()
    assert dossier.current_version == 0 and dossier.state == DossierState.PRE_INSCRIT
    modifier.start()  # a new modification starts again from the stored version
    page = client.get(modifier.url("adresse")).content.decode()
    assert 'value="0606060606"' in page


def test_the_one_specialty_rule_does_not_count_the_dossier_being_modified(
    validated, toulouse, client
):
    """G11 (one specialty per session) would refuse the same person's second dossier: the
    dossier being modified is not a second one."""
    assert modify_phone(client, validated, "0611111111").status_code == 302
    assert Dossier.objects.get().current_version == 1


# --- G20, cancelled, locked -----------------------------------------------------------------


def test_a_modification_refused_at_closing_is_explained_once(validated, toulouse, client):
    """Small defect 5: the dossier page showed the closing refusal twice."""
    modifier = Modifier(client, validated)
    modifier.start()
    Session.objects.filter(pk=toulouse.pk).update(
        public_opens_at=timezone.now() - datetime.timedelta(days=30),
        public_closes_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    for response in (modifier.post("recapitulatif"), modifier.start()):
        page = client.get(response["Location"]).content.decode()
        assert page.count("ne peut plus être modifié") == 1


def test_after_closing_consult_and_download_but_no_modification(validated, toulouse, client):
    Session.objects.filter(pk=toulouse.pk).update(
        public_opens_at=timezone.now() - datetime.timedelta(days=30),
        public_closes_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    browser = Client()
    consult(browser, toulouse)
    page = text_of(dossier_page(browser, validated))
    assert "Votre dossier n° 1 - 0" in page
    assert "ne peut plus être modifié" in page and ">Modifier</a>" not in page
    response = browser.get(document_url(validated, 0))
    assert response.status_code == 200 and "1 - 0" in pdf_text(response)
    refused = Modifier(browser, validated).start()
    assert refused["Location"] == reverse("candidates:dossier", args=[toulouse.pk, 1])
    # The session is no longer offered for registration: the periods page leads here.
    consult_url = reverse("candidates:consult", args=[toulouse.pk])
    assert consult_url in Client().get("/periodes/").content.decode()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"state": DossierState.ANNULE}, "Annulée par votre établissement"),
        ({"locked": True}, "momentanément indisponible"),
    ],
)
def test_cancelled_or_locked_shows_why_instead_of_modifier(
    validated, toulouse, client, change, message
):
    if "locked" in change:
        Session.objects.filter(pk=toulouse.pk).update(**change)
    else:
        dossier_move(
            dossier=validated,
            event="annuler_etablissement",
            actor=EstablishmentActor(
                etablissement_id=validated.etablissement_id, code="x", access="suivi"
            ),
        )
    page = dossier_page(client, validated).content.decode()
    assert message in text_of(dossier_page(client, validated))
    assert 'id="modification-impossible"' in page and ">Modifier</a>" not in page
    # M3: a locked session answers the 503 page before anyone types.
    assert Modifier(client, validated).start().status_code == (503 if "locked" in change else 302)
    assert Dossier.objects.get().versions.count() == 1
    if "state" in change:  # STATE_RIGHTS: a cancelled dossier has no confirmation to print
        assert client.get(document_url(validated, 0)).status_code == 404
        assert 'id="documents-indisponibles"' in page


# --- who may see what --------------------------------------------------------------------------


def test_nobody_else_downloads_by_changing_an_id(validated, toulouse, client, demo):
    assert client.get(document_url(validated, 0)).status_code == 200  # the validating browser
    stranger = Client()
    for url in (
        document_url(validated, 0),
        document_url(validated, 0, "recapitulatif"),
        document_url(validated, 1),
    ):
        assert stranger.get(url).status_code == 404
    assert dossier_page(stranger, validated).status_code == 302  # to the look-up form
    # A second candidate, unlocked in the stranger's browser, opens no door to the first.
    second = {**ACCRALL, "etat_civil": {**ACCRALL["etat_civil"], "birth_name": "MARTY"}}
    Walker(stranger, toulouse).walk(second)
    mine = Dossier.objects.get(number=2)
    assert stranger.get(document_url(mine, 0)).status_code == 200
    limoges = Session.objects.get(exam__code="CAP", academie__name="Limoges")
    for url in (
        document_url(mine, 0, number=1),
        document_url(mine, 0, session_pk=limoges.pk),
        document_url(mine, 1),
        document_url(mine, 0, kind="settings"),
        reverse("candidates:validated", args=[validated.submission_key]),
    ):
        assert stranger.get(url).status_code == 404, url
    assert Modifier(stranger, validated).start()["Location"] == reverse(
        "candidates:consult", args=[toulouse.pk]
    )


def test_documents_are_named_after_session_number_and_version(validated, client):
    response = client.get(document_url(validated, 0))
    assert response["Content-Type"] == "application/pdf"
    assert (
        f'filename="confirmation-{validated.session_id}-1-0.pdf"' in response["Content-Disposition"]
    )
    assert response["Cache-Control"] == "private, no-store"


# --- the validation page -----------------------------------------------------------------------


def test_the_validation_page_offers_printing_and_says_about_email(validated, client):
    key = validated.submission_key
    page = client.get(reverse("candidates:validated", args=[key])).content.decode()
    assert "Imprimer le récapitulatif" in page
    assert document_url(validated, 0, "recapitulatif") in page
    assert "Télécharger la confirmation d'inscription" in page
    assert re.search(r"Un mél contenant en fichier joint votre confirmation", page)


def test_a_session_without_email_says_so_on_the_validation_page(client, toulouse):
    Session.objects.filter(pk=toulouse.pk).update(emails_confirmation=False)
    validation = Walker(client, toulouse).walk(ACCRALL)
    page = text_of(client.get(validation["Location"]))
    assert "Aucun courriel n'est envoyé pour cette session" in page
    assert "Imprimer le récapitulatif" in page
    run_worker()
    assert mail.outbox == []


# --- G18b ---------------------------------------------------------------------------------------


def lost(client, session, email="accrall@ac-rennes.fr", birth=BIRTH, **extra):
    return client.post(
        reverse("candidates:lost_number", args=[session.pk]),
        {"email": email, "birth_date": birth, **extra},
    )


def test_lost_number_is_emailed_with_one_neutral_answer(validated, toulouse):
    browser = Client()
    answers = []
    for email, birth in (
        ("accrall@ac-rennes.fr", BIRTH),
        ("nobody@example.org", BIRTH),
        ("accrall@ac-rennes.fr", "01/01/1990"),
    ):
        response = lost(browser, toulouse, email, birth)
        answers.append(text_of(browser.get(response["Location"])))
    neutral = "son numéro vient de lui être envoyé par courriel"
    assert all(neutral in a for a in answers)
    assert all("Dossier n° 1" not in a for a in answers)
    run_worker()
    reminders = [m for m in mail.outbox if m.subject.startswith("Votre numéro de dossier")]
    assert len(reminders) == 1
    assert reminders[0].to == ["accrall@ac-rennes.fr"]
    assert "Dossier n° 1 (version actuelle : 1 - 0)" in reminders[0].body
    assert f"http://127.0.0.1:8000/inscription/{toulouse.pk}/consulter/" in reminders[0].body


def test_lost_number_is_throttled_like_the_look_up(validated, toulouse):
    browser = Client()
    for _ in range(4):
        lost(browser, toulouse, "someone@example.org")
    page = browser.get(reverse("candidates:lost_number", args=[toulouse.pk])).content.decode()
    assert "Recopiez le code de vérification" in page
    assert lost(browser, toulouse).status_code == 200  # refused without the captcha
    assert lost(browser, toulouse, **CAPTCHA_OK).status_code == 302


def test_a_pupil_modifies_with_the_establishment_kept(toulouse):
    """E2 + G18: a dossier registered from LYC BELLEVUE keeps its establishment (no
    establishment screen) and follows the establishment period."""
    school = Client()
    school.post("/etablissement/", {"code": "0310038Y", "password": "Bellevue-2026"})
    pupil = {k: v for k, v in ACCRALL.items() if k != "etablissement"}
    pupil["autres"] = {"categorie": ("CAP", "SCO"), "handicap": "non", "amenagement": "non"}
    Walker(school, toulouse, base="candidates:etab_wizard", service="etablissement").walk(pupil)
    home = Client()
    assert consult(home, toulouse).status_code == 302
    modifier = Modifier(home, Dossier.objects.get())
    modifier.start()
    assert "Inscription depuis l'établissement LYC BELLEVUE" in text_of(
        home.get(modifier.url("origine"))
    )
    assert home.get(modifier.url("etablissement")).status_code == 302  # not a screen here
    assert modify_phone(home, Dossier.objects.get(), "0611111111").status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.current_version == 1 and dossier.etablissement.code == "0310038Y"
    Session.objects.filter(pk=toulouse.pk).update(
        etablissement_closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert "ne peut plus être modifié" in text_of(dossier_page(home, dossier))


def test_the_dossier_page_costs_the_same_queries_with_more_versions(validated, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        from inscrinet.context_processors import site_config_cache_clear

        site_config_cache_clear()  # each page reads the site configuration, as when cold
        with CaptureQueriesContext(connection) as captured:
            assert dossier_page(client, validated).status_code == 200
        return len(captured)

    with_one = queries()
    modify_phone(client, validated, "0611111111")
    modify_phone(client, validated, "0622222222")
    assert queries() == with_one <= 12


def test_a_renderer_failure_shows_a_plain_message_and_loses_nothing(validated, client, monkeypatch):
    from inscrinet import documents

    def broken(*args, **kwargs):
        raise OSError("renderer crashed")

    monkeypatch.setattr(documents, "render_pdf", broken)
    response = client.get(document_url(validated, 0))
    assert response.status_code == 503
    assert "Votre pré-inscription est bien enregistrée" in text_of(response)
    monkeypatch.undo()
    assert client.get(document_url(validated, 0)).status_code == 200
    assert Dossier.objects.get().display_number == "1 - 0"
