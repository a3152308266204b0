"""« etablissements » (docs/formats/etablissements.md): one line per establishment of the
académie, keyed by its code (UAI). A new establishment gets its code as both default
passwords (changed at first login, as for one created by hand); an existing one keeps its
passwords and services. A code of another académie is refused."""

import re
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from inscrinet.loads.csvfile import LineError
from inscrinet.models import Etablissement, Exam

COLUMNS = (
    "code",
    "nom",
    "ville",
    "cfa",
    "fictif",
    "habilite_ccf",
    "examens",
    "adresse",
    "telephone",
)
REQUIRED = ("code", "nom", "ville")
# Printed on the pupils' login slips (C10); a file without the column leaves them as they are.
OPTIONAL_TEXT = {"adresse": ("address", 300), "telephone": ("phone", 20)}
_CODE = re.compile(r"^[0-9]{7}[A-Z]$")
YES = {"oui": True, "o": True, "1": True, "non": False, "n": False, "0": False, "": False}


@dataclass
class Record:
    line: int
    code: str
    fields: dict
    exams: frozenset


class Reference:
    def __init__(self, academie):
        self.academie = academie
        self.exams = {e.code.upper(): e.pk for e in Exam.objects.all()}


def parse(line: int, values: dict, ref: Reference) -> Record | list[LineError]:
    errors = []
    code = values.get("code", "").upper()
    if not _CODE.match(code):
        errors.append(LineError(line, "code", f"Code « {code} » : 7 chiffres et une lettre (UAI)."))
    for column, limit in (("nom", 120), ("ville", 80)):
        if not values.get(column):
            errors.append(LineError(line, column, "Valeur obligatoire."))
        elif len(values[column]) > limit:
            errors.append(LineError(line, column, f"{limit} caractères au plus."))
    optional = {}
    for column, (field, limit) in OPTIONAL_TEXT.items():
        if column in values:
            # « | » separates the address lines in one cell (a CSV line is one line).
            text = "\n".join(part.strip() for part in values[column].split("|") if part.strip())
            if len(text) > limit:
                errors.append(LineError(line, column, f"{limit} caractères au plus."))
            optional[field] = text
    flags = {}
    for column in ("cfa", "fictif", "habilite_ccf"):
        flag = YES.get(values.get(column, "").lower())
        if flag is None:
            errors.append(LineError(line, column, "Répondez « oui » ou « non »."))
        flags[column] = flag
    exams = set()
    for exam in filter(None, (e.strip().upper() for e in values.get("examens", "").split(","))):
        if exam not in ref.exams:
            errors.append(LineError(line, "examens", f"Examen « {exam} » inconnu."))
        else:
            exams.add(ref.exams[exam])
    if errors:
        return errors
    return Record(
        line,
        code,
        {
            "name": values["nom"],
            "city": values["ville"].upper(),
            "is_cfa": flags["cfa"],
            "is_fictitious": flags["fictif"],
            "ccf_habilitated": flags["habilite_ccf"],
            **optional,
        },
        frozenset(exams),
    )


def existing_for(academie, records: list[Record]) -> dict:
    found = Etablissement.objects.filter(code__in=[r.code for r in records]).prefetch_related(
        "exams"
    )
    return {e.code: e for e in found}


def match(record: Record, existing: dict, academie) -> Etablissement | None | LineError:
    etablissement = existing.get(record.code)
    if etablissement is not None and etablissement.academie_id != academie.pk:
        return LineError(record.line, "code", "Cet établissement relève d'une autre académie.")
    return etablissement


def same(etablissement: Etablissement, record: Record) -> bool:
    return all(getattr(etablissement, f) == v for f, v in record.fields.items()) and {
        e.pk for e in etablissement.exams.all()
    } == set(record.exams)


def write(academie, new: list[Record], changed: list) -> None:
    for record in new:
        password = make_password(record.code)  # slow on purpose: hashed once for both
        etablissement = Etablissement.objects.create(
            academie=academie,
            code=record.code,
            inscription_password=password,
            suivi_password=password,
            **record.fields,
        )
        etablissement.exams.set(record.exams)
    for etablissement, record in changed:
        for field, value in record.fields.items():
            setattr(etablissement, field, value)
        etablissement.save(update_fields=list(record.fields))
        etablissement.exams.set(record.exams)


def keys(record: Record) -> list:
    return [("code", record.code)]


def classify(academie, records: list[Record]):
    """(new records, [(row, record) changed], unchanged count, errors)."""
    existing = existing_for(academie, records)
    new, changed, unchanged, errors = [], [], 0, []
    for record in records:
        found = match(record, existing, academie)
        if isinstance(found, LineError):
            errors.append(found)
        elif found is None:
            new.append(record)
        elif same(found, record):
            unchanged += 1
        else:
            changed.append((found, record))
    return new, changed, unchanged, errors
