"""Screens G12 (diplômes), G13 (saisie des acquis, one diploma per page), G14 (bilan) and
G15 (épreuves). The rules themselves are in inscrinet/rules/."""

from django import forms
from django.utils import timezone

from candidates.forms.common import UNMARKED_INPUT, ScreenForm
from inscrinet import rules
from inscrinet.declarations import (
    GRADE,
    KEEP,
    PLACE,
    YEAR,
    acquis_field,
    epreuve_choices,
    epreuve_slug,
    kept_acquis_errors,
)


class DiplomesForm(ScreenForm):
    diplomas = forms.MultipleChoiceField(
        label="Cochez les diplômes ou titres que vous possédez en totalité ou en partie :",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Cochez des diplômes de la liste."},
    )

    def __init__(self, *args, catalog, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["diplomas"].choices = [(d.code, d.title) for d in catalog.diplomas]
        self.has_diplomas = bool(catalog.diplomas)


# Year, place and grade are required only when the acquis is kept: no « (Optionnel) »
# marker on them (the help texts say what is needed).
UNMARKED_CHECKBOX = "candidates/fields/checkbox_unmarked.html"


class AcquisForm(ScreenForm):
    """Per source épreuve of the diploma(s) shown: keep it?, year, place and, for a bénéfice,
    the grade. `page` shows one diploma; None builds every ticked diploma (re-validation)."""

    def __init__(self, *args, catalog, diplomas, page, forme, exam, prefill=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalog, self.forme, self.exam = catalog, forme, exam
        shown = diplomas if page is None else diplomas[page : page + 1]
        self.diplomas = [d for d in catalog.diplomas if d.code in shown]
        self.source_of = {}
        for diploma in self.diplomas:
            for source in diploma.sources:
                self._add_source_fields(source, (prefill or {}).get(source.pk))
        # (diploma, [(source, {part: bound field})]) for the template
        self.groups = [
            (diploma, [(source, self.source_fields(source)) for source in diploma.sources])
            for diploma in self.diplomas
        ]

    def _add_source_fields(self, source, known):
        name = lambda part: acquis_field(source, part)  # noqa: E731
        title = rules.epreuve_title(source.code, source.label, "--")
        # A dispense is kept unless the candidate unticks it (seed 004); a redoublant's
        # known results come pre-ticked and filled (seeds 000, 002).
        keep_initial = known is not None or source.kind == rules.DISPENSE
        self.fields[name(KEEP)] = forms.BooleanField(
            label="Souhaitez-vous conserver cet acquis ?",
            required=False,
            initial=keep_initial,
            template_name=UNMARKED_CHECKBOX,
        )
        self.fields[name(YEAR)] = forms.CharField(
            label="Année d'obtention",
            required=False,
            template_name=UNMARKED_INPUT,
            max_length=4,
            help_text="obligatoire si vous conservez l'acquis, exemple : 2011",
            initial=known and known["year"],
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        )
        place_optional = source.kind == rules.DISPENSE and not self.exam.dispense_place_required
        self.fields[name(PLACE)] = forms.CharField(
            label="Lieu d'obtention (académie)",
            required=False,
            template_name=UNMARKED_INPUT,
            max_length=40,
            help_text="facultatif pour une dispense"
            if place_optional
            else "obligatoire si vous conservez l'acquis, exemple : RENNES",
            initial=known and known["place"],
        )
        if source.kind == rules.BENEFICE:
            self.fields[name(GRADE)] = forms.CharField(
                label="Note obtenue",
                required=False,
                template_name=UNMARKED_INPUT,
                # Not 5: a browser would cut « 12.345 » to « 12.34 » without a word.
                max_length=20,
                help_text="sur 20, exemple : 10.00",
                initial=known and known["grade"],
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
        for part in (KEEP, YEAR, PLACE, GRADE):
            self.source_of[name(part)] = title

    def source_fields(self, source):
        return {
            part: self[acquis_field(source, part)]
            for part in (KEEP, YEAR, PLACE, GRADE)
            if acquis_field(source, part) in self.fields
        }

    def clean(self):
        data = super().clean()
        for _, source, part, message in kept_acquis_errors(
            self.catalog,
            [d.code for d in self.diplomas],
            data,
            exam=self.exam,
            forme=self.forme,
            this_year=timezone.localdate().year,
        ):
            self.add_error(acquis_field(source, part), message)
        return data

    def error_summary(self):
        """Each message names the épreuve: the labels repeat from one épreuve to the next."""
        summary = []
        for name, errors in self.errors.items():
            field = self[name]
            for message in errors:
                summary.append(
                    (field.id_for_label, f"{self.source_of[name]} — {field.label} : {message}")
                )
        return summary


class BilanForm(ScreenForm):
    """G14: nothing to type; the screen shows the bilan des acquis."""


INSCRIT_CHOICES = [
    ("", "Choisissez"),
    (rules.INSCRIT, "INSCRIT"),
    (rules.NON_INSCRIT, "NON INSCRIT"),
]


def option_field(e):
    return forms.ChoiceField(
        label=f"{e.code} : {e.label} — option",
        required=False,  # only when the épreuve is inscrit
        template_name=UNMARKED_INPUT,
        choices=[("", "Choisissez une option")] + [(o, o) for o in e.options],
        help_text="si vous êtes inscrit(e) à cette épreuve",
        error_messages={"invalid_choice": "Choisissez une option dans la liste."},
    )


def eps_field(e, eps_pairs, is_individual):
    pairs = [(f"{a} + {b}", f"{a} + {b}") for a, b in eps_pairs]
    if is_individual:
        pairs.append((rules.EPS_DISPENSE, "Dispensé(e) d'EPS"))
    return forms.ChoiceField(
        label=f"{e.code} : {e.label} — couple d'activités",
        required=False,  # only when EPS is inscrit
        template_name=UNMARKED_INPUT,
        choices=[("", "Choisissez deux activités")] + pairs,
        help_text="deux activités parmi les couples proposés dans votre académie",
        error_messages={"invalid_choice": "Choisissez un couple d'activités de la liste."},
    )


def field_name(kind, code):
    return f"{kind}_{epreuve_slug(code)}"


class EpreuvesForm(ScreenForm):
    """G15: Inscrit / Non inscrit where there is a choice, options, EPS activities. The
    option or activities of an épreuve the candidate may choose not to sit are asked on
    the next screen (EpreuveSuiteForm), once the candidate chose to sit it."""

    def __init__(self, *args, catalog, declarations, forme, eps_pairs, is_individual, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalog, self.bilan, self.forme = catalog, declarations.bilan, forme
        self.questions = declarations.questions
        self.eps_pairs, self.is_individual = eps_pairs, is_individual
        self.deferred = self.questions.follow_ups()
        for e in self.questions.choosable:
            facultative = " (épreuve facultative)" if e.kind == "facultative" else ""
            self.fields[field_name("position", e.code)] = forms.ChoiceField(
                label=f"{e.code} : {e.label}{facultative}",
                choices=INSCRIT_CHOICES,
                help_text="Présentez-vous cette épreuve à cette session ?",
                error_messages={
                    "required": "Indiquez si vous vous inscrivez à cette épreuve.",
                    "invalid_choice": "Choisissez INSCRIT ou NON INSCRIT.",
                },
            )
        for e in self.questions.with_options:
            if e.code not in self.deferred:
                self.fields[field_name("option", e.code)] = option_field(e)
        for e in self.questions.eps:
            if e.code not in self.deferred:
                self.fields[field_name("eps", e.code)] = eps_field(e, eps_pairs, is_individual)

    def clean(self):
        data = super().clean()
        choices = epreuve_choices(self.catalog, data)
        errors = rules.epreuve_choice_errors(
            self.catalog.epreuves,
            self.questions,
            choices,
            self.bilan,
            forme=self.forme,
            eps_pairs=self.eps_pairs,
            is_individual=self.is_individual,
            deferred=self.deferred,
        )
        add_choice_errors(self, errors)
        return data


def add_choice_errors(form, errors):
    for key, message in errors.items():
        kind, _, code = key.partition(":")
        name = field_name(kind, code) if key else None
        if name is not None and name not in form.fields:
            continue  # another screen's question
        if name not in form.errors:  # a field already refused says so once
            form.add_error(name, message)


class EpreuveSuiteForm(ScreenForm):
    """The option or EPS activities of the épreuves the candidate just chose to sit (in
    forme progressive, or a facultative épreuve with options)."""

    def __init__(
        self,
        *args,
        catalog,
        declarations,
        chosen,
        forme,
        eps_pairs,
        is_individual,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.catalog, self.declarations, self.chosen = catalog, declarations, chosen
        self.forme, self.eps_pairs, self.is_individual = forme, eps_pairs, is_individual
        asked = rules.follow_ups_to_ask(
            catalog.epreuves, declarations.questions, declarations.choices, declarations.bilan
        )
        for e in declarations.questions.with_options:
            if e.code in asked:
                field = self.fields[field_name("option", e.code)] = option_field(e)
                field.help_text = ""  # asked because the épreuve is inscrit
        for e in declarations.questions.eps:
            if e.code in asked:
                self.fields[field_name("eps", e.code)] = eps_field(e, eps_pairs, is_individual)

    def clean(self):
        data = super().clean()
        choices = epreuve_choices(self.catalog, {**self.chosen, **data})
        errors = rules.epreuve_choice_errors(
            self.catalog.epreuves,
            self.declarations.questions,
            choices,
            self.declarations.bilan,
            forme=self.forme,
            eps_pairs=self.eps_pairs,
            is_individual=self.is_individual,
        )
        add_choice_errors(self, errors)
        return data
