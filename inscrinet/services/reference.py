"""Load the French reference data (départements, communes) from fixtures/reference/."""

import csv
import gzip
import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from inscrinet.actors import Actor, SystemActor
from inscrinet.models import Commune, Departement
from inscrinet.rules import normalize_name
from inscrinet.selectors.reference import reference_changed, reference_changes_batched
from inscrinet.services.audit import audit_record

REFERENCE_LOADER = SystemActor(name="chargement du référentiel des communes")
REFERENCE_DIR = Path(settings.BASE_DIR) / "fixtures" / "reference"


def _read_communes():
    with gzip.open(REFERENCE_DIR / "communes.csv.gz", "rt", encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def reference_load(*, actor: Actor = REFERENCE_LOADER) -> dict:
    """Idempotent: loads only what is missing or different in size (bulk, ~1 s). One
    audit row per load that changed something, with its counts."""
    departements = json.loads((REFERENCE_DIR / "departements.json").read_text())
    communes = list(_read_communes())
    loaded = {"departements": 0, "communes": 0}
    # (batched: replacing the communes sends one signal per row deleted)
    with transaction.atomic(), reference_changes_batched():
        if Departement.objects.count() != len(departements):
            Departement.objects.bulk_create(
                [Departement(**row) for row in departements],
                update_conflicts=True,
                unique_fields=["code"],
                update_fields=["name", "zone", "has_arrondissements"],
            )
            reference_changed()  # a bulk write sends no signal: the processes' lists
            loaded["departements"] = len(departements)
        if Commune.objects.count() != len(communes):
            Commune.objects.all().delete()
            Commune.objects.bulk_create(
                [
                    Commune(
                        insee_code=row["insee_code"],
                        name=row["name"],
                        search_name=normalize_name(row["name"]),
                        departement_id=row["departement"],
                        kind=row["kind"],
                        postal_codes=row["postal_codes"],
                    )
                    for row in communes
                ],
                batch_size=2000,
            )
            reference_changed()  # the processes' postal codes (selectors.communes)
            loaded["communes"] = len(communes)
        if any(loaded.values()):
            audit_record(actor=actor, action="chargement.referentiel", details=loaded)
    return loaded
