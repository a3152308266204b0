"""Stored answers (G18's pre-filled modification) name catalogue rows by their codes, no
longer by database ids, so that they survive the DEC's reloads (M4). Rewrites the answers
of versions stored before; the snapshots (what the candidate saw) are untouched."""

import hashlib
import re

from django.db import migrations

PK_VALUED = {
    ("autres", "autres-categorie"): "Categorie",
    ("etablissement", "etablissement-etablissement"): "Etablissement",
    ("etablissement", "etablissement-previous_etablissement"): "Etablissement",
    ("specialite", "specialite-specialty"): "Specialty",
}
OLD_ACQUIS = re.compile(r"^a(\d+)_(keep|year|place|grade)$")


def source_key(diploma_code, source_code):  # as inscrinet.declarations.source_key
    raw = f"{diploma_code}|{source_code}"
    slug = "".join(c if c.isalnum() else "_" for c in raw)
    return f"{slug}_{hashlib.sha256(raw.encode()).hexdigest()[:6]}"


def forward(apps, schema_editor):
    versions = apps.get_model("inscrinet", "DossierVersion")
    sources = apps.get_model("inscrinet", "DiplomaEpreuve")
    models = {name: apps.get_model("inscrinet", name) for name in set(PK_VALUED.values())}
    key_of = {
        s.pk: source_key(s.diploma.code, s.code) for s in sources.objects.select_related("diploma")
    }

    def code_of(model, value):
        row = models[model].objects.filter(pk=value).first() if str(value).isdigit() else None
        return row.code if row is not None else value

    def acquis_name(name):
        match = OLD_ACQUIS.match(name)
        if match and int(match.group(1)) in key_of:
            return f"a_{key_of[int(match.group(1))]}_{match.group(2)}"
        return name

    for version in versions.objects.exclude(answers={}).iterator():
        answers = version.answers or {}
        step_data = answers.get("step_data") or {}
        for (step, name), model in PK_VALUED.items():
            values = step_data.get(step, {}).get(name)
            if values:
                step_data[step][name] = [code_of(model, v) for v in values]
        if "acquis" in step_data:
            step_data["acquis"] = {
                ("acquis-" + acquis_name(k[len("acquis-") :]) if k.startswith("acquis-") else k): v
                for k, v in step_data["acquis"].items()
            }
        extra = answers.get("extra") or {}
        if "acquis_pages" in extra:
            extra["acquis_pages"] = {acquis_name(k): v for k, v in extra["acquis_pages"].items()}
        if extra.pop("previous_id", None) is not None:
            origine = step_data.get("origine", {})
            numbers = {
                k[len("origine-") :]: v[0]
                for k, v in origine.items()
                if k.endswith("_number") and v and v[0]
            }
            birth = (origine.get("origine-birth_date") or [""])[0]
            if numbers and birth:
                extra["previous_key"] = {"numbers": numbers, "birth_date": birth}
        versions.objects.filter(pk=version.pk).update(
            answers={**answers, "step_data": step_data, "extra": extra}
        )


class Migration(migrations.Migration):
    dependencies = [("inscrinet", "0007_audit_actors_states")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
