"""M5: a confirmation email that FAILED (every attempt refused by the mail server) is sent
again at a gestionnaire's request, through the same task and the same « sent once » row."""

from django.db import transaction

from inscrinet.actors import Actor
from inscrinet.models import ConfirmationEmail, EmailState
from inscrinet.services.audit import audit_record
from inscrinet.services.dec_scope import require_dec_writer
from inscrinet.services.errors import DomainError
from inscrinet.tasks import send_confirmation_email


def confirmation_email_resend(*, email: ConfirmationEmail, actor: Actor) -> None:
    dossier = email.version.dossier
    require_dec_writer(actor, dossier.session.academie_id)
    with transaction.atomic():
        # Conditional: a double click re-queues once; a SENT email is never sent twice.
        requeued = ConfirmationEmail.objects.filter(pk=email.pk, state=EmailState.FAILED).update(
            state=EmailState.PENDING, attempts=0, last_error=""
        )
        if not requeued:
            raise DomainError("Ce courriel n'est pas en échec : il n'y a rien à renvoyer.")
        send_confirmation_email.enqueue(email.pk, 1)
        audit_record(
            actor=actor,
            action="courriel.renvoye",
            target=dossier,
            details={"version": email.version.version, "destinataire": email.to},
            academie_id=dossier.session.academie_id,
            etablissement_id=dossier.etablissement_id,
        )
