"""Candidate-side reads of dossiers (G11, G18)."""


def dossier_conflict(*, session, identity_key, birth, specialty=None, exclude_pk=None):
    """G11: an active dossier of the same person for the same exam and session label (any
    académie), in another specialty; cancelled and unregistered ones do not count."""
    from inscrinet.models import ENDED_STATES, Dossier

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
        .exclude(state__in=ENDED_STATES)
    )
    if exclude_pk:
        found = found.exclude(pk=exclude_pk)
    return found.order_by("number").first()


def by_submission_key(rows, key):
    """The row of `rows` (dossiers or versions) stored under this submission key (unique),
    or None. Read without the model's ordering, which joins the session, exam and académie
    tables to sort a single row."""
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
