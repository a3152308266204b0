"""M4 « Chargement »: a file with bad lines is rejected as a whole with a report naming each
line and column; corrected, it loads; loaded again, it changes nothing. A real load needs
the base locked (M3); a simulation says what would change and writes nothing."""

import html
import io
from pathlib import Path

import pytest

from inscrinet.actors import SystemActor
from inscrinet.models import (
    Academie,
    AuditEvent,
    DataLoad,
    Dossier,
    Etablissement,
    LoadKind,
    PreviousCandidate,
    PreviousResult,
    Session,
    TransferState,
)
from inscrinet.services.errors import DomainError
from inscrinet.services.loads import data_load_request
from tests.candidates.journey import Walker
from tests.candidates.test_consult_modify import Modifier
from tests.candidates.test_reload_keeps_dossiers import LE_GALL
from tests.support.tasks import run_worker

pytestmark = pytest.mark.django_db
FORMATS = Path(__file__).resolve().parents[2] / "docs" / "formats"
SYSTEM = SystemActor(name="test")
HEADER = (FORMATS / "candidats-precedents.csv").read_text(encoding="utf-8").splitlines()[0]


def limoges():
    return Academie.objects.get(code="022")


def lock(academie):
    Session.objects.filter(academie=academie).update(locked=True)


def load(
    text: str, *, kind=LoadKind.PREVIOUS, dry_run=False, encoding="utf-8", academie=None
) -> DataLoad:
    request = data_load_request(
        academie=academie or limoges(),
        kind=kind,
        upload=io.BytesIO(text.encode(encoding)),
        filename="candidats.csv",
        dry_run=dry_run,
        actor=SYSTEM,
    )
    run_worker()
    request.refresh_from_db()
    return request


def snapshot():
    return (
        sorted(
            PreviousCandidate.objects.values_list(
                "redoublant_number",
                "ivae_number",
                "ine_number",
                "birth_name",
                "first_names",
                "birth_year",
                "birth_month",
                "birth_day",
                "address",
                "email",
                "specialty__code",
            )
        ),
        sorted(
            PreviousResult.objects.values_list(
                "candidate__birth_name", "source__code", "year", "place", "grade"
            )
        ),
    )


def test_a_real_load_needs_the_base_locked(demo):
    with pytest.raises(DomainError, match="Verrouillez"):
        load((FORMATS / "candidats-precedents.csv").read_text())
    # A simulation does not: it writes nothing.
    simulation = load((FORMATS / "candidats-precedents.csv").read_text(), dry_run=True)
    assert simulation.state == TransferState.DONE
    assert (simulation.created, simulation.updated, simulation.unchanged) == (3, 0, 0)
    assert not PreviousCandidate.objects.filter(academie__code="022").exists()


def test_bad_lines_reject_the_whole_file_with_a_report_then_the_corrected_file_loads_once(demo):
    lock(limoges())
    good = (FORMATS / "candidats-precedents.csv").read_text(encoding="utf-8")
    lines = good.splitlines()
    bad = "\n".join(
        [
            lines[0],
            lines[1],
            lines[2].replace("00/00/1988", "31/02/1988"),  # line 3: no such date
            lines[3].replace("CAP;;", "CAP;99999;"),  # line 4: unknown specialty
            lines[1].replace("Mme", "Mlle"),  # line 5: civilité, and a duplicate
            # line 6: no number, a bad email and acquis
            "CAP;;;;;01/01/2000;M;X;;Y;;;;;;;pas-une-adresse;;EG9",
        ]
    )
    before = snapshot()
    rejected = load(bad)
    assert rejected.state == TransferState.REJECTED
    assert snapshot() == before  # nothing written: not even the good first line
    report = {(line, column) for line, column, _ in rejected.errors}
    assert {
        (3, "date_naissance"),
        (4, "specialite"),
        (5, "civilite"),
        (6, "numero_redoublant"),
        (6, "courriel"),
        (6, "acquis"),
    } <= report
    messages = " ".join(m for _, _, m in rejected.errors)
    assert "Cette date de naissance n'existe pas." in messages
    assert "Spécialité « 99999 » inconnue" in messages

    loaded = load(good)
    assert loaded.state == TransferState.DONE
    assert (loaded.created, loaded.updated, loaded.unchanged) == (3, 0, 0)
    lea = PreviousCandidate.objects.get(redoublant_number="R0220001")
    assert (lea.birth_name, lea.first_names, lea.address["city"]) == (
        "DUBREUIL",
        "Léa, Marie",
        "LIMOGES",
    )
    assert sorted(lea.results.values_list("source__code", "grade")) == [
        ("EG1", pytest.approx(12.5)),
        ("EG2", 9),
    ]
    once = snapshot()

    again = load(good)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert snapshot() == once

    # A changed line updates its candidate, by its number.
    moved = load(good.replace("3 rue Jean Jaurès", "5 place de la République"))
    assert (moved.created, moved.updated, moved.unchanged) == (0, 1, 2)
    assert PreviousCandidate.objects.get(redoublant_number="R0220001").address["line1"] == (
        "5 place de la République"
    )
    actions = list(
        AuditEvent.objects.filter(object_type="dataload").values_list("action", flat=True)
    )
    assert "chargement.rejete" in actions and "chargement.termine" in actions


