"""Rules on the candidate: identity (G5, G11), address (G6), candidature (G10)."""

import datetime
import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class BirthDateParts:
    """A birth date as the notices allow it: the year, and `00/00` for unknown day/month."""

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self):
        return f"{self.day or 0:02d}/{self.month or 0:02d}/{self.year:04d}"


def normalize_name(value: str) -> str:
    """Compare names without case, accents, hyphens, apostrophes or spaces (G11)."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    letters = (c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in "".join(letters).casefold() if c.isalnum())


def identity_key(birth_name: str, first_names: str) -> str:
    """Birth name and first first name, normalised: with the birth date, one person (G11)."""
    first = (first_names or "").replace(",", " ").split()
    return f"{normalize_name(birth_name)}|{normalize_name(first[0]) if first else ''}"


# --- birth date (G5) -------------------------------------------------------------------


def is_digits(text: str) -> bool:
    """Only 0–9: `str.isdigit()` also accepts « ² » (on French keyboards) and other scripts'
    digits, which `int()` refuses or reads as another number."""
    return bool(text) and all(ch in "0123456789" for ch in text)


def dossier_number_typed(text: str) -> int | None:
    """A dossier number as people type it, or None: « 175 », « 0175 », « n° 175 », and the
    number as pages and PDFs print it, the version after a dash: « 175 - 2 », « 175–2 »."""
    compact = re.sub(r"\s+", "", text or "").casefold()
    for prefix in ("n°", "nº", "no"):
        compact = compact.removeprefix(prefix)
    match = re.fullmatch(r"([0-9]{1,9})(?:[-–][0-9]{1,4})?", compact)
    return int(match.group(1)) if match else None


class RuleError(ValueError):
    """A broken rule; the message (French) is shown on the screen the value belongs to."""


def birth_date_typed(text: str) -> str:
    """A birth date as people type it, written jj/mm/aaaa when it can be: « 17.10.1999 »,
    « 17-10-1999 », « 17 10 1999 », « 17101999 » (a phone's digit keypad has no « / »).
    Anything else comes back as it was, for the caller to refuse."""
    text = (text or "").strip()
    if len(text) == 8 and is_digits(text):
        return f"{text[:2]}/{text[2:4]}/{text[4:]}"
    parts = re.split(r"\s*[/.\-]\s*|\s+", text)
    if len(parts) == 3 and all(is_digits(p) for p in parts):
        return "/".join(parts)
    return text


def parse_birth_date(text: str, *, this_year: int) -> BirthDateParts:
    """`jj/mm/aaaa` (or as `birth_date_typed` reads it); `00/00/aaaa` when day and month
    are unknown (seed 000)."""
    parts = birth_date_typed(text).split("/")
    if len(parts) != 3 or not all(is_digits(p) for p in parts) or len(parts[2]) != 4:
        raise RuleError(
            "Saisissez la date de naissance sous la forme jj/mm/aaaa, par ex. 17/10/1999."
        )
    day, month, year = (int(p) for p in parts)
    if not this_year - 100 <= year <= this_year - 10:
        raise RuleError(
            f"L'année de naissance doit être comprise entre {this_year - 100} et {this_year - 10}."
        )
    if day == 0 and month == 0:
        return BirthDateParts(year)
    if month == 0:
        raise RuleError(
            "Un jour de naissance sans mois n'est pas possible : "
            "saisissez 00/00 si vous ne les connaissez pas."
        )
    try:
        datetime.date(year, month, day or 1)
    except ValueError:
        raise RuleError("Cette date de naissance n'existe pas.") from None
    return BirthDateParts(year, month, day or None)


def is_of_age_on_december_31(birth_year: int, exam_year: int) -> bool:
    """Seed 001: individual candidates must be 18 on 31 December of the exam year. Every
    birthday of a year has passed on its 31 December, so the day and month do not matter."""
    return exam_year - birth_year >= 18


# --- address (G6) -----------------------------------------------------------------------

ABROAD_POSTAL_CODE = "99999"


def postal_code_error(code: str, *, resides_abroad: bool) -> str | None:
    """Five digits; 99999 is reserved to, and required for, residence abroad (seed 000)."""
    code = (code or "").strip()
    if len(code) != 5 or not is_digits(code):
        return "Le code postal doit être saisi sur 5 chiffres."
    if resides_abroad and code != ABROAD_POSTAL_CODE:
        return (
            "Vous résidez à l'étranger : saisissez 99999 comme code postal, votre vrai code "
            "postal dans la ligne « lieu-dit » et votre pays dans « localité »."
        )
    if not resides_abroad and code == ABROAD_POSTAL_CODE:
        return "Le code postal 99999 est réservé aux candidats résidant à l'étranger."
    return None


# --- candidature (G10) -------------------------------------------------------------------


def formes_allowed(*, allows_globale: bool, allows_progressive: bool) -> list[str]:
    return [f for f, ok in (("globale", allows_globale), ("progressive", allows_progressive)) if ok]


def section_europeenne_applies(
    *,
    exam_has_section: bool,
    categorie_kind: str,
    etab_answer: str,
    etab_is_cfa: bool,
    etab_ccf_habilitated: bool,
) -> bool:
    """SPEC G10: BCP only; pupils, and apprentices of CFA or sections d'apprentissage
    habilitated for CCF, of establishments that answered OUI (S2)."""
    if not exam_has_section or etab_answer != "oui":
        return False
    if categorie_kind == "scolaire":
        return True
    return categorie_kind == "apprenti" and etab_is_cfa and etab_ccf_habilitated


PONCTUEL, CCF = "Ponctuel", "CCF"


def epreuve_mode(*, categorie_kind: str, etab_ccf_habilitated: bool) -> str:
    """CCF for pupils and apprentices of a CCF-habilitated establishment, else Ponctuel."""
    if categorie_kind in ("scolaire", "apprenti") and etab_ccf_habilitated:
        return CCF
    return PONCTUEL
