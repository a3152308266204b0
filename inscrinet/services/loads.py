"""M4 chargement: a DEC (or a command) loads a CSV file into its académie.

The file is stored, then a task reads it twice. The first reading checks every line (its
shape, the catalogue it names, duplicates within the file, conflicts with what is already
loaded) and counts what would be new, updated and unchanged, updating the progress row as
it goes; a simulation stops there. A load with any bad line is rejected as a whole, with
the line-by-line report. Otherwise the second reading writes everything in one transaction
(all or nothing), by natural key, so loading the same file again changes nothing.

A real load needs every session of the académie locked (M3): candidates cannot be in the
wizard's G4 look-up while its data changes."""

import hashlib
import logging
import uuid
from collections.abc import Callable

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from inscrinet.actors import Actor
from inscrinet.loads import csvfile, etablissements, previous
from inscrinet.loads.csvfile import FileRefused, LineError
from inscrinet.models import Academie, DataLoad, LoadKind, Session, TransferState
from inscrinet.services.audit import audit_record
from inscrinet.services.dec_scope import require_dec_writer
from inscrinet.services.errors import DomainError

logger = logging.getLogger(__name__)
FORMATS = {LoadKind.PREVIOUS: previous, LoadKind.ETABLISSEMENTS: etablissements}
BATCH = 1000
MAX_BYTES = 100 * 1024 * 1024
TOO_BIG = "Le fichier dépasse 100 Mo : découpez-le en plusieurs fichiers."


def data_load_request(
    *, academie: Academie, kind: str, upload, filename: str, dry_run: bool, actor: Actor
) -> DataLoad:
    """Store the file and queue its reading. `upload` is a file object (an upload, or an
    open file for the command)."""
    require_dec_writer(actor, academie.pk)
    if kind not in FORMATS:
        raise DomainError("Type de fichier inconnu.")
    if not dry_run:
        _require_locked(academie)
    if (getattr(upload, "size", None) or 0) > MAX_BYTES:  # an upload knows its size
        raise DomainError(TOO_BIG)
    name = default_storage.save(f"chargements/{academie.code}/{uuid.uuid4().hex}.csv", upload)
    digest, size, lines = _measure(name)
    if size > MAX_BYTES:
        default_storage.delete(name)
        raise DomainError(TOO_BIG)
    return _queue(academie, kind, name, filename, digest, lines, dry_run, actor)


def data_load_apply(*, simulation: DataLoad, actor: Actor) -> DataLoad:
    """« Charger » after a successful simulation: the same stored file, for real."""
    require_dec_writer(actor, simulation.academie_id)
    if not (simulation.dry_run and simulation.state == TransferState.DONE):
        raise DomainError("Seule une simulation réussie peut être chargée.")
    _require_locked(simulation.academie)
    return _queue(
        simulation.academie,
        simulation.kind,
        simulation.file.name,
        simulation.filename,
        simulation.sha256,
        simulation.total,
        False,
        actor,
    )


def _require_locked(academie: Academie) -> None:
    if Session.objects.filter(academie=academie, locked=False).exists():
        raise DomainError(
            "Verrouillez d'abord la base (toutes les sessions de l'académie) : "
            "aucun candidat ne doit s'inscrire pendant le chargement."
        )
    if DataLoad.objects.filter(
        academie=academie,
        dry_run=False,
        state__in=(TransferState.WAITING, TransferState.RUNNING),
    ).exists():
        raise DomainError("Un chargement est déjà en cours pour cette académie.")


def _measure(name: str) -> tuple[str, int, int]:
    """The stored file's SHA-256, size and number of lines after the header, in one read."""
    sha, size, newlines = hashlib.sha256(), 0, 0
    with default_storage.open(name, "rb") as stream:
        while chunk := stream.read(1 << 20):
            sha.update(chunk)
            size += len(chunk)
            newlines += chunk.count(b"\n")
    return sha.hexdigest(), size, max(newlines - 1, 0)


def _queue(academie, kind, name, filename, digest, lines, dry_run, actor) -> DataLoad:
    from inscrinet.tasks import run_data_load

    with transaction.atomic():
        load = DataLoad.objects.create(
            academie=academie,
            kind=kind,
            dry_run=dry_run,
            file=name,
            filename=(filename or "fichier.csv")[:200],
            sha256=digest,
            total=lines,
            requested_by_id=actor.user_id,
        )
        audit_record(
            actor=actor,
            action="chargement.simulation" if dry_run else "chargement.demande",
            target=load,
            academie_id=academie.pk,
            details={"fichier": load.filename, "type": kind, "sha256": digest},
        )
        run_data_load.enqueue(load.pk)
    return load


# --- the task -------------------------------------------------------------------------------


