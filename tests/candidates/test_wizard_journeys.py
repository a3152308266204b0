"""G1–G17 through the test client: the seeds' journeys end on « N - 0 » with the épreuve
table the notices show."""

import copy
import html as htmllib
import re

import pytest

from inscrinet.declarations import acquis_field
from inscrinet.models import DiplomaEpreuve, Dossier, Session
from tests.candidates.journey import (
    ACCRALL,
    ACCRALL_BILAN,
    ACCRALL_EPREUVES,
    Walker,
    acquis_page,
    as_pupil,
    errors_of,
    school_walker,
)


def text_of(response):
    page = htmllib.unescape(response.content.decode())
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def table_rows(response, table_id):
    page = response.content.decode()
    table = re.search(rf'<table id="{table_id}"[^>]*>(.*?)</table>', page, re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    return [
        tuple(
            htmllib.unescape(re.sub(r"\s+", " ", c).strip())
            for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)
        )
        for r in rows
    ]


def test_accrall_dack_to_the_number(client, toulouse):
    """Seed 004, SPEC « Worked examples »: the épreuve table line for line."""
    walker = Walker(client, toulouse)
    walker.walk(ACCRALL, until="specialite")
    diplomes = text_of(client.get(walker.url("diplomes")))
    assert (
        "CERTIFICAT D'APTITUDE PROFESSIONNELLE Titulaire d'un autre CAP (500 - 99999)" in diplomes
    )
    assert "BACCALAURÉAT PROFESSIONNEL Toute spécialité (400 - 99999)" in diplomes
    assert "Si vous ne trouvez pas vos acquis dans les choix proposés" in diplomes
    walker.walk({"diplomes": ACCRALL["diplomes"]}, until="diplomes")
    acquis = text_of(client.get(walker.url("acquis")))
    assert "Diplôme : CERTIFICAT D'APTITUDE PROFESSIONNELLE Titulaire d'un autre CAP" in acquis
    assert "EG4 -- Prévention, santé, environnement" in acquis
    # The source's EG4 dispenses the specialty's EG5 (numbered differently on each side).
    assert (
        "Voici les épreuves dont vous pouvez bénéficier : "
        "EG5 Prévention, santé, environnement DISPENSE" in acquis
    )
    walker.walk({"acquis": ACCRALL["acquis"]}, until="acquis")
    bilan = client.get(walker.url("bilan"))
    assert table_rows(bilan, "bilan-acquis") == ACCRALL_BILAN
    walker.walk({"bilan": {}}, until="bilan")
    epreuves = client.get(walker.url("epreuves")).content.decode()
    # Forme globale, EPS dispensed: only the two options are asked.
    assert re.findall(r'name="epreuves-(\w+)"', epreuves) == ["option_EP2A", "option_EG4"]
    walker.walk({"epreuves": ACCRALL["epreuves"]}, until="epreuves")
    recap = client.get(walker.url("recapitulatif"))
    for expected in ("ACCRALL", "Dack", "28/11/2004", "May-sur-Orne", "INDIV TOULOUSE (03100003)"):
        assert expected in text_of(recap), expected
    assert "EP2A - Mise en oeuvre - Broderie machine guidée main Inscrit Ponctuel" in text_of(recap)
    response = walker.post("recapitulatif")
    page = text_of(client.get(response["Location"]))
    assert "Votre numéro de dossier est le suivant : 1 - 0" in page
    assert "1 - 0" in text_of(client.get(response["Location"]))  # reload: same number
    dossier = Dossier.objects.get()
    snapshot = dossier.versions.get().snapshot
    assert snapshot["schema"] == 3 == dossier.versions.get().schema
    assert [(e["code"], e["label"], e["position"], e["mode"]) for e in snapshot["epreuves"]] == (
        ACCRALL_EPREUVES
    )
    assert {(a["source"], a["year"], a["place"]) for a in snapshot["acquis"]} == {
        (code, 2020, "TOULOUSE") for code in ("EG1", "EG2", "EG3", "EG4")
    }
    assert dossier.transitions.get().to_state == "pre_inscrit"


