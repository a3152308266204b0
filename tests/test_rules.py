import pytest

from inscrinet.rules import (
    RuleError,
    dossier_number_typed,
    epreuve_mode,
    formes_allowed,
    identity_key,
    is_of_age_on_december_31,
    normalize_name,
    parse_birth_date,
    postal_code_error,
    section_europeenne_applies,
)


def test_names_compare_without_case_accents_hyphens_or_spaces():
    assert normalize_name("Le Gall-Hérvé") == normalize_name("LEGALL HERVE") == "legallherve"
    assert normalize_name("D'Anjou") == normalize_name("danjou")


def test_identity_key_uses_the_first_first_name():
    assert identity_key("Accrall", "Dack, Pierre") == identity_key("ACCRALL", "dack")
    assert identity_key("Accrall", "Dack") != identity_key("Accrall", "Pierre Dack")


def test_birth_date_with_unknown_day_and_month():
    parsed = parse_birth_date("00/00/2004", this_year=2026)
    assert (parsed.year, parsed.month, parsed.day) == (2004, None, None)
    assert str(parse_birth_date("28/11/2004", this_year=2026)) == "28/11/2004"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "jj/mm/aaaa"),
        ("2004-11-28", "jj/mm/aaaa"),  # year first: not read one way for sure
        ("28,11,2004", "jj/mm/aaaa"),
        ("28/11/04", "jj/mm/aaaa"),
        ("31/02/2004", "n'existe pas"),
        ("12/00/2004", "sans mois"),
        ("01/01/1890", "comprise entre"),
        ("01/01/2025", "comprise entre"),
    ],
)
def test_birth_date_errors_are_french(text, message):
    with pytest.raises(RuleError, match=message):
        parse_birth_date(text, this_year=2026)


def test_of_age_on_december_31_of_the_exam_year():
    # Seed 001: of age on 31/12/2021 → born in 2003 at the latest, whatever the day.
    assert is_of_age_on_december_31(2003, 2021)
    assert not is_of_age_on_december_31(2004, 2021)


@pytest.mark.parametrize(
    ("code", "abroad", "error"),
    [
        ("31000", False, None),
        ("99999", True, None),
        ("3100", False, "5 chiffres"),
        ("31 000", False, "5 chiffres"),
        ("2A004", False, "5 chiffres"),
        ("99999", False, "réservé"),
        ("31000", True, "99999"),
    ],
)
def test_postal_code_rules(code, abroad, error):
    result = postal_code_error(code, resides_abroad=abroad)
    assert (result is None) if error is None else (error in result)


def test_formes_per_categorie():
    assert formes_allowed(allows_globale=True, allows_progressive=False) == ["globale"]
    assert formes_allowed(allows_globale=True, allows_progressive=True) == [
        "globale",
        "progressive",
    ]


@pytest.mark.parametrize(
    ("exam", "kind", "answer", "cfa", "ccf", "expected"),
    [
        (True, "scolaire", "oui", False, True, True),
        (True, "scolaire", "non", False, True, False),
        (True, "scolaire", "", False, True, False),
        (False, "scolaire", "oui", False, True, False),  # not a BCP
        (True, "apprenti", "oui", True, True, True),
        (True, "apprenti", "oui", True, False, False),  # CFA not habilitated for CCF
        (True, "apprenti", "oui", False, True, False),  # not a CFA
        (True, "individuel", "oui", False, True, False),
    ],
)
def test_section_europeenne_condition(exam, kind, answer, cfa, ccf, expected):
    assert (
        section_europeenne_applies(
            exam_has_section=exam,
            categorie_kind=kind,
            etab_answer=answer,
            etab_is_cfa=cfa,
            etab_ccf_habilitated=ccf,
        )
        is expected
    )


def test_mode_ccf_or_ponctuel():
    assert epreuve_mode(categorie_kind="scolaire", etab_ccf_habilitated=True) == "CCF"
    assert epreuve_mode(categorie_kind="scolaire", etab_ccf_habilitated=False) == "Ponctuel"
    assert epreuve_mode(categorie_kind="individuel", etab_ccf_habilitated=True) == "Ponctuel"


@pytest.mark.parametrize(
    "typed, number",
    [
        ("175", 175),
        ("0175", 175),
        (" 175 - 2 ", 175),  # seed 000's own example, typed whole
        ("175–2", 175),  # the dash of a PDF, copied
        ("n° 175", 175),
        ("N°175 - 0", 175),
        ("175 - x", None),
        ("17 5", 175),
        ("²", None),
        ("١٧٥", None),  # other scripts' digits: not read as a number
        ("", None),
        ("1234567890", None),
    ],
)
def test_a_dossier_number_as_people_type_it(typed, number):
    assert dossier_number_typed(typed) == number


@pytest.mark.parametrize(
    "typed",
    ["17/10/1999", "17.10.1999", "17-10-1999", "17 10 1999", "17101999", " 17 / 10 / 1999 "],
)
def test_a_birth_date_as_people_type_it_on_a_phone(typed):
    """A phone's digit keypad has no « / »: dots, dashes, spaces or nothing between."""
    assert str(parse_birth_date(typed, this_year=2026)) == "17/10/1999"


@pytest.mark.parametrize(
    "typed", ["17/10/99", "1710199", "17/10/1999/1", "17,10,1999", "²7/10/1999"]
)
def test_a_birth_date_still_refused_when_it_cannot_be_read_one_way(typed):
    with pytest.raises(RuleError):
        parse_birth_date(typed, this_year=2026)
