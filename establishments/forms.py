"""The suivi établissement's forms (seed 003's labels)."""

from django import forms

from inscrinet.forms import ScreenForm
from inscrinet.models import SectionsEuropeennes
from inscrinet.services.etablissements import PASSWORD_MAX_LENGTH, password_problems


class SuiviLoginForm(ScreenForm):
    code = forms.CharField(label="Code établissement", max_length=8, help_text="par ex. 0310038Y")
    password = forms.CharField(
        label="Mot de passe du suivi",
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="la première fois : le code de l'établissement",
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


class NewPasswordForm(ScreenForm):
    """S1 (forced change), S4, S5: the current password (unless just typed at the first
    login), the new one twice, checked against the rules."""

    current = forms.CharField(
        label="Mot de passe actuel",
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new = forms.CharField(
        label="Nouveau mot de passe",
        max_length=PASSWORD_MAX_LENGTH,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="au moins 12 caractères (une phrase de passe convient, jusqu'à 128 "
        "caractères), différent du code de l'établissement et d'un mot de passe courant",
    )
    confirmation = forms.CharField(
        label="Confirmation du nouveau mot de passe",
        max_length=PASSWORD_MAX_LENGTH,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, etablissement, check_current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.etablissement, self.check_current = etablissement, check_current
        if check_current is None:
            del self.fields["current"]

    def clean_current(self):
        current = self.cleaned_data["current"]
        if not self.check_current(current):
            raise forms.ValidationError("Le mot de passe actuel ne correspond pas.")
        return current

    def clean_new(self):
        new = self.cleaned_data["new"]
        problems = password_problems(self.etablissement, new)
        if problems:
            raise forms.ValidationError(problems)
        return new

    def clean(self):
        data = super().clean()
        if data.get("new") and data.get("confirmation") != data["new"]:
            self.add_error("confirmation", "Les deux saisies du nouveau mot de passe diffèrent.")
        return data


class SectionsEuropeennesForm(ScreenForm):
    answer = forms.ChoiceField(
        label="Gérez-vous des sections européennes ?",
        choices=[(SectionsEuropeennes.YES, "OUI"), (SectionsEuropeennes.NO, "NON")],
        widget=forms.RadioSelect(attrs={"class": "fr-fieldset--inline"}),
        error_messages={
            "required": "Vous devez indiquer si OUI ou NON vous gérez des sections européennes."
        },
    )
