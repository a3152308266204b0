"""django-allauth's adapter for candidate accounts: our password rules, and the account's
identity stored with its audit row (inscrinet.services.candidate_accounts)."""

from allauth.account.adapter import DefaultAccountAdapter
from django import forms

from candidates.accounts.passwords import password_problems


class CandidateAccountAdapter(DefaultAccountAdapter):
    def clean_password(self, password, user=None):
        problems = password_problems(password, user)
        if problems:
            raise forms.ValidationError(problems)
        return password

    def get_password_change_redirect_url(self, request):
        """After choosing a password, to « Mes inscriptions » (a pupil's first login, C10,
        continues there)."""
        from django.urls import reverse

        return reverse("account_candidatures")
