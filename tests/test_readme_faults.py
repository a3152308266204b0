"""The README's « Fautes et attaques » table names the tests that check each line: every
test named there must exist, so the table cannot outlive what proves it."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def table_rows():
    readme = (ROOT / "README.md").read_text()
    table = readme.split("### Fautes et attaques", 1)[1].split("\n## ", 1)[0]
    return [line for line in table.splitlines() if line.startswith("| ") and "`tests/" in line]


def test_every_test_named_in_the_faults_table_exists():
    rows = table_rows()
    assert len(rows) >= 10
    for row in rows:
        reference = re.search(r"`(tests/[^`:]+)(?:::(\w+))?`", row)
        path, name = ROOT / reference.group(1), reference.group(2)
        assert path.exists(), row
        if name:
            tree = ast.parse(path.read_text())
            names = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
            assert name in names, row
