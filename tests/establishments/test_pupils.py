"""C10 (seed 004 § 8): an establishment pre-registers its pupils in a session reached by
candidate account — a class imported from the documented CSV, or one pupil typed in —
prints their « papillons de connexion », and a pupil logs in with the slip, chooses a
password, completes acquis and épreuves and « Enregistrer » makes it « Inscrit »."""

import datetime
import html
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from inscrinet.models import (
    AuditEvent,
    CandidateAccount,
    Dossier,
    DossierState,
    Etablissement,
    Session,
)
from inscrinet.services.candidate_accounts import unactivated_accounts_purge
from tests.candidates.journey import ACCRALL, Walker, errors_of
from tests.establishments.suivi import logged_in, url

pytestmark = pytest.mark.django_db

HEADER = (
    "civilite;nom;prenoms;date_naissance;departement_naissance;commune_naissance;"
    "pays_naissance;classe;specialite;forme\n"
)
FIRST_NAMES = [
    "Léa", "Hugo", "Chloé", "Louis", "Emma", "Jules", "Inès", "Adam", "Jade", "Nathan",
    "Manon", "Lucas", "Zoé", "Éthan", "Lina", "Noé", "Sarah", "Tom", "Anaïs", "Yanis",
    "Clara", "Enzo", "Lou", "Rayan", "Léna", "Théo", "Mila", "Sacha", "Nina", "Maël",
]  # fmt: skip


@pytest.fixture
def cyclades(demo):
    return Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="compte"
    )


def class_file(count=30, classe="DIV1") -> bytes:
    lines = [
        f"{'Mme' if i % 2 else 'M'};Élève-{chr(65 + i % 26)}{i};{FIRST_NAMES[i]}, Marie;"
        f"{1 + i % 28:02d}/0{1 + i % 9}/2009;31;Toulouse;;{classe};24209;globale\n"
        for i in range(count)
    ]
    return (HEADER + "".join(lines)).encode("utf-8")


def upload(client, session, content: bytes, name="eleves.csv"):
    csv_file = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post(url("pupils_import", session.pk), {"fichier": csv_file})


def slips_text(response) -> list[str]:
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    return [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]


def test_a_class_of_30_pupils_gets_30_slips_in_one_pdf(demo, cyclades):
    client = Client()
    etablissement = logged_in(client)
    menu = client.get(url("menu")).content.decode()
    assert "Élèves à inscrire (comptes candidats)" in menu

    response = upload(client, cyclades, class_file())
    assert response.status_code == 302, response.content.decode()[:3000]
    dossiers = Dossier.objects.filter(session=cyclades).select_related("account__user")
    assert dossiers.count() == 30
    assert {d.state for d in dossiers} == {DossierState.A_COMPLETER}
    assert {d.pupil_class for d in dossiers} == {"DIV1"}
    assert all(d.account.etablissement == etablissement for d in dossiers)
    assert all(d.account.must_change_password for d in dossiers)
    assert not any(d.account.user.has_usable_password() for d in dossiers)
    logins = {d.account.user.username for d in dossiers}
    assert "lea.eleve-a0" in logins and "ethan.eleve-n13" in logins and len(logins) == 30

    page = client.get(f"{url('pupils')}?session={cyclades.pk}").content.decode()
    assert "Classe DIV1 — 30 élèves" in page
    assert "Imprimer les papillons de la classe DIV1" in page

    pages = slips_text(client.post(url("pupil_slips", cyclades.pk), {"classe": "DIV1"}))
    assert len(pages) == 30
    for dossier in dossiers:
        (slip,) = [p for p in pages if f"connexion : {dossier.account.user.username}\n" in p + "\n"]
        assert "Accès au service en ligne des examens" in slip
        assert f"N° candidat : {dossier.candidate_number} - Inscription n° : 001" in slip
        assert "Classe : DIV1" in slip and "LYC BELLEVUE" in slip
        assert "135 ROUTE DE NARBONNE" in slip and "0562173000" in slip
        assert "http://testserver/compte/connexion/" in slip.replace("\n", "")
    assert AuditEvent.objects.filter(action="compte.papillons").count() == 1
    # Nothing to confirm yet: no confirmation rendered or printed for « À compléter ».
    dossier = dossiers[0]
    assert client.get(url("document", dossier.pk, 0, "confirmation")).status_code == 404
    # Each printed password opens the account it was printed for (and only it).
    passwords = {
        re.search(r"connexion : (\S+)", p)[1]: re.search(r"mot de passe \(\*\) : (\S+)", p)[1]
        for p in pages
    }
    assert len(set(passwords.values())) == 30
    one = dossiers[0].account.user
    one.refresh_from_db()
    assert one.check_password(passwords[one.username])
    assert not one.check_password(passwords[dossiers[1].account.user.username])


