"""Sessions and their periods (G1)."""

from django.utils import timezone

from inscrinet.models import CandidateAccess, Service, Session


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


def open_sessions(service, now=None, *, by_account=False):
    """Sessions whose `service` is open now (G1), with exam and académie, among those
    reached by number (Inscrinet) or, `by_account`, by candidate account (Cyclades)."""
    now = now or timezone.now()
    if service == Service.GRAND_PUBLIC:
        period = {"public_opens_at__lte": now, "public_closes_at__gt": now}
    else:
        period = {"etablissement_opens_at__lte": now, "etablissement_closes_at__gt": now}
    access = CandidateAccess.COMPTE if by_account else CandidateAccess.NUMERO
    return Session.objects.filter(**period, candidate_access=access).select_related(
        "exam", "academie"
    )
