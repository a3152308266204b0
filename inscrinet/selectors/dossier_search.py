"""M5: the DEC's search of its académie's dossiers (numbers, names without accents or case,
birth date, session, specialty, establishment, state), sorted by a whitelist."""

import re

from inscrinet.actors import Actor
from inscrinet.rules.candidate import normalize_name
from inscrinet.selectors.scoped import dossiers_visible_to

DEFAULT_SORT = ("-session__label", "-number")


def dossiers_search(*, fetched_by: Actor, criteria: dict, order_by=DEFAULT_SORT):
    dossiers = dossiers_visible_to(fetched_by=fetched_by)
    if criteria.get("numero"):
        kind, value = criteria["numero"]  # management.forms.DossierNumberField
        column = "number" if kind == "dossier" else "candidate_number"
        dossiers = dossiers.filter(**{column: value})
    for typed in (criteria.get("nom") or "").split():
        if "@" in typed:
            dossiers = dossiers.filter(email__iexact=typed.strip(",;<>"))
            continue
        # The identity key holds the birth name and the first first name, normalised and
        # joined by « | »: each piece of what was typed (« ROUSSEAU-Chloé », « l'hermite »)
        # is looked for on its own, so a hyphen between name and first name still finds.
        for word in re.findall(r"\w+", typed):
            if normalize_name(word):
                dossiers = dossiers.filter(identity_key__contains=normalize_name(word))
    born = criteria.get("naissance")
    if born:
        # rules.BirthDateParts (management.forms.BirthDateSearchField): month, day or None.
        dossiers = dossiers.filter(birth_year=born.year)
        if born.month:
            dossiers = dossiers.filter(birth_month=born.month)
        if born.day:
            dossiers = dossiers.filter(birth_day=born.day)
    for field, column in (
        ("session", "session"),
        ("specialite", "specialty"),
        ("etablissement", "etablissement"),
        ("etat", "state"),
    ):
        if criteria.get(field):
            dossiers = dossiers.filter(**{column: criteria[field]})
    return dossiers.order_by(*order_by)
