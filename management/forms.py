"""Forms of the DEC space: the shape of one screen each; rules live in the services."""

import re

from django import forms
from django.db.models import Q
from django.utils import timezone

from inscrinet.forms import ScreenForm
from inscrinet.models import (
    Academie,
    CategorieKind,
    DepositMode,
    DossierState,
    EpreuveKind,
    Etablissement,
    Exam,
    LoadKind,
    PieceCase,
    RightKind,
    Session,
    Specialty,
)
from inscrinet.rules.candidate import (
    RuleError,
    dossier_number_typed,
    is_digits,
    parse_birth_date,
)
from inscrinet.services.catalog import catalog_code
from inscrinet.services.etablissements import DEC_FIELDS
from inscrinet.services.sessions import CONTACT_FIELDS, SETTINGS_FIELDS

PARIS_TIME = "date et heure de Paris, ex. 15/01/2027 08:00"
# « 01/12/2026 », and as people also type it: « 01.12.2026 », « 01-12-2026 », « 01 12 2026 ».
DATE_FORMATS = ["%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d %m %Y", "%Y-%m-%d"]
DATETIME_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    # As French is written: « 15/01/2027 8h30 », « 15/01/2027 à 08h00 », « … 17h ».
    "%d/%m/%Y %Hh%M",
    "%d/%m/%Y %Hh",
    "%d/%m/%Y à %H:%M",
    "%d/%m/%Y à %Hh%M",
    "%d/%m/%Y à %Hh",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
]


class CodeField(forms.CharField):
    """A catalogue code, shown back as it will be kept (services.catalog.catalog_code)."""

    def to_python(self, value):
        return catalog_code(super().to_python(value))