@pytest.fixture
def rennes(demo):
    return Session.objects.get(exam__code="CAP", academie__name="Rennes")


def redoublant_identity(birth_name, first_names, birth_date):
    return {
        **ACCRALL["etat_civil"],
        "birth_name": birth_name,
        "first_names": first_names,
        "birth_date": birth_date,
        "birth_departement": "035",
        "birth_commune": "Rennes",
    }


def rennes_adresse(email):
    return {
        **ACCRALL["adresse"],
        "line1": "4 rue de Saint-Malo",
        "postal_code": "35000",
        "city": "RENNES",
        "email": email,
        "email_confirmation": email,
    }


def test_seed_000_cap_boulanger_redoublant(client, rennes):
    walker = Walker(client, rennes)
    walker.walk(
        {
            "origine": {"redoublant_number": "R1400175", "birth_date": "12/03/1993"},
            "etat_civil": redoublant_identity("LE GALL", "Erwan, Yann", "12/03/1993"),
            "adresse": rennes_adresse("erwan.legall@example.org"),
            "autres": {"categorie": ("CAP", "AI"), "handicap": "non", "amenagement": "non"},
            "etablissement": {"etablissement": "03500001"},
            "resultats": ACCRALL["resultats"],
            "specialite": {"specialty": "Boulanger", "forme": "globale", "derogation": "non"},
        },
        until="specialite",
    )
    diplomes = client.get(walker.url("diplomes")).content.decode()
    labels = re.findall(
        r'<label for="id_diplomes-diplomas_\d+"><input[^>]*>\s*(.*?)</label>',
        diplomes,
        re.S,
    )
    assert [htmllib.unescape(label) for label in labels] == [
        "BAC,BP,BT,ACCES ETUDES UNIVERSITE.. - TOUTE SPECIALITE (49Z - 90000)",
        "CAP EDUCATION NATIONALE - ACQUIS PROF. (VAP/VAE) (500 - 90000)",
        "CAP EDUCATION NATIONALE - BOULANGER A PARTIR DE 2005 (500 - 22132)",
    ]
    # Pre-ticked for the redoublant: the same CAP presented before.
    assert re.search(r'value="500 - 22132"[^>]*checked', diplomes)
    assert not re.search(r'value="49Z - 90000"[^>]*checked', diplomes)
    walker.walk({"diplomes": {"diplomas": ["500 - 22132"]}}, until="diplomes")
    acquis = client.get(walker.url("acquis"))
    eg1 = DiplomaEpreuve.objects.get(diploma__code="500 - 22132", code="EG1")
    form = acquis.content.decode()
    assert re.search(rf'name="acquis-{acquis_field(eg1, "keep")}"[^>]*checked', form)
    assert f'name="acquis-{acquis_field(eg1, "year")}" value="2011"' in form
    assert f'name="acquis-{acquis_field(eg1, "place")}" value="RENNES"' in form
    assert f'name="acquis-{acquis_field(eg1, "grade")}" value="13.00"' in form
    legends = re.findall(r"<legend[^>]*>(.*?)</legend>", form)
    assert [htmllib.unescape(x) for x in legends] == [
        "EFL -- EPREUVE FACULTATIVE",
        "EG1 -- FRANCAIS,HISTOIRE-GEO&EDUC.CIV",
        "EG2 -- MATH&SCIENCES PHYS. ET CHIMIQ.",
        "EG3 -- EDUCATION PHYSIQUE ET SPORTIVE",
        "EP1 -- PREPARATION D'UNE PRODUCTION",
        "EP2 -- PRODUCTION",
    ]
    page = {
        "diploma": "500 - 22132",
        "EG1": {"keep": "on", "year": "2011", "place": "RENNES", "grade": "13"},
    }
    walker.walk({"acquis": [page]}, until="acquis")
    bilan = client.get(walker.url("bilan"))
    assert table_rows(bilan, "bilan-acquis") == [
        ("EG1 FRANCAIS,HISTOIRE-GEO&EDUC.CIV", "BENEFICE", "13.00")
    ]
    assert "Vous n'aurez pas à subir ces épreuves pour cette session." in text_of(bilan)
    walker.walk({"bilan": {}, "epreuves": {"position_EFL": "Non inscrit"}, "recapitulatif": {}})
    snapshot = Dossier.objects.get().versions.get().snapshot
    assert snapshot["bilan"] == [
        {
            "code": "EG1",
            "label": "FRANCAIS,HISTOIRE-GEO&EDUC.CIV",
            "position": "BENEFICE",
            "note": "13.00",
            "resolution": "",
        }
    ]
    table = {e["code"]: (e["position"], e["note"]) for e in snapshot["epreuves"]}
    assert table["EG1"] == ("Bénéfice", "13.00") and table["EFL"] == ("Non inscrit", "")
    assert table["EP1"] == ("Inscrit", "")


