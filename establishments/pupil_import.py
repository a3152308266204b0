"""C10: the import of a class (docs/formats/eleves.md). Every line is checked with the form
an establishment types one pupil in; the file is registered all or nothing, and the report
names each refused line and column in French."""

from dataclasses import dataclass, field

from django.db import transaction

from establishments.pupil_forms import FILE_COLUMNS, REQUIRED_COLUMNS, PupilForm, form_data_of_line
from inscrinet.loads.csvfile import FileRefused, LineError, rows
from inscrinet.services.errors import DomainError
from inscrinet.services.pupils import pupil_register, school_categories

MAX_PUPILS = 2000  # a whole establishment's exam classes fit; a wrong file stops early


@dataclass
class ImportReport:
    registered: list = field(default_factory=list)  # dossiers
    errors: list[LineError] = field(default_factory=list)


class _Refused(Exception):  # noqa: N818 - leaves the transaction: nothing is kept
    pass


def _default_categorie(session):
    categories = list(school_categories(session))
    scolaires = [c for c in categories if c.kind == "scolaire"]
    return (scolaires or categories or [None])[0]


def _field_label(name):
    if name == "__all__":
        return ""
    return next((col for col, f in FILE_COLUMNS.items() if f == name), name)


def pupils_import(*, session, etablissement, open_binary, actor) -> ImportReport:
    report = ImportReport()
    default_categorie = _default_categorie(session)
    forms = []
    try:
        for item in rows(open_binary, columns=tuple(FILE_COLUMNS), required=REQUIRED_COLUMNS):
            if isinstance(item, LineError):
                report.errors.append(item)
                continue
            line, values = item
            if len(forms) + len(report.errors) >= MAX_PUPILS:
                report.errors.append(
                    LineError(line, "", f"Plus de {MAX_PUPILS} élèves : découpez le fichier.")
                )
                break
            form = PupilForm(
                form_data_of_line(values, default_categorie=default_categorie), session=session
            )
            if form.is_valid():
                forms.append((line, form))
            else:
                for name, messages in form.errors.items():
                    report.errors.append(LineError(line, _field_label(name), messages[0]))
    except FileRefused as refused:
        report.errors.append(refused.error)
        return report
    if not forms and not report.errors:
        report.errors.append(LineError(1, "", "Le fichier ne contient aucun élève."))
    if report.errors:
        return report
    try:
        with transaction.atomic():
            for line, form in forms:
                try:
                    report.registered.append(
                        pupil_register(
                            session=session,
                            etablissement=etablissement,
                            pupil=form.pupil(),
                            actor=actor,
                        )
                    )
                except DomainError as error:
                    report.errors.append(LineError(line, "", str(error)))
            if report.errors:
                raise _Refused
    except _Refused:
        report.registered = []
    return report
