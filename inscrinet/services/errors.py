class DomainError(Exception):
    """A refusal whose message (in French) is shown to the user as it is."""