class DecLoginForm(ScreenForm):
    username = forms.CharField(label="Identifiant", max_length=150)
    password = forms.CharField(
        label="Mot de passe",
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class OtpCodeForm(ScreenForm):
    code = forms.RegexField(
        label="Code à usage unique",
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        help_text="les 6 chiffres affichés par votre application d'authentification",
        error_messages={"invalid": "Saisissez les 6 chiffres du code."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip()


def _datetime_field(label):
    return forms.DateTimeField(
        label=label,
        input_formats=DATETIME_FORMATS,
        help_text=PARIS_TIME,
        widget=forms.DateTimeInput(format="%d/%m/%Y %H:%M"),
    )


def _date_field(label, example, required=False):
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=example,
        widget=forms.DateInput(format="%d/%m/%Y"),
    )


class SessionSettingsForm(ScreenForm, forms.ModelForm):
    public_opens_at = _datetime_field("Ouverture du service grand public")
    public_closes_at = _datetime_field("Fermeture du service grand public")
    etablissement_opens_at = _datetime_field("Ouverture du service établissement")
    etablissement_closes_at = _datetime_field("Fermeture du service établissement")
    confirmation_return_date = _date_field(
        "Date limite de retour de la confirmation signée", "ex. 15/03/2027", required=True
    )

    class Meta:
        model = Session
        fields = SETTINGS_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left out of a post, the access stays as it is (it cannot change once dossiers exist).
        self.fields["candidate_access"].required = False

    def clean_candidate_access(self):
        return self.cleaned_data.get("candidate_access") or self.instance.candidate_access

    def clean(self):
        data = super().clean()
        # The services check the periods and say so in French; the model's constraint
        # messages are not for people.
        self._validate_unique = False
        for opens, closes in (
            ("public_opens_at", "public_closes_at"),
            ("etablissement_opens_at", "etablissement_closes_at"),
        ):
            if data.get(opens) and data.get(closes) and data[closes] <= data[opens]:
                self.add_error(closes, "La fermeture doit suivre l'ouverture.")
        return data


class SessionCopyForm(SessionSettingsForm):
    """« Initialiser une session à partir d'une autre »: the new session's label and dates."""

    label = forms.CharField(
        label="Libellé de la nouvelle session", max_length=20, help_text="ex. 2028-06"
    )
    exam_year = forms.IntegerField(label="Année de l'examen", min_value=2000, max_value=2100)

    class Meta(SessionSettingsForm.Meta):
        fields = ("label", "exam_year", *SETTINGS_FIELDS)


class AcademieContactForm(ScreenForm, forms.ModelForm):
    class Meta:
        model = Academie
        fields = CONTACT_FIELDS


class EpsPairsForm(ScreenForm):
    pairs = forms.CharField(
        label="Couples d'activités EPS autorisés",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="un couple par ligne, les deux activités séparées par « + », "
        "ex. Course de demi-fond + Badminton",
    )

    def clean_pairs(self):
        pairs = []
        for number, line in enumerate(self.cleaned_data["pairs"].splitlines(), start=1):
            if not line.strip():
                continue
            first, plus, second = line.partition("+")
            if not plus or not first.strip() or not second.strip():
                raise forms.ValidationError(
                    f"Ligne {number} : séparez les deux activités par « + »."
                )
            if max(len(first.strip()), len(second.strip())) > 80:
                raise forms.ValidationError(f"Ligne {number} : 80 caractères au plus par activité.")
            pairs.append((first.strip(), second.strip()))
        return pairs


class PieceForm(ScreenForm):
    case = forms.ChoiceField(label="Cas", choices=PieceCase.choices)
    specialty = forms.ModelChoiceField(
        label="Spécialité (cas « candidats de la spécialité » seulement)",
        queryset=Specialty.objects.none(),
        required=False,
    )
    label = forms.CharField(label="Pièce à joindre", max_length=300)
    code = CodeField(label="Code", max_length=12, required=False, help_text="ex. NATIDE04")
    deposit_mode = forms.ChoiceField(
        label="Dépôt", choices=DepositMode.choices, initial=DepositMode.COURRIER, required=False
    )
    deposit_opens_at = _datetime_field("Dépôt en ligne possible à partir du")
    deposit_closes_at = _datetime_field("Dépôt en ligne possible jusqu'au")

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        if session is not None:
            self.fields["specialty"].queryset = Specialty.objects.filter(exam_id=session.exam_id)
        for name in ("deposit_opens_at", "deposit_closes_at"):
            self.fields[name].required = False
            self.fields[name].help_text = f"{PARIS_TIME} ; vide : la période d'inscription"

    def clean(self):
        data = super().clean()
        data["deposit_mode"] = data.get("deposit_mode") or DepositMode.COURRIER
        opens, closes = data.get("deposit_opens_at"), data.get("deposit_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("deposit_closes_at", "La fin du dépôt doit suivre son ouverture.")
        if data.get("case") == PieceCase.SPECIALTY and not data.get("specialty"):
            self.add_error("specialty", "Choisissez la spécialité concernée.")
        if data.get("case") != PieceCase.SPECIALTY:
            data["specialty"] = None
        return data


PieceFormSet = forms.formset_factory(PieceForm, extra=2, can_delete=True, max_num=60)


class EtablissementForm(ScreenForm, forms.ModelForm):
    exams = forms.ModelMultipleChoiceField(
        label="Examens préparés",
        queryset=Exam.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Etablissement
        fields = DEC_FIELDS
        # Django's own (« Un objet Établissement avec ce champ … ») reads as a machine's.
        error_messages = {"code": {"unique": "Un établissement a déjà ce code."}}

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        if not code.isalnum():
            raise forms.ValidationError("Le code ne contient que des chiffres et des lettres.")
        return code


class ReasonForm(ScreenForm):
    reason = forms.CharField(
        label="Motif (le candidat le verra)",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


SORTS = {
    "numero": ("session__label", "number"),
    "-numero": ("-session__label", "-number"),
    "nom": ("identity_key", "number"),
    "-nom": ("-identity_key", "-number"),
    "naissance": ("birth_year", "birth_month", "birth_day", "number"),
    "-naissance": ("-birth_year", "-birth_month", "-birth_day", "-number"),
    "etat": ("state", "number"),
    "-etat": ("-state", "-number"),
    "modifie": ("updated_at", "number"),
    "-modifie": ("-updated_at", "-number"),
}


class DossierNumberField(forms.CharField):
    """The number as a candidate reads it out: « 12 », « 012 », « 12 - 0 » (pages and PDFs
    print the version after the dash), « n° 12 »; or the 11-digit « N° candidat ». Cleaned
    into ("dossier", 12) or ("candidat", "01627000001")."""

    default_error_messages = {
        "invalid": "Saisissez le numéro du dossier (ex. 12 ou 12 - 0) ou le numéro de "
        "candidat à 11 chiffres."
    }

    def to_python(self, value):
        text = re.sub(r"\s+", "", super().to_python(value))
        if not text or text.casefold() in ("n°", "nº", "no"):
            return None
        if re.fullmatch(r"[0-9]{10,11}", text):
            return ("candidat", text.zfill(11))
        number = dossier_number_typed(text)
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return ("dossier", number)


class BirthDateSearchField(forms.CharField):
    """A birth date as the candidate side reads it (rules.parse_birth_date: 28/11/2004,
    28.11.2004, 28112004…; 00/00/2004 for a year alone, as dossiers keep it), or « 2004 »,
    or 2004-11-28. Cleaned into BirthDateParts (month and day None when unknown)."""

    def to_python(self, value):
        text = super().to_python(value).strip()
        if not text:
            return None
        if is_digits(text) and len(text) == 4:
            text = f"00/00/{text}"
        iso = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", text)
        if iso:
            text = f"{iso.group(3)}/{iso.group(2)}/{iso.group(1)}"
        try:
            return parse_birth_date(text, this_year=timezone.localdate().year)
        except RuleError as error:
            raise forms.ValidationError(str(error), code="invalid") from None


class DossierSearchForm(ScreenForm):
    """M5: every criterion optional; the selector applies those given."""

    numero = DossierNumberField(
        label="Numéro de dossier",
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 40}),
        help_text="ex. 12 ou 12 - 0, ou le numéro de candidat à 11 chiffres",
    )
    nom = forms.CharField(
        label="Nom ou prénom",
        required=False,
        max_length=100,
        help_text="accents, majuscules et tirets indifférents ; ou l'adresse électronique",
    )
    naissance = BirthDateSearchField(
        label="Date de naissance",
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 20}),
        help_text="ex. 28/11/2004, ou l'année seule",
    )
    session = forms.ModelChoiceField(
        label="Session", queryset=Session.objects.none(), required=False
    )
    specialite = forms.ModelChoiceField(
        label="Spécialité", queryset=Specialty.objects.none(), required=False
    )
    etablissement = forms.ModelChoiceField(
        label="Établissement", queryset=Etablissement.objects.none(), required=False
    )
    etat = forms.ChoiceField(
        label="État", choices=[("", "tous")] + list(DossierState.choices), required=False
    )
    tri = forms.ChoiceField(
        choices=[(key, key) for key in SORTS], required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, sessions, etablissements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions
        # The national catalogue's and the académie's own specialties, never another's.
        self.fields["specialite"].queryset = (
            Specialty.objects.filter(exam__sessions__in=sessions)
            .filter(Q(academie__isnull=True) | Q(academie__sessions__in=sessions))
            .distinct()
            .select_related("exam")
        )
        self.fields["etablissement"].queryset = etablissements.filter(is_fictitious=False)


class AuditFilterForm(ScreenForm):
    objet = forms.CharField(
        label="Objet",
        required=False,
        max_length=100,
        help_text="ex. dossier, session, le nom d'un établissement",
    )
    utilisateur = forms.CharField(label="Utilisateur", required=False, max_length=150)
    du = _date_field("Du", "ex. 01/12/2026")
    au = _date_field("Au", "ex. 31/12/2026")


# --- M1 catalogue ---------------------------------------------------------------------------


class SpecialtyForm(ScreenForm):
    exam = forms.ModelChoiceField(label="Examen", queryset=Exam.objects.none())
    code = CodeField(label="Code de la spécialité", max_length=10)
    label = forms.CharField(label="Libellé", max_length=200)

    def __init__(self, *args, exams=None, **kwargs):
        super().__init__(*args, **kwargs)
        if exams is None:  # editing: the exam stays
            del self.fields["exam"]
        else:
            self.fields["exam"].queryset = exams


class EpreuveForm(ScreenForm):
    code = CodeField(label="Code", max_length=10)
    label = forms.CharField(label="Libellé", max_length=200)
    parent = CodeField(
        label="Épreuve parente",
        max_length=10,
        required=False,
        help_text="son code, pour une sous-épreuve",
    )
    # Initial values as a browser sends them, so an untouched extra row stays empty.
    kind = forms.ChoiceField(
        label="Nature", choices=EpreuveKind.choices, initial=EpreuveKind.MANDATORY
    )
    is_eps = forms.BooleanField(label="Éducation physique et sportive", required=False)
    progressive_choosable = forms.BooleanField(
        label="Au choix en forme progressive", required=False, initial=True
    )
    order = forms.IntegerField(label="Ordre", min_value=0, max_value=999, initial=0)
    options = forms.CharField(
        label="Options",
        max_length=2000,
        required=False,
        help_text="séparées par « ; », ex. Anglais ; Espagnol",
    )

    def clean_options(self):
        labels = [o.strip() for o in self.cleaned_data["options"].split(";") if o.strip()]
        if any(len(label) > 120 for label in labels):
            raise forms.ValidationError("120 caractères au plus par option.")
        return labels


EpreuveFormSet = forms.formset_factory(
    EpreuveForm, extra=2, can_delete=True, max_num=80, validate_max=True
)


class RightForm(ScreenForm):
    source = forms.TypedChoiceField(label="Épreuve du diplôme", coerce=int)
    target = forms.ChoiceField(label="Épreuve de la spécialité")
    kind = forms.ChoiceField(label="Droit", choices=RightKind.choices, initial=RightKind.BENEFICE)

    def __init__(self, *args, sources=(), targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", "—")] + list(sources)
        self.fields["target"].choices = [("", "—")] + list(targets)


RightFormSet = forms.formset_factory(RightForm, extra=2, can_delete=True, max_num=200)


class CategorieForm(ScreenForm):
    exam = forms.ModelChoiceField(label="Examen", queryset=Exam.objects.none())
    code = CodeField(label="Code de la catégorie", max_length=10)
    label = forms.CharField(label="Libellé", max_length=120)
    kind = forms.ChoiceField(label="Type", choices=CategorieKind.choices)
    allows_globale = forms.BooleanField(label="Forme globale possible", required=False)
    allows_progressive = forms.BooleanField(label="Forme progressive possible", required=False)
    fictitious_establishments = forms.BooleanField(
        label="Choisit un établissement fictif (candidats individuels)", required=False
    )

    def __init__(self, *args, exams=None, **kwargs):
        super().__init__(*args, **kwargs)
        if exams is None:
            del self.fields["exam"]
        else:
            self.fields["exam"].queryset = exams


class DiplomaForm(ScreenForm):
    code = CodeField(label="Code du diplôme", max_length=20, help_text="ex. 500 - 22132")
    label = forms.CharField(label="Libellé", max_length=200)


class DiplomaEpreuveForm(ScreenForm):
    code = CodeField(label="Code", max_length=10)
    label = forms.CharField(label="Libellé", max_length=200)
    order = forms.IntegerField(label="Ordre", min_value=0, max_value=999, initial=0)


DiplomaEpreuveFormSet = forms.formset_factory(
    DiplomaEpreuveForm, extra=2, can_delete=True, max_num=80, validate_max=True
)


class DataLoadForm(ScreenForm):
    kind = forms.ChoiceField(
        label="Données à charger",
        choices=LoadKind.choices,
        widget=forms.RadioSelect,
        initial=LoadKind.PREVIOUS,
    )
    file = forms.FileField(
        label="Fichier CSV",
        help_text="Séparateur « ; », encodage UTF-8 ou Windows-1252, 100 Mo au plus ; "
        "les colonnes sont décrites dans le format du fichier.",
        max_length=200,
    )


class CampaignForm(ScreenForm):
    audience = forms.ChoiceField(label="Candidats à relancer", choices=(), widget=forms.RadioSelect)
    subject = forms.CharField(label="Objet du courriel", max_length=150)
    body = forms.CharField(
        label="Message",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Texte brut. Le numéro de dossier, la session et les coordonnées du service "
        "des examens sont ajoutés à la fin de chaque courriel.",
    )

    # Set by the preview, carried by its « Envoyer » button (services.campaigns.campaign_send).
    request_key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, audiences: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = list(audiences.items())

    def clean_request_key(self):
        key = self.cleaned_data["request_key"]
        return key if re.fullmatch(r"[0-9a-f]{32}", key) else ""  # anything else: none
