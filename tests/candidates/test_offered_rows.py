"""The catégories, establishments and specialties a screen offers (G7, G8, G10): read with
prepared reads (inscrinet/prepared.py), the same options and the same refusals as the ORM's,
without the ORM compiling their queries again at each screen."""

from django.db.models.sql.compiler import SQLCompiler

from inscrinet.models import Etablissement
from tests.candidates.journey import ACCRALL, Walker, errors_of, resolve_values
from tests.support.spy import calls_to

REFUSED = "Choisissez un établissement de la liste."
OFFERED_TABLES = ("inscrinet_categorie", "inscrinet_etablissement", "inscrinet_specialty")


def _compiled_sql(calls):
    return [str(call.args[0].query) for call in calls]


def test_the_offered_rows_are_not_compiled_again_and_refuse_what_is_not_offered(client, toulouse):
    walker = Walker(client, toulouse)

    def post(step, values):  # codes as typed: not resolved by the walker
        payload = {f"{step}-{name}": value for name, value in values.items()}
        return client.post(walker.url(step), {**payload, f"{walker.prefix}-current_step": step})

    walker.walk(ACCRALL, until="specialite")  # each screen's row read learnt once
    page = client.get(walker.url("etablissement")).content.decode()  # and its options
    assert "Sélectionnez votre établissement" in page and "(03100003)" in page
    client.get(walker.url("autres"))
    client.get(walker.url("specialite"))
    posted = {
        step: resolve_values(ACCRALL[step]) for step in ("autres", "etablissement", "specialite")
    }
    with calls_to(SQLCompiler, "as_sql") as compiled:
        for step in ("autres", "etablissement", "specialite"):
            assert client.get(walker.url(step)).status_code == 200
            assert post(step, posted[step]).status_code == 302
    compiled_tables = [
        t
        for sql in _compiled_sql(compiled.call_args_list)
        for t in OFFERED_TABLES
        if f'FROM "{t}"' in sql
    ]
    assert compiled_tables == []

    # Refused as before: another académie's establishment, an unknown or hostile code.
    limoges = Etablissement.objects.exclude(academie=toulouse.academie).first()
    for code in (limoges.code, "inconnu", "03100003' OR '1'='1", "é" * 300):
        response = post("etablissement", {"etablissement": code})
        assert response.status_code == 200
        assert errors_of(response) == [
            "Établissement d'inscription : Choisissez un établissement de la liste."
        ]
    response = post("specialite", {**posted["specialite"], "specialty": "Cuisinier%"})
    assert "Spécialité : Choisissez une spécialité de la liste." in errors_of(response)
    response = post("etablissement", {"etablissement": "0310\x0003"})
    assert response.status_code in (200, 400)  # a NUL byte: refused, never a 500
