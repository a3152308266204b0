"""M1 catalogue: a gestionnaire builds its académie's own specialty (épreuves,
sub-épreuves, options, rights), catégorie and diploma; only its sessions offer them; the
national catalogue is read only here; a change never rewrites a validated version."""

import pytest
from django.test import Client

from inscrinet.models import (
    AuditEvent,
    Categorie,
    Diploma,
    DiplomaEpreuve,
    Dossier,
    Right,
    Session,
    Specialty,
)
from inscrinet.selectors.catalog import offered_in
from tests.candidates.journey import ACCRALL, Walker, errors_of, without_acquis
from tests.management.dec import logged_in, url

pytestmark = pytest.mark.django_db


def epreuve_rows(*rows):
    data = {"epreuves-TOTAL_FORMS": str(len(rows)), "epreuves-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"epreuves-{index}-{key}"] = value
    return data


BRODERIE_LOCALE = {
    "exam": "",
    "code": "LOCBRO",
    "label": "Broderie d'art (académie)",
    **epreuve_rows(
        {"code": "EP1", "label": "Pratique", "kind": "obligatoire", "order": "1"},
        {
            "code": "EP1A",
            "label": "Pratique — atelier",
            "parent": "EP1",
            "kind": "obligatoire",
            "order": "2",
            "options": "Or ; Argent ; Or",
        },
        {"code": "EG1", "label": "Français", "kind": "obligatoire", "order": "3"},
    ),
}


@pytest.fixture
def dec(toulouse):
    return logged_in(Client(), "dec-toulouse")


def create_specialty(dec, toulouse, **changes):
    data = {**BRODERIE_LOCALE, "exam": str(toulouse.exam_id), **changes}
    return dec.post(url("catalogue_specialty_new"), data)


def test_an_own_specialty_with_sub_epreuves_options_and_rights(dec, toulouse):
    bad = create_specialty(dec, toulouse, **{"epreuves-1-parent": "EP9"})
    assert "l&#x27;épreuve parente EP9 n&#x27;est pas une autre épreuve" in bad.content.decode()
    assert not Specialty.objects.filter(code="LOCBRO").exists()
    response = create_specialty(dec, toulouse)
    assert response.status_code == 302, errors_of(response)
    specialty = Specialty.objects.get(code="LOCBRO")
    assert specialty.academie_id == toulouse.academie_id
    sub = specialty.epreuves.get(code="EP1A")
    assert sub.parent.code == "EP1"
    assert sorted(sub.options.values_list("label", flat=True)) == ["Argent", "Or"]
    # A right from a national diploma's épreuve onto the specialty's EG1.
    source = DiplomaEpreuve.objects.filter(diploma__academie__isnull=True).first()
    rights = {
        "droits-TOTAL_FORMS": "1",
        "droits-INITIAL_FORMS": "0",
        "droits-0-source": str(source.pk),
        "droits-0-target": "EG1",
        "droits-0-kind": "DISPENSE",
    }
    assert dec.post(url("catalogue_specialty", specialty.pk), rights).status_code == 302
    assert Right.objects.get(target__specialty=specialty).source == source
    page = dec.get(url("catalogue_specialty", specialty.pk)).content.decode()
    assert "Pratique — atelier" in page and "Argent ; Or" in page
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"catalogue.specialite", "catalogue.droits"} <= actions


def test_only_the_academies_own_sessions_offer_its_items(dec, toulouse):
    create_specialty(dec, toulouse)
    dec.post(
        url("catalogue_categorie_new"),
        {
            "exam": str(toulouse.exam_id),
            "code": "LOCIND",
            "label": "Individuel (dispositif académique)",
            "kind": "individuel",
            "allows_globale": "on",
        },
    )
    specialty = Specialty.objects.get(code="LOCBRO")
    categorie = Categorie.objects.get(code="LOCIND")
    limoges = Session.objects.get(exam=toulouse.exam, academie__name="Limoges")
    assert specialty in offered_in(toulouse, Specialty.objects)
    assert categorie in offered_in(toulouse, Categorie.objects)
    assert specialty not in offered_in(limoges, Specialty.objects)
    assert categorie not in offered_in(limoges, Categorie.objects)
    # Limoges's gestionnaire does not even see them.
    limoges_dec = logged_in(Client(), "dec-limoges")
    assert "LOCBRO" not in limoges_dec.get(url("catalogue")).content.decode()
    assert "Broderie d&#x27;art" not in limoges_dec.get(url("dossiers")).content.decode()
    assert "Broderie d&#x27;art" in dec.get(url("dossiers")).content.decode()
    assert limoges_dec.get(url("catalogue_specialty", specialty.pk)).status_code == 404


def test_the_national_catalogue_is_read_only_here(dec, toulouse):
    national = Specialty.objects.get(label="Arts de la broderie")
    page = dec.get(url("catalogue_specialty", national.pk)).content.decode()
    assert "Élément du catalogue national" in page and "Enregistrer la spécialité" not in page
    refused = dec.post(
        url("catalogue_specialty", national.pk),
        {"code": national.code, "label": "Renommée", **epreuve_rows()},
    )
    assert "catalogue national" in refused.content.decode()
    assert Specialty.objects.get(pk=national.pk).label == "Arts de la broderie"
    assert national.epreuves.exists()
    diploma = Diploma.objects.filter(academie__isnull=True).first()
    dec.post(
        url("catalogue_diploma", diploma.pk), {"code": diploma.code, "label": "X", **epreuve_rows()}
    )
    assert Diploma.objects.get(pk=diploma.pk).label != "X"


