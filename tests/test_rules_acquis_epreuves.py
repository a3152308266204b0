"""G12–G15 rules on the seeds' shapes: acquis entries, the bilan, the épreuves table."""

from decimal import Decimal

import pytest

from inscrinet.rules import (
    BENEFICE,
    DISPENSE,
    EPS_DISPENSE,
    Acquis,
    EpreuveChoices,
    EpreuveInfo,
    RightInfo,
    RuleError,
    acquis_balance,
    acquis_entry_errors,
    epreuve_choice_errors,
    epreuve_questions,
    epreuve_table,
    eps_choice_error,
    parse_grade,
    source_kind,
)
from tests.candidates.journey import ACCRALL_EPREUVES

# Seed 004: CAP Arts de la broderie.
BRODERIE = [
    EpreuveInfo("EP1", "Arts appliqués et histoire de la broderie"),
    EpreuveInfo("EP2", "Mise en oeuvre"),
    EpreuveInfo(
        "EP2A",
        "Mise en oeuvre",
        parent="EP2",
        options=("Broderie machine guidée main", "Broderie à la main"),
    ),
    EpreuveInfo("EG1", "Français, histoire-géographie, enseignement moral et civique"),
    EpreuveInfo("EG1A", "Français écrit", parent="EG1"),
    EpreuveInfo("EG1B", "Français oral", parent="EG1"),
    EpreuveInfo("EG1C", "Histoire-géographie et enseignement moral et civique", parent="EG1"),
    EpreuveInfo("EG2", "Etude mathématique et scientifique"),
    EpreuveInfo("EG3", "Education physique et sportive", is_eps=True),
    EpreuveInfo("EG4", "Langue Vivante Etrangère", options=("Allemand", "Anglais")),
    EpreuveInfo("EG4A", "Langue vivante : écrite", parent="EG4"),
    EpreuveInfo("EG4B", "Langue vivante : orale", parent="EG4"),
    EpreuveInfo("EG5", "Prévention, santé, environnement"),
]
AUTRE_CAP = "500 - 99999"
AUTRE_CAP_LABEL = "CERTIFICAT D'APTITUDE PROFESSIONNELLE Titulaire d'un autre CAP"
BRODERIE_RIGHTS = [
    RightInfo(AUTRE_CAP, "EG1", "EG1", DISPENSE),
    RightInfo(AUTRE_CAP, "EG2", "EG2", DISPENSE),
    RightInfo(AUTRE_CAP, "EG3", "EG3", DISPENSE),
    RightInfo(AUTRE_CAP, "EG4", "EG5", DISPENSE),  # numbered differently on each side
    RightInfo("400 - 99999", "EG1", "EG1", DISPENSE),
]
PAIRS = [
    ("Demi-fond (3x500m)", "Badminton simple"),
    ("Demi-fond (3x500m)", "Tennis de table simple"),
    ("Sauvetage", "Badminton"),
    ("Gymnastique au sol", "Badminton"),
    ("Gymnastique au sol", "Tennis de table"),
]


def entry_errors(kind=BENEFICE, grade="13", policy="always", forme="globale", **kwargs):
    values = {"year": "2011", "place": "RENNES", "dispense_place_required": True} | kwargs
    return acquis_entry_errors(
        kind=kind, grade=grade, grade_policy=policy, forme=forme, this_year=2026, **values
    )


# --- G13: one kept source épreuve --------------------------------------------------------


def test_seed_000_cap_benefice_of_13_in_2011_at_rennes_is_accepted():
    assert entry_errors(grade="13") == {}


def test_a_cap_benefice_of_8_is_kept():
    assert entry_errors(grade="8", policy="always", forme="globale") == {}


def test_a_bts_benefice_of_8_is_refused_in_forme_globale_and_kept_in_forme_progressive():
    refused = entry_errors(grade="8", policy="progressive", forme="globale")
    assert "forme progressive" in refused["grade"]
    assert entry_errors(grade="8", policy="progressive", forme="progressive") == {}
    assert entry_errors(grade="12", policy="progressive", forme="globale") == {}


@pytest.mark.parametrize("grade", ["20.01", "21", "-1", "13.505", "treize", "1e1", ""])
def test_a_grade_outside_0_20_or_with_more_than_two_decimals_is_refused(grade):
    assert "grade" in entry_errors(grade=grade)


