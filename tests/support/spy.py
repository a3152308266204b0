"""Counting the calls of a function while it keeps doing its work."""

from unittest import mock


def calls_to(owner, name):
    """`with calls_to(SQLCompiler, "as_sql") as calls:` — the real method runs; `calls`
    records each call (its arguments, `call_count`)."""
    return mock.patch.object(owner, name, autospec=True, side_effect=getattr(owner, name))
