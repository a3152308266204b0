"""M4 déchargement: a session's pre-registrations for the downstream exam system, one row per
dossier from its current version (docs/formats/dechargement.md, format version 1). Rows
come from one query read in chunks, so memory stays flat whatever the session's size."""

from django.db.models import F
from django.utils import timezone

from inscrinet.exporters import Column, Export
from inscrinet.models import DossierVersion, Session

FORMAT_VERSION = 1
CHUNK = 2000


def _snap(*path):
    def value(version):
        node = version.snapshot
        for key in path:
            node = node.get(key, {}) if isinstance(node, dict) else {}
        return node if node != {} else ""

    return value


def _yes_no(flag):
    return lambda v: "Oui" if _snap("adresse", flag)(v) is True else "Non"


def _acquis(version) -> str:
    """`DIPLOME:EPREUVE:ANNEE:LIEU:NOTE|…`, as the previous-candidates format reads them."""
    return "|".join(
        f"{a.get('diploma_code', '')}:{a.get('source', '')}:{a.get('year', '')}:"
        f"{a.get('place', '')}:{a.get('grade', '')}"
        for a in version.snapshot.get("acquis", [])
    )


def _epreuves(version) -> str:
    """`CODE:POSITION:MODE|…` in the specialty's order."""
    return "|".join(
        f"{e.get('code', '')}:{e.get('position', '')}:{e.get('mode', '')}"
        for e in version.snapshot.get("epreuves", [])
    )


def _local(moment):
    return timezone.localtime(moment) if moment else None


UNLOAD = Export(
    title="Pré-inscriptions",
    columns=(
        Column("format", lambda v: FORMAT_VERSION),
        Column("numero_dossier", lambda v: v.dossier.number),
        Column("version", lambda v: v.version),
        Column("numero_candidat", lambda v: v.dossier.candidate_number),
        Column("etat", lambda v: v.dossier.get_state_display()),
        Column("examen", lambda v: v.dossier.session.exam.code),
        Column("session", lambda v: v.dossier.session.label),
        Column("academie", lambda v: v.dossier.session.academie.code),
        Column("specialite_code", lambda v: v.dossier.specialty.code),
        Column("specialite", lambda v: v.dossier.specialty.label),
        Column("categorie_code", lambda v: v.dossier.categorie.code),
        Column("categorie", lambda v: v.dossier.categorie.label),
        Column("forme", lambda v: v.dossier.forme),
        Column("etablissement_code", lambda v: v.dossier.etablissement.code),
        Column("etablissement", lambda v: v.dossier.etablissement.name),
        Column("numero_redoublant", _snap("origine", "redoublant_number")),
        Column("numero_ivae", _snap("origine", "ivae_number")),
        Column("numero_ine", _snap("origine", "ine_number")),
        Column("civilite", _snap("identite", "civilite")),
        Column("nom_naissance", _snap("identite", "birth_name")),
        Column("nom_usage", _snap("identite", "usage_name")),
        Column("prenoms", _snap("identite", "first_names")),
        Column("date_naissance", _snap("identite", "birth_date")),
        Column("departement_naissance", _snap("identite", "birth_departement")),
        Column("commune_naissance", _snap("identite", "birth_commune")),
        Column("pays_naissance", _snap("identite", "birth_country")),
        Column("nationalite", _snap("identite", "nationality")),
        Column("reside_etranger", _yes_no("resides_abroad")),
        Column("adresse_ligne1", _snap("adresse", "line1")),
        Column("adresse_ligne2", _snap("adresse", "line2")),
        Column("lieu_dit", _snap("adresse", "lieu_dit")),
        Column("code_postal", _snap("adresse", "postal_code")),
        Column("commune", _snap("adresse", "city")),
        Column("courriel", _snap("adresse", "email")),
        Column("telephone_mobile", _snap("adresse", "mobile_phone")),
        Column("telephone_fixe", _snap("adresse", "landline_phone")),
        Column("handicap", _snap("candidature", "handicap")),
        Column("amenagement", _snap("candidature", "amenagement")),
        Column("forme_finale", _snap("candidature", "forme_finale")),
        Column("acquis", _acquis),
        Column("epreuves", _epreuves),
        Column("cree_le", lambda v: _local(v.dossier.created_at)),
        Column("version_validee_le", lambda v: _local(v.created_at)),
    ),
)


def unload_rows(session: Session):
    """The current version of every dossier of the session, by dossier number."""
    return (
        DossierVersion.objects.filter(
            dossier__session=session, version=F("dossier__current_version")
        )
        .select_related(
            "dossier__session__exam",
            "dossier__session__academie",
            "dossier__specialty",
            "dossier__categorie",
            "dossier__etablissement",
        )
        .defer("answers")
        .order_by("dossier__number")
        .iterator(chunk_size=CHUNK)
    )


def unload_count(session: Session) -> int:
    return DossierVersion.objects.filter(
        dossier__session=session, version=F("dossier__current_version")
    ).count()
