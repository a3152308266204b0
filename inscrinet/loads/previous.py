"""« candidats-precedents » (docs/formats/candidats-precedents.md): one line per candidate
of a previous session, read by the wizard's G4 look-up. The natural key is the académie and
the candidate's numbers (redoublant, IVAE, INE): a line whose numbers match a loaded
candidate updates it; reloading the same file changes nothing."""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils import timezone

from inscrinet import rules
from inscrinet.loads.csvfile import LineError
from inscrinet.models import DiplomaEpreuve, Exam, PreviousCandidate, PreviousResult, Specialty

NUMBERS = (
    ("numero_redoublant", "redoublant_number"),
    ("numero_ivae", "ivae_number"),
    ("numero_ine", "ine_number"),
)
COLUMNS = (
    "examen",
    "specialite",
    *(c for c, _ in NUMBERS),
    "date_naissance",
    "civilite",
    "nom_naissance",
    "nom_usage",
    "prenoms",
    "adresse_ligne1",
    "adresse_ligne2",
    "lieu_dit",
    "code_postal",
    "commune",
    "pays",
    "courriel",
    "telephone_mobile",
    "acquis",
)
REQUIRED = ("examen", "date_naissance", "civilite", "nom_naissance", "prenoms")
CIVILITES = {"m": "M", "monsieur": "M", "mme": "Mme", "madame": "Mme"}
_NUMBER = re.compile(r"^[A-Za-z0-9]{1,20}$")
LIMITS = {"nom_naissance": 100, "nom_usage": 100, "prenoms": 150, "commune": 80}
FIELDS = (
    "exam_id",
    "specialty_id",
    "redoublant_number",
    "ivae_number",
    "ine_number",
    "birth_year",
    "birth_month",
    "birth_day",
    "civilite",
    "birth_name",
    "usage_name",
    "first_names",
    "address",
    "email",
    "mobile_phone",
)


@dataclass
class Record:
    line: int
    fields: dict
    results: frozenset  # {(source_id, year, place, grade or None)}

    @property
    def numbers(self) -> dict:
        return {f: self.fields[f] for _, f in NUMBERS if self.fields[f]}


class Reference:
    """The catalogue rows a file may name, read once per load."""

    def __init__(self, academie):
        self.academie = academie
        self.exams = {e.code.upper(): e.pk for e in Exam.objects.all()}
        self.specialties = {
            (s.exam_id, s.code.upper()): s.pk
            for s in Specialty.objects.filter(Q(academie__isnull=True) | Q(academie=academie))
        }
        self.sources = {
            (d.diploma.code.upper(), d.code.upper()): d.pk
            for d in DiplomaEpreuve.objects.filter(
                Q(diploma__academie__isnull=True) | Q(diploma__academie=academie)
            ).select_related("diploma")
        }
        self.this_year = timezone.localdate().year


def parse(line: int, values: dict, ref: Reference) -> Record | list[LineError]:
    errors = []

    def error(column, message):
        errors.append(LineError(line, column, message))

    exam_id = ref.exams.get(values.get("examen", "").upper())
    if exam_id is None:
        error("examen", f"Examen « {values.get('examen', '')} » inconnu (ex. CAP, BTS).")
    specialty_id = None
    if values.get("specialite") and exam_id is not None:
        specialty_id = ref.specialties.get((exam_id, values["specialite"].upper()))
        if specialty_id is None:
            error("specialite", f"Spécialité « {values['specialite']} » inconnue pour cet examen.")
    numbers = {}
    for column, field in NUMBERS:
        value = values.get(column, "")
        if value and not _NUMBER.match(value):
            error(column, "Un numéro ne contient que des lettres et des chiffres (20 au plus).")
        numbers[field] = value.upper()
    if not any(numbers.values()):
        error("numero_redoublant", "Il faut au moins un numéro : redoublant, IVAE ou INE.")
    try:
        birth = rules.parse_birth_date(values.get("date_naissance", ""), this_year=ref.this_year)
    except rules.RuleError as e:
        error("date_naissance", str(e))
        birth = None
    civilite = CIVILITES.get(values.get("civilite", "").lower())
    if civilite is None:
        error("civilite", "Civilité « M » ou « Mme ».")
    for column in ("nom_naissance", "prenoms"):
        if not values.get(column):
            error(column, "Valeur obligatoire.")
    for column, limit in LIMITS.items():
        if len(values.get(column, "")) > limit:
            error(column, f"{limit} caractères au plus.")
    postal_code = values.get("code_postal", "")
    if postal_code and (message := rules.postal_code_error(postal_code, resides_abroad=False)):
        if postal_code != rules.ABROAD_POSTAL_CODE:
            error("code_postal", message)
    email = values.get("courriel", "")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            error("courriel", f"Adresse électronique « {email} » invalide.")
    results = _results(values.get("acquis", ""), ref, error)
    if errors:
        return errors
    fields = {
        "exam_id": exam_id,
        "specialty_id": specialty_id,
        **numbers,
        "birth_year": birth.year,
        "birth_month": birth.month,
        "birth_day": birth.day,
        "civilite": civilite,
        "birth_name": values["nom_naissance"].upper(),
        "usage_name": values.get("nom_usage", "").upper(),
        "first_names": values["prenoms"],
        "address": {
            "line1": values.get("adresse_ligne1", ""),
            "line2": values.get("adresse_ligne2", ""),
            "lieu_dit": values.get("lieu_dit", ""),
            "postal_code": postal_code,
            "city": values.get("commune", "").upper(),
            "country": values.get("pays", "").upper() or "FR",
        },
        "email": email,
        "mobile_phone": values.get("telephone_mobile", "")[:30],
    }
    return Record(line, fields, results)


