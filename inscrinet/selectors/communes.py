"""G5: birth communes as people type them."""

import copy
import functools
import re

from inscrinet.prepared import PreparedRead
from inscrinet.request_memo import in_request
from inscrinet.selectors.reference import per_generation

DEPARTEMENT_CODE = re.compile(r"[0-9]{3}|02[AB]", re.ASCII)


@per_generation
def departements_by_code() -> dict:
    """Every département by code, read once per process and reference generation within
    requests: the État civil screen lists them, its validation and the récapitulatif's
    snapshot each need the one chosen. The rows are shared: `departement` gives a copy."""
    from inscrinet.models import Departement

    return {d.code: d for d in Departement.objects.order_by("code")}


def departement(code):
    """The département of this code, or None (outside a request: that row only); a copy
    of its own for the caller."""
    if in_request():
        shared = departements_by_code().get(code)
        return copy.copy(shared) if shared is not None else None
    from inscrinet.models import Departement

    return Departement.objects.filter(code=code).first()


def postal_code_known(code: str) -> bool:
    """G6: whether a commune has this postal code. Within a request, from the set of every
    postal code, kept per process and reference generation: the warning is asked on two
    screens of every registration, and the column (codes separated by spaces) can only be
    searched by a LIKE that reads every commune. Outside a request, that one query."""
    if in_request():
        return code in _postal_codes()
    from inscrinet.models import Commune

    return any(
        code in codes.split()
        for codes in Commune.objects.filter(postal_codes__contains=code)
        .order_by()
        .values_list("postal_codes", flat=True)
    )


@per_generation
def _postal_codes() -> frozenset:
    from inscrinet.models import Commune

    codes = Commune.objects.order_by().values_list("postal_codes", flat=True).distinct()
    return frozenset(code for row in codes.iterator() for code in row.split())


def commune_suggestions(*, departement: str, typed: str, limit: int = 15) -> list[str]:
    """Communes of a département whose name starts with what was typed (merged ones too)."""
    from inscrinet.models import Commune
    from inscrinet.rules import normalize_name

    key = normalize_name(typed)
    # Raw query parameters: only a département code and printable text reach SQL.
    if len(key) < 2 or not DEPARTEMENT_CODE.fullmatch(departement) or not key.isprintable():
        return []
    communes = Commune.objects.filter(departement_id=departement, search_name__startswith=key)
    return list(communes.order_by("name").values_list("name", flat=True).distinct()[:limit])


def communes_matching(*, departement, typed: str, limit: int = 8) -> tuple[list, bool]:
    """G5: the communes of a département a typed birth commune may mean, best first.

    One exact match (after the usual ways of writing: arrondissement by number, St/Ste,
    no hyphens, accents or apostrophes) is the answer; a postal code, or a name that only
    starts like some communes, gives the candidates to choose from. Returns (communes,
    whether they matched exactly).
    """
    from inscrinet import rules

    if rules.names_a_city_without_its_arrondissement(typed):
        return [], False
    communes = _communes_of(departement.pk)
    postal_code = rules.postal_code_typed(typed)
    exact = False
    if postal_code:
        rows = _first_names(communes.filter(postal_codes__contains=postal_code), limit)
    else:
        keys = rules.commune_search_keys(typed)
        if not keys or not all(k.isprintable() for k in keys):
            return [], False
        # (the same keys as `search_name__in` keeps them: once each, in order)
        rows = _unique_names(_named_read(limit)(departement.pk, *dict.fromkeys(keys)), limit)
        exact = bool(rows)
        if not exact and len(keys[-1]) >= 3:
            rows = _first_names(communes.filter(search_name__startswith=keys[-1]), limit)
    return rows, exact


def _communes_of(departement_id):
    """Births in Paris, Lyon and Marseille are recorded by arrondissement; the other
    communes of the Rhône and the Bouches-du-Rhône are communes like any other."""
    from inscrinet import rules
    from inscrinet.models import Commune

    return Commune.objects.filter(departement_id=departement_id).exclude(
        insee_code__in=rules.CITY_INSEE_CODES, kind="actuelle"
    )


@functools.cache
def _named_read(limit):
    """The communes named exactly as typed: the État civil screen and its re-validation at
    « Valider » ask, a prepared read (inscrinet/prepared.py). A LIKE (a postal code, a
    start of name) is not preparable: those go through the ORM."""
    return PreparedRead(
        lambda departement_id, *keys: (
            _communes_of(departement_id)
            .filter(search_name__in=keys)
            .order_by("name", "kind")[: limit * 3]
        )
    )


def _first_names(communes, limit: int) -> list:
    return _unique_names(communes.order_by("name", "kind")[: limit * 3], limit)


def _unique_names(rows, limit: int) -> list:
    """One row per name, current communes first: a commune and its delegated namesake are
    the same birth place."""
    unique = {}
    for commune in rows:
        unique.setdefault(commune.name, commune)
    return list(unique.values())[:limit]
