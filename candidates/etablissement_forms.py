from django import forms

from candidates.forms.common import ScreenForm, verification_captcha


class EtablissementLoginForm(ScreenForm):
    code = forms.CharField(label="Code établissement", max_length=8, help_text="par ex. 0310038Y")
    password = forms.CharField(
        label="Mot de passe d'inscription", max_length=128, widget=forms.PasswordInput
    )

    def __init__(self, *args, with_captcha=False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_captcha:
            self.fields["captcha"] = verification_captcha()

    def clean_code(self):
        # Fictitious codes (03100003) are not real UAI codes: no UAI validation here.
        return self.cleaned_data["code"].strip().upper()