def data_load_run(load_id: int) -> str:
    """Check, then (not a simulation, no bad line) write. Safe to run again: a finished
    load is left alone, an interrupted one starts over (its writing was one transaction)."""
    load = DataLoad.objects.select_related("academie").get(pk=load_id)
    if load.finished:
        return load.get_state_display()
    DataLoad.objects.filter(pk=load.pk).update(state=TransferState.RUNNING, done=0, writing=False)
    fmt = FORMATS[load.kind]
    try:
        counts, errors = _read(load, fmt, on_batch=_progress(load))
        if errors:
            return _finish(load, TransferState.REJECTED, counts, errors)
        if load.dry_run:
            return _finish(load, TransferState.DONE, counts, [])
        DataLoad.objects.filter(pk=load.pk).update(writing=True)
        with transaction.atomic():
            if Session.objects.filter(academie=load.academie, locked=False).exists():
                errors = [LineError(0, "", "La base a été déverrouillée : rien n'a été chargé.")]
                return _finish(load, TransferState.REJECTED, {}, errors)
            counts, errors = _read(load, fmt, write=True)
            if errors:  # changed since the check (another load): nothing is written
                transaction.set_rollback(True)
            else:
                return _finish(load, TransferState.DONE, counts, [])
        return _finish(load, TransferState.REJECTED, counts, errors)
    except FileRefused as refused:
        return _finish(load, TransferState.REJECTED, {}, [refused.error])
    except Exception as error:
        logger.exception("Load %s failed", load.pk)
        DataLoad.objects.filter(pk=load.pk).update(
            state=TransferState.FAILED,
            writing=False,
            failure=f"{type(error).__name__}: {error}"[:1000],
            finished_at=timezone.now(),
        )
        return "échec"


def _progress(load) -> Callable[[int], None]:
    def update(done: int) -> None:
        DataLoad.objects.filter(pk=load.pk).update(done=done, total=max(done, load.total))

    return update


def _read(load: DataLoad, fmt, *, write=False, on_batch=None) -> tuple[dict, list[LineError]]:
    ref = fmt.Reference(load.academie)
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    errors = ErrorLog()
    seen: dict = {}
    batch: list = []
    lines = 0

    def flush():
        if not batch:
            return
        new, changed, unchanged, conflicts = fmt.classify(load.academie, batch)
        errors.extend(conflicts)
        counts["created"] += len(new)
        counts["updated"] += len(changed)
        counts["unchanged"] += unchanged
        if write and not errors:
            fmt.write(load.academie, new, changed)
        batch.clear()
        if on_batch:
            on_batch(lines)

    def opener():
        return default_storage.open(load.file.name, "rb")

    for item in csvfile.rows(opener, columns=fmt.COLUMNS, required=fmt.REQUIRED):
        lines += 1
        if isinstance(item, LineError):
            errors.append(item)
            continue
        record = fmt.parse(*item, ref)
        if isinstance(record, list):
            errors.extend(record)
            continue
        duplicate = next((seen[k] for k in fmt.keys(record) if k in seen), None)
        if duplicate:
            errors.append(
                LineError(record.line, fmt.keys(record)[0][0], f"Déjà présent ligne {duplicate}.")
            )
            continue
        seen.update(dict.fromkeys(fmt.keys(record), record.line))
        batch.append(record)
        if len(batch) >= BATCH:
            flush()
    flush()
    return counts, errors


class ErrorLog(list):
    """The first MAX_REPORTED errors, and how many there were: a file of nothing but bad
    lines keeps memory bounded."""

    total = 0

    def append(self, error):
        self.total += 1
        if len(self) < DataLoad.MAX_REPORTED:
            super().append(error)

    def extend(self, errors):
        for error in errors:
            self.append(error)


def _finish(load: DataLoad, state: str, counts: dict, errors: list[LineError]) -> str:
    """The outcome and its audit row (inside the writing transaction for a real load)."""
    count = errors.total if isinstance(errors, ErrorLog) else len(errors)
    errors = sorted(errors, key=lambda e: e.line)
    with transaction.atomic():
        DataLoad.objects.filter(pk=load.pk).update(
            state=TransferState(state),
            writing=False,
            done=load.total,
            created=counts.get("created", 0),
            updated=counts.get("updated", 0),
            unchanged=counts.get("unchanged", 0),
            error_count=count,
            errors=[e.as_list() for e in errors[: DataLoad.MAX_REPORTED]],
            finished_at=timezone.now(),
        )
        load.refresh_from_db()
        from inscrinet.tasks import LOADER

        audit_record(
            actor=LOADER,
            action="chargement." + ("simule" if load.dry_run else state),
            target=load,
            academie_id=load.academie_id,
            details={
                "fichier": load.filename,
                "nouveaux": load.created,
                "modifiés": load.updated,
                "inchangés": load.unchanged,
                "lignes en erreur": load.error_count,
            },
        )
    return f"{load.get_state_display()} : {load.created} nouveaux, {load.updated} modifiés"
