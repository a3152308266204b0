"""Load the demo content of inscrinet/demo_data.py.

Idempotent: natural keys with update_or_create; passwords are set only when a row is
created (re-hashing would change the row). Session dates are computed from `today` so the
services are open when someone tries the demo: run again the same day, nothing changes; on
a later day, only the dates move.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction

from inscrinet import demo_data as D
from inscrinet.actors import EtablissementAccess, SystemActor
from inscrinet.models import (
    Academie,
    CandidateAccess,
    Categorie,
    Diploma,
    DiplomaEpreuve,
    Epreuve,
    EpreuveOption,
    EpsPair,
    Etablissement,
    Exam,
    PieceRequirement,
    PreviousCandidate,
    PreviousResult,
    Right,
    Session,
    Specialty,
    User,
)
from inscrinet.selectors.reference import reference_changes_batched
from inscrinet.services.audit import audit_record
from inscrinet.services.etablissements import (
    etablissement_password_set,
    etablissement_passwords_default,
)
from inscrinet.services.reference import reference_load
from inscrinet.site import site_config_ensure

PARIS = ZoneInfo("Europe/Paris")


DEMO = SystemActor(name="chargement des données de démonstration")


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=PARIS)


def session_dates(today: datetime.date) -> dict:
    """Open since a week at 9:00, closing in four weeks at 17:00 (Paris time)."""
    exam_year = today.year + 1 if today.month >= 7 else today.year
    return {
        "label": f"{exam_year}-06",
        "exam_year": exam_year,
        "public_opens_at": _at(today - datetime.timedelta(days=7), 9),
        "public_closes_at": _at(today + datetime.timedelta(days=28), 17),
        "etablissement_opens_at": _at(today - datetime.timedelta(days=7), 9),
        "etablissement_closes_at": _at(today + datetime.timedelta(days=21), 17),
        "confirmation_return_date": today + datetime.timedelta(days=21),
    }


DEMO_SESSIONS = [
    # exam, académie, EPS pairs, individuals of age, email, information note
    (
        "CAP",
        "022",
        D.LIMOGES_EPS_PAIRS,
        True,
        True,
        "Les candidats individuels de Limoges "
        "choisissent l'établissement « Individuels » de leur département de résidence.",
    ),
    ("CAP", "016", D.TOULOUSE_EPS_PAIRS, False, True, ""),
    # Seed 000's other variant: the DEC posts the confirmation later, no email.
    ("CAP", "014", [], False, False, ""),
    ("BTS", "014", [], False, True, ""),
    ("BCP", "016", D.TOULOUSE_EPS_PAIRS, False, True, ""),
]
# Seed 004: the same CAP in Toulouse through candidate accounts (the Cyclades space), as a
# session of its own so that the Inscrinet sessions above keep their access by number.
ACCOUNT_SESSIONS = [("CAP", "016", D.TOULOUSE_EPS_PAIRS, False, True, "")]
ACCOUNT_LABEL_SUFFIX = " Cyclades"


def _load_catalog():
    academies = {
        a["code"]: Academie.objects.update_or_create(code=a["code"], defaults=a)[0]
        for a in D.ACADEMIES
    }
    exams = {
        e["code"]: Exam.objects.update_or_create(code=e["code"], defaults=e)[0] for e in D.EXAMS
    }
    for exam_code, rows in D.CATEGORIES.items():
        for code, label, kind, globale, progressive, fictitious in rows:
            Categorie.objects.update_or_create(
                exam=exams[exam_code],
                code=code,
                defaults={
                    "label": label,
                    "kind": kind,
                    "allows_globale": globale,
                    "allows_progressive": progressive,
                    "fictitious_establishments": fictitious,
                },
            )
    specialties = {}
    for spec in D.SPECIALTIES:
        specialty, _ = Specialty.objects.update_or_create(
            exam=exams[spec["exam"]],
            code=spec["code"],
            defaults={"label": spec["label"], "extra_questions": spec.get("extra_questions", [])},
        )
        specialties[spec["code"]] = specialty
        for order, (code, label, parent, kind, is_eps, options) in enumerate(spec["epreuves"]):
            epreuve, _ = Epreuve.objects.update_or_create(
                specialty=specialty,
                code=code,
                defaults={
                    "label": label,
                    "parent": Epreuve.objects.get(specialty=specialty, code=parent)
                    if parent
                    else None,
                    "kind": kind,
                    "is_eps": is_eps,
                    "order": order,
                },
            )
            for option in options:
                EpreuveOption.objects.get_or_create(epreuve=epreuve, label=option)
    return academies, exams, specialties


def _load_diplomas(specialties):
    for dip in D.DIPLOMAS:
        diploma, _ = Diploma.objects.update_or_create(
            code=dip["code"], defaults={"label": dip["label"]}
        )
        for order, (code, label) in enumerate(dip["epreuves"]):
            source, _ = DiplomaEpreuve.objects.update_or_create(
                diploma=diploma, code=code, defaults={"label": label, "order": order}
            )
            for spec_code, target_code, kind in dip["rights"].get(code, []):
                Right.objects.update_or_create(
                    source=source,
                    target=Epreuve.objects.get(specialty=specialties[spec_code], code=target_code),
                    defaults={"kind": kind},
                )


def _load_etablissements(academies, exams):
    for code, name, city, acad, fictitious, cfa, exam_codes, ccf, extra in D.ETABLISSEMENTS:
        extra = dict(extra)
        inscription_password = extra.pop("inscription_password", None)
        etab, created = Etablissement.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "city": city,
                "academie": academies[acad],
                "is_fictitious": fictitious,
                "is_cfa": cfa,
                "ccf_habilitated": ccf,
                **extra,
            },
        )
        if created:
            etablissement_passwords_default(etablissement=etab, actor=DEMO)
        if created and inscription_password:
            # Seed 004's LYC BELLEVUE: its inscription password was already changed (E1).
            etablissement_password_set(
                etablissement=etab,
                access=EtablissementAccess.INSCRIPTION,
                raw_password=inscription_password,
                actor=DEMO,
            )
        etab.exams.set([exams[c] for c in exam_codes])


def _load_sessions(academies, exams, specialties, today):
    dates = session_dates(today)
    label = dates.pop("label")
    sessions = [(s, label, CandidateAccess.NUMERO) for s in DEMO_SESSIONS] + [
        (s, label + ACCOUNT_LABEL_SUFFIX, CandidateAccess.COMPTE) for s in ACCOUNT_SESSIONS
    ]
    for (exam_code, acad, pairs, adult, emails, note), session_label, access in sessions:
        session, _ = Session.objects.update_or_create(
            exam=exams[exam_code],
            academie=academies[acad],
            label=session_label,
            defaults={
                **dates,
                "candidate_access": access,
                "individuals_must_be_adult": adult,
                "emails_confirmation": emails,
                "information_note": note,
                "confirmation_return_days": 10,
            },
        )
        for first, second in pairs:
            EpsPair.objects.get_or_create(
                session=session, first_activity=first, second_activity=second
            )
        pieces = (
            D.ACCOUNT_PIECES
            if access == CandidateAccess.COMPTE
            else [(*piece, "", "courrier") for piece in D.PIECES]
        )
        for case, spec_code, piece_label, code, deposit_mode in pieces:
            specialty = specialties[spec_code] if spec_code else None
            if specialty and specialty.exam_id != session.exam_id:
                continue
            PieceRequirement.objects.update_or_create(
                session=session,
                case=case,
                specialty=specialty,
                label=piece_label,
                defaults={"code": code, "deposit_mode": deposit_mode},
            )


def _load_previous(academies, exams, specialties):
    for prev in D.PREVIOUS_CANDIDATES:
        year, month, day = prev["birth"]
        candidate, _ = PreviousCandidate.objects.update_or_create(
            academie=academies[prev["academie"]],
            redoublant_number=prev["redoublant_number"],
            defaults={
                "exam": exams[prev["exam"]],
                "specialty": specialties[prev["specialty"]],
                "ivae_number": prev["ivae_number"],
                "ine_number": prev["ine_number"],
                "birth_year": year,
                "birth_month": month,
                "birth_day": day,
                **{
                    k: prev[k]
                    for k in (
                        "civilite",
                        "birth_name",
                        "usage_name",
                        "first_names",
                        "address",
                        "email",
                        "mobile_phone",
                    )
                },
            },
        )
        for diploma_code, source_code, r_year, place, grade in prev["results"]:
            PreviousResult.objects.update_or_create(
                candidate=candidate,
                source=DiplomaEpreuve.objects.get(diploma__code=diploma_code, code=source_code),
                defaults={"year": r_year, "place": place, "grade": Decimal(grade)},
            )


def _load_users(academies):
    for username, acad, role in D.MANAGERS:
        user, created = User.objects.update_or_create(
            username=username,
            defaults={
                "academie": academies[acad],
                "dec_role": role,
                "is_staff": False,
                "is_superuser": False,
            },
        )
        if created:
            user.set_password(D.DEMO_PASSWORD)
            user.save(update_fields=["password"])
    admin, created = User.objects.update_or_create(
        username="admin", defaults={"is_staff": True, "is_superuser": True}
    )
    if created:
        admin.set_password(D.DEMO_PASSWORD)
        admin.save(update_fields=["password"])


def demo_load(*, today: datetime.date) -> None:
    from dsfr.models import DsfrConfig

    reference_load()
    with transaction.atomic(), reference_changes_batched():
        site_config_ensure(DsfrConfig)
        academies, exams, specialties = _load_catalog()
        _load_diplomas(specialties)
        _load_etablissements(academies, exams)
        _load_sessions(academies, exams, specialties, today)
        _load_previous(academies, exams, specialties)
        _load_users(academies)
        audit_record(
            actor=DEMO,
            action="chargement.demo",
            details={
                "académies": len(academies),
                "examens": len(exams),
                "spécialités": len(specialties),
                "établissements": len(D.ETABLISSEMENTS),
                "candidats précédents": len(D.PREVIOUS_CANDIDATES),
            },
        )
