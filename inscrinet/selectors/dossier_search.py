"""M5: the DEC's search of its académie's dossiers (numbers, names without accents or case,
birth date, session, specialty, establishment, state), sorted by a whitelist."""

from inscrinet.actors import Actor
from inscrinet.rules.candidate import normalize_name
from inscrinet.selectors.scoped import dossiers_visible_to

DEFAULT_SORT = ("-session__label", "-number")


def dossiers_search(*, fetched_by: Actor, criteria: dict, order_by=DEFAULT_SORT):
    dossiers = dossiers_visible_to(fetched_by=fetched_by)
    if criteria.get("numero"):
        dossiers = dossiers.filter(number=criteria["numero"])
    for word in (criteria.get("nom") or "").replace(",", " ").split():
        # The identity key holds the birth name and the first first name, normalised.
        if normalize_name(word):
            dossiers = dossiers.filter(identity_key__contains=normalize_name(word))
    born = criteria.get("naissance")
    if born:
        dossiers = dossiers.filter(birth_year=born.year, birth_month=born.month, birth_day=born.day)
    for field, column in (
        ("session", "session"),
        ("specialite", "specialty"),
        ("etablissement", "etablissement"),
        ("etat", "state"),
    ):
        if criteria.get(field):
            dossiers = dossiers.filter(**{column: criteria[field]})
    return dossiers.order_by(*order_by)
