"""Candidate-side reads of dossiers (G11, G18)."""

from django.db import connection
from django.db.models import Manager

from inscrinet.prepared import rows_by


def dossier_conflict(*, session, identity_key, birth, specialty=None, exclude_pk=None):
    """G11: an active dossier of the same person for the same exam and session label (any
    académie), in another specialty; cancelled and unregistered ones do not count.

    Asked at the specialty screen, at « Valider » and by the service: one plain query (the
    same rows as `Dossier.objects.filter(session__exam_id=…, session__label=…, …)
    .exclude(state__in=ENDED_STATES).order_by("number").first()`, which took ~0.5 ms to
    build and compile each time for this one-row answer); the dossier, if any, is then read
    with its specialty for the message."""
    from inscrinet.models import ENDED_STATES, Dossier, Session

    quote = connection.ops.quote_name
    ended = ", ".join(["%s"] * len(ENDED_STATES))
    sql = (
        f"SELECT d.id FROM {quote(Dossier._meta.db_table)} d "
        f"JOIN {quote(Session._meta.db_table)} s ON s.id = d.session_id "
        "WHERE s.exam_id = %s AND s.label = %s AND d.identity_key = %s "
        "AND d.birth_year = %s AND d.birth_month = %s AND d.birth_day = %s "
        f"AND d.state NOT IN ({ended})"
        + (" AND d.id <> %s" if exclude_pk else "")
        + " ORDER BY d.number, d.id LIMIT 1"
    )
    params = [session.exam_id, session.label, identity_key, birth.year, birth.month, birth.day]
    params += [str(state) for state in ENDED_STATES] + ([exclude_pk] if exclude_pk else [])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchone()
    if found is None:
        return None
    return Dossier.objects.select_related("specialty").get(pk=found[0])


def by_submission_key(rows, key):
    """The row of `rows` (dossiers or versions) stored under this submission key (unique),
    or None. Read without the model's ordering, which joins the session, exam and académie
    tables to sort a single row; prepared when `rows` is a model's manager (three look-ups
    per registration: the replay check, the service's and its twin check)."""
    if isinstance(rows, Manager) and type(key) is str:
        found = rows_by(rows.model, "submission_key")(key)
        return found[0] if found else None
    return rows.filter(submission_key=key).order_by().first()


def dossier_by_number_and_birth(*, session, number: int, birth):
    """G18: the dossier of this session with this number, if the birth date matches."""
    from inscrinet.models import Dossier

    return (
        Dossier.objects.select_related("session__exam", "session__academie")
        .filter(
            session=session,
            number=number,
            birth_year=birth.year,
            birth_month=birth.month,
            birth_day=birth.day,
        )
        .first()
    )
