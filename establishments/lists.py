"""S6: the five lists of pre-registered candidates of seed 003, their rows produced once
from the scoped selector and shown, printed or exported the same way."""

from dataclasses import dataclass

from django.db.models import F

from inscrinet.exporters import Column, Export
from inscrinet.models import Specialty
from inscrinet.selectors import dossiers_visible_to

FORMES = {"globale": "Globale", "progressive": "Progressive"}


@dataclass(frozen=True)
class ListKind:
    slug: str
    title: str
    needs_specialty: bool = False
    needs_forme: bool = False
    grouped: bool = False  # rows grouped by specialty (with a heading per group)
    section_europeenne: bool = False


LIST_KINDS = {
    k.slug: k
    for k in (
        ListKind("alphabetique", "Liste par ordre alphabétique des candidats"),
        ListKind(
            "section-europeenne",
            "Liste par ordre alphabétique des candidats pré-inscrits en section européenne",
            section_europeenne=True,
        ),
        ListKind("specialite", "Liste pour une spécialité", needs_specialty=True),
        ListKind("toutes-specialites", "Liste pour toutes les spécialités", grouped=True),
        ListKind(
            "specialite-forme",
            "Liste par spécialité et forme de passage",
            needs_specialty=True,
            needs_forme=True,
        ),
    )
}

# Sortable columns: query parameter → ordering (the name breaks ties).
SORTS = {
    "numero": ("number",),
    "nom": ("birth_name", "first_names"),
    "naissance": ("birth_year", "birth_month", "birth_day"),
    "specialite": ("specialty__label",),
    "forme": ("forme",),
    "etat": ("state",),
}
NAME_ORDER = ("birth_name", "first_names", "number")


def list_rows(actor, kind: ListKind, *, specialty=None, forme=None, sort="nom"):
    """The list's dossiers, in order, in a constant number of queries."""
    rows = dossiers_visible_to(fetched_by=actor)
    if kind.section_europeenne:
        rows = rows.filter(
            session__exam__has_section_europeenne=True,
            versions__version=F("current_version"),
            versions__snapshot__candidature__section_europeenne="Oui",
        )
    if kind.needs_specialty:
        rows = rows.filter(specialty=specialty)
    if kind.needs_forme:
        rows = rows.filter(forme=forme)
    descending, key = sort.startswith("-"), sort.lstrip("-")
    order = SORTS.get(key, SORTS["nom"])
    order = tuple(f"-{f}" for f in order) if descending else order
    if kind.grouped:
        order = ("specialty__label", *order)
    return rows.order_by(*order, *NAME_ORDER)


def specialties_of(actor):
    """The specialties the establishment's pupils registered to (for the choosers)."""
    ids = dossiers_visible_to(fetched_by=actor).values("specialty_id")
    return Specialty.objects.filter(pk__in=ids).select_related("exam").order_by("label")


def birth_date(dossier) -> str:
    return str(dossier.birth_date)


EXPORT_COLUMNS = (
    Column("Numéro d'inscription", lambda d: f"{d.number}-{d.current_version}"),
    Column("Nom", lambda d: d.birth_name),
    Column("Prénoms", lambda d: d.first_names),
    Column("Date de naissance", birth_date),
    Column("Examen", lambda d: f"{d.session.exam.code} {d.session.label}"),
    Column("Spécialité", lambda d: d.specialty.label),
    Column("Forme de passage", lambda d: FORMES.get(d.forme, d.forme)),
    Column("État", lambda d: d.get_state_display()),
)


def list_export(kind: ListKind) -> Export:
    return Export(kind.title[:31], EXPORT_COLUMNS)