def test_a_file_with_an_error_registers_nobody_and_says_where(demo, cyclades):
    client = Client()
    logged_in(client)
    content = class_file(3).decode() + (
        "Mme;SANS-DATE;Lou;;31;Toulouse;;DIV1;24209;globale\n"
        "M;MAUVAISE-SPE;Tom;01/01/2009;31;Toulouse;;DIV1;99999;globale\n"
        "M;PARIS;Tom;01/01/2009;75;Paris;;DIV1;24209;globale\n"
        "M;PROGRESSIF;Tom;01/01/2009;31;Toulouse;;DIV1;24209;progressive\n"
    )
    response = upload(client, cyclades, content.encode())
    assert response.status_code == 422
    page = html.unescape(response.content.decode())
    assert "Fichier refusé : aucun élève n'a été inscrit" in page
    assert '<td data-label="Ligne">5</td><td data-label="Colonne">date_naissance</td>' in page
    assert "spécialité de l'examen" in page
    assert "arrondissement" in page  # « Paris » without its arrondissement (line 7)
    assert "La forme « Progressive » n'est pas possible" in page
    assert not Dossier.objects.filter(session=cyclades).exists()
    assert not CandidateAccount.objects.exists()

    # A pupil already registered in the session: the whole file is refused too.
    assert upload(client, cyclades, class_file(2)).status_code == 302
    again = upload(client, cyclades, class_file(3))
    assert again.status_code == 422
    assert "est déjà inscrit(e) dans cette session (dossier n° 1" in html.unescape(
        again.content.decode()
    )
    assert Dossier.objects.filter(session=cyclades).count() == 2
    assert CandidateAccount.objects.count() == 2


def test_a_pupil_logs_in_with_the_slip_chooses_a_password_and_completes(demo, cyclades):
    client = Client()
    logged_in(client)
    form = {
        "eleve-civilite": "M",
        "eleve-birth_name": "Accame",
        "eleve-first_names": "Acculi",
        "eleve-birth_date": "20/09/2009",
        "eleve-birth_departement": "031",
        "eleve-birth_commune": "toulouse",
        "eleve-pupil_class": "div1",
        "eleve-specialty": "24209",
        "eleve-forme": "globale",
        "eleve-categorie": "SCO",
    }
    response = client.post(url("pupil_add", cyclades.pk), form)
    assert response.status_code == 302, errors_of(response)
    dossier = Dossier.objects.get(session=cyclades)
    assert dossier.account.user.username == "acculi.accame" and dossier.pupil_class == "DIV1"
    (slip,) = slips_text(client.post(url("pupil_slips", cyclades.pk), {"dossier": dossier.pk}))
    password = re.search(r"mot de passe \(\*\) : (\S+)", slip)[1]

    pupil = Client()
    response = pupil.post(
        reverse("account_login"), {"login": "acculi.accame", "password": password}, follow=True
    )
    # The slip's password opens only the forced change.
    assert response.redirect_chain[-1][0] == reverse("account_change_password")
    assert "C'est votre première connexion avec le papillon" in response.content.decode()
    assert pupil.get(reverse("account_candidatures"))["Location"] == reverse(
        "account_change_password"
    )
    new = "Mon.propre-mot2passe"
    response = pupil.post(
        reverse("account_change_password"),
        {"oldpassword": password, "password1": new, "password2": new},
    )
    assert response["Location"] == reverse("account_candidatures")
    assert not CandidateAccount.objects.get().must_change_password
    assert AuditEvent.objects.filter(action="compte.mot_de_passe_choisi").exists()
    cards = pupil.get(reverse("account_candidatures")).content.decode()
    assert "À compléter" in cards and dossier.candidate_number in cards

    # « Compléter mon inscription »: the tabs, with what the establishment entered.
    start = pupil.get(reverse("account_modify_resume", args=[cyclades.pk, dossier.number]))
    assert start.status_code == 302
    walker = Walker(pupil, cyclades, base="account_modify")
    walker.prefix = f"modification-{cyclades.pk}-{dossier.number}"
    walker.url = lambda step: reverse("account_modify", args=[cyclades.pk, dossier.number, step])
    journey = {
        "etat_civil": {"nationality": "francaise"},
        "adresse": {
            **ACCRALL["adresse"],
            "email": "acculi@example.org",
            "email_confirmation": "acculi@example.org",
        },
        "autres": {"categorie": ("CAP", "SCO"), "handicap": "non", "amenagement": "non"},
        "resultats": ACCRALL["resultats"],
        "specialite": {"specialty": "Arts de la broderie", "forme": "globale", "derogation": "non"},
        "diplomes": {},
        "epreuves": ACCRALL["epreuves"],
    }
    identification = pupil.get(walker.url("etat_civil")).content.decode()
    assert 'value="ACCAME"' in identification and "disabled" in identification
    walker.walk(journey, until="adresse")
    # The catégorie and specialty the establishment entered are already chosen.
    autres = pupil.get(walker.url("autres")).content.decode()
    assert re.search(r'<option value="SCO"[^>]*selected', autres)
    walker.walk({k: v for k, v in journey.items() if k not in ("etat_civil", "adresse")})
    response = walker.post("recapitulatif")
    assert response.status_code == 302, errors_of(response)
    dossier.refresh_from_db()
    assert dossier.state == DossierState.PRE_INSCRIT  # « Inscrit » in the candidate space
    assert dossier.current_version == 1
    snapshot = dossier.versions.get(version=1).snapshot
    assert "a_completer" not in snapshot and snapshot["identite"]["birth_name"] == "ACCAME"
    cards = pupil.get(reverse("account_candidatures")).content.decode()
    assert "Inscrit" in cards and "À compléter" not in cards
    # Printing again does not replace the password the pupil chose.
    (slip,) = slips_text(client.post(url("pupil_slips", cyclades.pk), {"dossier": dossier.pk}))
    assert "celui que vous avez choisi" in slip
    assert CandidateAccount.objects.get().user.check_password(new)