def test_grades_are_read_with_a_comma_or_a_point_and_two_decimals():
    assert parse_grade("13,5") == parse_grade("13.50") == Decimal("13.50")
    assert parse_grade("0") == Decimal("0.00") and parse_grade("20") == Decimal("20.00")
    with pytest.raises(RuleError):
        parse_grade("20.5")


def test_years_in_the_future_or_not_on_four_digits_are_refused():
    assert "futur" in entry_errors(year="2027")["year"]
    assert "4 chiffres" in entry_errors(year="11")["year"]
    assert entry_errors(year="2026") == {}


def test_a_dispense_has_no_grade_and_its_place_is_optional_only_where_the_exam_says_so():
    assert entry_errors(kind=DISPENSE, grade="", place="", dispense_place_required=False) == {}
    cap = entry_errors(kind=DISPENSE, grade="", place="", dispense_place_required=True)
    assert set(cap) == {"place"}
    # A bénéfice always needs its place.
    assert "place" in entry_errors(kind=BENEFICE, place="", dispense_place_required=False)


def test_the_kind_of_a_source_epreuve_comes_from_its_rights():
    assert source_kind(BRODERIE_RIGHTS, diploma=AUTRE_CAP, source="EG4") == DISPENSE
    rights = [RightInfo("320 - 22402", "E1-", "E1-", BENEFICE)]
    assert source_kind(rights, diploma="320 - 22402", source="E1-") == BENEFICE


# --- G14: the bilan --------------------------------------------------------------------


def autre_cap(source, year=2020, place="TOULOUSE"):
    return Acquis(AUTRE_CAP, AUTRE_CAP_LABEL, source, year, place)


def test_seed_004_dispenses_cover_sub_epreuves_and_map_eg4_onto_eg5():
    bilan = acquis_balance(
        [autre_cap(code) for code in ("EG1", "EG2", "EG3", "EG4")], BRODERIE_RIGHTS, BRODERIE
    )
    assert [(line.code, line.position) for line in bilan] == [
        ("EG1", DISPENSE),
        ("EG1A", DISPENSE),
        ("EG1B", DISPENSE),
        ("EG1C", DISPENSE),
        ("EG2", DISPENSE),
        ("EG3", DISPENSE),
        ("EG5", DISPENSE),
    ]
    assert bilan[1].covered_by == "EG1" and bilan[0].covered_by is None
    assert all(line.grade is None and line.resolution == "" for line in bilan)


def test_seed_000_bilan_line():
    epreuves = [EpreuveInfo("EG1", "FRANCAIS,HISTOIRE-GEO&EDUC.CIV")]
    rights = [RightInfo("500 - 22132", "EG1", "EG1", BENEFICE)]
    kept = Acquis("500 - 22132", "CAP BOULANGER", "EG1", 2011, "RENNES", Decimal("13"))
    [line] = acquis_balance([kept], rights, epreuves)
    assert (line.code, line.label, line.position, line.grade_text) == (
        "EG1",
        "FRANCAIS,HISTOIRE-GEO&EDUC.CIV",
        "BENEFICE",
        "13.00",
    )


def test_an_unkept_source_gives_nothing():
    assert acquis_balance([], BRODERIE_RIGHTS, BRODERIE) == []


def test_two_diplomas_on_one_epreuve_keep_the_more_favourable_and_say_so():
    epreuves = [EpreuveInfo("EG1", "Français")]
    rights = [RightInfo("A", "EG1", "EG1", BENEFICE), RightInfo("B", "EG1", "EG1", DISPENSE)]

    def bilan(grade):
        return acquis_balance(
            [
                Acquis("A", "Diplôme A", "EG1", 2020, "RENNES", Decimal(grade)),
                Acquis("B", "Diplôme B", "EG1", 2021, "RENNES"),
            ],
            rights,
            epreuves,
        )[0]

    # A grade of 10 or more counts in the average: better than a dispense.
    high = bilan("14")
    assert (high.position, high.grade_text, high.diploma_label) == (BENEFICE, "14.00", "Diplôme A")
    assert "plus favorable" in high.resolution and "Diplôme B" in high.resolution
    # A grade under 10 would lower it: the dispense is retained.
    low = bilan("8")
    assert (low.position, low.grade, low.diploma_label) == (DISPENSE, None, "Diplôme B")
    assert "BENEFICE 8.00 (Diplôme A)" in low.resolution
    # Two bénéfices: the higher grade, whatever the order of declaration.
    rights2 = [RightInfo("A", "EG1", "EG1", BENEFICE), RightInfo("B", "EG1", "EG1", BENEFICE)]
    acquis = [
        Acquis("A", "Diplôme A", "EG1", 2020, "X", Decimal("11")),
        Acquis("B", "Diplôme B", "EG1", 2021, "X", Decimal("15")),
    ]
    assert acquis_balance(acquis, rights2, epreuves)[0].grade_text == "15.00"
    assert acquis_balance(acquis[::-1], rights2, epreuves)[0].grade_text == "15.00"
    # Two dispenses: the first declared, and the bilan says the other one gives the same.
    rights3 = [RightInfo("A", "EG1", "EG1", DISPENSE), RightInfo("B", "EG1", "EG1", DISPENSE)]
    both = [Acquis("A", "Diplôme A", "EG1", 2020, "X"), Acquis("B", "Diplôme B", "EG1", 2021, "X")]
    tie = acquis_balance(both, rights3, epreuves)[0]
    assert tie.diploma_label == "Diplôme A"
    assert (
        tie.resolution == "Acquis retenu : Diplôme A (également obtenu par : DISPENSE (Diplôme B))."
    )


