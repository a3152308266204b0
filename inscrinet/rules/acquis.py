"""Acquis (G12–G14): what a declared diploma's épreuves give in the specialty presented.

A *right* maps an épreuve of a source diploma onto an épreuve of the specialty, as a
BENEFICE (the grade is kept) or a DISPENSE (no grade). The bilan says, per épreuve of the
specialty, which acquis is retained; those épreuves are not taken this session.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from inscrinet.rules.candidate import RuleError, is_digits

BENEFICE, DISPENSE = "BENEFICE", "DISPENSE"
GRADE_ALWAYS, GRADE_PROGRESSIVE_ONLY = "always", "progressive"
OLDEST_ACQUIS_YEAR = 1950


@dataclass(frozen=True)
class EpreuveInfo:
    """An épreuve of the specialty presented, as the rules need it."""

    code: str
    label: str
    parent: str | None = None
    kind: str = "obligatoire"  # obligatoire / facultative / a_choisir
    is_eps: bool = False
    progressive_choosable: bool = True
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class RightInfo:
    """(diploma, source épreuve) → target épreuve of the specialty, BENEFICE or DISPENSE."""

    diploma: str
    source: str
    target: str
    kind: str


@dataclass(frozen=True)
class Acquis:
    """One source épreuve of a declared diploma that the candidate keeps."""

    diploma: str
    diploma_label: str
    source: str
    year: int
    place: str
    grade: Decimal | None = None


@dataclass(frozen=True)
class BilanLine:
    """One line of « Bilan des acquis »: Epreuve | Position | Note."""

    code: str
    label: str
    position: str  # BENEFICE / DISPENSE
    grade: Decimal | None
    diploma_label: str
    covered_by: str | None = None  # the parent épreuve whose acquis covers this one
    resolution: str = ""  # said on the bilan when two diplomas reach the same épreuve

    @property
    def grade_text(self) -> str:
        return format_grade(self.grade)


def format_grade(grade: Decimal | None) -> str:
    return "" if grade is None else f"{grade:.2f}"


# --- one source épreuve (G13) --------------------------------------------------------------

_GRADE = re.compile(r"^[0-9]{1,2}(?:[.,][0-9]{1,2})?$")


def parse_grade(text: str) -> Decimal:
    """A grade out of 20 with at most two decimals: `13`, `13.5`, `13,50`."""
    text = (text or "").strip()
    if not _GRADE.match(text):
        raise RuleError("Saisissez la note sur 20 avec au plus deux décimales (exemple : 10.00).")
    grade = Decimal(text.replace(",", "."))
    if grade > 20:
        raise RuleError("La note doit être comprise entre 0 et 20.")
    return grade.quantize(Decimal("0.01"))


def parse_year(text: str, *, this_year: int) -> int:
    text = (str(text) if text is not None else "").strip()
    if not (len(text) == 4 and is_digits(text)):
        raise RuleError("Saisissez l'année d'obtention sur 4 chiffres (exemple : 2011).")
    year = int(text)
    if year > this_year:
        raise RuleError("L'année d'obtention ne peut pas être dans le futur.")
    if year < OLDEST_ACQUIS_YEAR:
        raise RuleError(f"L'année d'obtention doit être postérieure à {OLDEST_ACQUIS_YEAR}.")
    return year


def grade_under_10_allowed(*, policy: str, forme: str) -> bool:
    """Seed 000: a CAP candidate may keep a grade under 10; seed 002: a BTS candidate only in
    forme progressive."""
    return policy == GRADE_ALWAYS or (policy == GRADE_PROGRESSIVE_ONLY and forme == "progressive")


def acquis_entry_errors(
    *,
    kind: str,
    year: str,
    place: str,
    grade: str,
    this_year: int,
    grade_policy: str,
    forme: str,
    dispense_place_required: bool,
) -> dict[str, str]:
    """The errors of one kept source épreuve, by field (year, place, grade)."""
    errors = {}
    try:
        parse_year(year, this_year=this_year)
    except RuleError as error:
        errors["year"] = str(error)
    if not (place or "").strip() and (kind == BENEFICE or dispense_place_required):
        errors["place"] = "Indiquez le lieu (l'académie) où vous avez obtenu cet acquis."
    if kind == BENEFICE:
        if not (grade or "").strip():
            errors["grade"] = "Indiquez la note obtenue pour conserver ce bénéfice."
        else:
            try:
                value = parse_grade(grade)
            except RuleError as error:
                errors["grade"] = str(error)
            else:
                if value < 10 and not grade_under_10_allowed(policy=grade_policy, forme=forme):
                    errors["grade"] = (
                        "Une note inférieure à 10 ne peut être conservée qu'en forme "
                        "progressive : décochez cet acquis pour repasser l'épreuve."
                    )
    return errors


def source_kind(rights: list[RightInfo], *, diploma: str, source: str) -> str:
    """BENEFICE when the source épreuve keeps a grade somewhere in the specialty."""
    kinds = {r.kind for r in rights if r.diploma == diploma and r.source == source}
    return BENEFICE if BENEFICE in kinds else DISPENSE


# --- the bilan (G14) -----------------------------------------------------------------------


def _favour(position: str, grade: Decimal | None) -> tuple:
    """Which of two acquis on one épreuve is more favourable: a grade of 10 or more kept,
    then a dispense (the épreuve leaves the average), then a grade under 10 kept."""
    if position == DISPENSE:
        return (1, Decimal(0))
    grade = grade or Decimal(0)
    return (2, grade) if grade >= 10 else (0, grade)


def descendants(epreuves: list[EpreuveInfo], code: str) -> list[str]:
    children = defaultdict(list)
    for e in epreuves:
        if e.parent:
            children[e.parent].append(e.code)
    found, todo = [], list(children[code])
    while todo:
        child = todo.pop(0)
        found.append(child)
        todo.extend(children[child])
    return found


def acquis_balance(
    acquis: list[Acquis], rights: list[RightInfo], epreuves: list[EpreuveInfo]
) -> list[BilanLine]:
    """Every épreuve of the specialty reached by a kept acquis, in the specialty's order.

    An acquis on a parent épreuve covers its sub-épreuves (EG1 → EG1A, EG1B, EG1C; the grade
    stays on the parent). When two acquis reach one épreuve, the more favourable is retained
    (ties: the first declared) and the bilan says so.
    """
    by_code = {e.code: e for e in epreuves}
    offers = defaultdict(list)  # code → [(favour, order, position, grade, acquis, covered_by)]
    for order, a in enumerate(acquis):
        for right in rights:
            if (right.diploma, right.source) != (
                a.diploma,
                a.source,
            ) or right.target not in by_code:
                continue
            grade = a.grade if right.kind == BENEFICE else None
            favour = _favour(right.kind, grade)
            offers[right.target].append((favour, order, right.kind, grade, a, None))
            for child in descendants(epreuves, right.target):
                offers[child].append((favour, order, right.kind, None, a, right.target))
    lines = []
    for e in epreuves:
        if e.code not in offers:
            continue
        # Most favourable first; a direct acquis before the coverage of its parent; then
        # the first declared.
        ranked = sorted(offers[e.code], key=lambda o: (-o[0][0], -o[0][1], o[5] is not None, o[1]))
        _, _, position, grade, kept, covered_by = ranked[0]
        others = [o for o in ranked[1:] if o[4].diploma != kept.diploma]
        resolution = ""
        if others:
            listed = "; ".join(
                " ".join(filter(None, (o[2], format_grade(o[3]), f"({o[4].diploma_label})")))
                for o in others
            )
            tied = all(o[0] == ranked[0][0] for o in others)
            resolution = (
                f"Acquis retenu : {kept.diploma_label} (également obtenu par : {listed})."
                if tied
                else f"Acquis retenu : {kept.diploma_label}, plus favorable que : {listed}."
            )
        lines.append(
            BilanLine(
                code=e.code,
                label=e.label,
                position=position,
                grade=grade,
                diploma_label=kept.diploma_label,
                covered_by=covered_by,
                resolution=resolution,
            )
        )
    return lines