def bts_walker(client, *, forme="globale"):
    bts = Session.objects.get(exam__code="BTS")
    walker = Walker(client, bts)
    walker.walk(
        {
            "origine": {"redoublant_number": "R1400210", "birth_date": "05/06/1990"},
            "etat_civil": {
                **redoublant_identity("QUEMENER", "Anne", "05/06/1990"),
                "civilite": "Mme",
            },
            "adresse": {**rennes_adresse("anne.quemener@example.org"), "mobile_phone": ""},
            "autres": {"categorie": ("BTS", "AI"), "handicap": "non", "amenagement": "non"},
            "etablissement": {"etablissement": "03500001"},
            "resultats": ACCRALL["resultats"],
            "specialite": {
                "specialty": "Agencement de l'environnement architectural",
                "forme": forme,
                "derogation": "non",
            },
            "diplomes": {"diplomas": ["320 - 22402"]},
        },
        until="diplomes",
    )
    return walker


def bts_page(**changes):
    page = {
        "diploma": "320 - 22402",
        "E1-": {"keep": "on", "year": "2010", "place": "RENNES", "grade": "12"},
        "E2-": {"keep": "on", "year": "2010", "place": "RENNES", "grade": "15"},
    }
    page.update(changes)
    return page


def test_seed_002_bts_keeps_e1_12_and_e2_15(client, demo):
    walker = bts_walker(client)
    form = client.get(walker.url("acquis")).content.decode()
    e1 = DiplomaEpreuve.objects.get(diploma__code="320 - 22402", code="E1-")
    assert re.search(rf'name="acquis-{acquis_field(e1, "keep")}"[^>]*checked', form)  # pre-ticked
    assert f'name="acquis-{acquis_field(e1, "grade")}" value="12.00"' in form
    assert "Seul un candidat se présentant sous la forme progressive peut conserver" in form
    assert "E1- CULTURE GENERALE ET EXPRESSION BENEFICE" in text_of(
        client.get(walker.url("acquis"))
    )
    walker.walk({"acquis": [bts_page()]}, until="acquis")
    assert table_rows(client.get(walker.url("bilan")), "bilan-acquis") == [
        ("E1- CULTURE GENERALE ET EXPRESSION", "BENEFICE", "12.00"),
        ("E2- LANGUE VIVANTE ETRANGERE", "BENEFICE", "15.00"),
    ]
    walker.walk({"bilan": {}, "epreuves": {"position_EF1": "Non inscrit"}, "recapitulatif": {}})
    table = {
        e["code"]: (e["position"], e["note"])
        for e in Dossier.objects.get().versions.get().snapshot["epreuves"]
    }
    assert table["E1-"] == ("Bénéfice", "12.00") and table["E2-"] == ("Bénéfice", "15.00")
    assert table["E3-"] == table["E3-A"] == ("Inscrit", "")


