"""M1: the académie's own catalogue — specialties with their épreuves (sub-épreuves,
options, nature), the rights that diplomas give onto them, catégories and diplomas.

The national catalogue (academie=None) is shared by every académie and kept by the
superusers; a DEC gestionnaire creates and edits its académie's own items, which only its
sessions offer. Validated versions are snapshots: no change here rewrites one."""

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.db.models.functions import Upper

from inscrinet.actors import Actor, ActorKind
from inscrinet.models import (
    Categorie,
    Diploma,
    DiplomaEpreuve,
    Epreuve,
    EpreuveOption,
    Right,
    Specialty,
)
from inscrinet.selectors.reference import reference_changed
from inscrinet.services.audit import audit_record
from inscrinet.services.dec_scope import require_dec_writer
from inscrinet.services.errors import DomainError

SPECIALTY_FIELDS = ("code", "label")
CATEGORIE_FIELDS = (
    "code",
    "label",
    "kind",
    "allows_globale",
    "allows_progressive",
    "fictitious_establishments",
)
DIPLOMA_FIELDS = ("code", "label")
EPREUVE_FIELDS = ("label", "kind", "is_eps", "progressive_choosable", "order")


def _require_own(actor: Actor, item) -> int:
    """The académie that owns `item` (or will own it, when new): the actor's own."""
    academie_id = item.academie_id if item is not None else actor.academie_id
    if actor.kind != ActorKind.SYSTEME and academie_id is None:
        raise DomainError(
            "Cet élément appartient au catalogue national : il n'est pas modifiable par l'académie."
        )
    require_dec_writer(actor, academie_id)
    return academie_id


def catalog_code(typed: str) -> str:
    """A code (EP1, EG1A, APP, 33204…) as people type it: « ep1 », « Ep1 » and « EP1 » are
    one code, kept in capitals, the spaces around dropped and those inside collapsed."""
    return " ".join((typed or "").split()).upper()


def _with_codes_as_kept(rows: list[dict]) -> list[dict]:
    return [
        {**row, "code": catalog_code(row["code"]), "parent": catalog_code(row.get("parent", ""))}
        for row in rows
    ]


def _duplicate_codes(rows) -> list[str]:
    codes = [row["code"] for row in rows]
    return sorted({code for code in codes if codes.count(code) > 1})


def _saved(model, item, values, academie_id, **create):
    """Create or update the row itself; a code already used is said in French."""
    try:
        with transaction.atomic():
            if item is None:
                return model.objects.create(academie_id=academie_id, **create, **values)
            model.objects.filter(pk=item.pk).update(**values)
            item.refresh_from_db()
            return item
    except IntegrityError:
        raise DomainError(f"Le code {values['code']} est déjà utilisé pour cet examen.") from None


# --- specialties and their épreuves --------------------------------------------------------


def specialty_save(
    *, specialty: Specialty | None, values: dict, epreuves: list[dict], actor: Actor, exam=None
) -> Specialty:
    """Create (specialty=None, with `exam`) or edit an own specialty and its épreuves,
    given as rows {code, label, parent (a code or ""), kind, is_eps, progressive_choosable,
    order, options (labels)}; épreuves missing from the rows are deleted with their rights."""
    academie_id = _require_own(actor, specialty)
    values = {k: values[k] for k in SPECIALTY_FIELDS}
    values["code"] = catalog_code(values["code"])
    epreuves = _with_codes_as_kept(epreuves)
    duplicates = _duplicate_codes(epreuves)
    if duplicates:
        raise DomainError(f"Code d'épreuve en double : {', '.join(duplicates)}.")
    codes = {row["code"] for row in epreuves}
    for row in epreuves:
        if row["parent"] and (row["parent"] not in codes or row["parent"] == row["code"]):
            raise DomainError(
                f"Épreuve {row['code']} : l'épreuve parente {row['parent']} n'est pas une autre "
                "épreuve de la spécialité."
            )
    with transaction.atomic():
        before = _specialty_summary(specialty) if specialty else {}
        specialty = _saved(
            Specialty, specialty, values, academie_id, **({"exam": exam} if exam else {})
        )
        _epreuves_sync(specialty, epreuves)
        reference_changed()
        after = _specialty_summary(specialty)
        audit_record(
            actor=actor,
            action="catalogue.specialite",
            target=specialty,
            academie_id=academie_id,
            changes={k: [before.get(k), v] for k, v in after.items() if before.get(k) != v},
        )
    return specialty


def _epreuves_sync(specialty: Specialty, rows: list[dict]) -> None:
    # The rows' codes are in capitals (_with_codes_as_kept); a row kept earlier as typed
    # (« ep1 ») is matched in capitals too: kept with its rights, not deleted and recreated.
    existing = {e.code.upper(): e for e in specialty.epreuves.all()}
    wanted = {row["code"] for row in rows}
    specialty.epreuves.update(parent=None)  # a parent removed must not take a kept child
    specialty.epreuves.annotate(code_upper=Upper("code")).exclude(code_upper__in=wanted).delete()
    saved = {}
    for row in rows:
        fields = {k: row[k] for k in EPREUVE_FIELDS}
        epreuve = existing.get(row["code"])
        if epreuve is None:
            epreuve = Epreuve.objects.create(specialty=specialty, code=row["code"], **fields)
        else:
            Epreuve.objects.filter(pk=epreuve.pk).update(parent=None, code=row["code"], **fields)
        saved[row["code"]] = epreuve
        epreuve.options.exclude(label__in=row["options"]).delete()
        kept = set(epreuve.options.values_list("label", flat=True))
        EpreuveOption.objects.bulk_create(
            EpreuveOption(epreuve=epreuve, label=label)
            for label in dict.fromkeys(row["options"])
            if label not in kept
        )
    for row in rows:
        if row["parent"]:
            Epreuve.objects.filter(pk=saved[row["code"]].pk).update(parent=saved[row["parent"]])


