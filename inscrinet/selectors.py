"""Non-trivial reads: lists, searches, exports."""

import re
from dataclasses import dataclass

from django.utils import timezone

from inscrinet.models import Service, Session


def session_periods(now=None):
    """Every session with its académie, exam and the period of each service (G1)."""
    now = now or timezone.now()
    sessions = Session.objects.select_related("exam", "academie").order_by(
        "exam__order", "exam__code", "academie__name", "label"
    )
    return [
        {
            "session": session,
            "services": [
                {
                    "label": service.label,
                    "opens_at": session.period(service)[0],
                    "closes_at": session.period(service)[1],
                    "is_open": session.is_open(service, now),
                }
                for service in Service
            ],
        }
        for session in sessions
    ]


def dossier_conflict(*, session, identity_key, birth, specialty=None, exclude_pk=None):
    """G11: an active dossier of the same person for the same exam and session label (any
    académie), in another specialty; cancelled and unregistered ones do not count."""
    from inscrinet.models import ENDED_STATES, Dossier

    found = (
        Dossier.objects.select_related("specialty")
        .filter(
            session__exam_id=session.exam_id,
            session__label=session.label,
            identity_key=identity_key,
            birth_year=birth.year,
            birth_month=birth.month,
            birth_day=birth.day,
        )
        .exclude(state__in=ENDED_STATES)
    )
    if exclude_pk:
        found = found.exclude(pk=exclude_pk)
    return found.order_by("number").first()


def previous_candidate(*, academie, numbers: dict, birth):
    """G4: a previous candidate of the same académie matching one number and the birth date."""
    from django.db.models import Q

    from inscrinet.models import PreviousCandidate

    if not numbers:
        return None
    match = Q()
    for field, value in numbers.items():
        match |= Q(**{field: value})
    return (
        PreviousCandidate.objects.filter(match, academie=academie)
        .filter(birth_year=birth.year, birth_month=birth.month, birth_day=birth.day)
        .first()
    )


def open_sessions(service, now=None):
    """Sessions whose `service` is open now (G1), with exam and académie."""
    from django.utils import timezone

    from inscrinet.models import Service, Session

    now = now or timezone.now()
    if service == Service.GRAND_PUBLIC:
        period = {"public_opens_at__lte": now, "public_closes_at__gt": now}
    else:
        period = {"etablissement_opens_at__lte": now, "etablissement_closes_at__gt": now}
    return Session.objects.filter(**period).select_related("exam", "academie")


DEPARTEMENT_CODE = re.compile(r"[0-9]{3}|02[AB]", re.ASCII)


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
    from inscrinet.models import Commune

    if rules.names_a_city_without_its_arrondissement(typed):
        return [], False
    # Births in Paris, Lyon and Marseille are recorded by arrondissement; the other
    # communes of the Rhône and the Bouches-du-Rhône are communes like any other.
    communes = Commune.objects.filter(departement=departement).exclude(
        insee_code__in=rules.CITY_INSEE_CODES, kind="actuelle"
    )
    postal_code = rules.postal_code_typed(typed)
    exact = False
    if postal_code:
        rows = _first_names(communes.filter(postal_codes__contains=postal_code), limit)
    else:
        keys = rules.commune_search_keys(typed)
        if not keys or not all(k.isprintable() for k in keys):
            return [], False
        rows = _first_names(communes.filter(search_name__in=keys), limit)
        exact = bool(rows)
        if not exact and len(keys[-1]) >= 3:
            rows = _first_names(communes.filter(search_name__startswith=keys[-1]), limit)
    return rows, exact


def _first_names(communes, limit: int) -> list:
    """One row per name, current communes first: a commune and its delegated namesake are
    the same birth place."""
    unique = {}
    for commune in communes.order_by("name", "kind")[: limit * 3]:
        unique.setdefault(commune.name, commune)
    return list(unique.values())[:limit]


# --- acquis and épreuves of a specialty (G12–G15) --------------------------------------