def test_seed_002_unticking_the_keep_box_drops_the_acquis(client, demo):
    walker = bts_walker(client)
    unticked = bts_page(**{"E2-": {"year": "2010", "place": "RENNES", "grade": "15"}})
    walker.walk({"acquis": [unticked]}, until="acquis")
    assert table_rows(client.get(walker.url("bilan")), "bilan-acquis") == [
        ("E1- CULTURE GENERALE ET EXPRESSION", "BENEFICE", "12.00")
    ]


def test_a_bts_grade_under_10_needs_forme_progressive(client, demo):
    walker = bts_walker(client)
    low = bts_page(**{"E1-": {"keep": "on", "year": "2010", "place": "RENNES", "grade": "8"}})
    response = walker.post("acquis", acquis_page(low))
    assert response.status_code == 200
    assert errors_of(response) == [
        "E1- FRANCAIS — Note obtenue : Une note inférieure à 10 ne peut être conservée qu'en "
        "forme progressive : décochez cet acquis pour repasser l'épreuve."
    ]
    progressive = bts_walker(client, forme="progressive")
    assert progressive.post("acquis", acquis_page(low)).status_code == 302


def test_a_grade_with_three_decimals_is_refused_not_cut(client, demo):
    """Small defect 3: « 12.345 » was cut to « 12.34 » by the field's maxlength."""
    walker = bts_walker(client)
    form = client.get(walker.url("acquis")).content.decode()
    assert 'maxlength="5"' not in form
    typed = bts_page(
        **{"E1-": {"keep": "on", "year": "2010", "place": "RENNES", "grade": "12.345"}}
    )
    response = walker.post("acquis", acquis_page(typed))
    assert response.status_code == 200
    assert errors_of(response) == [
        "E1- FRANCAIS — Note obtenue : Saisissez la note sur 20 avec au plus deux décimales "
        "(exemple : 10.00)."
    ]


def test_acquis_errors_stay_on_the_diploma_screen(client, toulouse):
    walker = Walker(client, toulouse)
    walker.walk(ACCRALL, until="diplomes")
    bad = {
        "diploma": "500 - 99999",
        "EG1": {"keep": "on", "year": "2099", "place": "TOULOUSE"},
        "EG2": {"keep": "on", "year": "20", "place": "TOULOUSE"},
        "EG3": {"keep": "on", "year": "2020", "place": ""},  # CAP: place required
        "EG4": {"year": "", "place": ""},  # not kept: nothing asked
    }
    response = walker.post("acquis", acquis_page(bad))
    assert response.status_code == 200
    assert errors_of(response) == [
        "EG1 -- Français, histoire-géographie, enseignement moral et civique — Année "
        "d'obtention : L'année d'obtention ne peut pas être dans le futur.",
        "EG2 -- Mathématiques et sciences — Année d'obtention : Saisissez l'année d'obtention "
        "sur 4 chiffres (exemple : 2011).",
        "EG3 -- Education physique et sportive — Lieu d'obtention (académie) : Indiquez le lieu "
        "(l'académie) où vous avez obtenu cet acquis.",
    ]
    # What was typed is still there.
    assert 'value="2099"' in response.content.decode()
    assert Dossier.objects.count() == 0


