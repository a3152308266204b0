"""A candidate in the browser: fills each wizard screen by its labels, as a person does,
checking accessibility on every screen with and without errors."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import axe_serious_violations, horizontal_swipes, screenshot


class Candidate:
    next_button = "Suite"  # the candidate space's tabs say « Suivant » (seed 004)

    def __init__(self, page: Page, shots: str | None = None):
        self.page, self.shots = page, shots

    # --- helpers ---------------------------------------------------------------------------

    def pick(self, label, within=None):
        """Click a radio button's label (DSFR draws the label over the native input)."""
        scope = within or self.page
        scope.locator("label").filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")).click()

    def group(self, name):
        return self.page.get_by_role("group", name=re.compile(re.escape(name)))

    def answer(self, question, choice):
        self.pick(choice, within=self.group(question))

    def check_screen(self, name):
        assert axe_serious_violations(self.page) == [], name
        if self.page.viewport_size["width"] < 500:  # a phone: nothing behind a sideways swipe
            assert horizontal_swipes(self.page) == [], name

    def heading(self, text, shot=None):
        expect(self.page.get_by_role("heading", level=1)).to_contain_text(text)
        if shot and self.shots:  # the screen as it first appears, for the README
            screenshot(self.page, f"wizard-{shot}-{self.shots}")

    def suite(self):
        self.page.get_by_role("button", name=self.next_button, exact=True).click()

    def suite_expecting_errors(self, name, *messages):
        """Error path: Suite stays on the screen and the red summary lists the errors."""
        self.suite()
        summary = self.page.locator("#resume-erreurs")
        expect(summary).to_be_visible()
        expect(summary).to_be_focused()  # RGAA 11.10: the keyboard lands on the summary
        for message in messages:
            expect(summary).to_contain_text(message)
        assert axe_serious_violations(self.page) == [], f"{name} with errors"

    # --- screens ---------------------------------------------------------------------------

    def start(self, base_url, exam_label, academie):
        self.page.goto(base_url + "/")
        self.page.get_by_role("link", name="Inscription grand public").click()
        self.pick(exam_label)
        self.suite()
        self.pick(f"Académie de {academie}")
        self.suite()
        self.pick("Vous inscrire")
        self.suite()
        self.heading("Origine session précédente", shot="origine")

    def origine(self, **numbers):
        for label, value in numbers.items():
            self.page.get_by_label(label).fill(value)
        self.check_screen("origine")
        self.suite()

    def etat_civil(self, p, *, with_error=True):
        self.heading("État civil", shot="etat_civil")
        if with_error:
            self.suite_expecting_errors("etat_civil", "Nom de famille : Ce champ est obligatoire.")
        self.pick(p["civilite"])
        if p.get("birth_name"):
            self.page.get_by_label("Nom de famille").fill(p["birth_name"])
        self.page.get_by_label("Prénoms").fill(p["first_names"])
        self.page.get_by_label("Date de naissance").fill(p["birth_date"])
        self.page.get_by_label("Département de naissance").select_option(label=p["departement"])
        if p.get("commune"):
            self.page.get_by_label(re.compile(r"^\s*Commune de naissance")).fill(p["commune"])
        if p.get("country"):
            self.page.get_by_label("Pays de naissance").select_option(label=p["country"])
        self.page.get_by_label("Nationalité").select_option(label=p["nationality"])
        self.check_screen("etat_civil")
        self.suite()

    def adresse(self, a, *, with_error=True):
        self.heading("Adresse et contacts", shot="adresse")
        self.pick(a["residence"])
        self.page.get_by_label(re.compile(r"^\s*Adresse\s+numéro")).fill(a["line1"])
        if a.get("lieu_dit"):
            self.page.get_by_label(re.compile(r"^\s*Lieu-dit")).fill(a["lieu_dit"])
        self.page.get_by_label(re.compile(r"^\s*Localité de résidence")).fill(a["city"])
        self.page.get_by_label(re.compile(r"^\s*Téléphone mobile")).fill(a["mobile"])
        self.page.get_by_label("Adresse électronique", exact=True).fill(a["email"])
        self.page.get_by_label("Confirmation de l'adresse électronique", exact=True).fill(
            a["email"]
        )
        if with_error:
            self.page.get_by_label(re.compile(r"^\s*Code postal")).fill("310")
            self.suite_expecting_errors("adresse", "Le code postal doit être saisi sur 5 chiffres.")
        self.page.get_by_label(re.compile(r"^\s*Code postal")).fill(a["postal_code"])
        self.check_screen("adresse")
        self.suite()

    def autres(self, categorie, *, with_error=True):
        self.heading("Autres données", shot="autres")
        if with_error:
            self.suite_expecting_errors(
                "autres", "Répondez à la question « Êtes-vous en situation de handicap ? »"
            )
        self.page.get_by_label("Catégorie de candidat").select_option(label=categorie)
        self.answer("Êtes-vous en situation de handicap ?", "Non")
        self.answer("Demandez-vous un aménagement de la durée de formation ?", "Non")
        self.check_screen("autres")
        self.suite()

    def etablissement(self, name, *, with_error=True):
        self.heading("Établissement", shot="etablissement")
        if with_error:
            self.suite_expecting_errors(
                "etablissement", "Établissement d'inscription : Ce champ est obligatoire."
            )
        self.page.get_by_label("Établissement d'inscription").select_option(label=name)
        self.check_screen("etablissement")
        self.suite()

    def resultats(self, *, with_error=True):
        self.heading("Communication des résultats", shot="resultats")
        if with_error:
            self.suite_expecting_errors("resultats", "Répondez à la question")
        self.answer("à la presse et aux sites internet privés", "Non")
        self.answer("aux collectivités territoriales", "Non")
        self.check_screen("resultats")
        self.suite()

    def specialite(self, label, forme="Globale", *, derogation="Non", with_error=True):
        self.heading("Spécialité", shot="specialite")
        if with_error:
            self.suite_expecting_errors("specialite", "Spécialité : Ce champ est obligatoire.")
        self.page.get_by_label("Spécialité", exact=True).select_option(label=label)
        self.pick(forme)
        self.answer("Demandez-vous une dérogation à la forme de passage ?", derogation)
        self.check_screen("specialite")
        self.suite()

    def precisions(self, selects: dict, *, forme_finale=None, error=None):
        """The questions that follow from the spécialité screen (situation professionnelle,
        forme finale demandée par dérogation)."""
        self.heading("Précisions sur votre candidature", shot="precisions")
        if error:
            self.suite_expecting_errors("precisions", error)
        for label, option in selects.items():
            self.page.get_by_label(label).select_option(label=option)
        if forme_finale:
            group = self.page.get_by_role("group", name=re.compile("Forme finale demandée"))
            group.get_by_text(forme_finale, exact=True).click()
        self.check_screen("precisions")
        self.suite()

    def epreuves_suite(self, choices: dict, *, error=None):
        """The option or EPS activities of the épreuves just chosen."""
        self.heading("Options et activités des épreuves choisies", shot="epreuves_suite")
        if error:
            self.suite_expecting_errors("epreuves_suite", error)
        for label, option in choices.items():
            self.page.get_by_label(label).select_option(label=option)
        self.check_screen("epreuves_suite")
        self.suite()

    def diplomes(self, *labels, with_error=False, prechecked=()):
        self.heading("Diplômes ou titres possédés", shot="diplomes")
        for label in prechecked:  # G4: the same CAP presented before
            expect(self.page.get_by_label(label)).to_be_checked()
        for label in labels:
            self.page.get_by_label(label).check()
        self.check_screen("diplomes")
        self.suite()

    def source(self, code):
        """The fieldset of one source épreuve on the acquis screen (legend « EG1 -- … », or
        « E1- … » for a code ending with a dash)."""
        separator = " " if code.endswith("-") else " -- "
        return self.page.get_by_role("group", name=re.compile(rf"^{re.escape(code)}{separator}"))

    def acquis(self, diploma, entries: dict, *, error=None, prefilled=None):
        """entries: {source code: {"keep": bool, "year", "place", "grade"}}; `error`:
        (source code, field label, bad value, expected message) tried first."""
        self.heading("Saisie des acquis", shot="acquis")
        expect(self.page.get_by_role("main")).to_contain_text(f"Diplôme : {diploma}")
        for code, values in (prefilled or {}).items():
            group = self.source(code)
            expect(group.get_by_role("checkbox")).to_be_checked()
            for label, value in values.items():
                expect(group.get_by_label(label)).to_have_value(value)
        for code, values in entries.items():
            group = self.source(code)
            box = group.get_by_role("checkbox")
            if box.is_checked() != values.get("keep", True):
                group.locator("label").filter(has_text="Souhaitez-vous conserver").click()
            for label, key in (
                ("Année d'obtention", "year"),
                (re.compile("Lieu d'obtention"), "place"),
                ("Note obtenue", "grade"),
            ):
                if key in values:
                    group.get_by_label(label).fill(values[key])
        if error:
            code, label, bad, message = error
            field = self.source(code).get_by_label(label)
            good = field.input_value()
            field.fill(bad)
            self.suite_expecting_errors("acquis", message)
            self.source(code).get_by_label(label).fill(good)
        self.check_screen("acquis")
        self.suite()

    def bilan(self, rows):
        self.heading("Bilan des acquis", shot="bilan")
        table = self.page.locator("#bilan-acquis tbody tr")
        expect(table).to_have_count(len(rows))
        found = [tuple(t.strip() for t in r.locator("td").all_inner_texts()) for r in table.all()]
        assert found == rows
        expect(self.page.get_by_role("main")).to_contain_text(
            "Vous n'aurez pas à subir ces épreuves pour cette session."
        )
        self.check_screen("bilan")
        self.suite()

    def epreuves(self, choices: dict, *, error=None, nothing_to_choose=False):
        """choices: {field label: option label}; `error`: a message expected when Suite
        is clicked with nothing chosen."""
        self.heading("Inscription aux épreuves", shot="epreuves")
        if nothing_to_choose:
            expect(self.page.get_by_role("main")).to_contain_text(
                "Vous n'avez aucun choix à faire pour vos épreuves"
            )
        if error:
            self.suite_expecting_errors("epreuves", error)
        for label, option in choices.items():
            self.page.get_by_label(label).select_option(label=option)
        self.check_screen("epreuves")
        self.suite()

    def recap_epreuves(self):
        rows = self.page.get_by_role("table", name="Épreuves").locator("tbody tr")
        return [tuple(t.strip() for t in r.locator("td").all_inner_texts()) for r in rows.all()]

    def valider(self, *expected_on_recap):
        self.heading("Récapitulatif de votre dossier", shot="recapitulatif")
        for text in expected_on_recap:
            expect(self.page.get_by_role("main")).to_contain_text(text)
        self.check_screen("recapitulatif")
        self.page.get_by_role("button", name="Valider votre inscription").click()
        self.heading("Votre pré-inscription est effective", shot="validation")
        expect(self.page.get_by_text("Notez-le soigneusement", exact=False)).to_be_visible()
        self.check_screen("validation")
        return self.page.locator("#numero-dossier").inner_text()