def test_a_direct_acquis_on_a_sub_epreuve_beats_the_coverage_of_its_parent():
    epreuves = [
        EpreuveInfo("E3-", "MATHS-SCIENCES"),
        EpreuveInfo("E3-A", "MATHEMATIQUES", parent="E3-"),
        EpreuveInfo("E3-B", "SCIENCES PHYSIQUES", parent="E3-"),
    ]
    rights = [
        RightInfo("BTS", "E3-", "E3-", BENEFICE),
        RightInfo("BTS", "E3-A", "E3-A", BENEFICE),
    ]
    acquis = [
        Acquis("BTS", "BTS AEA", "E3-", 2010, "RENNES", Decimal("11")),
        Acquis("BTS", "BTS AEA", "E3-A", 2010, "RENNES", Decimal("14")),
    ]
    bilan = {line.code: line for line in acquis_balance(acquis, rights, epreuves)}
    assert bilan["E3-A"].grade_text == "14.00" and bilan["E3-A"].covered_by is None
    assert bilan["E3-B"].covered_by == "E3-" and bilan["E3-B"].grade is None


# --- G15: épreuves ---------------------------------------------------------------------


def seed_004_bilan():
    return acquis_balance(
        [autre_cap(code) for code in ("EG1", "EG2", "EG3", "EG4")], BRODERIE_RIGHTS, BRODERIE
    )


def test_seed_004_epreuve_table_line_for_line():
    choices = EpreuveChoices(options={"EP2A": "Broderie machine guidée main", "EG4": "Allemand"})
    table = epreuve_table(BRODERIE, seed_004_bilan(), choices, mode="Ponctuel")
    assert [(r["code"], r["label"], r["position"], r["mode"]) for r in table] == ACCRALL_EPREUVES


def test_seed_004_questions_are_the_two_options_only():
    questions = epreuve_questions(BRODERIE, seed_004_bilan(), forme="globale", asks_eps=True)
    assert questions.choosable == [] and questions.eps == []
    assert [e.code for e in questions.with_options] == ["EP2A", "EG4"]
    missing = epreuve_choice_errors(
        BRODERIE,
        questions,
        EpreuveChoices(options={"EG4": "Klingon"}),
        seed_004_bilan(),
        forme="globale",
        eps_pairs=PAIRS,
        is_individual=True,
    )
    assert set(missing) == {"option:EP2A", "option:EG4"}


def test_nothing_to_choose():
    plain = [EpreuveInfo("EP1", "Production"), EpreuveInfo("EG1", "Français")]
    assert not epreuve_questions(plain, [], forme="globale", asks_eps=True)


def test_optional_epreuves_are_inscrit_or_non_inscrit():
    epreuves = [
        EpreuveInfo("EP1", "Production"),
        EpreuveInfo("EFL", "FACULTATIVE", kind="facultative", options=("Anglais",)),
    ]
    questions = epreuve_questions(epreuves, [], forme="globale", asks_eps=False)
    assert [e.code for e in questions.choosable] == ["EFL"]
    args = dict(forme="globale", eps_pairs=[], is_individual=True)
    assert "position:EFL" in epreuve_choice_errors(
        epreuves, questions, EpreuveChoices(), [], **args
    )
    no = EpreuveChoices(positions={"EFL": "Non inscrit"})
    assert epreuve_choice_errors(epreuves, questions, no, [], **args) == {}  # no option needed
    assert epreuve_table(epreuves, [], no, mode="CCF")[1] == {
        "code": "EFL",
        "label": "FACULTATIVE",
        "position": "Non inscrit",
        "mode": "",
        "note": "",
    }
    yes = EpreuveChoices(positions={"EFL": "Inscrit"})
    assert "option:EFL" in epreuve_choice_errors(
        epreuves, questions, yes, [], **args
    )  # option needed


