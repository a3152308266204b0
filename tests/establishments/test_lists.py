"""S6: the five lists — only the establishment's own pupils, sortable, paginated, printed
and exported with the same rows, in a number of queries that does not grow."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from pypdf import PdfReader

from inscrinet.context_processors import site_config_cache_clear
from inscrinet.models import AuditEvent, Etablissement, Session, Specialty
from inscrinet.selectors.reference import reference_cache_clear
from tests.establishments.suivi import logged_in, url
from tests.factories import submit_dossier

pytestmark = pytest.mark.django_db


def school(count, *, start=0, code="0310038Y"):
    """`count` pupils of the establishment in two specialties and both formes, plus one
    pupil of another establishment."""
    toulouse = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    bellevue = Etablissement.objects.get(code=code)
    specialties = list(Specialty.objects.filter(exam__code="CAP").order_by("code")[:2])
    for i in range(start, start + count):
        submit_dossier(
            toulouse,
            birth_name=f"ELEVE{i:04d}",
            first_names="Zoé" if i % 2 else '=HYPERLINK("http://x")',
            etablissement=bellevue,
            specialty=specialties[i % 2],
            forme="progressive" if i % 3 == 0 else "globale",
        )
    other = Etablissement.objects.filter(academie=toulouse.academie).exclude(pk=bellevue.pk)
    submit_dossier(toulouse, birth_name=f"ETRANGER{start}", etablissement=other.first())
    return specialties


def screen_rows(page):
    import re

    body = page.split("<tbody>")[1].split("</tbody>")[0]
    return re.findall(r">(\d+)-(\d+)</a></td>\s*<td data-label=\"Nom - prénoms\">([^<]*)<", body)


def test_each_list_shows_only_the_establishments_pupils(client, demo):
    specialties = school(6)
    logged_in(client)
    choice = client.get(url("lists")).content.decode()
    for title in (
        "Liste par ordre alphabétique des candidats",
        "Liste pour une spécialité",
        "Liste pour toutes les spécialités",
        "Liste par spécialité et forme de passage",
    ):
        assert title in choice
    everyone = client.get(url("list", "alphabetique")).content.decode()
    assert "ETRANGER" not in everyone and everyone.count("ELEVE0") == 6
    assert 'aria-sort="ascending"' in everyone
    one = client.get(url("list", "specialite"), {"specialite": specialties[0].pk}).content
    assert one.decode().count("ELEVE0") == 3
    forme = client.get(
        url("list", "specialite-forme"), {"specialite": specialties[0].pk, "forme": "progressive"}
    ).content.decode()
    assert forme.count("ELEVE0") == 1 and "ELEVE0000" in forme  # even and a multiple of 3
    grouped = client.get(url("list", "toutes-specialites")).content.decode()
    assert grouped.count('class="inscrinet-groupe"') == 2
    descending = client.get(url("list", "alphabetique"), {"tri": "-nom"}).content.decode()
    assert 'aria-sort="descending"' in descending
    assert [r[2] for r in screen_rows(descending)][0].startswith("ELEVE0005")
    foreign = Specialty.objects.filter(exam__code="BTS").first()
    assert client.get(url("list", "specialite"), {"specialite": foreign.pk}).status_code == 404
    assert client.get(url("list", "autre")).status_code == 404


def test_exports_read_back_with_the_rows_of_the_screen(client, demo):
    school(7)
    logged_in(client)
    shown = screen_rows(client.get(url("list", "alphabetique")).content.decode())
    shown = [(f"{n}-{k}", name) for n, k, name in shown]
    xlsx = client.get(url("list", "alphabetique"), {"format": "xlsx"})
    assert xlsx["Content-Disposition"].startswith('attachment; filename="alphabetique-0310038Y')
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Numéro d'inscription", "Nom", "Prénoms")
    assert [(r[0], f"{r[1]} - {r[2]}") for r in rows[1:]] == [
        (n, name.replace("&quot;", '"')) for n, name in shown
    ]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    response = client.get(url("list", "alphabetique"), {"format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert [line[0] for line in lines[1:]] == [n for n, _ in shown]
    assert '\'=HYPERLINK("http://x")' in [line[2] for line in lines]
    assert "Zoé" in [line[2] for line in lines]
    pdf = client.get(url("list", "alphabetique"), {"format": "pdf"})
    pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Liste par ordre alphabétique des candidats" in pdf_text
    assert "LYC BELLEVUE" in pdf_text and "ELEVE0006" in pdf_text and "ETRANGER" not in pdf_text
    downloads = AuditEvent.objects.filter(action="export.liste")
    assert [d.details["format"] for d in downloads.order_by("id")] == ["xlsx", "csv", "pdf"]
    assert {d.details["lignes"] for d in downloads} == {7}


def queries(client, path, params=None):
    # Each list counted as on a fresh process (catalogues built, site configuration read).
    reference_cache_clear()
    site_config_cache_clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params or {})
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_the_number_of_candidates(client, demo):
    """Every list, on screen and in each format, with 10 then 500 pupils."""
    school(10)
    logged_in(client)
    Etablissement.objects.filter(code="0310038Y").update(sections_europeennes="oui")
    client.get(url("menu"))  # the session's own first-request writes, not counted
    kinds = ["alphabetique", "toutes-specialites", "section-europeenne"]
    formats = ["", "csv", "xlsx"]

    def measure():
        counted = {
            (k, f): queries(client, url("list", k), {"format": f}) for k in kinds for f in formats
        }
        counted["pdf"] = queries(client, url("list", "alphabetique"), {"format": "pdf"})
        return counted

    few = measure()
    school(490, start=10)
    assert measure() == few
