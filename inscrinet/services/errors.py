class DomainError(Exception):
    """A refusal whose message (in French) is shown to the user as it is."""


class ModificationRefused(DomainError):
    """The dossier cannot take this modification any more (newer version, closed, cancelled):
    the modification in progress is over, unlike a rule to correct on a screen."""
