"""C10: pupils pre-registered by their establishment in a session reached by candidate
account (seed 004 § 8). Each pupil gets an account (login « prenom.nom », no email) and a
candidature « À compléter » holding what the establishment knows (catégorie, specialty,
forme) as drafts of the registration's screens; the pupil logs in with the « papillon de
connexion », must change the password, completes acquis and épreuves, and « Enregistrer »
makes the candidature « Inscrit » (services/account_candidatures.py).

No clear password is ever stored: printing the slips sets a new random password for each
pupil who has not chosen one yet, and the PDF is the only place it is written."""

import re
import secrets
import unicodedata
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from inscrinet import rules, selectors
from inscrinet.actors import Actor
from inscrinet.models import (
    CandidateAccess,
    CandidateAccount,
    Categorie,
    Departement,
    Dossier,
    DossierState,
    DossierVersion,
    Etablissement,
    Service,
    Session,
    Specialty,
    User,
)
from inscrinet.services.audit import audit_record
from inscrinet.services.candidature import CIVILITES, FORMES, _country_name
from inscrinet.services.dossiers import DossierData, dossier_submit
from inscrinet.services.errors import DomainError

# Letters and digits a pupil cannot misread on paper (no 0/O, 1/l/I), and a few signs.
SLIP_LETTERS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"
SLIP_DIGITS = "23456789"
SLIP_SIGNS = ",;:!?*-+"


@dataclass(frozen=True)
class PupilInput:
    """One pupil as the establishment enters it (the import's line or the form)."""

    identity: dict  # civilite, birth_name, usage_name, first_names, birth_date, birth_*
    pupil_class: str
    specialty: Specialty
    forme: str
    categorie: Categorie
    email: str = ""


@dataclass(frozen=True)
class Slip:
    """What one « papillon de connexion » prints."""

    dossier: Dossier
    login: str
    password: str  # "" when the pupil has already chosen one


def pupil_sessions(etablissement: Etablissement):
    """The sessions of the establishment's académie and exams whose candidates register
    with an account: those its pupils are pre-registered in."""
    return (
        Session.objects.select_related("exam", "academie")
        .filter(
            academie_id=etablissement.academie_id,
            exam__etablissements=etablissement,
            candidate_access=CandidateAccess.COMPTE,
        )
        .order_by("exam__code", "label")
    )


def school_categories(session: Session):
    """E2: the catégories of pupils and apprentices, registered through their establishment."""
    from inscrinet.models.catalog import SCHOOL_KINDS
    from inscrinet.selectors.catalog import offered_in

    return offered_in(session, Categorie.objects).filter(kind__in=SCHOOL_KINDS).order_by("label")


def login_base(first_names: str, birth_name: str) -> str:
    """« Acculi, Marie » + « ACCAME » → « acculi.accame » (seed 004's slip)."""

    def plain(text):
        decomposed = unicodedata.normalize("NFKD", text or "")
        ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
        return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")

    first = plain((first_names or "").split(",")[0]) or "eleve"
    return f"{first}.{plain(birth_name) or 'eleve'}"[:140]


def slip_password() -> str:
    """10 characters from letters, digits and signs, with at least one of each kind."""
    alphabet = SLIP_LETTERS + SLIP_DIGITS + SLIP_SIGNS
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(10))
        if (
            any(c.islower() for c in password)
            and any(c.isupper() for c in password)
            and any(c in SLIP_DIGITS for c in password)
            and any(c in SLIP_SIGNS for c in password)
        ):
            return password


def _user_with_free_login(base: str) -> User:
    """A new user named `base`, `base2`, `base3`… (the first free one)."""
    suffix = 1
    while True:
        username = base if suffix == 1 else f"{base}{suffix}"
        if not User.objects.filter(username__iexact=username).exists():
            try:
                with transaction.atomic():
                    user = User(username=username, email="")
                    user.set_unusable_password()  # the slip's printing sets one
                    user.save()
                    return user
            except IntegrityError:  # taken meanwhile by a concurrent import
                pass
        suffix += 1


def pupil_snapshot(session: Session, etablissement: Etablissement, pupil: PupilInput) -> dict:
    """Version 0 of a candidature « À compléter »: the récapitulatif's shape with what the
    establishment knows, nothing declared yet (no acquis, no épreuves, no confirmation)."""
    identity = pupil.identity
    departement = Departement.objects.filter(code=identity["birth_departement"]).first()
    return {
        "schema": DossierVersion.SCHEMA,
        "a_completer": True,
        "session": {
            "exam": session.exam.label,
            "exam_code": session.exam.code,
            "academie": session.academie.name,
            "label": session.label,
        },
        "origine": {},
        "identite": {
            "civilite": CIVILITES.get(identity["civilite"], ""),
            "birth_name": identity["birth_name"],
            "usage_name": identity.get("usage_name", ""),
            "first_names": identity["first_names"],
            "birth_date": identity["birth_date"],
            "birth_departement": str(departement) if departement else "",
            "birth_commune": identity.get("birth_commune", ""),
            "birth_country": _country_name(identity.get("birth_country")),
            "nationality": "",
        },
        "adresse": {
            "resides_abroad": False,
            "line1": "",
            "line2": "",
            "lieu_dit": "",
            "postal_code": "",
            "city": "",
            "mobile_phone": "",
            "landline_phone": "",
            "email": pupil.email,
        },
        "candidature": {
            "categorie": pupil.categorie.label,
            "handicap": "",
            "amenagement": "",
            "etablissement": f"{etablissement.name} ({etablissement.code})",
            "previous_etablissement": "",
            "consent_press": "",
            "consent_collectivites": "",
            "specialty": pupil.specialty.label,
            "forme": FORMES.get(pupil.forme, ""),
            "derogation": "",
            "forme_finale": FORMES.get(pupil.forme, ""),
            "extra": {},
            "section_europeenne": "",
        },
        "acquis": [],
        "bilan": [],
        "epreuves": [],
        "confirmation": {"pieces": [], "return_deadline": ""},
    }


