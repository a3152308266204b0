"""The product's settings plus two baseline views for the load benchmark (bench/load.py)."""

from inscrinet.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
