"""PDF benchmark (`make bench`): what rendering costs, and what keeping the bytes saves.

Prints, measured in one run on this machine:
- ms to render one confirmation d'inscription (seed 004's ACCRALL Dack, 2 pages);
- ms per page inside one 100-page document (50 confirmations, as a batch print would be);
- ms to serve the stored confirmation through its download view (the candidate's click).
The figure to beat is the ratio render / serve: each version is rendered once and then
served from storage.
"""

import re
import statistics
import time

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from weasyprint import HTML

from inscrinet import documents
from inscrinet.models import DocumentKind, Session
from tests.factories import validate_steps

RUNS = 8
SERVES = 50


def timed(function, runs):
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def render_html(html):
    return HTML(
        string=html, base_url=documents.ASSETS_BASE_URL, url_fetcher=documents.StaticOnlyFetcher()
    ).render()


@pytest.mark.django_db
def test_pdf_render_versus_serve(demo, client):
    session = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    version = validate_steps(session)
    context = documents.version_context(version)
    template = documents.TEMPLATES[DocumentKind.CONFIRMATION]
    documents.render_pdf(template, context)  # warm-up: fonts, stylesheets

    render_ms = timed(lambda: documents.render_pdf(template, context), RUNS)
    pages_single = documents.render_pdf(template, context)[1]

    html = render_to_string(template, {"assets": documents.ASSETS_BASE_URL + "static/", **context})
    head, body = re.match(r"(?s)(.*<body>)(.*)</body>", html).groups()
    copies = -(-100 // pages_single)  # enough confirmations for 100 pages
    batch = (
        head
        + "".join(f'<section style="break-before: page">{body}</section>' for _ in range(copies))
        + "</body></html>"
    )
    started = time.perf_counter()
    rendered = render_html(batch)
    rendered.write_pdf()
    batch_ms = (time.perf_counter() - started) * 1000
    batch_pages = len(rendered.pages)

    # The candidate's download: the stored file, through the view and its access check.
    documents.document_get_or_render(version, DocumentKind.CONFIRMATION)
    session_store = client.session
    session_store["unlocked_dossiers"] = [version.dossier.pk]
    session_store.save()
    url = reverse(
        "candidates:document", args=[session.pk, version.dossier.number, 0, "confirmation"]
    )

    def serve():
        response = client.get(url)
        assert response.status_code == 200
        b"".join(response.streaming_content)

    serve_ms = timed(serve, SERVES)

    print()
    print(f"PDF benchmark ({RUNS} renders, {SERVES} downloads, medians)")
    print(f"  render one confirmation ({pages_single} pages)  {render_ms:8.1f} ms")
    print(
        f"  {batch_pages}-page document                 {batch_ms:8.1f} ms"
        f"  = {batch_ms / batch_pages:.1f} ms/page"
    )
    print(f"  serve the stored confirmation        {serve_ms:8.1f} ms")
    print(f"  render / serve                       {render_ms / serve_ms:8.1f} ×")
    assert batch_pages >= 100
    assert serve_ms < render_ms  # keeping the bytes must pay