@dataclass(frozen=True)
class SourceChoice:
    """A source épreuve of a diploma, with what it gives in the specialty presented."""

    pk: int
    key: str  # declarations.source_key: the natural key forms and answers use
    code: str
    label: str
    kind: str  # BENEFICE (a grade is asked) or DISPENSE
    targets: tuple  # ((code, label, kind), …) in the specialty


@dataclass(frozen=True)
class DiplomaChoice:
    code: str
    label: str
    sources: tuple[SourceChoice, ...]

    @property
    def title(self):
        return f"{self.label} ({self.code})"


@dataclass(frozen=True)
class SpecialtyCatalog:
    epreuves: list  # [rules.EpreuveInfo] in the specialty's order
    rights: list  # [rules.RightInfo]
    diplomas: list[DiplomaChoice]

    def diploma(self, code):
        return next((d for d in self.diplomas if d.code == code), None)

    def sources(self, diploma_codes):
        return [s for d in self.diplomas if d.code in diploma_codes for s in d.sources]


def specialty_catalog(specialty_id: int) -> SpecialtyCatalog:
    """Everything the acquis and épreuves screens need, in three queries."""
    from inscrinet import rules
    from inscrinet.declarations import source_key
    from inscrinet.models import Epreuve, Right

    epreuves = (
        Epreuve.objects.filter(specialty_id=specialty_id)
        .select_related("parent")
        .prefetch_related("options")
        .order_by("order", "code")
    )
    infos = [
        rules.EpreuveInfo(
            code=e.code,
            label=e.label,
            parent=e.parent.code if e.parent else None,
            kind=e.kind,
            is_eps=e.is_eps,
            progressive_choosable=e.progressive_choosable,
            options=tuple(o.label for o in e.options.all()),
        )
        for e in epreuves
    ]
    rights = list(
        Right.objects.filter(target__specialty_id=specialty_id)
        .select_related("source__diploma", "target")
        .order_by("source__diploma__label", "source__order", "source__code", "target__order")
    )
    right_infos = [
        rules.RightInfo(r.source.diploma.code, r.source.code, r.target.code, r.kind) for r in rights
    ]
    sources, diplomas = {}, {}
    for r in rights:
        diplomas.setdefault(r.source.diploma.code, r.source.diploma.label)
        sources.setdefault((r.source.diploma.code, r.source), []).append(
            (r.target.code, r.target.label, r.kind)
        )
    choices = [
        DiplomaChoice(
            code=code,
            label=label,
            sources=tuple(
                SourceChoice(
                    pk=source.pk,
                    key=source_key(code, source.code),
                    code=source.code,
                    label=source.label,
                    kind=rules.source_kind(right_infos, diploma=code, source=source.code),
                    targets=tuple(targets),
                )
                for (diploma_code, source), targets in sources.items()
                if diploma_code == code
            ),
        )
        for code, label in diplomas.items()
    ]
    return SpecialtyCatalog(epreuves=infos, rights=right_infos, diplomas=choices)


def pieces_to_enclose(*, session, specialty_id, acquis_kinds: set, handicap: bool) -> list[str]:
    """G21: the pieces this candidate encloses with the signed confirmation, from the
    session's configuration (seed 001's list): each case applies or not."""
    from inscrinet.models import PieceCase, RightKind

    applies = {
        PieceCase.ALWAYS: True,
        PieceCase.DISPENSE: RightKind.DISPENSE in acquis_kinds,
        PieceCase.BENEFICE: RightKind.BENEFICE in acquis_kinds,
        PieceCase.HANDICAP: handicap,
    }

    def needed(piece):
        if piece.case == PieceCase.SPECIALTY:
            return piece.specialty_id == specialty_id
        return applies.get(piece.case, False)

    return [piece.label for piece in session.pieces.order_by("id") if needed(piece)]


def dossier_by_number_and_birth(*, session, number: int, birth):
    """G18: the dossier of this session with this number, if the birth date matches."""
    from inscrinet.models import Dossier

    return (
        Dossier.objects.select_related("session__exam", "session__academie")
        .filter(
            session=session,
            number=number,
            birth_year=birth.year,
            birth_month=birth.month,
            birth_day=birth.day,
        )
        .first()
    )
