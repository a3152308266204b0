"""The one shared domain model, split by area."""

from inscrinet.models.accounts import User
from inscrinet.models.acquis import Diploma, DiplomaEpreuve, Right, RightKind
from inscrinet.models.audit import AuditEvent
from inscrinet.models.catalog import (
    SCHOOL_KINDS,
    Academie,
    Categorie,
    CategorieKind,
    Epreuve,
    EpreuveKind,
    EpreuveOption,
    Etablissement,
    Exam,
    GradeUnder10Policy,
    SectionsEuropeennes,
    Specialty,
)
from inscrinet.models.documents import (
    BatchState,
    ConfirmationBatch,
    ConfirmationEmail,
    Document,
    DocumentKind,
    EmailState,
)
from inscrinet.models.dossiers import (
    ENDED_STATES,
    BirthDateParts,
    Counter,
    Dossier,
    DossierState,
    DossierTransition,
    DossierVersion,
)
from inscrinet.models.geo import Commune, CommuneKind, Departement
from inscrinet.models.previous import PreviousCandidate, PreviousResult
from inscrinet.models.sessions import EpsPair, PieceCase, PieceRequirement, Service, Session
from inscrinet.models.throttle import LookupCounter

__all__ = [
    "ENDED_STATES",
    "SCHOOL_KINDS",
    "Academie",
    "AuditEvent",
    "BatchState",
    "BirthDateParts",
    "ConfirmationBatch",
    "Categorie",
    "CategorieKind",
    "Commune",
    "ConfirmationEmail",
    "CommuneKind",
    "Departement",
    "Diploma",
    "Document",
    "DocumentKind",
    "DiplomaEpreuve",
    "Dossier",
    "Counter",
    "DossierState",
    "DossierTransition",
    "DossierVersion",
    "EmailState",
    "EpsPair",
    "Epreuve",
    "EpreuveKind",
    "EpreuveOption",
    "Etablissement",
    "LookupCounter",
    "Exam",
    "GradeUnder10Policy",
    "PieceCase",
    "PieceRequirement",
    "PreviousCandidate",
    "PreviousResult",
    "Right",
    "RightKind",
    "SectionsEuropeennes",
    "Service",
    "Session",
    "Specialty",
    "User",
]
