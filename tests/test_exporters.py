"""One exporter shape: hostile cells never become formulas, French Excel reads the CSV."""

import csv
import io

from openpyxl import load_workbook

from inscrinet.exporters import Column, Export, csv_lines, csv_response, xlsx_bytes

HOSTILE = {
    "nom": '=HYPERLINK("http://x")',
    "telephone": "+33612345678",
    "prenom": "Zoé",
    "ville": "\t=1+1",
    "note": 12,
}
EXPORT = Export(
    "Élèves",
    tuple(
        Column(header, lambda row, k=key: row[k])
        for header, key in (
            ("Nom", "nom"),
            ("Téléphone", "telephone"),
            ("Prénom", "prenom"),
            ("Ville", "ville"),
            ("Note", "note"),
        )
    ),
)


def test_the_xlsx_has_no_formula_and_keeps_every_text_as_typed():
    workbook = load_workbook(io.BytesIO(xlsx_bytes(EXPORT, [HOSTILE])))
    sheet = workbook["Élèves"]
    rows = [[(c.value, c.data_type) for c in row] for row in sheet.iter_rows()]
    assert [v for v, _ in rows[0]] == ["Nom", "Téléphone", "Prénom", "Ville", "Note"]
    assert rows[1] == [
        ('=HYPERLINK("http://x")', "s"),
        ("+33612345678", "s"),
        ("Zoé", "s"),
        ("\t=1+1", "s"),
        (12, "n"),
    ]
    assert all(t != "f" for row in rows for _, t in row)


def test_the_csv_has_a_bom_semicolons_and_neutralised_formulas():
    raw = "".join(csv_lines(EXPORT, [HOSTILE])).encode("utf-8")
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert header == ["Nom", "Téléphone", "Prénom", "Ville", "Note"]
    assert row == ['\'=HYPERLINK("http://x")', "'+33612345678", "Zoé", "'\t=1+1", "12"]
    assert not any(cell[:1] in "=+-@" for cell in row)


def test_the_csv_is_streamed_as_an_attachment_never_cached():
    response = csv_response(EXPORT, iter([HOSTILE] * 3), "eleves.csv")
    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="eleves.csv"'
    assert response["Cache-Control"] == "private, no-store"
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert body.count("\r\n") == 4
