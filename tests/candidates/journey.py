"""Walk the wizard with Django's test client, screen by screen, as a form post would."""

import html
import re

from inscrinet.declarations import acquis_field
from inscrinet.models import Categorie, DiplomaEpreuve, Etablissement, Session, Specialty

ACCRALL = {  # seed 004
    "origine": {},
    "etat_civil": {
        "civilite": "M",
        "birth_name": "ACCRALL",
        "usage_name": "",
        "first_names": "Dack",
        "birth_date": "28/11/2004",
        "birth_departement": "014",
        "birth_commune": "MAY-SUR-ORNE",
        "birth_country": "",
        "nationality": "francaise",
    },
    "adresse": {
        "resides_abroad": "non",
        "line1": "15 voie verte",
        "postal_code": "31000",
        "city": "TOULOUSE",
        "mobile_phone": "0606060606",
        "email": "accrall@ac-rennes.fr",
        "email_confirmation": "accrall@ac-rennes.fr",
    },
    "autres": {"categorie": ("CAP", "IS"), "handicap": "non", "amenagement": "non"},
    "etablissement": {"etablissement": "03100003"},
    "resultats": {"consent_press": "non", "consent_collectivites": "non"},
    "specialite": {"specialty": "Arts de la broderie", "forme": "globale", "derogation": "non"},
    "diplomes": {"diplomas": ["500 - 99999"]},
    # One page per ticked diploma: {source épreuve code: {keep, year, place, grade}}.
    "acquis": [
        {
            "diploma": "500 - 99999",
            **{
                code: {"keep": "on", "year": "2020", "place": "TOULOUSE"}
                for code in ("EG1", "EG2", "EG3", "EG4")
            },
        }
    ],
    "bilan": {},
    "epreuves": {"option_EP2A": "Broderie machine guidée main", "option_EG4": "Allemand"},
    "recapitulatif": {},
}

# Seed 004's « Titulaire d'un autre CAP » on the bilan: Epreuve | Position | Note.
ACCRALL_BILAN = [
    ("EG1 Français, histoire-géographie, enseignement moral et civique", "DISPENSE", ""),
    ("EG1A Français écrit", "DISPENSE", ""),
    ("EG1B Français oral", "DISPENSE", ""),
    ("EG1C Histoire-géographie et enseignement moral et civique", "DISPENSE", ""),
    ("EG2 Etude mathématique et scientifique", "DISPENSE", ""),
    ("EG3 Education physique et sportive", "DISPENSE", ""),
    ("EG5 Prévention, santé, environnement", "DISPENSE", ""),
]

# SPEC « Worked examples », seed 004: the épreuve table of ACCRALL Dack, line for line.
ACCRALL_EPREUVES = [
    ("EP1", "Arts appliqués et histoire de la broderie", "Inscrit", "Ponctuel"),
    ("EP2", "Mise en oeuvre", "Inscrit", "Ponctuel"),
    ("EP2A", "Mise en oeuvre - Broderie machine guidée main", "Inscrit", "Ponctuel"),
    ("EG1", "Français, histoire-géographie, enseignement moral et civique", "Dispense", ""),
    ("EG1A", "Français écrit", "Dispense", ""),
    ("EG1B", "Français oral", "Dispense", ""),
    ("EG1C", "Histoire-géographie et enseignement moral et civique", "Dispense", ""),
    ("EG2", "Etude mathématique et scientifique", "Dispense", ""),
    ("EG3", "Education physique et sportive", "Dispense", ""),
    ("EG4", "Langue Vivante Etrangère - Allemand", "Inscrit", "Ponctuel"),
    ("EG4A", "Langue vivante : écrite - Allemand", "Inscrit", "Ponctuel"),
    ("EG4B", "Langue vivante : orale - Allemand", "Inscrit", "Ponctuel"),
    ("EG5", "Prévention, santé, environnement", "Dispense", ""),
]


def without_acquis(journey: dict, epreuves: dict) -> dict:
    """The same journey with no diploma ticked (so no acquis screens) and these answers on
    the épreuves screen."""
    replaced = {"diplomes": {}, "epreuves": epreuves}
    return {
        step: replaced.get(step, values)
        for step, values in journey.items()
        if step not in ("acquis", "bilan")
    }


def acquis_page(page: dict) -> dict:
    """{source code: {part: value}} of one diploma → the acquis screen's field names."""
    from inscrinet.models import DiplomaEpreuve

    out = {}
    for code, parts in page.items():
        if code == "diploma":
            continue
        source = DiplomaEpreuve.objects.get(diploma__code=page["diploma"], code=code)
        for part, value in parts.items():
            out[acquis_field(source, part)] = value
    return out


def resolve_values(values: dict) -> dict:
    """Human values (codes, labels) → the codes the forms expect."""
    out = {}
    for name, value in values.items():
        if not value:
            pass
        elif name == "categorie":
            exam, code = value
            value = Categorie.objects.get(exam__code=exam, code=code).code
        elif name == "etablissement":
            value = Etablissement.objects.get(code=value).code
        elif name == "specialty":
            value = Specialty.objects.get(label=value).code
        out[name] = value
    return out


