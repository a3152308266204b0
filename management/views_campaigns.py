"""Reminders from a session's dashboard: write, preview (the count and one candidate's
email), send; then follow the sending."""

import uuid

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect

from inscrinet.models import DossierState, MailCampaign
from inscrinet.selectors import session_rows_visible_to
from inscrinet.services.campaigns import (
    AUDIENCES,
    campaign_message,
    campaign_recipients,
    campaign_send,
)
from inscrinet.services.errors import DomainError
from management.base import DecView
from management.forms import CampaignForm

DEFAULT_SUBJECT = "Rappel : renvoyez votre confirmation d'inscription signée"


def audiences_counted(session) -> dict:
    """Each state offered, with how many candidates of the session are in it."""
    return {
        audience: f"{label} — {campaign_recipients(session, audience).count()} candidat(s)"
        for audience, label in AUDIENCES.items()
    }


class SessionCampaigns(DecView):
    def get(self, request, pk, form=None, preview=None):
        session = self.session_or_404(pk)
        form = form or CampaignForm(
            audiences=audiences_counted(session),
            initial={"audience": DossierState.PRE_INSCRIT, "subject": DEFAULT_SUBJECT},
        )
        campaigns = MailCampaign.objects.filter(session=session).select_related("created_by")
        return self.page(
            "management/campaigns.html",
            "Relances",
            session=session,
            form=form,
            preview=preview,
            campaigns=campaigns[:20],
        )

    def post(self, request, pk):
        session = self.session_or_404(pk)
        form = CampaignForm(request.POST, audiences=audiences_counted(session))
        if not form.is_valid():
            return self.get(request, pk, form=form)
        data = form.cleaned_data
        if request.POST.get("action") != "envoyer" or not data["request_key"]:
            if not data["request_key"]:
                # The « Envoyer » button that follows carries a key of its own (kept by
                # later previews of this page): clicked twice or replayed, it sends once.
                posted = request.POST.copy()
                posted["request_key"] = uuid.uuid4().hex
                form = CampaignForm(posted, audiences=audiences_counted(session))
                form.is_valid()
            recipients = campaign_recipients(session, data["audience"])
            sample = recipients.select_related("session__academie", "session__exam").first()
            draft = MailCampaign(session=session, subject=data["subject"], body=data["body"])
            preview = {
                "count": recipients.count(),
                "message": campaign_message(draft, sample) if sample else None,
                "audience": AUDIENCES[data["audience"]],
            }
            return self.get(request, pk, form=form, preview=preview)
        try:
            campaign = campaign_send(session=session, actor=self.actor, **data)
        except DomainError as error:
            form.add_error(None, str(error))
            return self.get(request, pk, form=form)
        return redirect("management:campaign", campaign.pk)


class CampaignDetail(DecView):
    def campaign_or_404(self, pk):
        return get_object_or_404(
            session_rows_visible_to(MailCampaign, fetched_by=self.actor).select_related(
                "session__exam"
            ),
            pk=pk,
        )

    def get(self, request, pk):
        campaign = self.campaign_or_404(pk)
        if request.headers.get("Accept") == "application/json":
            return JsonResponse(
                {
                    "done": campaign.sent,
                    "total": campaign.total,
                    "finished": campaign.state != "envoi",
                }
            )
        return self.page(
            "management/campaign.html",
            "Relance",
            campaign=campaign,
            audience=AUDIENCES.get(campaign.audience, campaign.audience),
            waiting=campaign.state == "envoi",
        )
