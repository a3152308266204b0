"""Screens G7 (autres données), G8 (établissement), G9 (résultats), G10 (spécialité) and
G16 (récapitulatif)."""

from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db.models.query import MAX_GET_RESULTS
from django.forms.models import ModelChoiceIterator

from candidates.forms.common import ScreenForm, yes_no
from inscrinet import rules
from inscrinet.models import SCHOOL_KINDS, Categorie, Etablissement, Specialty
from inscrinet.prepared import PreparedRead
from inscrinet.selectors.catalog import offered_to
from inscrinet.services.dossiers import conflict_message


class ColumnsChoiceIterator(ModelChoiceIterator):
    """A select's options read as columns (code, label parts), not as model rows: an
    académie's establishments are hundreds of rows, each built as a model instance only to
    show its name."""

    def __iter__(self):
        field = self.field
        if field.empty_label is not None:
            yield ("", field.empty_label)
        if field.offered is not None:
            offer, values = field.offered
            rows = offer.options(*values)
        else:
            rows = self.queryset.values_list(field.to_field_name, *field.label_columns)
        for code, *parts in rows:
            yield (code, field.label_format.format(*parts))


class Offer:
    """What a CodeChoiceField offers for some values (a session's exam and académie ids…):
    `build(*values)`, the QuerySet of the rows. Its options and the row of a posted code are
    prepared reads (inscrinet/prepared.py): the same queries, not compiled again by the ORM
    at each screen and at « Valider »'s re-validation."""

    def __init__(self, build, label_columns):
        self.build, self.label_columns = build, label_columns
        # Each column read once (a column twice is an annotation to the ORM: not prepared).
        columns = list(dict.fromkeys(("code", *label_columns)))
        self._columns = PreparedRead(lambda *v: build(*v).values_list(*columns))
        self._parts = [columns.index(column) for column in label_columns]
        # As QuerySet.get(): no ordering, at most MAX_GET_RESULTS rows read.
        self.row = PreparedRead(
            lambda *v: build(*v[:-1]).filter(code=v[-1]).order_by()[:MAX_GET_RESULTS]
        )

    def __deepcopy__(self, memo):  # shared by the copies of a field
        return self

    def options(self, *values):
        """(code, *label columns) of each row offered, in order."""
        return [(row[0], *(row[i] for i in self._parts)) for row in self._columns(*values)]


class CodeChoiceField(forms.ModelChoiceField):
    """A catalogue row chosen by its code: stored answers survive a reload of the catalogue
    (ARCHITECTURE « natural keys »). The options show `label_format` filled with the
    `label_columns` of each row; the row chosen is read whole, when the form is cleaned.
    The form gives the rows offered with `offer()` (or, as any ModelChoiceField, a
    queryset)."""

    iterator = ColumnsChoiceIterator
    offered = None  # (Offer, values) once offer() is called

    def __init__(self, *, label_columns, label_format="{}", **kwargs):
        self.label_columns, self.label_format = label_columns, label_format
        super().__init__(queryset=None, to_field_name="code", **kwargs)

    def offer(self, offer, *values):
        if offer.label_columns != self.label_columns:
            raise ImproperlyConfigured(f"{offer.label_columns} offered for {self.label_columns}")
        self.offered = (offer, values)
        self.queryset = offer.build(*values)

    def to_python(self, value):
        if self.offered is None or type(value) is not str or value in self.empty_values:
            return super().to_python(value)
        self.validate_no_null_characters(value)  # as Django's, before any query
        offer, values = self.offered
        rows = offer.row(*values, value)
        if len(rows) == 1:
            return rows[0]
        if not rows:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        raise self.queryset.model.MultipleObjectsReturned(f"{len(rows)} rows for {value!r}")


def _categories(through_establishment):
    def build(exam_id, academie_id):
        offered = offered_to(exam_id, academie_id, Categorie.objects).order_by("label")
        if through_establishment:  # E2: Categorie.registers_through_establishment
            return offered.filter(kind__in=SCHOOL_KINDS)
        return offered.exclude(kind__in=SCHOOL_KINDS)

    return Offer(build, ("label",))


# Built once: each keeps its prepared reads (a boolean changes the SQL: one offer each).
CATEGORIES = {True: _categories(True), False: _categories(False)}
SPECIALTIES = Offer(
    lambda exam_id, academie_id: offered_to(exam_id, academie_id, Specialty.objects).order_by(
        "label"
    ),
    ("label",),
)


class AutresDonneesForm(ScreenForm):
    categorie = CodeChoiceField(
        label="Catégorie de candidat",
        label_columns=("label",),
        empty_label="Sélectionnez votre catégorie",
        error_messages={"invalid_choice": "Choisissez une catégorie de la liste."},
    )
    handicap = yes_no("Êtes-vous en situation de handicap ?")
    amenagement = yes_no("Demandez-vous un aménagement de la durée de formation ?")

    def __init__(self, *args, session, from_etablissement=False, birth_year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categorie"].offer(
            CATEGORIES[bool(from_etablissement)], session.exam_id, session.academie_id
        )
        self.session, self.birth_year = session, birth_year

    def clean(self):
        data = super().clean()
        categorie = data.get("categorie")
        if (
            categorie
            and categorie.is_individual
            and self.session.individuals_must_be_adult
            and self.birth_year
            and not rules.is_of_age_on_december_31(self.birth_year, self.session.exam_year)
        ):
            self.add_error(
                "categorie",
                "Les candidats individuels doivent être majeurs au 31 décembre "
                f"{self.session.exam_year} pour cette session.",
            )
        return data


