"""The wizard declared in one place: ordered screens, their titles and conditions."""

from candidates import forms as f

# (name, title shown on the screen, form, condition on the wizard or None)
STEPS = [
    ("origine", "Origine session précédente", f.OrigineForm, None),
    ("etat_civil", "État civil", f.EtatCivilForm, None),
    ("adresse", "Adresse et contacts", f.AdresseForm, None),
    ("autres", "Autres données", f.AutresDonneesForm, None),
    # E2: the establishment is fixed when pupils register from it.
    ("etablissement", "Établissement", f.EtablissementForm, lambda w: not w.etablissement_fixed),
    ("resultats", "Communication des résultats", f.ResultatsForm, None),
    ("specialite", "Spécialité", f.SpecialiteForm, None),
    # The questions that depend on the spécialité screen's answers (G10 « dialogue »).
    (
        "precisions",
        "Précisions sur votre candidature",
        f.PrecisionsForm,
        lambda w: w.asks_precisions(),
    ),
    ("diplomes", "Diplômes ou titres possédés", f.DiplomesForm, None),
    # G13: one formtools step paging through the ticked diplomas (candidates/wizard_acquis).
    ("acquis", "Saisie des acquis", f.AcquisForm, lambda w: w.has_ticked_diplomas()),
    ("bilan", "Bilan des acquis", f.BilanForm, lambda w: w.has_ticked_diplomas()),
    ("epreuves", "Inscription aux épreuves", f.EpreuvesForm, None),
    # The option or EPS activities of épreuves just chosen on the épreuves screen.
    (
        "epreuves_suite",
        "Options et activités des épreuves choisies",
        f.EpreuveSuiteForm,
        lambda w: w.has_follow_up_questions(),
    ),
    ("recapitulatif", "Récapitulatif de votre dossier", f.RecapitulatifForm, None),
]
FORM_LIST = [(name, form) for name, _, form, _ in STEPS]
CONDITIONS = {name: condition for name, _, _, condition in STEPS if condition}
TITLES = {name: title for name, title, _, _ in STEPS}
