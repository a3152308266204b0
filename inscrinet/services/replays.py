"""A request to start a long job, sent twice (a double click, the browser or the network
posting it again): the second one finds the job the first started instead of starting the
same work a second time. Only within a short window and while the job runs, so that a job
stuck or finished never keeps anyone from asking again."""

import datetime

from django.utils import timezone

REPLAY_WINDOW = datetime.timedelta(seconds=60)


def started_moments_ago(jobs, *, unfinished):
    """The newest of `jobs` (a queryset of one requester's same job) started within the
    window and still in one of the `unfinished` states, or None."""
    since = timezone.now() - REPLAY_WINDOW
    return jobs.filter(created_at__gte=since, state__in=unfinished).order_by("-created_at").first()