def test_a_windows_1252_file_with_commas_and_a_missing_column(demo):
    lock(limoges())
    text = (FORMATS / "candidats-precedents.csv").read_text(encoding="utf-8")
    loaded = load(text, encoding="cp1252")
    assert loaded.state == TransferState.DONE
    assert PreviousCandidate.objects.get(ivae_number="I0220002").address["line2"] == "Bâtiment B"
    refused = load("examen;nom_naissance\nCAP;X\n")
    assert refused.state == TransferState.REJECTED
    assert refused.errors[0][:2] == [1, "date_naissance"]


def test_hostile_bytes_are_line_errors_not_crashes(demo):
    lock(limoges())
    hostile = HEADER + "\nCAP;;R1;;;01/01/2000;M;A\x00B;;C;;;;;;;;;\n" + "CAP;;R2;;;" + "9" * 5000
    rejected = load(hostile)
    assert rejected.state == TransferState.REJECTED
    assert [e[0] for e in rejected.errors] == [2, 3]


def test_establishments_load_by_code_and_refuse_another_academies(demo):
    lock(limoges())
    text = (FORMATS / "etablissements.csv").read_text(encoding="utf-8")
    loaded = load(text, kind=LoadKind.ETABLISSEMENTS)
    assert (loaded.state, loaded.created) == (TransferState.DONE, 2)
    pagnol = Etablissement.objects.get(code="0870999A")
    assert pagnol.academie.code == "022" and pagnol.ccf_habilitated
    assert sorted(pagnol.exams.values_list("code", flat=True)) == ["BCP", "CAP"]
    assert pagnol.inscription_password_must_change  # its code opens only the forced change
    again = load(text, kind=LoadKind.ETABLISSEMENTS)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    toulouse_code = Etablissement.objects.exclude(academie__code="022").first().code
    stolen = load(
        text + f"{toulouse_code};Pris;Toulouse;non;non;non;CAP\n", kind=LoadKind.ETABLISSEMENTS
    )
    assert stolen.state == TransferState.REJECTED
    assert stolen.errors == [[4, "code", "Cet établissement relève d'une autre académie."]]


def test_an_establishment_s_address_and_phone_for_the_slips_are_loaded_or_left(demo):
    lock(limoges())
    header = "code;nom;ville;examens"
    load(
        f"{header};adresse;telephone\n0870999A;LP Pagnol;Limoges;CAP;"
        "3 rue Pagnol|87000 LIMOGES;0555000000\n",
        kind=LoadKind.ETABLISSEMENTS,
    )
    pagnol = Etablissement.objects.get(code="0870999A")
    assert (pagnol.address, pagnol.phone) == ("3 rue Pagnol\n87000 LIMOGES", "0555000000")
    # A later file without the columns leaves them as they are.
    load(f"{header}\n0870999A;LP Marcel Pagnol;Limoges;CAP\n", kind=LoadKind.ETABLISSEMENTS)
    pagnol.refresh_from_db()
    assert pagnol.name == "LP Marcel Pagnol" and pagnol.phone == "0555000000"
    assert pagnol.address == "3 rue Pagnol\n87000 LIMOGES"


def test_a_loaded_candidate_prefills_the_wizard_g4(client, demo):
    lock(limoges())
    load((FORMATS / "candidats-precedents.csv").read_text(encoding="utf-8"))
    Session.objects.update(locked=False)
    session = Session.objects.get(exam__code="CAP", academie__code="022")
    walker = Walker(client, session)
    origine = {"ivae_number": "i0220002", "birth_date": "00/00/1988"}  # typed in lower case
    assert walker.post("origine", origine).status_code == 302
    html = client.get(walker.url("etat_civil")).content.decode()
    assert 'value="NGUYEN"' in html and 'value="MARTIN"' in html and 'value="Thanh"' in html


def test_a_dossier_that_used_a_previous_candidate_still_modifies_after_reloads(client, demo):
    rennes = Session.objects.get(exam__code="CAP", academie__name="Rennes")
    Walker(client, rennes).walk(LE_GALL)
    dossier = Dossier.objects.get()
    line = (
        "CAP;22132;R1400175;;;12/03/1993;M;LE GALL;;Erwan, Yann;4 rue de Saint-Malo;;;35000;"
        "RENNES;FR;erwan.legall@example.org;0611223344;500 - 22132:EG1:2011:RENNES:13"
    )
    Session.objects.filter(academie=rennes.academie).update(locked=True)
    first = load(HEADER + "\n" + line + "\n", academie=rennes.academie)
    second = load(HEADER + "\n" + line + "\n", academie=rennes.academie)
    assert (first.state, second.state) == (TransferState.DONE, TransferState.DONE)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 1)
    Session.objects.update(locked=False)

    modifier = Modifier(client, dossier)
    assert modifier.start()["Location"] == modifier.url("origine")
    etat_civil = client.get(modifier.url("etat_civil")).content.decode()
    assert 'value="LE GALL"' in etat_civil and "disabled" in etat_civil
    adresse = {**LE_GALL["adresse"], "mobile_phone": "0611223344"}
    assert modifier.post("adresse", adresse).status_code == 302
    assert modifier.post("recapitulatif").status_code == 302
    assert Dossier.objects.get().current_version == 1