def test_two_diplomas_page_by_page_with_retour_and_the_more_favourable_said(client, toulouse):
    walker = Walker(client, toulouse)
    walker.walk(ACCRALL, until="specialite")
    walker.walk({"diplomes": {"diplomas": ["500 - 99999", "400 - 99999"]}}, until="diplomes")
    first = text_of(client.get(walker.url("acquis")))
    assert "Titulaire d'un autre CAP (1 sur 2)" in first
    walker.walk({"acquis": ACCRALL["acquis"]}, until="acquis")  # page 1 → page 2
    second = client.get(walker.url("acquis"))
    assert "BACCALAURÉAT PROFESSIONNEL Toute spécialité (2 sur 2)" in text_of(second)
    bac_eg1 = DiplomaEpreuve.objects.get(diploma__code="400 - 99999", code="EG1")
    typed = {"diploma": "400 - 99999", "EG1": {"keep": "on", "year": "2019", "place": "RENNES"}}
    # Retour on page 2 goes back to page 1, keeping what was typed on both.
    back = walker.post("acquis", acquis_page(typed), wizard_goto_step="diplomes")
    assert back["Location"] == walker.url("acquis")
    assert "(1 sur 2)" in text_of(client.get(walker.url("acquis")))
    walker.walk({"acquis": ACCRALL["acquis"]}, until="acquis")
    again = client.get(walker.url("acquis")).content.decode()
    assert f'name="acquis-{acquis_field(bac_eg1, "year")}" value="2019"' in again
    walker.walk({"acquis": [typed]}, until="acquis")
    bilan = client.get(walker.url("bilan"))
    eg1 = table_rows(bilan, "bilan-acquis")[0]
    assert eg1 == (
        "EG1 Français, histoire-géographie, enseignement moral et civique",
        "DISPENSE",
        "",
    )
    assert (
        # Equal acquis: the first in the list is retained, and the bilan names the other.
        "EG1 : Acquis retenu : BACCALAURÉAT PROFESSIONNEL Toute spécialité (également obtenu "
        "par : DISPENSE (CERTIFICAT D'APTITUDE PROFESSIONNELLE Titulaire d'un autre CAP))."
        in text_of(bilan)
    )
    # Retour from the bilan reopens the last diploma's screen.
    assert walker.post("bilan", wizard_goto_step="acquis")["Location"] == walker.url("acquis")
    assert "(2 sur 2)" in text_of(client.get(walker.url("acquis")))


def test_no_diploma_ticked_skips_acquis_and_bilan(client, toulouse):
    walker = Walker(client, toulouse)
    walker.walk(ACCRALL, until="specialite")
    response = walker.post("diplomes", {})
    assert response["Location"] == walker.url("epreuves")
    page = client.get(walker.url("epreuves")).content.decode()
    # Nothing covered: EPS (individual, Ponctuel, Toulouse pairs) and both options.
    assert re.findall(r'name="epreuves-(\w+)"', page) == ["option_EP2A", "option_EG4", "eps_EG3"]
    assert "Dispensé(e) d&#x27;EPS" in page


def test_epreuves_errors_and_eps_pair(client, toulouse):
    walker = Walker(client, toulouse)
    walker.walk(ACCRALL, until="specialite")
    walker.post("diplomes", {})
    response = walker.post("epreuves", {"eps_EG3": "Sauvetage + Tennis de table"})
    errors = errors_of(response)
    assert (
        "EG3 : Education physique et sportive — couple d'activités : "
        "Choisissez un couple d'activités de la liste." in errors
    )
    assert any(e.startswith("EP2A : Mise en oeuvre — option :") for e in errors)
    ok = {**ACCRALL["epreuves"], "eps_EG3": "Gymnastique au sol + Tennis de table"}
    assert walker.post("epreuves", ok).status_code == 302
    walker.post("recapitulatif")
    table = {e["code"]: e for e in Dossier.objects.get().versions.get().snapshot["epreuves"]}
    assert (
        table["EG3"]["label"]
        == "Education physique et sportive - Gymnastique au sol + Tennis de table"
    )


def test_a_pupil_cannot_choose_eps_dispense(client, toulouse):
    walker = school_walker(client, toulouse, "0310038Y")
    walker.walk(as_pupil(ACCRALL, ("CAP", "SCO")), until="specialite")
    walker.post("diplomes", {})
    page = client.get(walker.url("epreuves")).content.decode()
    # LYC BELLEVUE is CCF-habilitated: its pupils do not choose EPS activities here.
    assert "eps_EG3" not in page
    response = walker.post("epreuves", {**ACCRALL["epreuves"], "eps_EG3": "dispense"})
    assert response.status_code == 302  # the tampered field is not a question: ignored
    walker.post("recapitulatif")
    table = {e["code"]: e for e in Dossier.objects.get().versions.get().snapshot["epreuves"]}
    assert table["EG3"]["position"] == "Inscrit" and table["EG3"]["mode"] == "CCF"


