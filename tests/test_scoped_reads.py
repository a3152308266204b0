"""Back-office reads scoped to who asks: nothing of another establishment or académie,
whatever ids are passed; the permission mixins make an object outside the scope a 404."""

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.test import RequestFactory
from django.views import View

from inscrinet.actors import (
    CandidateActor,
    DecActor,
    DecRole,
    EtablissementAccess,
    SystemActor,
    establishment_actor,
)
from inscrinet.models import AuditEvent, Etablissement, Session, User
from inscrinet.permissions import (
    SUIVI_SESSION_KEY,
    DecRequiredMixin,
    EtablissementSuiviRequiredMixin,
)
from inscrinet.selectors import (
    audit_visible_to,
    dossiers_visible_to,
    etablissements_visible_to,
    sessions_visible_to,
)
from tests.factories import submit_dossier


@pytest.fixture
def world(demo):
    """Two establishments of Toulouse with a pupil each, and a Limoges dossier."""
    toulouse = Session.objects.get(
        exam__code="CAP", academie__name="Toulouse", candidate_access="numero"
    )
    limoges = Session.objects.get(exam__code="CAP", academie__name="Limoges")
    a = Etablissement.objects.get(code="0310038Y")
    b = Etablissement.objects.filter(academie=toulouse.academie).exclude(pk=a.pk).first()
    return {
        "toulouse": toulouse,
        "limoges": limoges,
        "a": a,
        "b": b,
        "pupil_a": submit_dossier(toulouse, birth_name="ALPHA", etablissement=a),
        "pupil_b": submit_dossier(toulouse, birth_name="BETA", etablissement=b),
        "limousin": submit_dossier(limoges, birth_name="GAMMA"),
    }


def dec(session, role=DecRole.GESTIONNAIRE):
    user, _ = User.objects.get_or_create(
        username=f"dec-{session.academie.code}-{role}",
        defaults={"academie": session.academie, "dec_role": role},
    )
    return user


def dec_actor(session):
    user = dec(session)
    return DecActor(user_id=user.pk, username=user.username, academie_id=session.academie_id)


def ids(queryset):
    return set(queryset.values_list("pk", flat=True))


def test_an_establishment_reads_only_its_own_pupils_whatever_ids_are_passed(world):
    suivi_a = establishment_actor(world["a"], access=EtablissementAccess.SUIVI)
    mine = dossiers_visible_to(fetched_by=suivi_a)
    assert ids(mine) == {world["pupil_a"].pk}
    for other in (world["pupil_b"], world["limousin"]):
        assert not mine.filter(pk=other.pk).exists()
    assert not dossiers_visible_to(fetched_by=suivi_a, session=world["limoges"]).exists()
    assert ids(etablissements_visible_to(fetched_by=suivi_a)) == {world["a"].pk}
    assert world["limoges"].pk not in ids(sessions_visible_to(fetched_by=suivi_a))
    assert set(audit_visible_to(fetched_by=suivi_a).values_list("etablissement", flat=True)) <= {
        world["a"].pk
    }


def test_the_inscription_access_and_unknown_actors_read_nothing_of_the_back_office(world):
    pupils_computer = establishment_actor(world["a"], access=EtablissementAccess.INSCRIPTION)
    for read in (dossiers_visible_to, etablissements_visible_to, sessions_visible_to):
        assert not read(fetched_by=pupils_computer).exists()
    assert ids(dossiers_visible_to(fetched_by=CandidateActor(dossier_id=world["pupil_b"].pk))) == {
        world["pupil_b"].pk
    }
    assert not dossiers_visible_to(fetched_by=CandidateActor()).exists()


def test_a_dec_reads_only_its_academie(world):
    actor = dec_actor(world["toulouse"])
    assert ids(dossiers_visible_to(fetched_by=actor)) == {
        world["pupil_a"].pk,
        world["pupil_b"].pk,
    }
    assert not dossiers_visible_to(fetched_by=actor, session=world["limoges"]).exists()
    assert {s.academie_id for s in sessions_visible_to(fetched_by=actor)} == {
        world["toulouse"].academie_id
    }
    assert {e.academie_id for e in etablissements_visible_to(fetched_by=actor)} == {
        world["toulouse"].academie_id
    }
    academies = set(audit_visible_to(fetched_by=actor).values_list("academie", flat=True))
    assert academies == {world["toulouse"].academie_id}
    assert AuditEvent.objects.filter(academie=world["limoges"].academie).exists()
    assert len(ids(dossiers_visible_to(fetched_by=SystemActor(name="déchargement")))) == 3


# --- the permission mixins, on small views as the back offices will write them --------------


class DecDossier(DecRequiredMixin, View):
    login_url = "/gestion/connexion/"

    def get(self, request, pk):
        dossier = get_object_or_404(dossiers_visible_to(fetched_by=self.actor), pk=pk)
        return HttpResponse(dossier.birth_name)


class DecCancel(DecDossier):
    writes = True

    def post(self, request, pk):
        return self.get(request, pk)


class SuiviDossier(EtablissementSuiviRequiredMixin, View):
    login_url = "/suivi/connexion/"

    def get(self, request, pk):
        dossier = get_object_or_404(dossiers_visible_to(fetched_by=self.actor), pk=pk)
        return HttpResponse(dossier.birth_name)


def request_as(method="get", user=None, suivi=None):
    request = getattr(RequestFactory(), method)("/x/")
    SessionMiddleware(lambda r: None).process_request(request)
    from django.contrib.auth.models import AnonymousUser

    request.user = user or AnonymousUser()
    if suivi is not None:
        request.session[SUIVI_SESSION_KEY] = {"etablissement": suivi.pk}
    return request


def test_the_dec_mixin_gives_404_outside_the_academie_and_a_login_to_strangers(world):
    view = DecDossier.as_view()
    user = dec(world["toulouse"])
    assert view(request_as(user=user), pk=world["pupil_b"].pk).content == b"BETA"
    with pytest.raises(Http404):
        view(request_as(user=user), pk=world["limousin"].pk)
    with pytest.raises(Http404):
        view(request_as(user=user), pk=987654321)
    anonymous = view(request_as(), pk=world["pupil_b"].pk)
    assert anonymous.status_code == 302
    assert anonymous["Location"] == "/gestion/connexion/?next=%2Fx%2F"
    reader = dec(world["toulouse"], role=DecRole.CONSULTATION)
    assert view(request_as(user=reader), pk=world["pupil_a"].pk).status_code == 200
    with pytest.raises(PermissionDenied):
        DecCancel.as_view()(request_as("post", user=reader), pk=world["pupil_a"].pk)
    assert DecCancel.as_view()(request_as("post", user=user), pk=world["pupil_a"].pk).content


def test_the_suivi_mixin_gives_404_for_another_establishments_pupil(world):
    from inscrinet.services.etablissements import etablissement_password_set

    view = SuiviDossier.as_view()
    # A default (public) password has not been changed yet: not logged in.
    refused = view(request_as(suivi=world["a"]), pk=world["pupil_a"].pk)
    assert refused.status_code == 302
    etablissement_password_set(
        etablissement=world["a"],
        access=EtablissementAccess.SUIVI,
        raw_password="Bellevue-suivi-2026!",
        actor=SystemActor(name="test"),
    )
    assert view(request_as(suivi=world["a"]), pk=world["pupil_a"].pk).content == b"ALPHA"
    for other in (world["pupil_b"], world["limousin"]):
        with pytest.raises(Http404):
            view(request_as(suivi=world["a"]), pk=other.pk)
