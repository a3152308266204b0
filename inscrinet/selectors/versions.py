"""M5: what changed between two versions of a dossier, field by field, in French — read
from the immutable snapshots the candidate validated."""

from dataclasses import dataclass

SECTIONS = {
    "session": "Session",
    "origine": "Candidature précédente",
    "identite": "État civil",
    "adresse": "Adresse",
    "candidature": "Candidature",
    "acquis": "Acquis",
    "bilan": "Bilan des acquis",
    "epreuves": "Épreuves",
    "confirmation": "Confirmation",
}
FIELDS = {
    "exam": "Examen",
    "exam_code": "Code de l'examen",
    "academie": "Académie",
    "label": "Session",
    "redoublant_number": "Numéro redoublant",
    "ivae_number": "Numéro IVAE",
    "ine_number": "Numéro INE / CFA",
    "civilite": "Civilité",
    "birth_name": "Nom de famille",
    "usage_name": "Nom d'usage",
    "first_names": "Prénoms",
    "birth_date": "Date de naissance",
    "birth_departement": "Département de naissance",
    "birth_commune": "Commune de naissance",
    "birth_country": "Pays de naissance",
    "nationality": "Nationalité",
    "resides_abroad": "Réside à l'étranger",
    "line1": "Adresse",
    "line2": "Complément d'adresse",
    "lieu_dit": "Lieu-dit",
    "postal_code": "Code postal",
    "city": "Commune",
    "mobile_phone": "Téléphone mobile",
    "landline_phone": "Téléphone fixe",
    "email": "Adresse électronique",
    "categorie": "Catégorie de candidat",
    "handicap": "Situation de handicap",
    "amenagement": "Demande d'aménagement",
    "etablissement": "Établissement",
    "previous_etablissement": "Établissement précédent",
    "consent_press": "Publication des résultats dans la presse",
    "consent_collectivites": "Transmission aux collectivités",
    "specialty": "Spécialité",
    "forme": "Forme de passage",
    "derogation": "Dérogation",
    "forme_finale": "Forme de passage retenue",
    "extra": "Précisions",
    "section_europeenne": "Section européenne",
    "pieces": "Pièces à joindre",
    "return_deadline": "Date limite de retour",
}


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


def version_diff(old: dict, new: dict) -> list[FieldChange]:
    """Each field whose value differs, in the order of the récapitulatif."""
    before, after = _flatten(old), _flatten(new)
    changes = []
    for key in dict.fromkeys([*before, *after]):
        if before.get(key, "") != after.get(key, ""):
            changes.append(FieldChange(_label(key), before.get(key, "—"), after.get(key, "—")))
    return changes


def _label(key: tuple) -> str:
    section, *rest = key
    name = SECTIONS.get(section, section)
    if rest:
        name = f"{name} › {FIELDS.get(rest[0], rest[0])}"
    return name


def _text(value) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, dict):
        return " ; ".join(f"{k} : {_text(v)}" for k, v in value.items() if v not in ("", None))
    if isinstance(value, list):
        return "\n".join(_text(item) for item in value)
    return "" if value is None else str(value)


def _flatten(snapshot: dict) -> dict:
    """(section, field) → text; lists (épreuves, acquis, bilan) compare as a whole, one
    line per row, so an épreuve added or dropped shows as such."""
    flat = {}
    for section, content in snapshot.items():
        if section == "schema":
            continue
        if isinstance(content, dict):
            for field, value in content.items():
                flat[(section, field)] = _text(value)
        else:
            flat[(section,)] = _text(content)
    return flat
