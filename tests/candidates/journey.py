"""Walk the wizard with Django's test client, screen by screen, as a form post would."""

import html
import re

from inscrinet.models import Categorie, Etablissement, Session, Specialty

ACCRALL = {  # seed 004
    "origine": {},
    "etat_civil": {
        "civilite": "M",
        "birth_name": "ACCRALL",
        "usage_name": "",
        "first_names": "Dack",
        "birth_date": "28/11/2004",
        "birth_departement": "014",
        "birth_commune": "MAY-SUR-ORNE",
        "birth_country": "",
        "nationality": "francaise",
    },
    "adresse": {
        "resides_abroad": "non",
        "line1": "15 voie verte",
        "postal_code": "31000",
        "city": "TOULOUSE",
        "mobile_phone": "0606060606",
        "email": "accrall@ac-rennes.fr",
        "email_confirmation": "accrall@ac-rennes.fr",
    },
    "autres": {"categorie": ("CAP", "IS"), "handicap": "non", "amenagement": "non"},
    "etablissement": {"etablissement": "03100003"},
    "resultats": {"consent_press": "non", "consent_collectivites": "non"},
    "specialite": {"specialty": "Arts de la broderie", "forme": "globale", "derogation": "non"},
    "recapitulatif": {},
}


def resolve_values(values: dict) -> dict:
    """Human values (codes, labels) → the ids the forms expect."""
    out = {}
    for name, value in values.items():
        if not value:
            pass
        elif name == "categorie":
            exam, code = value
            value = Categorie.objects.get(exam__code=exam, code=code).pk
        elif name == "etablissement":
            value = Etablissement.objects.get(code=value).pk
        elif name == "specialty":
            value = Specialty.objects.get(label=value).pk
        out[name] = value
    return out


class Walker:
    def __init__(self, client, session: Session, base="candidates:wizard", service="grand_public"):
        self.client, self.session, self.base = client, session, base
        self.prefix = f"inscription-{service}-{session.pk}"

    def url(self, step):
        from django.urls import reverse

        return reverse(self.base, kwargs={"session_pk": self.session.pk, "step": step})

    def post(self, step, values=None, **extra):
        payload = {f"{self.prefix}-current_step": step}
        for name, value in resolve_values(values or {}).items():
            payload[f"{step}-{name}"] = value
        payload.update(extra)
        return self.client.post(self.url(step), payload)

    def walk(self, journey: dict, until="recapitulatif"):
        """Post every screen of `journey` in order; returns the last response."""
        response = None
        for step, values in journey.items():
            response = self.post(step, values)
            assert response.status_code == 302, (step, errors_of(response))
            if step == until:
                break
        return response


def errors_of(response) -> list[str]:
    page = response.content.decode() if hasattr(response, "content") else ""
    summary = re.search(r'id="resume-erreurs">(.*?)</div>', page, re.S)
    if not summary:
        return []
    found = re.findall(r"<li>(?:<a[^>]*>)?(.*?)(?:</a>)?</li>", summary.group(1), re.S)
    return [html.unescape(message) for message in found]
