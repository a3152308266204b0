"""The identity of a candidate account (C1, C3), with the wizard's rules: the same birth
date, département and commune look-up as the État civil screen. Kept apart from forms.py:
django-allauth builds its sign-up form on this class (ACCOUNT_SIGNUP_FORM_CLASS), so this
module must not import allauth's forms."""

from django import forms

from candidates.forms.common import clean_birth_date
from candidates.forms.identite import EtatCivilForm, one_spaced


class AccountIdentityForm(EtatCivilForm):
    """The identity of an account (C1, C3): État civil without the nationality (asked at
    each candidature), the birth name and date typed twice (seed 004)."""

    birth_name_confirmation = forms.CharField(
        label="Confirmation du nom de naissance", max_length=100
    )
    birth_date_confirmation = forms.CharField(
        label="Confirmation date de naissance", max_length=10, help_text="exemple : 30/05/1998"
    )

    field_order = [
        "civilite",
        "birth_name",
        "birth_name_confirmation",
        "usage_name",
        "first_names",
        "birth_date",
        "birth_date_confirmation",
        "birth_departement",
        "birth_commune",
        "birth_commune_free",
        "birth_country",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["nationality"]
        self.fields["birth_date"].help_text = (
            "exemple : 30/05/1998 ; saisissez 00/00 pour le jour et le mois si vous ne les "
            "connaissez pas"
        )

    def clean_birth_name_confirmation(self):
        return one_spaced(self.cleaned_data["birth_name_confirmation"]).upper()

    def clean(self):
        data = super().clean()
        if data.get("birth_name") and data.get("birth_name_confirmation") not in (
            None,
            data["birth_name"],
        ):
            self.add_error(
                "birth_name_confirmation", "La confirmation ne correspond pas au nom de naissance."
            )
        if data.get("birth_date") and self._birth_date_confirmed() != data["birth_date"]:
            self.add_error(
                "birth_date_confirmation",
                "La confirmation ne correspond pas à la date de naissance.",
            )
        return data

    def _birth_date_confirmed(self):
        """The confirmation as the date itself is read (« 1/1/2000 », « 01.01.2000 » and
        « 01/01/2000 » are one date), or None if it cannot be read."""
        try:
            return clean_birth_date(self.cleaned_data.get("birth_date_confirmation") or "")
        except forms.ValidationError:
            return None

    def signup(self, request, user):
        """allauth's hook, inside its sign-up: the account's identity."""
        from inscrinet.services.candidate_accounts import candidate_account_create

        candidate_account_create(user=user, identity=self.identity(), request=request)


def account_identity(account) -> dict:
    """The Identification tab's fixed fields, as the account stores them (C1)."""
    foreign = account.birth_departement == "099"
    return {
        "civilite": account.civilite,
        "birth_name": account.birth_name,
        "usage_name": account.usage_name,
        "first_names": account.first_names,
        "birth_date": str(account.birth_date),
        "birth_departement": account.birth_departement,
        "birth_commune": account.birth_commune,
        # A commune kept as typed at sign-up (not in the reference list) stays so.
        "birth_commune_free": bool(
            account.birth_commune and not account.birth_commune_code and not foreign
        ),
        "birth_country": account.birth_country,
    }
