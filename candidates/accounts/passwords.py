"""Candidate passwords (C1): seed 004's rule is the minimum shown to users — 8 to 20
characters with a lower-case letter, an upper-case letter and a special character — and
long passphrases are welcome too (20 to 128 characters, any characters). Common passwords
and passwords too close to the account's email or name are refused (Django's validators)."""

from django.contrib.auth.password_validation import (
    CommonPasswordValidator,
    UserAttributeSimilarityValidator,
)
from django.core.exceptions import ValidationError

MIN_LENGTH, PASSPHRASE_LENGTH, MAX_LENGTH = 8, 20, 128


def password_problems(password: str, user=None) -> list[str]:
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(f"Le mot de passe doit comporter au moins {MIN_LENGTH} caractères.")
    elif len(password) > MAX_LENGTH:
        problems.append(f"Le mot de passe doit comporter au plus {MAX_LENGTH} caractères.")
    elif len(password) < PASSPHRASE_LENGTH and not (
        any(c.islower() for c in password)
        and any(c.isupper() for c in password)
        and any(not c.isalnum() and not c.isspace() for c in password)
    ):
        problems.append(
            "Un mot de passe de moins de 20 caractères doit contenir une minuscule, une "
            "majuscule et un caractère spécial (. / ! * etc.) ; une phrase de passe plus "
            "longue n'a pas besoin de ces caractères."
        )
    for validator in (CommonPasswordValidator(), UserAttributeSimilarityValidator()):
        try:
            validator.validate(password, user)
        except ValidationError:
            problems.append(
                "Ce mot de passe est trop courant ou trop proche de votre adresse mail ou de "
                "votre nom : choisissez-en un autre."
            )
            break
    return problems
