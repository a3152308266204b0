"""One exporter shape for every list that is downloaded (establishment lists S6, DEC
unloads M4): columns declared once, rows produced once from a scoped selector, written as
CSV or XLSX in bounded memory.

- CSV: UTF-8 with BOM and `;` (what French Excel expects), streamed row by row; a cell that
  a spreadsheet would run as a formula (starting with = + - @, or a tab / carriage return
  before one) is neutralised with a leading apostrophe (defusedcsv, OWASP « CSV injection »).
- XLSX: openpyxl in write-only mode, every text cell typed as a string: a write-only text
  cell `=1+1` would otherwise be stored as a formula.
"""

import datetime
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from defusedcsv import csv
from django.http import StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

BOM = "\ufeff"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]  # row -> cell value (str, int, Decimal, date or None)


@dataclass(frozen=True)
class Export:
    """What to export: a title (sheet name, file name) and its columns."""

    title: str
    columns: tuple[Column, ...]

    def cells(self, rows: Iterable) -> Iterator[list]:
        for row in rows:
            yield [column.value(row) for column in self.columns]


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    if text[:1] in ("\t", "\r"):  # a leading tab hides a formula from defusedcsv's check
        return "'" + text
    return text


class _Line:
    """A file-like object whose write() returns what it was given (streamed CSV)."""

    def write(self, value):
        return value


def csv_lines(export: Export, rows: Iterable) -> Iterator[str]:
    """The CSV text, line by line, beginning with the BOM and the header."""
    writer = csv.writer(_Line(), delimiter=";", lineterminator="\r\n")
    yield BOM + writer.writerow([c.header for c in export.columns])
    for cells in export.cells(rows):
        yield writer.writerow([_csv_text(v) for v in cells])


def csv_response(export: Export, rows: Iterable, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in csv_lines(export, rows)),
        content_type=CSV_CONTENT_TYPE,
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _xlsx_cell(sheet, value):
    if isinstance(value, bool):
        value = "Oui" if value else "Non"
    if isinstance(value, int | float | Decimal) or value is None:
        return WriteOnlyCell(sheet, value=value)
    if isinstance(value, datetime.datetime):
        value = value.strftime("%d/%m/%Y %H:%M")
    elif isinstance(value, datetime.date):
        value = value.strftime("%d/%m/%Y")
    cell = WriteOnlyCell(sheet, value=str(value))
    cell.data_type = "s"  # never a formula, whatever the text begins with
    return cell


def xlsx_write(export: Export, rows: Iterable, target) -> int:
    """Write the workbook to `target` (a path or a binary file); returns the row count.
    Write-only: memory stays flat whatever the number of rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=export.title[:31])
    sheet.append([_xlsx_cell(sheet, c.header) for c in export.columns])
    count = 0
    for cells in export.cells(rows):
        sheet.append([_xlsx_cell(sheet, v) for v in cells])
        count += 1
    workbook.save(target)
    return count


def xlsx_bytes(export: Export, rows: Iterable) -> bytes:
    buffer = io.BytesIO()
    xlsx_write(export, rows, buffer)
    return buffer.getvalue()
