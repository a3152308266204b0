"""G19: the captcha's spoken alternative is French (espeak-ng behind a flite wrapper)."""

import subprocess
from pathlib import Path

import pytest
from captcha.models import CaptchaStore

from tests.support.tools import require_tool

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def espeak():
    return require_tool("espeak-ng", "espeak-ng")


def test_the_wrapper_speaks_french_into_a_wav(espeak, tmp_path):
    out = tmp_path / "code.wav"
    subprocess.run([ROOT / "scripts" / "flite-fr", "-t", "A, B, 7", "-o", out], check=True)
    assert out.read_bytes()[:4] == b"RIFF" and out.stat().st_size > 10_000
    voices = subprocess.run(["espeak-ng", "--voices=fr"], capture_output=True, text=True).stdout
    assert " fr" in voices


def test_the_audio_challenge_is_served(espeak, client, db, settings):
    import captcha.conf.settings as captcha_settings

    assert captcha_settings.CAPTCHA_FLITE_PATH.endswith("scripts/flite-fr")
    key = CaptchaStore.generate_key()
    response = client.get(f"/captcha/audio/{key}.wav")
    assert response.status_code == 200
    assert (
        b"".join(response.streaming_content if response.streaming else [response.content])[:4]
        == b"RIFF"
    )


def captcha_page(client, rennes):
    """The G4 look-up screen once it asks for the captcha (after 4 failures)."""
    from tests.candidates.journey import Walker

    walker = Walker(client, rennes)
    for _ in range(4):
        walker.post("origine", {"redoublant_number": "R1400175", "birth_date": "01/01/1990"})
    return client.get(walker.url("origine")).content.decode()


@pytest.fixture
def rennes(demo):
    from inscrinet.models import Session

    return Session.objects.get(exam__code="CAP", academie__name="Rennes")


def test_with_espeak_the_captcha_offers_its_spoken_code(espeak, client, rennes):
    html = captcha_page(client, rennes)
    assert "Écouter le code (en français)" in html
    assert "ou écoutez-les" in html


def test_without_espeak_the_captcha_promises_no_spoken_code(client, rennes, monkeypatch):
    import captcha.conf.settings as captcha_settings

    monkeypatch.setattr(captcha_settings, "CAPTCHA_FLITE_PATH", None)
    html = captcha_page(client, rennes)
    assert "Recopiez le code de vérification" in html
    assert "Écouter" not in html and "écoutez" not in html
    key = CaptchaStore.generate_key()
    assert client.get(f"/captcha/audio/{key}.wav").status_code == 404
