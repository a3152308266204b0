"""Path converters: ids and numbers in URLs stay within what the databases can store.

Django's `int` accepts any number of digits; past 64 bits SQLite raises OverflowError
(a 500). `id` accepts 1 to 18 digits, so a longer value is a plain 404.
"""

import re

from django.urls import register_converter

ID = re.compile(r"[0-9]{1,18}", re.ASCII)


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(IdConverter, "id")


def id_from_form(value) -> int | None:
    """An id typed in a form or a query string, under the same bound as `<id:…>`; None
    for anything else (a 404 for the view, never an overflow in the database)."""
    if isinstance(value, str) and ID.fullmatch(value):
        return int(value)
    return None
