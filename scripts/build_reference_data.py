"""Convert Etalab's « découpage administratif » into the compact fixtures under
fixtures/reference/ (run once when the source changes; the output is committed).

    npm pack @etalab/decoupage-administratif@6.0.0 && tar xzf etalab-*.tgz
    python scripts/build_reference_data.py package/data

Source: https://github.com/etalab/decoupage-administratif — code MIT, data Licence Ouverte.
Kept: current communes, delegated and associated communes (people were born in communes
that have since merged) and the municipal arrondissements of Paris, Lyon and Marseille.
"""

import csv
import gzip
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "reference"
KINDS = {
    "commune-actuelle": "actuelle",
    "commune-deleguee": "deleguee",
    "commune-associee": "associee",
    "arrondissement-municipal": "arrondissement",
}
WITH_ARRONDISSEMENTS = {"075", "069", "013"}


def three_chars(code: str) -> str:
    """The notices show départements on three characters: 014, 02A, 971."""
    return code.rjust(3, "0")


def main(source: Path):
    departements = json.loads((source / "departements.json").read_text())
    rows = [
        {
            "code": three_chars(d["code"]),
            "name": d["nom"],
            "zone": d["zone"],
            "has_arrondissements": three_chars(d["code"]) in WITH_ARRONDISSEMENTS,
        }
        for d in departements
    ]
    rows.append({"code": "099", "name": "Étranger", "zone": "abroad", "has_arrondissements": False})
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "departements.json").write_text(json.dumps(rows, ensure_ascii=False, indent=0) + "\n")

    communes = json.loads((source / "communes.json").read_text())
    with gzip.open(OUT / "communes.csv.gz", "wt", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["insee_code", "name", "departement", "kind", "postal_codes"])
        for c in sorted(communes, key=lambda c: (c["departement"], c["nom"], c["code"])):
            if c["type"] not in KINDS or "departement" not in c:
                continue
            writer.writerow(
                [
                    c["code"],
                    c["nom"],
                    three_chars(c["departement"]),
                    KINDS[c["type"]],
                    " ".join(c.get("codesPostaux", [])),
                ]
            )
    print(f"{len(rows)} départements, communes written to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
