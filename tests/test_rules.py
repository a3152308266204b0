from inscrinet.rules import identity_key, normalize_name


def test_names_compare_without_case_accents_hyphens_or_spaces():
    assert normalize_name("Le Gall-Hérvé") == normalize_name("LEGALL HERVE") == "legallherve"
    assert normalize_name("D'Anjou") == normalize_name("danjou")


def test_identity_key_uses_the_first_first_name():
    assert identity_key("Accrall", "Dack, Pierre") == identity_key("ACCRALL", "dack")
    assert identity_key("Accrall", "Dack") != identity_key("Accrall", "Pierre Dack")