class AccountCandidate(Candidate):
    """The same screens as seed 004's tabs of the candidate space: « Suivant », the
    identity read only from the account (only the nationality is asked)."""

    next_button = "Suivant"

    def etat_civil(self, p, *, with_error=False):
        self.heading("État civil", shot="etat_civil")
        for label in ("Nom de famille", "Prénoms", "Date de naissance"):
            expect(self.page.get_by_label(label)).to_be_disabled()
        expect(self.page.get_by_label("Nom de famille")).to_have_value(p["birth_name"])
        self.page.get_by_label("Nationalité").select_option(label=p["nationality"])
        self.check_screen("etat_civil")
        self.suite()


def fill_account_form(page: Page, identity: dict, password: str):
    """« Créer mon compte » filled by its labels (seed 004 § 3)."""
    page.get_by_text(identity["civilite"], exact=True).click()
    page.get_by_label("Nom de famille").fill(identity["birth_name"])
    page.get_by_label("Confirmation du nom de naissance").fill(identity["birth_name"].lower())
    page.get_by_label("Prénoms").fill(identity["first_names"])
    page.get_by_label(re.compile(r"^\s*Date de naissance")).fill(identity["birth_date"])
    page.get_by_label("Confirmation date de naissance").fill(identity["birth_date"])
    page.get_by_label("Département de naissance").select_option(identity["departement_code"])
    page.get_by_label("Commune de naissance").fill(identity["commune"])
    page.get_by_label(re.compile(r"^\s*Adresse mail")).fill(identity["email"])
    page.get_by_label("Confirmation de l'adresse mail").fill(identity["email"])
    page.get_by_label(re.compile(r"^\s*Mot de passe")).fill(password)
    page.get_by_label("Confirmation du mot de passe").fill(password)
    page.get_by_role("button", name="Créer le compte").click()
