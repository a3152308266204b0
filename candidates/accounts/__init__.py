"""The Cyclades candidate space (seed 004): accounts (C1–C3) on django-allauth."""
