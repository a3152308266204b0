"""From a candidature's screens to a validated dossier version: the snapshot shown on the
récapitulatif (and stored as the version), and every rule re-checked server-side.

Every way of registering (the Inscrinet wizard, the Cyclades tabs, a DEC correction) hands
a CandidatureInput to `candidature_submit`: the version stored is built and checked here,
never trusted from the caller.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils import timezone

from inscrinet import declarations, rules, selectors
from inscrinet.actors import Actor
from inscrinet.models import (
    DossierVersion,
    Etablissement,
    Service,
    Session,
)
from inscrinet.selectors.catalog import is_offered_in
from inscrinet.services.dossiers import DossierData, dossier_modify, dossier_submit
from inscrinet.services.errors import DomainError

YES_NO = {"oui": "Oui", "non": "Non", "": ""}
FORMES = {"globale": "Globale", "progressive": "Progressive", "": ""}
CIVILITES = {"M": "Monsieur", "Mme": "Madame"}
NATIONALITES = {
    "francaise": "Française",
    "ue": "Ressortissant(e) d'un autre pays de l'Union européenne",
    "autre": "Autre nationalité",
}


@dataclass(frozen=True)
class CandidatureInput:
    """A candidature as typed: each screen's cleaned data by screen name (« etat_civil »,
    « adresse », « autres », « etablissement », « resultats », « specialite »,
    « precisions », « diplomes », « acquis », « epreuves », « epreuves_suite »)."""

    session: Session
    screens: Mapping[str, Mapping]
    service: str = Service.GRAND_PUBLIC
    # E2: a pupil registering from the establishment's access has it fixed.
    etablissement_fixed: Etablissement | None = None
    # The screens as stored, so that « Modifier » re-enters them pre-filled (G18).
    answers: dict = field(default_factory=dict)
    # C4: the candidate account the candidature is made from (Cyclades sessions).
    account: object = None


def _country_name(code):
    from django_countries import countries

    return dict(countries).get(code, code) if code else ""


def resolve(steps: dict, *, etablissement_fixed: Etablissement | None = None) -> dict:
    """The model objects the cleaned data points to (re-read from the database)."""
    autres, specialite = steps.get("autres", {}), steps.get("specialite", {})
    etab_step = steps.get("etablissement", {})
    return {
        "categorie": autres.get("categorie"),
        "etablissement": etablissement_fixed or etab_step.get("etablissement"),
        "specialty": specialite.get("specialty"),
    }


def derive_declarations(session: Session, steps: dict, objects: dict):
    """The acquis, bilan and épreuve choices, re-derived from the catalog in the database."""
    catalog = selectors.specialty_catalog(objects["specialty"].pk)
    mode = rules.epreuve_mode(
        categorie_kind=objects["categorie"].kind,
        etab_ccf_habilitated=objects["etablissement"].ccf_habilitated,
    )
    pairs = list(selectors.eps_pairs(session.pk))
    derived = declarations.derive(
        catalog,
        diplomas=steps.get("diplomes", {}).get("diplomas") or [],
        acquis=steps.get("acquis", {}),
        epreuves={**steps.get("epreuves", {}), **steps.get("epreuves_suite", {})},
        forme=steps["specialite"]["forme"],
        mode=mode,
        asks_eps=bool(pairs) and mode == rules.PONCTUEL,
    )
    return catalog, derived, pairs


def acquis_snapshot(catalog, derived) -> list[dict]:
    sources = {(d.code, s.code): s for d in catalog.diplomas for s in d.sources}
    return [
        {
            "diploma": a.diploma_label,
            "diploma_code": a.diploma,
            "source": a.source,
            "source_label": sources[(a.diploma, a.source)].label,
            "kind": sources[(a.diploma, a.source)].kind,
            "year": a.year,
            "place": a.place,
            "grade": rules.format_grade(a.grade),
        }
        for a in derived.acquis
    ]


def build_snapshot(candidature: CandidatureInput, *, declared=None) -> dict:
    """What the récapitulatif shows and the version stores."""
    session, steps = candidature.session, candidature.screens
    objects = resolve(steps, etablissement_fixed=candidature.etablissement_fixed)
    identite, adresse = steps["etat_civil"], steps["adresse"]
    autres, resultats, specialite = steps["autres"], steps["resultats"], steps["specialite"]
    etab_step = steps.get("etablissement", {})
    categorie, etablissement, specialty = (
        objects["categorie"],
        objects["etablissement"],
        objects["specialty"],
    )
    departement = selectors.departement(identite["birth_departement"])
    previous = etab_step.get("previous_etablissement")
    catalog, derived, _ = declared or derive_declarations(session, steps, objects)
    precisions = steps.get("precisions", {})
    extra = {
        q["label"]: precisions[f"extra_{q['code']}"]
        for q in specialty.extra_questions
        if precisions.get(f"extra_{q['code']}")
    }
    return {
        "schema": DossierVersion.SCHEMA,
        "session": {
            "exam": session.exam.label,
            "exam_code": session.exam.code,
            "academie": session.academie.name,
            "label": session.label,
        },
        "origine": {
            k: v for k, v in steps.get("origine", {}).items() if k.endswith("_number") and v
        },
        "identite": {
            "civilite": CIVILITES.get(identite["civilite"], ""),
            "birth_name": identite["birth_name"],
            "usage_name": identite.get("usage_name", ""),
            "first_names": identite["first_names"],
            "birth_date": identite["birth_date"],
            "birth_departement": str(departement) if departement else "",
            "birth_commune": identite.get("birth_commune", ""),
            "birth_country": _country_name(identite.get("birth_country")),
            "nationality": NATIONALITES.get(identite["nationality"], ""),
        },
        "adresse": {
            "resides_abroad": adresse["resides_abroad"] == "oui",
            "line1": adresse["line1"],
            "line2": adresse.get("line2", ""),
            "lieu_dit": adresse.get("lieu_dit", ""),
            "postal_code": adresse["postal_code"],
            "city": adresse["city"],
            "mobile_phone": adresse.get("mobile_phone", ""),
            "landline_phone": adresse.get("landline_phone", ""),
            "email": adresse["email"],
        },
        "candidature": {
            "categorie": categorie.label,
            "handicap": YES_NO[autres["handicap"]],
            "amenagement": YES_NO[autres["amenagement"]],
            "etablissement": f"{etablissement.name} ({etablissement.code})",
            "previous_etablissement": (
                f"{previous.name} ({previous.code})"
                if previous
                else " — ".join(
                    v for v in (etab_step.get("previous_name"), etab_step.get("previous_city")) if v
                )
            ),
            "consent_press": YES_NO[resultats["consent_press"]],
            "consent_collectivites": YES_NO[resultats["consent_collectivites"]],
            "specialty": specialty.label,
            "forme": FORMES[specialite["forme"]],
            "derogation": YES_NO[specialite["derogation"]],
            "forme_finale": FORMES[forme_finale(specialite, precisions)],
            "extra": extra,
            "section_europeenne": YES_NO[specialite.get("section_europeenne", "")],
        },
        "acquis": acquis_snapshot(catalog, derived),
        "bilan": [
            {
                "code": line.code,
                "label": line.label,
                "position": line.position,
                "note": line.grade_text,
                "resolution": line.resolution,
            }
            for line in derived.bilan
        ],
        "epreuves": derived.table(catalog),
        "confirmation": confirmation_snapshot(session, specialty, derived, autres),
    }


def forme_finale(specialite: dict, precisions: dict) -> str:
    """Without a dérogation, the candidate sits the exam in the forme chosen."""
    if specialite.get("derogation") == "oui":
        return precisions.get("forme_finale", "")
    return specialite.get("forme", "")


def confirmation_snapshot(session: Session, specialty, derived, autres: dict) -> dict:
    """What the confirmation d'inscription states as of validation (G21): the pieces to
    enclose for this case and the return deadline; later changes of the session's
    configuration do not rewrite a validated version."""
    today = timezone.localdate()
    return {
        "pieces": selectors.pieces_to_enclose(
            session=session,
            specialty_id=specialty.pk,
            acquis_kinds={line.position for line in derived.bilan},
            handicap=autres["handicap"] == "oui",
        ),
        "return_deadline": session.return_deadline(today).strftime("%d/%m/%Y"),
    }


def recheck(candidature: CandidatureInput, *, declared=None) -> None:
    """Every rule again, server-side: the screens' data is never trusted as such."""
    session, steps, service = candidature.session, candidature.screens, candidature.service
    etablissement_fixed = candidature.etablissement_fixed
    if not session.is_open(service):
        raise DomainError(
            "Le service d'inscription de cette session est fermé : votre pré-inscription n'a "
            "pas été enregistrée."
        )
    objects = resolve(steps, etablissement_fixed=etablissement_fixed)
    categorie, etablissement, specialty = (
        objects["categorie"],
        objects["etablissement"],
        objects["specialty"],
    )
    if not is_offered_in(session, categorie):
        raise DomainError("La catégorie choisie ne correspond pas à cet examen.")
    if categorie.registers_through_establishment != (service == Service.ETABLISSEMENT):
        raise DomainError(
            "Les candidats scolaires et apprentis s'inscrivent depuis leur établissement ; "
            "les autres candidats, par l'inscription grand public."
        )
    if not is_offered_in(session, specialty):
        raise DomainError("La spécialité choisie ne correspond pas à cet examen.")
    if etablissement.academie_id != session.academie_id:
        raise DomainError("L'établissement choisi n'appartient pas à l'académie de la session.")
    if (
        etablissement_fixed is None
        and categorie.fictitious_establishments != etablissement.is_fictitious
    ):
        raise DomainError("L'établissement choisi ne correspond pas à votre catégorie.")
    recheck_precisions(specialty, steps["specialite"], steps.get("precisions", {}))
    forme = steps["specialite"]["forme"]
    allowed = rules.formes_allowed(
        allows_globale=categorie.allows_globale, allows_progressive=categorie.allows_progressive
    )
    if forme not in allowed:
        raise DomainError("Cette forme de passage n'est pas ouverte à votre catégorie.")
    identite, adresse = steps["etat_civil"], steps["adresse"]
    birth = rules.parse_birth_date(identite["birth_date"], this_year=timezone.localdate().year)
    if (
        categorie.is_individual
        and session.individuals_must_be_adult
        and not rules.is_of_age_on_december_31(birth.year, session.exam_year)
    ):
        raise DomainError(
            f"Les candidats individuels doivent être majeurs au 31 décembre {session.exam_year}."
        )
    error = rules.postal_code_error(
        adresse["postal_code"], resides_abroad=adresse["resides_abroad"] == "oui"
    )
    if error:
        raise DomainError(error)
    recheck_declarations(session, steps, declared or derive_declarations(session, steps, objects))
    # The one-specialty rule (G11) is checked by dossier_submit inside its transaction.


