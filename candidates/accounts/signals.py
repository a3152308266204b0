"""django-allauth's signals the candidate space follows."""

from allauth.account.signals import password_changed, password_reset, password_set
from django.dispatch import receiver

from inscrinet.services.candidate_accounts import account_actor
from inscrinet.services.pupils import password_chosen


@receiver(password_changed)
@receiver(password_set)
@receiver(password_reset)
def pupil_password_chosen(sender, request, user, **kwargs):
    """C10: a pupil who replaced the slip's password uses the account normally from now on."""
    account = getattr(user, "candidate_account", None)
    if account is not None and account.must_change_password:
        password_chosen(account=account, actor=account_actor(account, request))