def test_a_catalogue_change_never_rewrites_a_validated_version(dec, toulouse):
    create_specialty(dec, toulouse)
    journey = without_acquis(ACCRALL, epreuves={"option_EP1A": "Argent"})
    journey["specialite"] = {**ACCRALL["specialite"], "specialty": "Broderie d'art (académie)"}
    validated = Walker(Client(), toulouse).walk(journey)
    assert "/inscription/validation/" in validated["Location"], errors_of(validated)
    dossier = Dossier.objects.get(specialty__code="LOCBRO")
    snapshot = dossier.versions.get().snapshot
    assert snapshot["candidature"]["specialty"] == "Broderie d'art (académie)"
    renamed = {
        **BRODERIE_LOCALE,
        "label": "Broderie renommée",
        **epreuve_rows(
            {"code": "EP1", "label": "Autre libellé", "kind": "obligatoire", "order": "1"}
        ),
    }
    specialty = Specialty.objects.get(code="LOCBRO")
    assert dec.post(url("catalogue_specialty", specialty.pk), renamed).status_code == 302
    assert specialty.epreuves.count() == 1
    assert dossier.versions.get().snapshot == snapshot


def test_every_new_item_page_opens(dec, toulouse):
    """« Nouvelle catégorie » was a 500 (the initial values read from no catégorie)."""
    for name in ("catalogue_specialty_new", "catalogue_categorie_new", "catalogue_diploma_new"):
        response = dec.get(url(name))
        assert response.status_code == 200, name
        assert 'name="code"' in response.content.decode(), name


def test_codes_typed_in_small_letters_are_the_same_codes(dec, toulouse):
    """« ep1 », « Ep1 » and « EP1 » are one épreuve code: kept in capitals, a parent typed
    in small letters found, a second « ep1 » refused as a double."""
    lower = epreuve_rows(
        {"code": " ep1 ", "label": "Pratique", "kind": "obligatoire", "order": "1"},
        {"code": "ep1a", "label": "Atelier", "parent": "Ep1", "kind": "obligatoire", "order": "2"},
    )
    response = create_specialty(dec, toulouse, code="locbro2", **lower)
    assert response.status_code == 302, errors_of(response)
    specialty = Specialty.objects.get(code="LOCBRO2")
    assert specialty.epreuves.get(code="EP1A").parent.code == "EP1"
    doubled = epreuve_rows(
        {"code": "EP1", "label": "Pratique", "kind": "obligatoire", "order": "1"},
        {"code": "ep1", "label": "Pratique bis", "kind": "obligatoire", "order": "2"},
    )
    refused = create_specialty(dec, toulouse, code="LOCBRO3", **doubled)
    assert "Code d&#x27;épreuve en double : EP1." in refused.content.decode()
    assert not Specialty.objects.filter(code="LOCBRO3").exists()
    categorie = {"exam": str(toulouse.exam_id), "label": "Locale", "kind": "individuel"}
    dec.post(
        url("catalogue_categorie_new"), {**categorie, "code": "locind", "allows_globale": "on"}
    )
    assert Categorie.objects.filter(code="LOCIND", academie=toulouse.academie).exists()


def test_an_epreuve_kept_in_small_letters_keeps_its_rights_when_saved_again(dec, toulouse):
    """An épreuve whose code was kept as typed (« eg1 ») is the same row once the form
    writes it « EG1 »: neither deleted with its rights nor created again."""
    assert create_specialty(dec, toulouse).status_code == 302
    specialty = Specialty.objects.get(code="LOCBRO")
    eg1 = specialty.epreuves.get(code="EG1")
    specialty.epreuves.filter(pk=eg1.pk).update(code="eg1")
    source = DiplomaEpreuve.objects.filter(diploma__academie__isnull=True).first()
    Right.objects.create(source=source, target=eg1, kind="DISPENSE")
    form = dec.get(url("catalogue_specialty", specialty.pk)).content.decode()
    assert 'value="eg1"' in form
    again = {
        "code": "LOCBRO",
        "label": "Broderie d'art (académie)",
        **epreuve_rows(
            {"code": "EP1", "label": "Pratique", "kind": "obligatoire", "order": "1"},
            {"code": "EP1A", "label": "Atelier", "parent": "EP1", "kind": "obligatoire"}
            | {"order": "2", "options": "Or ; Argent"},
            {"code": "eg1", "label": "Français", "kind": "obligatoire", "order": "3"},
        ),
    }
    response = dec.post(url("catalogue_specialty", specialty.pk), again)
    assert response.status_code == 302, errors_of(response)
    assert specialty.epreuves.get(pk=eg1.pk).code == "EG1"
    assert Right.objects.get(target_id=eg1.pk).source == source


def test_a_diploma_epreuve_kept_in_small_letters_is_the_same_row(dec, toulouse):
    rows = epreuve_rows({"code": "d1", "label": "Français", "order": "1"})
    response = dec.post(url("catalogue_diploma_new"), {"code": "loc - 1", "label": "Local", **rows})
    assert response.status_code == 302, errors_of(response)
    diploma = Diploma.objects.get(code="LOC - 1", academie=toulouse.academie)
    kept = diploma.epreuves.get(code="D1")
    diploma.epreuves.filter(pk=kept.pk).update(code="d1")  # as typed, before
    rows = epreuve_rows({"code": "D1", "label": "Français et histoire", "order": "1"})
    again = dec.post(
        url("catalogue_diploma", diploma.pk), {"code": "LOC - 1", "label": "L", **rows}
    )
    assert again.status_code == 302, errors_of(again)
    assert list(diploma.epreuves.values_list("pk", "code", "label")) == [
        (kept.pk, "D1", "Français et histoire")
    ]
