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
    ("recapitulatif", "Récapitulatif de votre dossier", f.RecapitulatifForm, None),
]
FORM_LIST = [(name, form) for name, _, form, _ in STEPS]
CONDITIONS = {name: condition for name, _, _, condition in STEPS if condition}
TITLES = {name: title for name, title, _, _ in STEPS}
