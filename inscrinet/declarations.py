"""What the candidate declared on the acquis and épreuves screens, read as the rules read it.

The screens (wizard) and the validation (submission) derive the bilan and the épreuve table
the same way, from the cleaned data of the screens and the catalog re-read from the
database: nothing computed on a screen is trusted as such.
"""

import hashlib
from dataclasses import dataclass

from inscrinet import rules
from inscrinet.selectors import SpecialtyCatalog

KEEP, YEAR, PLACE, GRADE = "keep", "year", "place", "grade"


def source_key(diploma_code: str, source_code: str) -> str:
    """A source épreuve's name in forms and stored answers, from its natural key (diploma
    and épreuve codes): the same after the DEC reloads the catalogue. Readable, and made
    unique by a short hash of the exact codes."""
    raw = f"{diploma_code}|{source_code}"
    slug = "".join(c if c.isalnum() else "_" for c in raw)
    return f"{slug}_{hashlib.sha256(raw.encode()).hexdigest()[:6]}"


def acquis_field(source, part: str) -> str:
    """Field names of the acquis screen: one group per source épreuve. `source` is a
    catalog SourceChoice (its `key`) or a DiplomaEpreuve row."""
    key = getattr(source, "key", None) or source_key(source.diploma.code, source.code)
    return f"a_{key}_{part}"


def epreuve_slug(code: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in code)


def declared_acquis(catalog: SpecialtyCatalog, diplomas: list[str], acquis: dict):
    """The kept source épreuves of the ticked diplomas, in the order they were declared."""
    kept = []
    for diploma, source in kept_sources(catalog, diplomas, acquis):
        grade = acquis.get(acquis_field(source, GRADE)) or ""
        kept.append(
            rules.Acquis(
                diploma=diploma.code,
                diploma_label=diploma.label,
                source=source.code,
                year=int(acquis.get(acquis_field(source, YEAR)) or 0),
                place=(acquis.get(acquis_field(source, PLACE)) or "").strip().upper(),
                grade=rules.parse_grade(grade) if source.kind == rules.BENEFICE and grade else None,
            )
        )
    return kept


def kept_sources(catalog: SpecialtyCatalog, diplomas: list[str], acquis: dict):
    """(diploma, source épreuve) for each « conserver cet acquis » ticked on the ticked
    diplomas, in the catalog's order."""
    for diploma in catalog.diplomas:
        if diploma.code in diplomas:
            for source in diploma.sources:
                if acquis.get(acquis_field(source, KEEP)):
                    yield diploma, source


def kept_acquis_errors(catalog, diplomas, acquis: dict, *, exam, forme, this_year):
    """(diploma, source, part, message) for each rule a kept source épreuve breaks: the
    acquis screen and the validation check the same way."""
    for diploma, source in kept_sources(catalog, diplomas, acquis):
        errors = rules.acquis_entry_errors(
            kind=source.kind,
            year=acquis.get(acquis_field(source, YEAR)) or "",
            place=acquis.get(acquis_field(source, PLACE)) or "",
            grade=acquis.get(acquis_field(source, GRADE)) or "",
            this_year=this_year,
            grade_policy=exam.grade_under_10,
            forme=forme,
            dispense_place_required=exam.dispense_place_required,
        )
        for part, message in errors.items():
            yield diploma, source, part, message


def epreuve_choices(catalog: SpecialtyCatalog, epreuves: dict) -> rules.EpreuveChoices:
    positions, options, eps = {}, {}, {}
    for e in catalog.epreuves:
        slug = epreuve_slug(e.code)
        if epreuves.get(f"position_{slug}"):
            positions[e.code] = epreuves[f"position_{slug}"]
        if epreuves.get(f"option_{slug}"):
            options[e.code] = epreuves[f"option_{slug}"]
        chosen = epreuves.get(f"eps_{slug}")
        if chosen == rules.EPS_DISPENSE:
            eps[e.code] = rules.EPS_DISPENSE
        elif chosen:
            eps[e.code] = tuple(chosen.split(" + ", 1)) if " + " in chosen else (chosen, "")
    return rules.EpreuveChoices(positions=positions, options=options, eps=eps)


@dataclass(frozen=True)
class Declarations:
    acquis: list  # [rules.Acquis]
    bilan: list  # [rules.BilanLine]
    questions: rules.EpreuveQuestions
    choices: rules.EpreuveChoices
    mode: str

    def table(self, catalog):
        return rules.epreuve_table(catalog.epreuves, self.bilan, self.choices, mode=self.mode)


def derive(catalog, *, diplomas, acquis, epreuves, forme, mode, asks_eps) -> Declarations:
    kept = declared_acquis(catalog, diplomas, acquis)
    bilan = rules.acquis_balance(kept, catalog.rights, catalog.epreuves)
    return Declarations(
        acquis=kept,
        bilan=bilan,
        questions=rules.epreuve_questions(catalog.epreuves, bilan, forme=forme, asks_eps=asks_eps),
        choices=epreuve_choices(catalog, epreuves),
        mode=mode,
    )
