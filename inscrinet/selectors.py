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
