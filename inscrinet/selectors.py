"""Non-trivial reads: lists, searches, exports."""

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
    from inscrinet.models import Dossier, DossierState

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
        .exclude(state__in=[DossierState.ANNULE, DossierState.DESINSCRIT])
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


def commune_suggestions(*, departement: str, typed: str, limit: int = 15) -> list[str]:
    """Communes of a département whose name starts with what was typed (merged ones too)."""
    from inscrinet.models import Commune
    from inscrinet.rules import normalize_name

    key = normalize_name(typed)
    if len(key) < 2 or len(departement) != 3:
        return []
    communes = Commune.objects.filter(departement_id=departement, search_name__startswith=key)
    return list(communes.order_by("name").values_list("name", flat=True).distinct()[:limit])