def _drafts(pupil: PupilInput) -> dict:
    """What the pupil finds already filled on the registration's screens (as typed
    answers, with the catalogue's codes)."""
    drafts = {
        "autres": {"categorie": pupil.categorie.code},
        "specialite": {"specialty": pupil.specialty.code, "forme": pupil.forme},
    }
    if pupil.email:
        drafts["adresse"] = {"email": pupil.email, "email_confirmation": pupil.email}
    return {"step_data": {}, "extra": {"drafts": drafts}}


def pupil_register(
    *, session: Session, etablissement: Etablissement, pupil: PupilInput, actor: Actor
) -> Dossier:
    """The pupil's account and candidature « À compléter » — both or neither."""
    identity = pupil.identity
    birth = rules.parse_birth_date(identity["birth_date"], this_year=session.exam_year)
    conflict = selectors.dossier_conflict(
        session=session,
        identity_key=rules.identity_key(identity["birth_name"], identity["first_names"]),
        birth=birth,
    )
    if conflict is not None:  # said to the establishment (dossier_submit re-checks it)
        raise DomainError(
            f"{identity['birth_name']} {identity['first_names']} est déjà inscrit(e) dans "
            f"cette session (dossier n° {conflict.number}, {conflict.specialty.label})."
        )
    with transaction.atomic():
        user = _user_with_free_login(login_base(identity["first_names"], identity["birth_name"]))
        account = CandidateAccount.objects.create(
            user=user,
            etablissement=etablissement,
            must_change_password=True,
            civilite=identity["civilite"],
            birth_name=identity["birth_name"],
            usage_name=identity.get("usage_name", ""),
            first_names=identity["first_names"],
            birth_year=birth.year,
            birth_month=birth.month,
            birth_day=birth.day,
            birth_departement=identity["birth_departement"],
            birth_commune=identity.get("birth_commune", ""),
            birth_commune_code=identity.get("birth_commune_code", ""),
            birth_country=identity.get("birth_country", ""),
        )
        audit_record(
            actor=actor,
            action="compte.cree",
            target=account,
            details={"identifiant": user.username, "eleve": True},
            academie_id=session.academie_id,
            etablissement_id=etablissement.pk,
        )
        return dossier_submit(
            session=session,
            data=DossierData(
                specialty=pupil.specialty,
                categorie=pupil.categorie,
                etablissement=etablissement,
                forme=pupil.forme,
                birth_name=identity["birth_name"],
                first_names=identity["first_names"],
                birth_date=birth,
                email=pupil.email,
                snapshot=pupil_snapshot(session, etablissement, pupil),
                answers=_drafts(pupil),
                account=account,
                pupil_class=pupil.pupil_class,
            ),
            submission_key=f"eleve:{uuid.uuid4().hex}",
            service=Service.ETABLISSEMENT,
            actor=actor,
            initial_state=DossierState.A_COMPLETER,
        )


def pupils_of(etablissement: Etablissement, session: Session):
    """The pupils this establishment pre-registered in the session (any state), by class
    and name."""
    return (
        Dossier.objects.filter(
            session=session, etablissement=etablissement, account__etablissement=etablissement
        )
        .select_related("account__user", "specialty")
        .order_by("pupil_class", "birth_name", "first_names", "number")
    )


def slips_prepare(*, etablissement: Etablissement, dossiers, actor: Actor) -> list[Slip]:
    """The slips of these pupils: a new random password for each one who has not chosen
    one yet (the previous slip stops working), kept nowhere but in the returned slips."""
    slips = []
    with transaction.atomic():
        for dossier in dossiers:
            account = dossier.account
            password = ""
            if account.must_change_password:
                password = slip_password()
                account.user.set_password(password)
                account.user.save(update_fields=["password"])
            slips.append(Slip(dossier=dossier, login=account.user.username, password=password))
        audit_record(
            actor=actor,
            action="compte.papillons",
            details={
                "dossiers": [slip.dossier.number for slip in slips],
                "nouveaux_mots_de_passe": sum(1 for slip in slips if slip.password),
            },
            etablissement_id=etablissement.pk,
            academie_id=etablissement.academie_id,
        )
    return slips


def password_chosen(*, account: CandidateAccount, actor: Actor) -> None:
    """The pupil replaced the slip's password: the account opens normally from now on."""
    with transaction.atomic():
        if CandidateAccount.objects.filter(pk=account.pk, must_change_password=True).update(
            must_change_password=False
        ):
            audit_record(actor=actor, action="compte.mot_de_passe_choisi", target=account)
    account.must_change_password = False
