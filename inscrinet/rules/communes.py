"""G5: a birth commune as people type it.

« Paris 13 », « PARIS 13EME », « 75013 », « St Etienne », « saint etienne », « May s/ Orne »,
« L Hay les Roses »: each typed form gives the search keys to look for (the names'
`normalize_name`: no case, accents, hyphens, apostrophes or spaces), or a postal code.
"""

import re
import unicodedata

from inscrinet.rules.candidate import is_digits, normalize_name

CITIES_WITH_ARRONDISSEMENTS = {"paris": "Paris", "lyon": "Lyon", "marseille": "Marseille"}
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


def _words(typed: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", typed or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = re.sub(r"\bs\s*/\s*", "sur ", plain)  # « May s/ Orne »
    return re.findall(r"[a-z]+|[0-9]+", plain)


def postal_code_typed(typed: str) -> str | None:
    code = (typed or "").strip().replace(" ", "")
    return code if len(code) == 5 and is_digits(code) else None


def arrondissement_name(typed: str) -> str | None:
    """« Paris 13 », « paris 13eme arr », « Marseille 1er » → « Paris 13e Arrondissement »."""
    words = _words(typed)
    if len(words) < 2 or words[0] not in CITIES_WITH_ARRONDISSEMENTS or not words[1].isdigit():
        return None
    number = int(words[1])
    if not 1 <= number <= 20 or any(w not in ARRONDISSEMENT_WORDS for w in words[2:]):
        return None
    suffix = "er" if number == 1 else "e"
    return f"{CITIES_WITH_ARRONDISSEMENTS[words[0]]} {number}{suffix} Arrondissement"


ARRONDISSEMENT_WORDS = {"e", "eme", "er", "ere", "arr", "arrt", "arrondissement", "ardt"}


def commune_search_keys(typed: str) -> list[str]:
    """The search names to try, most literal first."""
    keys = [normalize_name(typed)]
    arrondissement = arrondissement_name(typed)
    if arrondissement:
        keys.append(normalize_name(arrondissement))
    expanded = "".join(ABBREVIATIONS.get(w, w) for w in _words(typed))
    keys.append(expanded)
    return [k for i, k in enumerate(keys) if k and k not in keys[:i]]


# The communes of Paris, Lyon and Marseille themselves: births are recorded by arrondissement.
CITY_INSEE_CODES = ("75056", "69123", "13055")


def names_a_city_without_its_arrondissement(typed: str) -> bool:
    """« Paris », « marseille » alone: the arrondissement is missing."""
    return normalize_name(typed) in CITIES_WITH_ARRONDISSEMENTS
