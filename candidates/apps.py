from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "candidates"

    def ready(self):
        from candidates.accounts import signals  # noqa: F401 - connects the receivers
