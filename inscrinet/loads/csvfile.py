"""Reading a loaded CSV file the way French spreadsheets write them: UTF-8 (with or without
BOM) or Windows-1252, `;` (or `,`) between columns, a header line naming the columns
(case, accents and spaces ignored). Every problem becomes a LineError naming the line and
the column, in French; nothing here raises on bad bytes."""

import codecs
import csv
import io
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

# A cell longer than this is refused (and the csv module's own limit never reached).
MAX_CELL = 2000
csv.field_size_limit(MAX_CELL * 4)


@dataclass(frozen=True)
class LineError:
    line: int
    column: str
    message: str

    def as_list(self) -> list:
        return [self.line, self.column, self.message]


class FileRefused(Exception):  # noqa: N818 - what the DEC is told about the whole file
    def __init__(self, error: LineError):
        super().__init__(error.message)
        self.error = error


def column_key(name: str) -> str:
    """« Numéro INE » → « numero_ine »: how a header cell names a column."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).strip().lower()
    return "_".join(plain.replace("-", " ").replace("'", " ").split())


def encoding_of(open_binary) -> str:
    """UTF-8 if every byte decodes as such, else Windows-1252 (Excel's « CSV » on Windows)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open_binary() as stream:
        try:
            while chunk := stream.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


def _control_characters(text: str) -> bool:
    return any(unicodedata.category(c) == "Cc" for c in text)


def rows(open_binary, *, columns: tuple[str, ...], required: tuple[str, ...]) -> Iterator:
    """Yields (line number, {column: stripped text}) for each non-empty line, or a
    LineError for a line that cannot be read. Raises FileRefused when the header lacks a
    required column (then no line can be understood)."""
    encoding = encoding_of(open_binary)
    with open_binary() as binary:
        # Windows-1252 leaves five bytes undefined: a binary file becomes text that no
        # header matches (refused with a message), never an exception.
        text = io.TextIOWrapper(binary, encoding=encoding, errors="replace", newline="")
        header_line = text.readline()
        delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
        header = [column_key(c) for c in next(csv.reader([header_line], delimiter=delimiter), [])]
        missing = [c for c in required if c not in header]
        if missing:
            raise FileRefused(
                LineError(
                    1,
                    missing[0],
                    "La ligne d'en-tête ne contient pas la colonne « "
                    + " », « ".join(missing)
                    + " » (voir le format du fichier).",
                )
            )
        unknown = [c for c in header if c and c not in columns]
        if unknown:
            raise FileRefused(
                LineError(1, unknown[0], f"Colonne inconnue « {unknown[0]} » (voir le format).")
            )
        reader = csv.reader(text, delimiter=delimiter)
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield LineError(reader.line_num + 1, "", f"Ligne illisible : {error}.")
                return
            line = reader.line_num + 1  # the header was line 1
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header):
                yield LineError(
                    line,
                    "",
                    f"{len(cells)} colonnes au lieu de {len(header)} (un « ; » de trop ?).",
                )
                continue
            values = {}
            bad = None
            for name, cell in zip(header, cells, strict=False):
                if _control_characters(cell) or len(cell) > MAX_CELL:
                    bad = LineError(line, name, "Caractère de contrôle ou valeur trop longue.")
                    break
                values[name] = cell.strip()
            yield bad or (line, values)