class Walker:
    def __init__(self, client, session: Session, base="candidates:wizard", service="grand_public"):
        self.client, self.session, self.base = client, session, base
        self.prefix = f"inscription-{service}-{session.pk}"

    def url(self, step):
        from django.urls import reverse

        return reverse(self.base, kwargs={"session_pk": self.session.pk, "step": step})

    def post(self, step, values=None, **extra):
        payload = {f"{self.prefix}-current_step": step}
        if step == "acquis" and values and "diploma" in values:
            values = acquis_page(values)
        for name, value in resolve_values(values or {}).items():
            payload[f"{step}-{name}"] = value
        payload.update(extra)
        return self.client.post(self.url(step), payload)

    def walk(self, journey: dict, until="recapitulatif"):
        """Post every screen of `journey` in order; returns the last response."""
        response = None
        for step, values in journey.items():
            for page in values if isinstance(values, list) else [values]:
                response = self.post(step, page)
                assert response.status_code == 302, (step, errors_of(response))
            if step == until:
                break
        return response


def errors_of(response) -> list[str]:
    page = response.content.decode() if hasattr(response, "content") else ""
    summary = re.search(r'id="resume-erreurs"[^>]*>(.*?)</div>', page, re.S)
    if not summary:
        return []
    found = re.findall(r"<li>(?:<a[^>]*>)?(.*?)(?:</a>)?</li>", summary.group(1), re.S)
    return [html.unescape(message) for message in found]


# --- the same journeys as the cleaned data the wizard hands to the validation service ---


def accrall_steps(**changes):
    """ACCRALL Dack's cleaned screens, as the wizard hands them to the service."""
    autre_cap = {
        s.code: s
        for s in DiplomaEpreuve.objects.filter(diploma__code="500 - 99999").select_related(
            "diploma"
        )
    }
    acquis = {}
    for code in ("EG1", "EG2", "EG3", "EG4"):
        acquis[acquis_field(autre_cap[code], "keep")] = True
        acquis[acquis_field(autre_cap[code], "year")] = "2020"
        acquis[acquis_field(autre_cap[code], "place")] = "TOULOUSE"
    steps = {
        "origine": {},
        "etat_civil": ACCRALL["etat_civil"],
        "adresse": ACCRALL["adresse"],
        "autres": {
            "categorie": Categorie.objects.get(exam__code="CAP", code="IS"),
            "handicap": "non",
            "amenagement": "non",
        },
        "etablissement": {"etablissement": Etablissement.objects.get(code="03100003")},
        "resultats": ACCRALL["resultats"],
        "specialite": {
            "specialty": Specialty.objects.get(label="Arts de la broderie"),
            "forme": "globale",
            "derogation": "non",
        },
        "diplomes": {"diplomas": ["500 - 99999"]},
        "acquis": acquis,
        "epreuves": {
            "option_EP2A": "Broderie machine guidée main",
            "option_EG4": "Allemand",
        },
    }
    for step, values in changes.items():
        steps[step] = {**steps[step], **values}
    return steps


def quemener_steps():
    """Seed 002: BTS Agencement, E1 FRANCAIS 12 and E2 LANGUE VIVANTE 15 kept (bénéfices)."""
    source = {
        s.code: s
        for s in DiplomaEpreuve.objects.filter(diploma__code="320 - 22402").select_related(
            "diploma"
        )
    }

    steps = accrall_steps(
        autres={"categorie": Categorie.objects.get(exam__code="BTS", code="AI")},
        etablissement={"etablissement": Etablissement.objects.get(code="03500001")},
        specialite={"specialty": Specialty.objects.get(code="AEA")},
        diplomes={"diplomas": ["320 - 22402"]},
    )
    steps["etat_civil"] = {**steps["etat_civil"], "birth_name": "QUEMENER", "first_names": "Anne"}
    steps["acquis"] = {}
    for code, grade in (("E1-", "12"), ("E2-", "15")):
        steps["acquis"][acquis_field(source[code], "keep")] = True
        steps["acquis"][acquis_field(source[code], "year")] = "2010"
        steps["acquis"][acquis_field(source[code], "place")] = "RENNES"
        steps["acquis"][acquis_field(source[code], "grade")] = grade
    steps["epreuves"] = {"position_EF1": "Non inscrit"}
    return steps


def school_walker(client, session: Session, code: str) -> Walker:
    """A pupil in the establishment's wizard (E1–E2) of the establishment `code`, whose
    inscription password is set and service open for the test."""
    from django.contrib.auth.hashers import make_password

    Etablissement.objects.filter(code=code).update(
        inscription_password=make_password("Ecole-Test-2026"),
        inscription_password_must_change=False,
        inscription_open=True,
    )
    response = client.post("/etablissement/", {"code": code, "password": "Ecole-Test-2026"})
    assert response.status_code == 302, errors_of(response)
    return Walker(client, session, base="candidates:etab_wizard", service="etablissement")


def as_pupil(journey: dict, categorie) -> dict:
    """The journey of a pupil: the establishment is fixed (no screen), a school catégorie."""
    pupil = {k: dict(v) if isinstance(v, dict) else v for k, v in journey.items()}
    pupil.pop("etablissement", None)
    pupil["autres"] = {**pupil["autres"], "categorie": categorie}
    return pupil
