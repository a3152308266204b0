"""G7/G10 rules as the candidate meets them on the screens."""

import copy

from inscrinet.models import Dossier, Session
from tests.candidates.journey import (
    ACCRALL,
    Walker,
    as_pupil,
    errors_of,
    school_walker,
    without_acquis,
)


def test_aepe_asks_situation_professionnelle_on_the_next_screen(client, toulouse):
    walker = Walker(client, toulouse)
    walker.walk(ACCRALL, until="resultats")
    aepe = {
        "specialty": "Accompagnant éducatif petite enfance",
        "forme": "globale",
        "derogation": "non",
    }
    response = walker.post("specialite", aepe)
    assert response["Location"] == walker.url("precisions")
    html = client.get(walker.url("precisions")).content.decode()
    assert "Précisions sur votre candidature" in html
    assert "Situation professionnelle" in html
    assert "Forme finale" not in html  # no dérogation asked
    assert "(Optionnel)" not in html and "facultatif" not in html
    response = walker.post("precisions", {})
    assert any("obligatoire pour la spécialité choisie" in e for e in errors_of(response))
    response = walker.post("precisions", {"extra_situation_professionnelle": "Autre cas"})
    assert response["Location"] == walker.url("diplomes")
    assert walker.post("diplomes", {}).status_code == 302
    eps = {"eps_EG3": "Demi-fond (3x500m) + Badminton simple"}
    assert walker.post("epreuves", eps).status_code == 302
    recap = client.get(walker.url("recapitulatif")).content.decode()
    assert "Situation professionnelle" in recap and "Autre cas" in recap


def test_a_specialty_without_questions_asks_neither_on_any_screen(client, toulouse):
    """Small defect 8: « Situation professionnelle » and « Forme finale » were shown to
    every specialty as optional."""
    walker = Walker(client, toulouse)
    walker.walk(ACCRALL, until="resultats")
    html = client.get(walker.url("specialite")).content.decode()
    assert "Situation professionnelle" not in html
    assert "Forme finale" not in html
    response = walker.post("specialite", ACCRALL["specialite"])
    assert response["Location"] == walker.url("diplomes")
    reached_by_its_url = client.get(walker.url("precisions"), follow=True)
    assert "Précisions sur votre candidature" not in reached_by_its_url.content.decode()


def test_derogation_asks_the_forme_finale_on_the_next_screen(client, toulouse):
    walker = Walker(client, toulouse)
    walker.walk(ACCRALL, until="resultats")
    response = walker.post("specialite", {**ACCRALL["specialite"], "derogation": "oui"})
    assert response["Location"] == walker.url("precisions")
    html = client.get(walker.url("precisions")).content.decode()
    assert "Forme finale demandée par dérogation" in html
    assert "Situation professionnelle" not in html
    response = walker.post("precisions", {})
    assert any("forme finale" in e for e in errors_of(response))
    response = walker.post("precisions", {"forme_finale": "progressive"})
    assert response["Location"] == walker.url("diplomes")
    walker.walk({k: v for k, v in ACCRALL.items() if k in ("diplomes", "acquis", "bilan")})
    walker.post("epreuves", ACCRALL["epreuves"])
    recap = client.get(walker.url("recapitulatif")).content.decode()
    assert "<dt>Forme finale</dt><dd>Progressive</dd>" in recap


def test_forme_progressive_only_for_catégories_that_allow_it(client, toulouse):
    walker = school_walker(client, toulouse, "0310038Y")
    walker.walk(as_pupil(ACCRALL, ("CAP", "SCO")), until="resultats")
    html = client.get(walker.url("specialite")).content.decode()
    assert 'name="specialite-forme" value="globale"' in html
    assert 'name="specialite-forme" value="progressive"' not in html
    response = walker.post("specialite", {**ACCRALL["specialite"], "forme": "progressive"})
    assert response.status_code == 200


def test_section_europeenne_asked_for_bcp_pupils_of_an_establishment_that_said_oui(client, demo):
    bcp = Session.objects.get(exam__code="BCP")
    walker = school_walker(client, bcp, "0310044E")  # LYC PRO GALLIENI: OUI
    walker.walk(as_pupil(ACCRALL, ("BCP", "SCO")), until="resultats")
    assert "section européenne" in client.get(walker.url("specialite")).content.decode()
    specialite = {
        "specialty": "Métiers du commerce et de la vente",
        "forme": "globale",
        "derogation": "non",
    }
    response = walker.post("specialite", specialite)
    assert any("section européenne" in e for e in errors_of(response))
    assert walker.post("specialite", {**specialite, "section_europeenne": "oui"}).status_code == 302