def test_the_command_loads_and_reports(demo, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    lock(limoges())
    bad = tmp_path / "mauvais.csv"
    bad.write_text(HEADER + "\nCAP;;R9;;;99/99/2000;M;X;;Y;;;;;;;;;\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Rejeté"):
        call_command("load_file", str(bad), academie="022", type="candidats")
    assert "ligne 2, colonne date_naissance" in capsys.readouterr().err
    call_command(
        "load_file", str(FORMATS / "candidats-precedents.csv"), academie="022", type="candidats"
    )
    assert "3 nouveaux" in capsys.readouterr().out
    assert PreviousCandidate.objects.filter(academie__code="022").count() == 3


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_dec_simulates_reads_the_report_and_loads(client, demo):
    from tests.management.dec import logged_in, url

    logged_in(client, "dec-limoges")
    good = (FORMATS / "candidats-precedents.csv").read_bytes()
    bad = good.replace(b"14/02/2003", b"14/13/2003")

    def send(content, action):
        upload = io.BytesIO(content)
        upload.name = "candidats.csv"
        response = client.post(
            url("loads"), {"kind": "candidats", "file": upload, "action": action}
        )
        run_worker()
        return response

    refused = send(good, "charger")  # not locked: said on the form, nothing stored
    assert refused.status_code == 200 and "Verrouillez d'abord la base" in text(refused)
    response = send(bad, "simuler")
    page = text(client.get(response["Location"]))
    assert "Fichier refusé" in page and "date_naissance" in page
    report = client.get(response["Location"] + "rapport.csv")
    assert "2;date_naissance;" in b"".join(report.streaming_content).decode("utf-8-sig")
    response = send(good, "simuler")
    page = text(client.get(response["Location"]))
    assert "3 nouveaux" in page and "verrouillez d'abord" in page
    client.post(url("academie_lock"), {"verrou": "verrouiller"})
    simulation = DataLoad.objects.latest("pk")
    applied = client.post(url("load_apply", simulation.pk))
    run_worker()
    page = text(client.get(applied["Location"]))
    assert "Chargement terminé : 3 nouveaux" in page
    assert PreviousCandidate.objects.filter(academie__code="022").count() == 3
    assert client.get(url("format", "candidats-precedents")).status_code == 200
    assert client.get(url("format", "inconnu")).status_code == 404


def test_a_binary_file_and_an_unlock_before_writing_are_refused_in_french(demo):
    lock(limoges())
    binary = load("\x89PNG\r\n\x1a\n\x00\x81\x8d\xff", encoding="latin-1")
    assert binary.state == TransferState.REJECTED
    assert "La ligne d'en-tête ne contient pas" in binary.errors[0][2]
    good = (FORMATS / "candidats-precedents.csv").read_text(encoding="utf-8")
    request = data_load_request(
        academie=limoges(),
        kind=LoadKind.PREVIOUS,
        upload=io.BytesIO(good.encode()),
        filename="c.csv",
        dry_run=False,
        actor=SYSTEM,
    )
    Session.objects.update(locked=False)  # the DEC unlocks while the load waits
    run_worker()
    request.refresh_from_db()
    assert request.state == TransferState.REJECTED
    assert not PreviousCandidate.objects.filter(academie__code="022").exists()


def test_a_file_of_bad_lines_keeps_a_bounded_report(demo, monkeypatch):
    monkeypatch.setattr(DataLoad, "MAX_REPORTED", 10)
    lines = "".join(f"CAP;;R{n};;;99/99/2000;M;X;;Y;;;;;;;;;\n" for n in range(40))
    rejected = load(HEADER + "\n" + lines, dry_run=True)
    assert (rejected.error_count, len(rejected.errors)) == (40, 10)


def test_the_page_follows_a_waiting_load_with_or_without_javascript(client, demo):
    from tests.management.dec import logged_in, url

    logged_in(client, "dec-limoges")
    upload = io.BytesIO((FORMATS / "candidats-precedents.csv").read_bytes())
    upload.name = "candidats.csv"
    response = client.post(url("loads"), {"kind": "candidats", "file": upload, "action": "simuler"})
    page = text(client.get(response["Location"]))
    assert "Vérification en cours : 0 ligne sur 3" in page
    assert '<progress id="barre-avancement" max="3" value="0"' in page
    assert "Actualiser" in page  # without JavaScript
    load = DataLoad.objects.get()
    assert client.get(url("load_state", load.pk)).json() == {
        "done": 0,
        "total": 3,
        "finished": False,
    }
    run_worker()
    assert client.get(url("load_state", load.pk)).json()["finished"] is True