def test_forme_progressive_chooses_the_epreuves_of_the_session(client, toulouse):
    walker = Walker(client, toulouse)
    journey = copy.deepcopy(ACCRALL)
    journey["specialite"]["forme"] = "progressive"
    walker.walk(journey, until="bilan")
    page = client.get(walker.url("epreuves")).content.decode()
    assert re.findall(r'name="epreuves-(position_\w+)"', page) == [
        "position_EP1",
        "position_EP2",
        "position_EG4",
    ]
    none = {f"position_{c}": "Non inscrit" for c in ("EP1", "EP2", "EG4")}
    response = walker.post("epreuves", none)
    assert "En forme progressive, choisissez au moins une épreuve" in errors_of(response)[0]
    some = {**none, "position_EP1": "Inscrit"}
    assert walker.post("epreuves", some).status_code == 302
    walker.post("recapitulatif")
    table = {
        e["code"]: e["position"] for e in Dossier.objects.get().versions.get().snapshot["epreuves"]
    }
    assert (
        table["EP1"] == "Inscrit"
        and table["EP2A"] == "Non inscrit"
        and table["EG4B"] == "Non inscrit"
    )


def test_validation_rechecks_the_acquis_against_the_exam_rules(client, toulouse):
    """The DEC changes the CAP's rule while a candidate is on the récapitulatif: the
    validation re-derives everything and refuses, sending the candidate to the screen."""
    walker = Walker(client, toulouse)
    boulanger = {
        "diplomes": {"diplomas": ["500 - 22132"]},
        "acquis": [
            {
                "diploma": "500 - 22132",
                "EG1": {"keep": "on", "year": "2011", "place": "RENNES", "grade": "8"},
            }
        ],
    }
    journey = {**copy.deepcopy(ACCRALL), **boulanger}
    journey["specialite"]["specialty"] = "Boulanger"
    journey["epreuves"] = {"position_EFL": "Non inscrit", "eps_EG3": "dispense"}
    walker.walk(journey, until="epreuves")
    toulouse.exam.grade_under_10 = "progressive"
    toulouse.exam.save()
    response = walker.post("recapitulatif")
    assert not Dossier.objects.exists()
    assert response["Location"] == walker.url("acquis")


def test_session_data_stays_small_for_the_largest_journey(client, toulouse):
    """Every diploma of the specialty ticked and every source kept: the wizard's state in
    the session stays under 16 KB."""
    walker = Walker(client, toulouse)
    walker.walk(ACCRALL, until="specialite")
    diplomas = ["500 - 99999", "400 - 99999", "501 - 99999", "4XX - 99999", "VAE - CAP"]
    walker.walk({"diplomes": {"diplomas": diplomas}}, until="diplomes")
    for code in diplomas:
        sources = DiplomaEpreuve.objects.filter(diploma__code=code)
        page = {"diploma": code} | {
            s.code: {"keep": "on", "year": "2020", "place": "TOULOUSE"} for s in sources
        }
        assert walker.post("acquis", acquis_page(page)).status_code == 302
    walker.walk({"bilan": {}, "epreuves": {"option_EG4": "Allemand"}}, until="epreuves")
    assert "Récapitulatif" in text_of(client.get(walker.url("recapitulatif")))
    import json

    # Measured uncompressed (the database row holds it compressed).
    state = client.session[f"wizard_{walker.prefix}"]
    size = len(json.dumps(state).encode())
    assert size < 16 * 1024, size
    # Every page is there: 12 source épreuves over 5 diplomas, keep + year + place each.
    assert len(state["step_data"]["acquis"]) == 12 * 3