def test_no_section_europeenne_for_an_establishment_that_said_non(client, demo):
    bcp = Session.objects.get(exam__code="BCP")
    walker = school_walker(client, bcp, "0310038Y")  # LYC BELLEVUE: not answered
    walker.walk(as_pupil(ACCRALL, ("BCP", "SCO")), until="resultats")
    assert "section européenne" not in client.get(walker.url("specialite")).content.decode()


def test_handicap_yes_tells_to_contact_the_exam_service(client, toulouse):
    walker = Walker(client, toulouse)
    journey = copy.deepcopy(ACCRALL)
    journey["autres"]["handicap"] = "oui"
    walker.walk(journey, until="epreuves")
    html = client.get(walker.url("recapitulatif")).content.decode()
    assert "Vous avez déclaré un handicap : contactez le service des examens" in html
    assert "dec@ac-toulouse.fr" in html


def test_locked_session_shows_a_temporarily_unavailable_page(client, toulouse):
    Session.objects.filter(pk=toulouse.pk).update(locked=True)
    response = client.get(Walker(client, toulouse).url("origine"))
    assert "Service momentanément indisponible" in response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "300"


def test_g1_offers_only_open_sessions(client, demo):
    import datetime

    from django.utils import timezone

    Session.objects.filter(exam__code="BTS").update(
        public_closes_at=timezone.now() - datetime.timedelta(hours=1)
    )
    html = client.get("/inscription/").content.decode()
    assert "Brevet de technicien supérieur" not in html
    assert "Certificat d&#x27;aptitude professionnelle" in html
    academies = client.get("/inscription/?examen=CAP").content.decode()
    assert all(f"Académie de {a}" in academies for a in ("Limoges", "Toulouse", "Rennes"))


def test_commune_suggestions_within_the_departement(client, demo):
    found = client.get("/communes/", {"departement": "014", "q": "may-sur"}).json()["communes"]
    assert "May-sur-Orne" in found
    assert client.get("/communes/", {"departement": "031", "q": "may-sur"}).json()["communes"] == []
    assert client.get("/communes/", {"departement": "075", "q": "paris 15"}).json()["communes"] == [
        "Paris 15e Arrondissement"
    ]
    assert client.get("/communes/", {"departement": "<x>", "q": "%"}).json()["communes"] == []


def test_a_locked_session_says_so_on_its_pages_before_anything_is_typed(client, toulouse):
    """Small defect 6: the session home said « Les inscriptions sont ouvertes »."""
    from django.urls import reverse

    Session.objects.filter(pk=toulouse.pk).update(locked=True)
    home = client.get(reverse("candidates:session_home", args=[toulouse.pk])).content.decode()
    assert "Service momentanément indisponible" in home
    assert "Les inscriptions sont ouvertes" not in home and "Vous inscrire" not in home
    for name in ("consult", "lost_number"):
        page = client.get(reverse(f"candidates:{name}", args=[toulouse.pk])).content.decode()
        assert "Service momentanément indisponible" in page, name
    Session.objects.filter(pk=toulouse.pk).update(locked=False)
    home = client.get(reverse("candidates:session_home", args=[toulouse.pk])).content.decode()
    assert "Vous inscrire" in home and "momentanément indisponible" not in home


def test_birth_commune_and_country_carry_no_optional_marker(client, toulouse):
    """Small defect 2: « Commune de naissance (Optionnel) » is required for a birth in
    France; the help text says when each is needed."""
    walker = Walker(client, toulouse)
    walker.post("origine", {})
    html = client.get(walker.url("etat_civil")).content.decode()
    for label in ("Commune de naissance", "Pays de naissance"):
        start = html.index(label)
        assert "facultatif" not in html[start : start + 120].lower(), label
        assert "optionnel" not in html[start : start + 120].lower(), label
    assert "obligatoire si vous êtes né(e) en France" in html
    assert "obligatoire si vous êtes né(e) à l'étranger" in html


