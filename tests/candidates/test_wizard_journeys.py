"""G1–G17 through the test client: journeys end on « N - 0 »."""

from inscrinet.models import Dossier
from tests.candidates.journey import ACCRALL, Walker


def test_accrall_dack_to_the_number(client, toulouse):
    walker = Walker(client, toulouse)
    walker.walk(ACCRALL, until="specialite")
    recap = client.get(walker.url("recapitulatif"))
    html = recap.content.decode()
    for expected in (
        "ACCRALL",
        "Dack",
        "28/11/2004",
        "May-sur-Orne",
        "15 voie verte",
        "INDIV TOULOUSE (03100003)",
        "Arts de la broderie",
        "INDIVIDUEL SALARIE",
    ):
        assert expected in html, expected
    response = walker.post("recapitulatif")
    assert response.status_code == 302
    page = client.get(response["Location"])
    text = page.content.decode()
    assert "Votre pré-inscription est effective" in text
    assert 'Votre numéro de dossier est le suivant : <span id="numero-dossier">1 - 0</span>' in text
    assert "Notez-le soigneusement" in text and "accrall@ac-rennes.fr" in text
    # Reloading the stable page shows the same number and creates nothing.
    assert "1 - 0" in client.get(response["Location"]).content.decode()
    dossier = Dossier.objects.get()
    snapshot = dossier.versions.get().snapshot
    assert snapshot["identite"]["birth_name"] == "ACCRALL"
    assert snapshot["candidature"]["specialty"] == "Arts de la broderie"
    assert [e["code"] for e in snapshot["epreuves"]][:3] == ["EP1", "EP2", "EP2A"]
    assert dossier.transitions.get().to_state == "pre_inscrit"
