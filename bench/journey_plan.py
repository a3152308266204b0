"""Prints, as JSON, the form posts of seed 004's ACCRALL Dack journey (CAP, Toulouse) on the
database of the environment: the load benchmark replays it with other identities."""

import json

import django

django.setup()

from inscrinet.models import Session  # noqa: E402
from tests.candidates.journey import ACCRALL, acquis_page, resolve_values  # noqa: E402


def plan():
    session = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    screens = []
    for step, values in ACCRALL.items():
        for page in values if isinstance(values, list) else [values]:
            if step == "acquis":
                page = acquis_page(page)
            fields = []
            for name, value in resolve_values(page).items():
                for one in value if isinstance(value, list) else [value]:
                    fields.append([f"{step}-{name}", one])
            screens.append([step, fields])
    return {
        "session_pk": session.pk,
        "prefix": f"inscription-grand_public-{session.pk}",
        "screens": screens,
    }


print(json.dumps(plan()))