def test_the_error_summary_follows_the_order_of_the_fields(client, toulouse):
    """Small defect 4: the summary listed cross-field errors before the fields above them."""
    walker = Walker(client, toulouse)
    walker.post("origine", {})
    # The commune is checked across fields (clean()), after the nationality field itself.
    born = {**ACCRALL["etat_civil"], "birth_name": "", "birth_commune": "", "nationality": ""}
    labels = [e.split(" : ")[0] for e in errors_of(walker.post("etat_civil", born))]
    screen_order = ["Nom de famille", "Commune de naissance", "Nationalité"]
    assert [label for label in labels if label in screen_order] == screen_order


def test_grand_public_offers_no_school_catégorie(client, toulouse):
    """Small defect 7: SCOLAIRE / APPRENTI with a real establishment, without its password.
    Pupils and apprentices register through their establishment (E2, seed 004)."""
    walker = Walker(client, toulouse)
    walker.walk(ACCRALL, until="adresse")
    html = client.get(walker.url("autres")).content.decode()
    assert ">SCOLAIRE<" not in html and ">APPRENTI<" not in html
    assert "EX. SCOLAIRE" in html and "INDIVIDUEL" in html  # former pupils register alone
    response = walker.post("autres", {**ACCRALL["autres"], "categorie": ("CAP", "SCO")})
    assert response.status_code == 200  # not one of the choices
    school = school_walker(type(client)(), toulouse, "0310038Y")
    school.walk(as_pupil(ACCRALL, ("CAP", "SCO")), until="adresse")
    html = school.client.get(school.url("autres")).content.decode()
    assert ">SCOLAIRE<" in html and "INDIVIDUEL" not in html


def progressive_without_acquis(client, toulouse):
    """ACCRALL in forme progressive with no diploma: EG3 (EPS) and EG4 are choosable."""
    walker = Walker(client, toulouse)
    journey = without_acquis(copy.deepcopy(ACCRALL), {})
    journey["specialite"]["forme"] = "progressive"
    walker.walk(journey, until="diplomes")
    return walker


def test_in_forme_progressive_the_eps_pair_is_asked_only_once_eg3_is_chosen(client, toulouse):
    """Small defect 9: an EPS pair was demanded before EG3 was chosen."""
    walker = progressive_without_acquis(client, toulouse)
    page = client.get(walker.url("epreuves")).content.decode()
    assert 'name="epreuves-position_EG3"' in page
    assert "couple d'activités" not in page and "— option" not in page
    positions = {f"position_{e}": "Non inscrit" for e in ("EP1", "EP2", "EG1", "EG2", "EG4", "EG5")}
    response = walker.post("epreuves", {**positions, "position_EG3": "Inscrit"})
    assert response["Location"] == walker.url("epreuves_suite")
    page = client.get(walker.url("epreuves_suite")).content.decode()
    assert "Options et activités des épreuves choisies" in page
    assert "EG3 : Education physique et sportive — couple d&#x27;activités" in page
    assert "EG4" not in page  # not chosen: no option to choose
    response = walker.post("epreuves_suite", {})
    assert errors_of(response) == [
        "EG3 : Education physique et sportive — couple d'activités : "
        "Choisissez deux activités d'EPS."
    ]
    pair = "Demi-fond (3x500m) + Badminton simple"
    response = walker.post("epreuves_suite", {"eps_EG3": pair})
    assert response["Location"] == walker.url("recapitulatif")
    assert walker.post("recapitulatif").status_code == 302
    table = {e["code"]: e for e in Dossier.objects.get().versions.get().snapshot["epreuves"]}
    assert table["EG3"]["label"] == f"Education physique et sportive - {pair}"
    assert table["EG3"]["position"] == "Inscrit"
    assert table["EG4"]["position"] == "Non inscrit"


def test_in_forme_progressive_eps_not_chosen_asks_nothing_more(client, toulouse):
    walker = progressive_without_acquis(client, toulouse)
    positions = {f"position_{e}": "Non inscrit" for e in ("EP2", "EG1", "EG2", "EG3", "EG4", "EG5")}
    response = walker.post("epreuves", {**positions, "position_EP1": "Inscrit"})
    assert response["Location"] == walker.url("recapitulatif")
    # Back on the épreuves screen, EG4 chosen: its option is asked next.
    response = walker.post(
        "epreuves", {**positions, "position_EP1": "Inscrit", "position_EG4": "Inscrit"}
    )
    assert response["Location"] == walker.url("epreuves_suite")
    page = client.get(walker.url("epreuves_suite")).content.decode()
    assert "EG4 : Langue Vivante Etrangère — option" in page and "EG3" not in page
