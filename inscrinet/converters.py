"""Path converters: ids and numbers in URLs stay within what the databases can store.

Django's `int` accepts any number of digits; past 64 bits SQLite raises OverflowError
(a 500). `id` accepts 1 to 18 digits, so a longer value is a plain 404.
"""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(IdConverter, "id")
