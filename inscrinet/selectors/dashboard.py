"""The DEC's dashboard of a session (M5): aggregates computed by the database, so the
number of queries does not grow with the number of dossiers."""

from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncDate

from inscrinet.actors import Actor
from inscrinet.models import ConfirmationEmail, DossierState, EmailState, Session
from inscrinet.selectors.scoped import dossiers_visible_to

# Confirmations expected back: the dossiers still alive (« définitif » means returned).
EXPECTING_CONFIRMATION = (DossierState.PRE_INSCRIT, DossierState.DEFINITIF)

CHART_HEIGHT = 160  # the drawing's height in SVG units; bars scale to the busiest day
BAR_WIDTH = 18


@dataclass(frozen=True)
class DayBar:
    day: object  # datetime.date
    count: int
    x: int
    y: int
    height: int


@dataclass(frozen=True)
class Dashboard:
    total: int
    by_state: list  # (label, count)
    by_specialty: list  # (label, count)
    by_etablissement: list  # (label, count)
    per_day: list  # DayBar
    confirmations_returned: int
    confirmations_expected: int
    emails: dict  # EmailState label -> count
    emails_pending: int
    emails_failed: int

    @property
    def chart_width(self):
        return max(len(self.per_day) * (BAR_WIDTH + 6) + 40, 320)

    chart_height = CHART_HEIGHT + 30


def session_dashboard(*, session: Session, fetched_by: Actor) -> Dashboard:
    dossiers = dossiers_visible_to(fetched_by=fetched_by, session=session).order_by()
    states = dict(dossiers.values_list("state").annotate(n=Count("id")))
    by_state = [(state.label, states.get(state.value, 0)) for state in DossierState]
    by_specialty = list(
        dossiers.values_list("specialty__label")
        .annotate(n=Count("id"))
        .order_by("-n", "specialty__label")
    )
    by_etablissement = [
        (f"{name} ({code})", n)
        for name, code, n in dossiers.values_list("etablissement__name", "etablissement__code")
        .annotate(n=Count("id"))
        .order_by("-n", "etablissement__name")
    ]
    days = list(
        dossiers.annotate(day=TruncDate("created_at"))
        .values_list("day")
        .annotate(n=Count("id"))
        .order_by("day")
    )
    emails = dict(
        ConfirmationEmail.objects.filter(version__dossier__in=dossiers)
        .order_by()
        .values_list("state")
        .annotate(n=Count("id"))
    )
    return Dashboard(
        total=sum(states.values()),
        by_state=by_state,
        by_specialty=by_specialty,
        by_etablissement=by_etablissement,
        per_day=_bars(days),
        confirmations_returned=states.get(DossierState.DEFINITIF, 0),
        confirmations_expected=sum(states.get(s, 0) for s in EXPECTING_CONFIRMATION),
        emails={EmailState(k).label: v for k, v in emails.items()},
        emails_pending=emails.get(EmailState.PENDING, 0),
        emails_failed=emails.get(EmailState.FAILED, 0),
    )


def _bars(days) -> list[DayBar]:
    busiest = max((n for _, n in days), default=0) or 1
    bars = []
    for index, (day, count) in enumerate(days):
        height = max(round(count / busiest * CHART_HEIGHT), 1)
        bars.append(
            DayBar(day, count, 30 + index * (BAR_WIDTH + 6), 10 + CHART_HEIGHT - height, height)
        )
    return bars
