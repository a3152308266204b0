"""Registration rules as pure functions (no database): eligibility, acquis, épreuves."""

import unicodedata


def normalize_name(value: str) -> str:
    """Compare names without case, accents, hyphens, apostrophes or spaces (G11)."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    letters = (c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in "".join(letters).casefold() if c.isalnum())


def identity_key(birth_name: str, first_names: str) -> str:
    """Birth name and first first name, normalised: with the birth date, one person (G11)."""
    first = (first_names or "").replace(",", " ").split()
    return f"{normalize_name(birth_name)}|{normalize_name(first[0]) if first else ''}"