def _results(text: str, ref: Reference, error) -> frozenset:
    """`DIPLOME:EPREUVE:ANNEE:LIEU:NOTE` entries separated by `|`; no note: a dispense."""
    results = {}
    for n, entry in enumerate(filter(None, (e.strip() for e in text.split("|"))), 1):
        parts = [p.strip() for p in entry.split(":")]
        if len(parts) != 5:
            error("acquis", f"Acquis n° {n} : 5 parties DIPLOME:EPREUVE:ANNEE:LIEU:NOTE attendues.")
            continue
        diploma, source, year_text, place, grade_text = parts
        source_id = ref.sources.get((diploma.upper(), source.upper()))
        if source_id is None:
            error(
                "acquis", f"Acquis n° {n} : épreuve « {source} » du diplôme « {diploma} » inconnue."
            )
            continue
        try:
            year = rules.parse_year(year_text, this_year=ref.this_year)
            grade = rules.parse_grade(grade_text) if grade_text else None
        except rules.RuleError as e:
            error("acquis", f"Acquis n° {n} : {e}")
            continue
        if not place or len(place) > 80:
            error("acquis", f"Acquis n° {n} : le lieu est obligatoire (80 caractères au plus).")
            continue
        if source_id in results:
            error("acquis", f"Acquis n° {n} : l'épreuve « {source} » figure deux fois.")
            continue
        results[source_id] = (source_id, year, place.upper(), grade)
    return frozenset(results.values())


# --- against the database, a batch of records at a time --------------------------------


def existing_for(academie, records: list[Record]) -> dict:
    """{(field, number): candidate} for every loaded candidate sharing a number."""
    match = Q()
    for _, field in NUMBERS:
        values = {r.fields[field] for r in records if r.fields[field]}
        if values:
            match |= Q(**{f"{field}__in": values})
    found = {}
    if not match:  # no number at all: nothing to look for (an empty Q would match all)
        return found
    for candidate in PreviousCandidate.objects.filter(match, academie=academie):
        for _, field in NUMBERS:
            if getattr(candidate, field):
                found[(field, getattr(candidate, field))] = candidate
    return found


def match(record: Record, existing: dict) -> PreviousCandidate | None | LineError:
    rows = {
        existing[(f, v)].pk: existing[(f, v)]
        for f, v in record.numbers.items()
        if (f, v) in existing
    }
    if len(rows) > 1:
        return LineError(
            record.line,
            "numero_redoublant",
            "Ces numéros désignent deux candidats déjà chargés différents.",
        )
    return next(iter(rows.values()), None)


def results_of(candidate_ids) -> dict:
    by_candidate = {pk: set() for pk in candidate_ids}
    for r in PreviousResult.objects.filter(candidate_id__in=candidate_ids):
        by_candidate[r.candidate_id].add((r.source_id, r.year, r.place, r.grade))
    return {pk: frozenset(v) for pk, v in by_candidate.items()}


def same(candidate: PreviousCandidate, record: Record, stored_results: frozenset) -> bool:
    return all(getattr(candidate, f) == v for f, v in record.fields.items()) and {
        (s, y, p, None if g is None else Decimal(g)) for s, y, p, g in stored_results
    } == set(record.results)


def write(academie, new: list[Record], changed: list[tuple[PreviousCandidate, Record]]) -> None:
    # PostgreSQL and SQLite ≥ 3.35 return the new primary keys.
    created = PreviousCandidate.objects.bulk_create(
        [PreviousCandidate(academie=academie, **r.fields) for r in new]
    )
    for candidate, record in changed:
        for field, value in record.fields.items():
            setattr(candidate, field, value)
    if changed:
        PreviousCandidate.objects.bulk_update([c for c, _ in changed], FIELDS)
        PreviousResult.objects.filter(candidate__in=[c for c, _ in changed]).delete()
    pairs = [*zip(created, new, strict=True), *changed]
    PreviousResult.objects.bulk_create(
        PreviousResult(candidate=c, source_id=s, year=y, place=p, grade=g)
        for c, r in pairs
        for s, y, p, g in r.results
    )


def keys(record: Record) -> list:
    return list(record.numbers.items())


def classify(academie, records: list[Record]):
    """(new records, [(row, record) changed], unchanged count, errors)."""
    existing = existing_for(academie, records)
    found = [(record, match(record, existing)) for record in records]
    stored = results_of([row.pk for _, row in found if isinstance(row, PreviousCandidate)])
    new, changed, unchanged, errors = [], [], 0, []
    for record, row in found:
        if isinstance(row, LineError):
            errors.append(row)
        elif row is None:
            new.append(record)
        elif same(row, record, stored[row.pk]):
            unchanged += 1
        else:
            changed.append((row, record))
    return new, changed, unchanged, errors