def _etablissements(fictitious):
    """G8: the académie's establishments serving the exam, fictitious ones for individuals."""
    return Offer(
        lambda academie_id, exam_id: Etablissement.objects.filter(
            academie_id=academie_id, exams__id=exam_id, is_fictitious=fictitious
        ).order_by("name"),
        ("name", "code"),
    )


ETABLISSEMENTS = {True: _etablissements(True), False: _etablissements(False)}
PREVIOUS_ETABLISSEMENTS = Offer(
    lambda academie_id: Etablissement.objects.filter(
        academie_id=academie_id, is_fictitious=False
    ).order_by("name"),
    ("name", "code"),
)


class EtablissementForm(ScreenForm):
    etablissement = CodeChoiceField(
        label="Établissement d'inscription",
        label_columns=("name", "code"),
        label_format="{} ({})",  # Etablissement.__str__
        empty_label="Sélectionnez votre établissement",
        error_messages={"invalid_choice": "Choisissez un établissement de la liste."},
    )
    previous_etablissement = CodeChoiceField(
        label="Établissement fréquenté précédemment",
        label_columns=("name", "code"),
        label_format="{} ({})",
        required=False,
        empty_label="Aucun, ou absent de la liste",
        help_text="si vous avez déjà été candidat(e) ou élève",
    )
    previous_name = forms.CharField(
        label="Sinon, nom de l'établissement précédent", required=False, max_length=120
    )
    previous_city = forms.CharField(
        label="Ville de l'établissement précédent", required=False, max_length=80
    )

    def __init__(self, *args, session, categorie, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["etablissement"].offer(
            ETABLISSEMENTS[bool(categorie.fictitious_establishments)],
            session.academie_id,
            session.exam_id,
        )
        self.fields["previous_etablissement"].offer(PREVIOUS_ETABLISSEMENTS, session.academie_id)

    def clean(self):
        data = super().clean()
        name, city = (
            (data.get("previous_name") or "").strip(),
            (data.get("previous_city") or "").strip(),
        )
        if bool(name) != bool(city):
            self.add_error(
                "previous_city" if name else "previous_name",
                "Indiquez le nom et la ville de l'établissement précédent.",
            )
        return data


class ResultatsForm(ScreenForm):
    consent_press = yes_no(
        "Acceptez-vous que vos résultats soient communiqués à la presse et aux sites internet "
        "privés ?"
    )
    consent_collectivites = yes_no(
        "Acceptez-vous que vos résultats soient communiqués aux collectivités territoriales ?"
    )


FORMES = {"globale": "Globale", "progressive": "Progressive"}


class SpecialiteForm(ScreenForm):
    specialty = CodeChoiceField(
        label="Spécialité",
        label_columns=("label",),
        empty_label="Sélectionnez une spécialité",
        error_messages={"invalid_choice": "Choisissez une spécialité de la liste."},
    )
    forme = forms.ChoiceField(label="Forme de passage", widget=forms.RadioSelect)
    derogation = yes_no("Demandez-vous une dérogation à la forme de passage ?")

    def __init__(self, *args, session, categorie, etablissement=None, conflict=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["specialty"].offer(SPECIALTIES, session.exam_id, session.academie_id)
        formes = rules.formes_allowed(
            allows_globale=categorie.allows_globale,
            allows_progressive=categorie.allows_progressive,
        )
        self.fields["forme"].choices = [(f, FORMES[f]) for f in formes]
        if len(formes) == 1:
            self.fields["forme"].initial = formes[0]
        self.section_europeenne = etablissement is not None and rules.section_europeenne_applies(
            exam_has_section=session.exam.has_section_europeenne,
            categorie_kind=categorie.kind,
            etab_answer=etablissement.sections_europeennes,
            etab_is_cfa=etablissement.is_cfa,
            etab_ccf_habilitated=etablissement.ccf_habilitated,
        )
        if self.section_europeenne:
            self.fields["section_europeenne"] = yes_no(
                "Êtes-vous inscrit(e) en section européenne ?"
            )
        self.conflict = conflict  # callable(specialty) -> existing Dossier or None (G11)

    def clean(self):
        data = super().clean()
        specialty = data.get("specialty")
        if not specialty:
            return data
        existing = self.conflict(specialty) if self.conflict else None
        if existing is not None:
            raise forms.ValidationError(conflict_message(existing))
        return data


def asks_precisions(specialty, derogation) -> bool:
    """The « Précisions » screen follows the spécialité screen only when one of its
    questions applies (the notices' « dialogue »)."""
    return specialty is not None and (bool(specialty.extra_questions) or derogation == "oui")


class PrecisionsForm(ScreenForm):
    """The questions that depend on the spécialité screen's answers: the chosen specialty's
    own questions (« Situation professionnelle »…) and, with a dérogation, the forme finale
    demandée."""

    def __init__(self, *args, specialty, derogation, **kwargs):
        super().__init__(*args, **kwargs)
        for question in specialty.extra_questions if specialty else []:
            self.fields[f"extra_{question['code']}"] = forms.ChoiceField(
                label=question["label"],
                choices=[("", "Sélectionnez une valeur")] + [(c, c) for c in question["choices"]],
                error_messages={
                    "required": "Cette question est obligatoire pour la spécialité choisie.",
                    "invalid_choice": "Choisissez une valeur de la liste.",
                },
            )
        if derogation == "oui":
            self.fields["forme_finale"] = forms.ChoiceField(
                label="Forme finale demandée par dérogation",
                choices=list(FORMES.items()),
                widget=forms.RadioSelect,
                error_messages={"required": "Indiquez la forme finale demandée par dérogation."},
            )


class RecapitulatifForm(ScreenForm):
    """G16: nothing to type; « Valider votre inscription » submits it."""
