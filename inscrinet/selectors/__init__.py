"""Reads, by area. Candidate-side reads take what the candidate typed; back-office reads
take who asks (`fetched_by=`, inscrinet/selectors/scoped.py) and return only its scope."""

from inscrinet.selectors.catalog import (
    DiplomaChoice,
    SourceChoice,
    SpecialtyCatalog,
    pieces_to_enclose,
    specialty_catalog,
)
from inscrinet.selectors.communes import (
    commune_suggestions,
    communes_matching,
    departement,
    departements_by_code,
)
from inscrinet.selectors.dossiers import (
    by_submission_key,
    dossier_by_number_and_birth,
    dossier_conflict,
)
from inscrinet.selectors.previous import previous_candidate
from inscrinet.selectors.scoped import (
    academie_rows_visible_to,
    audit_visible_to,
    dossiers_visible_to,
    etablissements_visible_to,
    session_rows_visible_to,
    sessions_visible_to,
)
from inscrinet.selectors.sessions import (
    candidate_session,
    eps_pairs,
    open_sessions,
    session_periods,
)

__all__ = [
    "candidate_session",
    "academie_rows_visible_to",
    "session_rows_visible_to",
    "DiplomaChoice",
    "SourceChoice",
    "SpecialtyCatalog",
    "audit_visible_to",
    "dossiers_visible_to",
    "etablissements_visible_to",
    "sessions_visible_to",
    "commune_suggestions",
    "communes_matching",
    "dossier_by_number_and_birth",
    "departement",
    "departements_by_code",
    "by_submission_key",
    "dossier_conflict",
    "eps_pairs",
    "open_sessions",
    "pieces_to_enclose",
    "previous_candidate",
    "session_periods",
    "specialty_catalog",
]
