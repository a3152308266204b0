"""A specialty's épreuves, rights and diplomas (G12–G15), and the pieces to enclose (G21)."""

import contextlib
import random
import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.db import transaction

from inscrinet.request_memo import in_request, per_request


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
# seventh of a request's time at the deadline hour). Each process keeps the ones it built,
# keyed by the catalogue's generation: a random number that every write to the épreuves,
# options, diplomas and rights replaces, in the writing transaction (the services call
# `catalogue_changed`; the admin's saves and deletes through signals). A request reads the
# generation once (one indexed query), so a change is seen by every process at its next
# request; a rolled back write leaves the generation that matches the rows.
CATALOGUE_GENERATION = "catalogue-generation"
_CACHE_SIZE = 512
_built: OrderedDict = OrderedDict()
_built_lock = threading.Lock()


_batch = threading.local()


def catalogue_changed() -> None:
    """Call inside the transaction that writes épreuves, options, diplomas or rights."""
    from inscrinet.models import Counter

    if getattr(_batch, "depth", 0):
        _batch.changed = True  # once, when the batch ends
        return
    generation = random.randrange(1, 2**31)
    if not Counter.objects.filter(name=CATALOGUE_GENERATION).update(value=generation):
        with transaction.atomic():
            Counter.objects.update_or_create(
                name=CATALOGUE_GENERATION, defaults={"value": generation}
            )


@contextlib.contextmanager
def catalogue_changes_batched():
    """A loader writing many rows gives the catalogue one new generation, at the end."""
    _batch.depth = getattr(_batch, "depth", 0) + 1
    try:
        yield
    finally:
        _batch.depth -= 1
        if not _batch.depth and getattr(_batch, "changed", False):
            _batch.changed = False
            catalogue_changed()


def catalogue_cache_clear() -> None:
    """For tests: each starts from a database whose generations another test may reuse."""
    with _built_lock:
        _built.clear()


@per_request
def catalogue_generation() -> int:
    from inscrinet.models import Counter

    value = Counter.objects.filter(name=CATALOGUE_GENERATION).values_list("value", flat=True)
    return value.first() or 0


def specialty_catalog(specialty_id: int) -> SpecialtyCatalog:
    """A specialty's catalogue: built once per process and catalogue generation within
    requests; read afresh outside them (commands, tasks)."""
    if not in_request():
        return _specialty_catalog_read(specialty_id)
    key = (catalogue_generation(), specialty_id)
    with _built_lock:
        if key in _built:
            _built.move_to_end(key)
            return _built[key]
    catalog = _specialty_catalog_read(specialty_id)
    with _built_lock:
        _built[key] = catalog
        while len(_built) > _CACHE_SIZE:
            _built.popitem(last=False)
    return catalog


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

    return [piece.label for piece in session.pieces.order_by("id") if needed(piece)]


def offered_in(session, queryset):
    """The national catalogue's items and the session's académie's own (specialties,
    catégories): what a candidate of this session may choose."""
    from django.db.models import Q

    return queryset.filter(
        Q(academie__isnull=True) | Q(academie_id=session.academie_id), exam_id=session.exam_id
    )


def is_offered_in(session, item) -> bool:
    """`offered_in` for one specialty or catégorie already read (no query)."""
    return item.exam_id == session.exam_id and item.academie_id in (None, session.academie_id)
