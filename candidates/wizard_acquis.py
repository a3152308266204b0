"""The acquis and épreuves screens of the wizard (G12–G15).

« One screen per ticked diploma » is one formtools step that pages through the ticked
diplomas itself: the page index and what was typed on each page live in extra_data, and the
step's stored data is the union of the pages, written when the last page is validated, so
that formtools' re-validation before done() checks every diploma at once.
"""

from django.http import QueryDict
from django.shortcuts import redirect

from inscrinet import declarations, rules, selectors
from inscrinet.declarations import KEEP
from inscrinet.models import PreviousResult

EMPTY_CATALOG = selectors.SpecialtyCatalog(epreuves=[], rights=[], diplomas=[])
PAGE, PAGES = "acquis_page", "acquis_pages"
# The screens where épreuves are chosen: inscrit or not, then options and EPS activities.
CHOICE_SCREENS = ("epreuves", "epreuves_suite")


class AcquisScreensMixin:
    # --- what earlier screens said ---------------------------------------------------------

    def catalog(self):
        specialty = self.cleaned("specialite").get("specialty")
        if specialty is None:
            return EMPTY_CATALOG
        cache = self.__dict__.setdefault("_catalogs", {})
        if specialty.pk not in cache:
            cache[specialty.pk] = selectors.specialty_catalog(specialty.pk)
        return cache[specialty.pk]

    def ticked_diplomas(self):
        return self.cleaned("diplomes").get("diplomas") or []

    def has_ticked_diplomas(self):
        return bool(self.ticked_diplomas())

    def forme(self):
        return self.cleaned("specialite").get("forme") or ""

    def epreuve_mode(self):
        categorie = self.cleaned("autres").get("categorie")
        etablissement = self.etablissement_fixed or self.cleaned("etablissement").get(
            "etablissement"
        )
        if categorie is None or etablissement is None:
            return rules.PONCTUEL
        return rules.epreuve_mode(
            categorie_kind=categorie.kind, etab_ccf_habilitated=etablissement.ccf_habilitated
        )

    def eps_pairs(self):
        return list(selectors.eps_pairs(self.session.pk))

    def declarations(self, *, choices_from=CHOICE_SCREENS):
        """The bilan and the épreuve questions, with the choices made on `choices_from`
        (none while building the épreuves screen itself: its choices are what it asks).

        Derived once per request for the same answers (the condition of the next screen
        asks for them each time the screens are chosen again)."""
        # Everything they come from is on the screens up to the épreuves one.
        key = (choices_from, self.answers_digest("epreuves"))
        memo = self.__dict__.setdefault("_declarations", {})
        if key not in memo:
            memo[key] = self._declarations_derived(choices_from)
        return memo[key]

    def _declarations_derived(self, choices_from):
        mode = self.epreuve_mode()
        chosen = {}
        for step in choices_from:
            chosen.update(self.cleaned(step))
        return declarations.derive(
            self.catalog(),
            diplomas=self.ticked_diplomas(),
            acquis=self.cleaned("acquis") if self.has_ticked_diplomas() else {},
            epreuves=chosen,
            forme=self.forme(),
            mode=mode,
            # EPS activities are chosen by those who sit EPS as an exam (seed 001); in CCF
            # the establishment organises them.
            asks_eps=bool(self.eps_pairs()) and mode == rules.PONCTUEL,
        )

    def previous_results(self):
        """G4: a former candidate's known results, by source épreuve (seeds 000, 002)."""
        previous = self.previous_candidate()
        if previous is None:
            return {}
        return {
            r.source_id: {
                "year": str(r.year),
                "place": r.place,
                "grade": rules.format_grade(r.grade),
            }
            for r in PreviousResult.objects.filter(candidate=previous)
        }

    # --- form kwargs and initial data --------------------------------------------------------

    def acquis_form_kwargs(self, step):
        if step == "diplomes":
            return {"catalog": self.catalog()}
        if step == "acquis":
            diplomas = self.ticked_diplomas()
            return {
                "catalog": self.catalog(),
                "diplomas": diplomas,
                "page": None if self.revalidating else self.acquis_page(len(diplomas)),
                "forme": self.forme(),
                "exam": self.session.exam,
                "prefill": self.previous_results(),
            }
        if step == "epreuves":
            categorie = self.cleaned("autres").get("categorie")
            return {
                "catalog": self.catalog(),
                "declarations": self.declarations(choices_from=()),
                "forme": self.forme(),
                "eps_pairs": self.eps_pairs(),
                "is_individual": bool(categorie and categorie.is_individual),
            }
        if step == "epreuves_suite":
            categorie = self.cleaned("autres").get("categorie")
            return {
                "catalog": self.catalog(),
                "declarations": self.declarations(choices_from=("epreuves",)),
                "chosen": self.cleaned("epreuves"),
                "forme": self.forme(),
                "eps_pairs": self.eps_pairs(),
                "is_individual": bool(categorie and categorie.is_individual),
            }
        return {}

    def has_follow_up_questions(self):
        if self.storage.get_step_data("epreuves") is None:
            return False
        found = self.declarations(choices_from=("epreuves",))
        return bool(
            rules.follow_ups_to_ask(
                self.catalog().epreuves, found.questions, found.choices, found.bilan
            )
        )

    def acquis_form_initial(self, step):
        if step == "diplomes":
            known = set(self.previous_results())
            return {
                "diplomas": [
                    d.code for d in self.catalog().diplomas if any(s.pk in known for s in d.sources)
                ]
            }
        return dict(self.storage.extra_data.get(PAGES, {}))  # acquis: what was typed

    # --- paging ----------------------------------------------------------------------------

    def acquis_page(self, count):
        page = self.storage.extra_data.get(PAGE, 0)
        return min(max(page, 0), max(count - 1, 0))

    def set_acquis_page(self, page):
        self.storage.extra_data = {**self.storage.extra_data, PAGE: page}

    def keep_acquis_page(self):
        """Merge what is typed on the current page into the pages (validated or not)."""
        form = self.get_form(data=self.request.POST)
        pages = dict(self.storage.extra_data.get(PAGES, {}))
        for name in form.fields:
            value = self.request.POST.get(form.add_prefix(name), "")
            pages[name] = ("on" if value else "") if name.endswith(f"_{KEEP}") else value
        self.storage.extra_data = {**self.storage.extra_data, PAGES: pages}
        return form

    def post_acquis(self):
        form = self.keep_acquis_page()
        if not form.is_valid():
            return self.render(form)
        count = len(self.ticked_diplomas())
        page = self.acquis_page(count)
        if page + 1 < count:  # the next diploma's screen
            self.set_acquis_page(page + 1)
            return redirect(self.get_step_url("acquis"))
        data = QueryDict(mutable=True)
        for name, value in self.storage.extra_data.get(PAGES, {}).items():
            data[form.add_prefix(name)] = value
        self.storage.set_step_data("acquis", data)
        return self.render_next_step(form)

    def acquis_retour(self):
        """Retour on a diploma's screen: the previous diploma, or the diplomas screen."""
        self.keep_acquis_page()
        self.storage.data[self.storage.step_data_key].pop("acquis", None)
        page = self.acquis_page(len(self.ticked_diplomas()))
        if page > 0:
            self.set_acquis_page(page - 1)
            return redirect(self.get_step_url("acquis"))
        return None

    def forget_acquis_answers(self):
        """New diplomas ticked: the acquis screens start again from the first diploma."""
        self.set_acquis_page(0)
        self.storage.data[self.storage.step_data_key].pop("acquis", None)

    def acquis_context(self, step, form):
        if step == "diplomes":
            return {"has_diplomas": form.has_diplomas}
        if step == "acquis":
            diplomas = self.ticked_diplomas()
            return {
                "acquis_page": self.acquis_page(len(diplomas)) + 1,
                "acquis_pages": len(diplomas),
            }
        if step == "bilan":
            return {"bilan": self.declarations(choices_from=()).bilan}
        if step == "epreuves":
            return {"nothing_to_choose": not form.fields, "bilan": form.bilan}
        return {}
