"""Public pages shared by every service: home, opening periods, footer pages."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from inscrinet import selectors


@require_safe
def home(request):
    return render(request, "pages/home.html", {"title": "Accueil"})


@require_safe
def periods(request):
    return render(
        request,
        "pages/periods.html",
        {"title": "Périodes d'inscription", "sessions": selectors.session_periods()},
    )


@require_safe
def legal_notice(request):
    return render(request, "pages/legal_notice.html", {"title": "Mentions légales"})


@require_safe
def personal_data(request):
    return render(request, "pages/personal_data.html", {"title": "Données personnelles"})


@require_safe
def accessibility(request):
    return render(request, "pages/accessibility.html", {"title": "Déclaration d'accessibilité"})