def test_forme_progressive_chooses_the_epreuves_of_this_session():
    questions = epreuve_questions(BRODERIE, seed_004_bilan(), forme="progressive", asks_eps=False)
    assert [e.code for e in questions.choosable] == ["EP1", "EP2", "EG4"]  # not the sub-épreuves
    args = dict(forme="progressive", eps_pairs=[], is_individual=True)
    none = EpreuveChoices(positions={c: "Non inscrit" for c in ("EP1", "EP2", "EG4")})
    errors = epreuve_choice_errors(BRODERIE, questions, none, seed_004_bilan(), **args)
    assert "au moins une épreuve" in errors[""]
    some = EpreuveChoices(positions={"EP1": "Inscrit", "EP2": "Non inscrit", "EG4": "Non inscrit"})
    assert epreuve_choice_errors(BRODERIE, questions, some, seed_004_bilan(), **args) == {}
    table = {
        r["code"]: r["position"]
        for r in epreuve_table(BRODERIE, seed_004_bilan(), some, mode="Ponctuel")
    }
    assert table["EP2A"] == "Non inscrit" and table["EG4B"] == "Non inscrit"


def test_eps_pair_must_be_one_of_the_session():
    assert eps_choice_error(("Sauvetage", "Badminton"), pairs=PAIRS, is_individual=False) is None
    assert eps_choice_error(("Badminton", "Sauvetage"), pairs=PAIRS, is_individual=False) is None
    refused = eps_choice_error(("Sauvetage", "Tennis de table"), pairs=PAIRS, is_individual=True)
    assert "pas proposé dans cette session" in refused
    assert "différentes" in eps_choice_error(
        ("Sauvetage", "Sauvetage"), pairs=PAIRS, is_individual=True
    )
    assert "deux activités" in eps_choice_error(("Sauvetage", ""), pairs=PAIRS, is_individual=True)


def test_eps_dispense_is_for_individual_candidates_only():
    assert eps_choice_error(EPS_DISPENSE, pairs=PAIRS, is_individual=True) is None
    assert "individuels" in eps_choice_error(EPS_DISPENSE, pairs=PAIRS, is_individual=False)
    epreuves = [EpreuveInfo("EG3", "EPS", is_eps=True)]
    questions = epreuve_questions(epreuves, [], forme="globale", asks_eps=True)
    pupil = epreuve_choice_errors(
        epreuves,
        questions,
        EpreuveChoices(eps={"EG3": EPS_DISPENSE}),
        [],
        forme="globale",
        eps_pairs=PAIRS,
        is_individual=False,
    )
    assert "individuels" in pupil["eps:EG3"]
    table = epreuve_table(
        epreuves, [], EpreuveChoices(eps={"EG3": ("Sauvetage", "Badminton")}), mode="Ponctuel"
    )
    assert table[0]["label"] == "EPS - Sauvetage + Badminton" and table[0]["position"] == "Inscrit"
    dispensed = epreuve_table(
        epreuves, [], EpreuveChoices(eps={"EG3": EPS_DISPENSE}), mode="Ponctuel"
    )
    assert dispensed[0]["position"] == "Dispense" and dispensed[0]["mode"] == ""


def test_bilan_grades_reach_the_table():
    epreuves = [EpreuveInfo("E1-", "CULTURE GENERALE ET EXPRESSION"), EpreuveInfo("E4-", "PROJET")]
    rights = [RightInfo("BTS", "E1-", "E1-", BENEFICE)]
    bilan = acquis_balance(
        [Acquis("BTS", "BTS", "E1-", 2010, "RENNES", Decimal("12"))], rights, epreuves
    )
    table = epreuve_table(epreuves, bilan, EpreuveChoices(), mode="Ponctuel")
    assert table[0] == {
        "code": "E1-",
        "label": "CULTURE GENERALE ET EXPRESSION",
        "position": "Bénéfice",
        "mode": "",
        "note": "12.00",
    }
    assert table[1]["position"] == "Inscrit"