def recheck_precisions(specialty, specialite: dict, precisions: dict) -> None:
    """The questions of the « Précisions » screen that this candidature asks."""
    for question in specialty.extra_questions:
        if precisions.get(f"extra_{question['code']}") not in question["choices"]:
            raise DomainError(f"Répondez à la question « {question['label']} ».")
    if specialite.get("derogation") == "oui" and precisions.get("forme_finale") not in (
        "globale",
        "progressive",
    ):
        raise DomainError("Indiquez la forme finale demandée par dérogation.")


def recheck_declarations(session: Session, steps: dict, declared) -> None:
    """G12–G15 again: the diplomas give rights in this specialty, each kept acquis is
    valid, the épreuve choices answer the questions this candidate must answer."""
    catalog, derived, pairs = declared
    categorie = steps["autres"]["categorie"]
    diplomas = steps.get("diplomes", {}).get("diplomas") or []
    if not set(diplomas) <= {d.code for d in catalog.diplomas}:
        raise DomainError("Un diplôme déclaré ne donne pas de droit dans cette spécialité.")
    for diploma, source, _, message in declarations.kept_acquis_errors(
        catalog,
        diplomas,
        steps.get("acquis", {}),
        exam=session.exam,
        forme=steps["specialite"]["forme"],
        this_year=timezone.localdate().year,
    ):
        raise DomainError(f"{source.code} ({diploma.label}) : {message}")
    errors = rules.epreuve_choice_errors(
        catalog.epreuves,
        derived.questions,
        derived.choices,
        derived.bilan,
        forme=steps["specialite"]["forme"],
        eps_pairs=pairs,
        is_individual=categorie.is_individual,
    )
    if errors:
        key, message = next(iter(errors.items()))
        raise DomainError(f"{key.partition(':')[2]} : {message}" if key else message)


