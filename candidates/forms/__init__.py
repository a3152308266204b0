"""One form per wizard screen; each checks the shape of its own screen. Rules that span
screens live in inscrinet/rules.py and are re-checked at submission (candidates/submission.py).
"""

from candidates.forms.acquis import (
    AcquisForm,
    BilanForm,
    DiplomesForm,
    EpreuvesForm,
    EpreuveSuiteForm,
)
from candidates.forms.candidature import (
    AutresDonneesForm,
    EtablissementForm,
    PrecisionsForm,
    RecapitulatifForm,
    ResultatsForm,
    SpecialiteForm,
)
from candidates.forms.identite import AdresseForm, EtatCivilForm, OrigineForm

__all__ = [
    "AcquisForm",
    "BilanForm",
    "DiplomesForm",
    "EpreuvesForm",
    "EpreuveSuiteForm",
    "AdresseForm",
    "AutresDonneesForm",
    "EtablissementForm",
    "EtatCivilForm",
    "OrigineForm",
    "PrecisionsForm",
    "RecapitulatifForm",
    "ResultatsForm",
    "SpecialiteForm",
]
