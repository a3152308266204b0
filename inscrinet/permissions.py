"""One permission mixin per kind of back-office user. Each sets `self.actor` (an
inscrinet.actors value) for the view to pass as `fetched_by=` / `actor=`; a person who is
not logged in for that space goes to its login page. Objects are then read through
inscrinet.selectors.scoped, so another establishment's or académie's object is a 404."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from inscrinet.actors import DecActor, DecRole, EtablissementAccess, establishment_actor
from inscrinet.login_guard import client_ip
from inscrinet.models import Etablissement

# Where the suivi login (S1) keeps the establishment in the Django session.
SUIVI_SESSION_KEY = "etablissement_suivi"


class BackOfficeMixin:
    login_url: str  # the space's own login page
    writes = False  # True for views that change something (not for a read-only role)

    def dispatch(self, request, *args, **kwargs):
        self.actor = self.actor_from(request)
        if self.actor is None:
            return redirect(f"{self.login_url}?{urlencode({'next': request.get_full_path()})}")
        if self.writes and not self.may_write(self.actor):
            raise PermissionDenied("Votre profil est en consultation seule.")
        return super().dispatch(request, *args, **kwargs)

    def actor_from(self, request):
        """The actor this request acts as in the space, or None (not logged in). Each
        kind of back-office user's mixin says how."""
        raise NotImplementedError

    def may_write(self, actor) -> bool:
        return True


class EtablissementSuiviRequiredMixin(BackOfficeMixin):
    """S1–S8: the head of an establishment, logged in with its suivi password."""

    def actor_from(self, request):
        access = request.session.get(SUIVI_SESSION_KEY) or {}
        etablissement = Etablissement.objects.filter(pk=access.get("etablissement")).first()
        if etablissement is None or etablissement.suivi_password_must_change:
            return None
        return establishment_actor(
            etablissement, access=EtablissementAccess.SUIVI, ip=client_ip(request)
        )


def dec_second_factor_expected(user) -> bool:
    """A gestionnaire confirms with a TOTP code in production; any DEC account that enrolled
    a device (the demo's, by choice) is asked for it too."""
    from django_otp import devices_for_user

    if settings.INSCRINET_DEC_OTP_REQUIRED and user.dec_role == DecRole.GESTIONNAIRE:
        return True
    return any(devices_for_user(user, confirmed=True))


class DecRequiredMixin(BackOfficeMixin):
    """M1–M6: a DEC account, attached to one académie, gestionnaire or consultation, past
    its second factor when it has or needs one."""

    def actor_from(self, request):
        user = request.user
        if not user.is_authenticated or not user.is_active or user.academie_id is None:
            return None
        # OTPMiddleware sets is_verified; without it, nothing is verified.
        verified = getattr(user, "is_verified", lambda: False)()
        if not verified and dec_second_factor_expected(user):
            return None
        return DecActor(
            user_id=user.pk,
            username=user.get_username(),
            academie_id=user.academie_id,
            role=user.dec_role,
            ip=client_ip(request),
        )

    def may_write(self, actor) -> bool:
        return actor.role == DecRole.GESTIONNAIRE