def test_pupils_accounts_are_never_purged_and_others_reach_none_of_it(demo, cyclades):
    client = Client()
    logged_in(client)
    upload(client, cyclades, class_file(2))
    later = timezone.now() + datetime.timedelta(days=5)
    assert unactivated_accounts_purge(now=later) == 0  # no email to activate: made by the lycée
    assert CandidateAccount.objects.count() == 2
    dossier = Dossier.objects.filter(session=cyclades).first()

    # Another establishment of the académie preparing the CAP: not its pupils nor slips.
    gallieni = Etablissement.objects.get(code="0310044E")
    gallieni.exams.add(cyclades.exam)
    other = Client()
    logged_in(other, code="0310044E")
    page = other.get(f"{url('pupils')}?session={cyclades.pk}").content.decode()
    assert dossier.birth_name not in page
    response = other.post(url("pupil_slips", cyclades.pk), {"dossier": dossier.pk})
    assert response.status_code == 404
    response = other.post(url("pupil_slips", cyclades.pk), {"classe": "DIV1"})
    assert response.status_code == 404
    # An establishment of another académie: the session itself is not its own.
    rennes = Client()
    logged_in(rennes, code="0350030K")
    assert rennes.get(f"{url('pupils')}?session={cyclades.pk}").status_code == 404
    assert rennes.post(url("pupil_add", cyclades.pk), {}).status_code == 404
    assert upload(rennes, cyclades, class_file(1)).status_code == 404
    assert Dossier.objects.filter(session=cyclades).count() == 2


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00binary\xff\xfe", "La ligne d'en-tête ne contient pas"),
        (HEADER.encode(), "Le fichier ne contient aucun élève."),
        (HEADER.encode() + b"M;X\x00Y;Tom;01/01/2009;31;Toulouse;;DIV1;24209;\n", "contrôle"),
        (
            (HEADER + "M;<script>;Tom;01/01/2009;31;Toulouse;;" + "D" * 40 + ";24209;\n").encode(),
            "classe",
        ),
    ],
)
def test_hostile_files_are_refused_in_french(demo, cyclades, content, expected):
    client = Client()
    logged_in(client)
    response = upload(client, cyclades, content)
    assert response.status_code == 422
    assert expected in html.unescape(response.content.decode())
    assert "<script>" not in response.content.decode()
    assert not Dossier.objects.filter(session=cyclades).exists()
