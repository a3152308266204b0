"""The product's URLs, plus the load benchmark's baselines behind the same middleware: a
bare view, and a naive one-form view (a plain Django form, GET then POST + redirect)."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template import engines
from django.urls import include, path

FORM_PAGE = engines["django"].from_string(
    "<!doctype html><html lang='fr'><head><title>Formulaire</title></head><body>"
    "<form method='post'>{% csrf_token %}{{ form }}<button>Envoyer</button></form>"
    "</body></html>"
)


class NaiveForm(forms.Form):
    nom = forms.CharField(max_length=80)
    prenom = forms.CharField(max_length=80)
    email = forms.EmailField()
    naissance = forms.DateField(input_formats=["%d/%m/%Y"])
    ville = forms.CharField(max_length=80)


def bare(request):
    return HttpResponse("ok")


def naive_form(request):
    form = NaiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return redirect("bench_form")
    return HttpResponse(FORM_PAGE.render({"form": form}, request))


urlpatterns = [
    path("bench/bare/", bare),
    path("bench/form/", naive_form, name="bench_form"),
    path("", include("inscrinet.urls")),
]
