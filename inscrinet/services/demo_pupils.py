"""Pre-registrations of LYC BELLEVUE for the demo (seed 003's service has something to
show): pupils across three CAP specialties and the Bac pro, both formes (a formation
continue candidate in forme progressive), one cancelled by the establishment, one in section
européenne. Loaded by `load_demo` after the catalogue, through the same validation service
as any registration, each with a fixed submission key: loading again changes nothing."""

from inscrinet import declarations, rules, selectors
from inscrinet.actors import EtablissementAccess, SystemActor, establishment_actor
from inscrinet.models import (
    CandidateAccess,
    Categorie,
    Dossier,
    DossierState,
    Etablissement,
    Service,
    Session,
)
from inscrinet.services.candidature import CandidatureInput, candidature_submit
from inscrinet.services.dossier_states import dossier_move

BELLEVUE = "0310038Y"
ADDRESS = {
    "resides_abroad": "non",
    "line1": "2 rue du Lycée",
    "postal_code": "31400",
    "city": "TOULOUSE",
    "mobile_phone": "0612345678",
}
# name, first names, birth date, exam, specialty code, catégorie, forme, extra answers
PUPILS = [
    ("MARTIN", "Léa", "14/02/2008", "CAP", "24209", "SCO", "globale", {}),
    ("DUBOIS", "Hugo", "03/07/2008", "CAP", "24209", "SCO", "globale", {"cancelled": True}),
    ("NGUYEN", "Minh", "22/11/2007", "CAP", "24209", "APP", "globale", {}),
    ("PETIT", "Jules", "09/09/2008", "CAP", "22132", "SCO", "globale", {}),
    ("GARCIA", "Inès", "30/01/1990", "CAP", "22132", "FC", "progressive", {}),
    (
        "ROUSSEAU",
        "Chloé",
        "17/05/2006",
        "CAP",
        "33204",
        "APP",
        "globale",
        {"extra_situation_professionnelle": "Autre cas"},
    ),
    ("BERNARD", "Yanis", "12/12/2006", "BCP", "MCV", "SCO", "globale", {"section": "oui"}),
    ("LEROY", "Emma", "05/04/2006", "BCP", "MCV", "SCO", "globale", {"section": "non"}),
]


def demo_pupils_load() -> int:
    """Returns how many pre-registrations were created (0 when loaded already)."""
    bellevue = Etablissement.objects.get(code=BELLEVUE)
    created = 0
    for name, first, birth, exam, specialty_code, categorie_code, forme, extra in PUPILS:
        key = f"demo-bellevue-{name.lower()}"
        if Dossier.objects.filter(submission_key=key).exists():
            continue
        session = Session.objects.get(
            exam__code=exam, academie=bellevue.academie, candidate_access=CandidateAccess.NUMERO
        )
        categorie = Categorie.objects.get(exam=session.exam, code=categorie_code)
        specialty = session.exam.specialties.get(code=specialty_code)
        school = categorie.registers_through_establishment
        screens = {
            "origine": {},
            "etat_civil": {
                "civilite": "Mme" if first in ("Léa", "Inès", "Chloé", "Emma") else "M",
                "birth_name": name,
                "usage_name": "",
                "first_names": first,
                "birth_date": birth,
                "birth_departement": "031",
                "birth_commune": "Toulouse",
                "birth_country": "",
                "nationality": "francaise",
            },
            "adresse": {**ADDRESS, "email": f"{name.lower()}@example.org"},
            "autres": {"categorie": categorie, "handicap": "non", "amenagement": "non"},
            "resultats": {"consent_press": "non", "consent_collectivites": "non"},
            "specialite": {
                "specialty": specialty,
                "forme": forme,
                "derogation": "non",
                "section_europeenne": extra.get("section", ""),
            },
            "precisions": {k: v for k, v in extra.items() if k.startswith("extra_")},
            "diplomes": {"diplomas": []},
            "epreuves": _epreuve_answers(session, specialty, categorie, bellevue, forme),
        }
        if not school:
            screens["etablissement"] = {"etablissement": bellevue}
        version = candidature_submit(
            CandidatureInput(
                session=session,
                screens=screens,
                service=Service.ETABLISSEMENT if school else Service.GRAND_PUBLIC,
                etablissement_fixed=bellevue if school else None,
            ),
            submission_key=key,
            actor=SystemActor(name="chargement des données de démonstration"),
        )
        created += 1
        if extra.get("cancelled") and version.dossier.state == DossierState.PRE_INSCRIT:
            dossier_move(
                dossier=version.dossier,
                event="annuler_etablissement",
                actor=establishment_actor(bellevue, access=EtablissementAccess.SUIVI),
            )
    return created


def _epreuve_answers(session, specialty, categorie, etablissement, forme) -> dict:
    """Every épreuve question this candidate is asked, answered: Inscrit, the first option,
    the first EPS pair."""
    catalog = selectors.specialty_catalog(specialty.pk)
    mode = rules.epreuve_mode(
        categorie_kind=categorie.kind, etab_ccf_habilitated=etablissement.ccf_habilitated
    )
    pairs = list(session.eps_pairs.values_list("first_activity", "second_activity"))
    questions = declarations.derive(
        catalog,
        diplomas=[],
        acquis={},
        epreuves={},
        forme=forme,
        mode=mode,
        asks_eps=bool(pairs) and mode == rules.PONCTUEL,
    ).questions
    answers = {}
    for e in questions.choosable:
        answers[f"position_{declarations.epreuve_slug(e.code)}"] = rules.INSCRIT
    for e in questions.with_options:
        answers[f"option_{declarations.epreuve_slug(e.code)}"] = e.options[0]
    for e in questions.eps:
        answers[f"eps_{declarations.epreuve_slug(e.code)}"] = " + ".join(pairs[0])
    return answers