def candidature_submit(
    candidature: CandidatureInput,
    *,
    submission_key: str,
    actor: Actor,
    modifying=None,
):
    """Validate (version 0) or, with `modifying=(dossier, base_version)`, store the next
    version of that dossier. Returns the stored DossierVersion."""
    session, steps = candidature.session, candidature.screens
    objects = resolve(steps, etablissement_fixed=candidature.etablissement_fixed)
    declared = derive_declarations(session, steps, objects)  # once for both uses
    recheck(candidature, declared=declared)
    identite = steps["etat_civil"]
    data = DossierData(
        specialty=objects["specialty"],
        categorie=objects["categorie"],
        etablissement=objects["etablissement"],
        forme=steps["specialite"]["forme"],
        birth_name=identite["birth_name"],
        first_names=identite["first_names"],
        birth_date=rules.parse_birth_date(
            identite["birth_date"], this_year=timezone.localdate().year
        ),
        email=steps["adresse"]["email"],
        snapshot=build_snapshot(candidature, declared=declared),
        answers=candidature.answers,
        account=candidature.account,
    )
    if modifying is not None:
        dossier, base_version = modifying
        return dossier_modify(
            dossier=dossier,
            base_version=base_version,
            data=data,
            submission_key=submission_key,
            actor=actor,
        )
    dossier = dossier_submit(
        session=session,
        service=candidature.service,
        submission_key=submission_key,
        actor=actor,
        data=data,
    )
    stored = getattr(dossier, "stored_version", None)
    if stored is not None:
        return stored
    return DossierVersion.objects.select_related("dossier").get(submission_key=submission_key)
