"""C10: one pupil pre-registered by the establishment, typed in a form or read from a line
of the import file (docs/formats/eleves.md). The identity follows the État civil screen's
rules (the same form: birth date, département, commune looked up within it)."""

from django import forms

from candidates.forms.identite import EtatCivilForm
from inscrinet.models import Specialty
from inscrinet.rules import formes_allowed
from inscrinet.selectors.catalog import offered_in
from inscrinet.services.candidature import FORMES
from inscrinet.services.pupils import PupilInput, school_categories

# The import file's columns (docs/formats/eleves.md) → the form's fields.
FILE_COLUMNS = {
    "civilite": "civilite",
    "nom": "birth_name",
    "nom_usage": "usage_name",
    "prenoms": "first_names",
    "date_naissance": "birth_date",
    "departement_naissance": "birth_departement",
    "commune_naissance": "birth_commune",
    "pays_naissance": "birth_country",
    "classe": "pupil_class",
    "specialite": "specialty",
    "forme": "forme",
    "categorie": "categorie",
    "email": "email",
}
REQUIRED_COLUMNS = (
    "civilite",
    "nom",
    "prenoms",
    "date_naissance",
    "departement_naissance",
    "classe",
    "specialite",
)
CIVILITE_SPELLINGS = {"m": "M", "mr": "M", "monsieur": "M", "mme": "Mme", "madame": "Mme"}
FORME_SPELLINGS = {
    "globale": "globale",
    "g": "globale",
    "progressive": "progressive",
    "p": "progressive",
}


class PupilForm(EtatCivilForm):
    """An élève: identity as on the identity card, class, specialty, forme, catégorie."""

    pupil_class = forms.CharField(label="Classe", max_length=30, help_text="par exemple : DIV1")
    specialty = forms.ModelChoiceField(
        label="Spécialité",
        queryset=Specialty.objects.none(),
        to_field_name="code",
        empty_label="Sélectionnez une spécialité",
        error_messages={"invalid_choice": "Choisissez une spécialité de l'examen (son code)."},
    )
    forme = forms.ChoiceField(
        label="Forme de passage", choices=list(FORMES.items())[:2], initial="globale"
    )
    categorie = forms.ModelChoiceField(
        label="Catégorie de candidat",
        queryset=None,
        to_field_name="code",
        empty_label=None,
        error_messages={"invalid_choice": "Choisissez une catégorie d'élève ou d'apprenti."},
    )
    email = forms.EmailField(
        label="Adresse mail de l'élève",
        required=False,
        help_text="facultative ; l'élève pourra la saisir lui-même",
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["nationality"]  # asked to the pupil when completing
        self.fields["birth_date"].help_text = "jj/mm/aaaa"
        self.fields["specialty"].queryset = offered_in(session, Specialty.objects).order_by("label")
        self.fields["specialty"].label_from_instance = lambda s: f"{s.label} ({s.code})"
        self.fields["categorie"].queryset = school_categories(session)
        self.fields["birth_commune"].help_text = (
            "obligatoire pour une naissance en France ; pour Paris, Lyon et Marseille, "
            "l'arrondissement (par ex. Paris 13e)"
        )

    def clean_pupil_class(self):
        return " ".join(self.cleaned_data["pupil_class"].split()).upper()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        categorie, forme = data.get("categorie"), data.get("forme")
        if categorie and forme:
            allowed = formes_allowed(
                allows_globale=categorie.allows_globale,
                allows_progressive=categorie.allows_progressive,
            )
            if forme not in allowed:
                self.add_error(
                    "forme",
                    f"La forme « {FORMES[forme]} » n'est pas possible pour la catégorie "
                    f"« {categorie.label} ».",
                )
        return data

    def pupil(self) -> PupilInput:
        data = self.cleaned_data
        return PupilInput(
            identity=self.identity(),
            pupil_class=data["pupil_class"],
            specialty=data["specialty"],
            forme=data["forme"],
            categorie=data["categorie"],
            email=data.get("email", ""),
        )


def form_data_of_line(line: dict, *, default_categorie) -> dict:
    """A line of the import file as the form's data, with the spellings people type
    (« MME », « Madame », « 31 » for 031, « G »)."""
    data = {FILE_COLUMNS[column]: value for column, value in line.items() if value}
    civilite = data.get("civilite", "")
    data["civilite"] = CIVILITE_SPELLINGS.get(civilite.strip(".").lower(), civilite)
    departement = data.get("birth_departement", "").upper()
    data["birth_departement"] = departement.zfill(3) if len(departement) < 3 else departement
    data["birth_country"] = data.get("birth_country", "").upper()
    forme = data.get("forme", "globale")
    data["forme"] = FORME_SPELLINGS.get(forme.lower(), forme)
    data.setdefault("categorie", default_categorie.code if default_categorie else "")
    # A commune not in the reference list is kept as written in the file: the
    # establishment copies it from the pupil's papers.
    data["birth_commune_free"] = "on"
    return data
