"""A specialty's épreuves, rights and diplomas (G12–G15), and the pieces to enclose (G21)."""

import functools
from dataclasses import dataclass

from inscrinet.prepared import PreparedRead
from inscrinet.selectors.reference import per_generation


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


# A specialty's catalogue was read on every wizard request from the diplomas screen on (a
# seventh of a request's time at the deadline hour): kept per process under the reference
# generation (selectors/reference.py).
@per_generation
def specialty_catalog(specialty_id: int) -> SpecialtyCatalog:
    """A specialty's catalogue: built once per process and reference generation within
    requests; read afresh outside them (commands, tasks)."""
    return _specialty_catalog_read(specialty_id)


def _specialty_catalog_read(specialty_id: int) -> SpecialtyCatalog:
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

    return [piece.label for piece in _pieces_read()(session.pk) if needed(piece)]


@functools.cache
def _pieces_read():
    """A session's pieces, in order (prepared: read at the récapitulatif and « Valider »)."""
    from inscrinet.models import PieceRequirement

    return PreparedRead(
        lambda session_id: PieceRequirement.objects.filter(session_id=session_id).order_by("id")
    )


def offered_in(session, queryset):
    """The national catalogue's items and the session's académie's own (specialties,
    catégories): what a candidate of this session may choose."""
    return offered_to(session.exam_id, session.academie_id, queryset)


def offered_to(exam_id, academie_id, queryset):
    """`offered_in` from the session's exam and académie ids."""
    from django.db.models import Q

    return queryset.filter(Q(academie__isnull=True) | Q(academie_id=academie_id), exam_id=exam_id)


def is_offered_in(session, item) -> bool:
    """`offered_in` for one specialty or catégorie already read (no query)."""
    return item.exam_id == session.exam_id and item.academie_id in (None, session.academie_id)