def _specialty_summary(specialty: Specialty) -> dict:
    epreuves = specialty.epreuves.select_related("parent").prefetch_related("options")
    return {
        "code": specialty.code,
        "label": specialty.label,
        "épreuves": [_epreuve_text(e) for e in epreuves],
    }


def _epreuve_text(epreuve: Epreuve) -> str:
    details = [epreuve.get_kind_display()]
    if epreuve.parent:
        details.append(f"sous-épreuve de {epreuve.parent.code}")
    options = [o.label for o in epreuve.options.all()]
    if options:
        details.append(f"options : {' ; '.join(options)}")
    return f"{epreuve.code} {epreuve.label} ({', '.join(details)})"


def specialty_rights_set(*, specialty: Specialty, rights: list[dict], actor: Actor) -> None:
    """The rights onto an own specialty's épreuves, given as rows {source (a diploma's
    épreuve, national or of the académie), target (an épreuve code), kind}: they replace
    the previous ones."""
    academie_id = _require_own(actor, specialty)
    targets = {e.code: e for e in specialty.epreuves.all()}
    sources = {
        s.pk: s
        for s in DiplomaEpreuve.objects.filter(
            pk__in=[row["source"] for row in rights]
        ).select_related("diploma")
        if s.diploma.academie_id in (None, academie_id)
    }
    rows = []
    for row in rights:
        source, target = sources.get(row["source"]), targets.get(row["target"])
        if source is None or target is None:
            raise DomainError("Un droit désigne une épreuve inconnue : rechargez la page.")
        rows.append((source, target, row["kind"]))
    if len({(s.pk, t.pk) for s, t, _ in rows}) != len(rows):
        raise DomainError("Le même droit est indiqué deux fois.")
    with transaction.atomic():
        current = Right.objects.filter(target__specialty=specialty).select_related(
            "source__diploma", "target"
        )
        before = sorted(_right_text(r.source, r.target, r.kind) for r in current)
        current.delete()
        Right.objects.bulk_create(Right(source=s, target=t, kind=k) for s, t, k in rows)
        reference_changed()
        after = sorted(_right_text(s, t, k) for s, t, k in rows)
        if before != after:
            audit_record(
                actor=actor,
                action="catalogue.droits",
                target=specialty,
                academie_id=academie_id,
                changes={"droits": [before, after]},
            )


def _right_text(source, target, kind) -> str:
    return f"{source.diploma.code} {source.code} → {target.code} {kind}"


# --- catégories and diplomas ---------------------------------------------------------------


def categorie_save(
    *, categorie: Categorie | None, values: dict, actor: Actor, exam=None
) -> Categorie:
    academie_id = _require_own(actor, categorie)
    values = {k: values[k] for k in CATEGORIE_FIELDS}
    values["code"] = catalog_code(values["code"])
    if not (values["allows_globale"] or values["allows_progressive"]):
        raise DomainError("Une catégorie permet au moins une forme de passage.")
    with transaction.atomic():
        before = {k: getattr(categorie, k) for k in values} if categorie else {}
        categorie = _saved(
            Categorie, categorie, values, academie_id, **({"exam": exam} if exam else {})
        )
        audit_record(
            actor=actor,
            action="catalogue.categorie",
            target=categorie,
            academie_id=academie_id,
            changes={k: [before.get(k), v] for k, v in values.items() if before.get(k) != v},
        )
    return categorie


def diploma_save(
    *, diploma: Diploma | None, values: dict, epreuves: list[dict], actor: Actor
) -> Diploma:
    """An own diploma and its épreuves (rows {code, label, order}), whose rights then go
    onto the académie's specialties."""
    academie_id = _require_own(actor, diploma)
    values = {k: values[k] for k in DIPLOMA_FIELDS}
    values["code"] = catalog_code(values["code"])
    epreuves = _with_codes_as_kept(epreuves)
    duplicates = _duplicate_codes(epreuves)
    if duplicates:
        raise DomainError(f"Code d'épreuve en double : {', '.join(duplicates)}.")
    with transaction.atomic():
        before = _diploma_summary(diploma) if diploma else {}
        try:
            diploma = _saved(Diploma, diploma, values, academie_id)
        except DomainError:
            raise DomainError(f"Le code {values['code']} est déjà celui d'un diplôme.") from None
        wanted = {row["code"] for row in epreuves}
        kept = diploma.epreuves.annotate(code_upper=Upper("code"))
        try:
            kept.exclude(code_upper__in=wanted).delete()
        except ProtectedError:
            raise DomainError(
                "Une épreuve retirée porte des résultats de candidats précédents (G4) : "
                "elle ne peut pas être supprimée."
            ) from None
        existing = {e.code_upper: e.pk for e in kept}  # as in _epreuves_sync: by capitals
        for row in epreuves:
            fields = {"code": row["code"], "label": row["label"], "order": row["order"]}
            pk = existing.get(row["code"])
            if pk is None:
                DiplomaEpreuve.objects.create(diploma=diploma, **fields)
            else:
                DiplomaEpreuve.objects.filter(pk=pk).update(**fields)
        reference_changed()
        after = _diploma_summary(diploma)
        audit_record(
            actor=actor,
            action="catalogue.diplome",
            target=diploma,
            academie_id=academie_id,
            changes={k: [before.get(k), v] for k, v in after.items() if before.get(k) != v},
        )
    return diploma


def _diploma_summary(diploma: Diploma) -> dict:
    return {
        "code": diploma.code,
        "label": diploma.label,
        "épreuves": [f"{e.code} {e.label}" for e in diploma.epreuves.all()],
    }
