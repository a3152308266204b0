"""G4: candidates of previous sessions."""


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
