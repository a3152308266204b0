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
