"""C1–C3 forms, on django-allauth's, with seed 004's labels (the identity: identity.py)."""

from allauth.account.app_settings import EmailVerificationMethod
from allauth.account.forms import (
    AddEmailForm,
    ChangePasswordForm,
    LoginForm,
    ResetPasswordForm,
    ResetPasswordKeyForm,
    SignupForm,
)
from django import forms
from dsfr.utils import dsfr_input_class_attr

from inscrinet.forms import ScreenForm
from inscrinet.login_guard import CANDIDAT, login_failed

LOGIN_REFUSED = "L'adresse mail et/ou le mot de passe ne sont pas corrects."

PASSWORD_HELP = (
    "8 à 20 caractères dont majuscule, minuscule et caractère spécial (exemple : . / ! * etc.), "
    "ou une phrase de passe d'au moins 20 caractères (jusqu'à 128) ; les mots de passe "
    "courants sont refusés."
)
EMAIL_HELP = "Exemple : nom.prenom@domaine.fr — c'est votre identifiant de connexion."


def _dsfr(form):
    """After relabelling: DSFR's classes on every field, and bound fields built afresh
    (DsfrBaseForm built them, and cached them with their labels, before allauth's
    fields were relabelled)."""
    form._bound_fields_cache.clear()
    for bound in form.visible_fields():
        dsfr_input_class_attr(bound)


class AccountSignupForm(SignupForm):
    """« Créer mon compte »: the identity, then the email twice and the password twice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {
            "email": ("Adresse mail", EMAIL_HELP),
            "email2": ("Confirmation de l'adresse mail", ""),
            "password1": ("Mot de passe", PASSWORD_HELP),
            "password2": ("Confirmation du mot de passe", ""),
        }
        for name, (label, help_text) in labels.items():
            field = self.fields[name]
            field.label, field.help_text = label, help_text
            field.widget.attrs.pop("placeholder", None)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        _dsfr(self)


class AccountLoginForm(ScreenForm, LoginForm):
    """« Me connecter »: the email (or, for a pupil, the login of the slip, C10) and the
    password; the lockout's realm is « candidat »."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Identifiant de connexion"
        self.fields["login"].help_text = (
            "votre adresse mail ; élève inscrit par votre établissement : l'identifiant de "
            "votre papillon de connexion (prenom.nom)"
        )
        self.fields["password"].label = "Mot de passe"
        self.fields["password"].help_text = ""
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)
        self.fields.pop("remember", None)
        _dsfr(self)

    def user_credentials(self):
        credentials = super().user_credentials()
        if "email" in credentials:  # an email is never tried as a username too
            credentials.pop("username", None)
        credentials["realm"] = CANDIDAT
        return credentials

    def clean(self):
        data = super().clean()
        user = getattr(self, "user", None)
        if user is not None and not hasattr(user, "candidate_account"):
            # A back-office person's email: not an account of this space, said as a failure.
            login_failed(self.request, self.user_credentials())
            self.user = None
            raise forms.ValidationError(LOGIN_REFUSED)
        if user is not None and user.candidate_account.etablissement_id:
            # A pupil's account has no email to verify: the slip came from its establishment.
            self._login.email_verification = EmailVerificationMethod.NONE
        return data


class AccountResetPasswordForm(ScreenForm, ResetPasswordForm):
    """« Mot de passe oublié »: only candidate accounts get a link (a DEC address gets
    nothing), and the page says the same either way."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Adresse mail"
        self.fields["email"].help_text = "celle de votre compte"
        self.fields["email"].widget.attrs.pop("placeholder", None)
        _dsfr(self)

    def clean_email(self):
        email = super().clean_email()
        self.users = [u for u in self.users if hasattr(u, "candidate_account")]
        return email


def _new_password_labels(form):
    form.fields["password1"].label = "Nouveau mot de passe"
    form.fields["password1"].help_text = PASSWORD_HELP
    form.fields["password2"].label = "Confirmation du nouveau mot de passe"
    for field in form.fields.values():
        field.widget.attrs.pop("placeholder", None)
    _dsfr(form)


class AccountResetPasswordKeyForm(ScreenForm, ResetPasswordKeyForm):
    """The page of the emailed link: the new password, twice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _new_password_labels(self)


class AccountChangePasswordForm(ScreenForm, ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["oldpassword"].label = "Mot de passe actuel"
        _new_password_labels(self)  # after the label above: it builds the bound fields


class AccountChangeEmailForm(ScreenForm, AddEmailForm):
    """C3 « Changer mon adresse mail »: the new address is the login once its link is
    followed (the old one stays until then)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Nouvelle adresse mail"
        self.fields[
            "email"
        ].help_text = (
            "un lien d'activation y est envoyé ; elle devient votre identifiant quand vous l'ouvrez"
        )
        self.fields["email"].widget.attrs.pop("placeholder", None)
        _dsfr(self)
