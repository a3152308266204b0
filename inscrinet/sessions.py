"""The session engine: Django's database sessions (same table, same encoding), written only
when their content changed, read and written with one plain SQL statement each.

formtools marks the session modified whenever the wizard merely reads its state, so every
wizard page used to rewrite the whole state (an UPDATE and a COMMIT, after encoding and
signing it) although a GET changes nothing. Here the serialized content read from the
database is kept, and `save` is skipped while the content is the same: in-place mutations
are seen too, since the comparison is on the content, not on the `modified` flag.

Every request reads its session and most write it: building those two queries through the
ORM (a model instance, a compiled query, a transaction around a single UPDATE) was a tenth
of a wizard page. Plain statements do the same work; a write outside any transaction is
one autocommitted statement, inside one it takes a savepoint as Django's does.

The content is stored as plain JSON, not as Django's signed, compressed, base64 string: the
table is the server's own (nothing a browser sends is decoded), and signing, compressing
and serialising the state twice more per request was ~4 % of a wizard journey. A request
now parses the row once and serialises the content once, compared with the row's own text.
Rows in Django's format (written before) are still read. Django's `Session.get_decoded()`
knows only its own format: decode a row with this module's `SessionStore().decode`.

The stored expiry still moves forward: the idle-timeout stamp changes the content at most
once a minute (inscrinet.middleware.STAMP_EVERY), and that write carries the new expiry.
"""

import contextlib
import json

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError, UpdateError
from django.db import IntegrityError, connections, router, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string


class SessionStore(db.SessionStore):
    _pristine = None  # the serialized content as last read or written

    def _content(self, data):
        # As Django's JSONSerializer: compact, ASCII only.
        return json.dumps(data, separators=(",", ":"))

    def encode(self, session_dict):
        return self._content(session_dict)

    def decode(self, session_data):
        if not _is_json(session_data):
            return super().decode(session_data)
        try:
            return json.loads(session_data)
        except ValueError:
            return {}

    def _connection(self, write):
        route = router.db_for_write if write else router.db_for_read
        return connections[route(self.model)]

    def _table(self, connection):
        return connection.ops.quote_name(self.model._meta.db_table)

    def load(self):
        data = {}
        if self.session_key is not None:
            connection = self._connection(write=False)
            now = connection.ops.adapt_datetimefield_value(timezone.now())
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT session_data FROM {self._table(connection)} "
                    "WHERE session_key = %s AND expire_date > %s",
                    [self.session_key, now],
                )
                row = cursor.fetchone()
            if row is None:
                self._session_key = None  # unknown or expired: a new one at the next save
            else:
                data = self.decode(row[0])
                # A row in this format is its own serialisation; one in Django's is not.
                self._pristine = row[0] if _is_json(row[0]) else self._content(data)
                return data
        self._pristine = None
        return data

    def _get_new_session_key(self):
        # No look-up first: a key already taken fails the INSERT (CreateError) and create()
        # draws another (one query less at each new session and each key change).
        return get_random_string(32, VALID_KEY_CHARS)

    def delete(self, session_key=None):
        """One statement (Django reads the row, then deletes it)."""
        session_key = session_key or self.session_key
        if session_key is None:
            return
        connection = self._connection(write=True)
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {self._table(connection)} WHERE session_key = %s", [session_key]
            )

    def save(self, must_create=False):
        if self.session_key is None:
            return self.create()
        data = self._get_session(no_load=must_create)
        content = self._content(data)
        if not must_create and self._pristine is not None and content == self._pristine:
            return
        connection = self._connection(write=True)
        encoded = content
        expires = connection.ops.adapt_datetimefield_value(self.get_expiry_date())
        table = self._table(connection)
        # Inside a transaction (a test, a service), a failed INSERT must not break it.
        guard = (
            transaction.atomic(using=connection.alias)
            if connection.in_atomic_block
            else contextlib.nullcontext()
        )
        try:
            with guard, connection.cursor() as cursor:
                if must_create:
                    cursor.execute(
                        f"INSERT INTO {table} (session_key, session_data, expire_date) "
                        "VALUES (%s, %s, %s)",
                        [self.session_key, encoded, expires],
                    )
                else:
                    cursor.execute(
                        f"UPDATE {table} SET session_data = %s, expire_date = %s "
                        "WHERE session_key = %s",
                        [encoded, expires, self.session_key],
                    )
                    if cursor.rowcount != 1:  # deleted meanwhile (a logout elsewhere)
                        raise UpdateError
        except IntegrityError:
            if must_create:
                raise CreateError from None
            raise
        self._pristine = content


def _is_json(stored):
    """This module's format (a JSON object), not Django's signed one (which never starts so)."""
    return stored.startswith("{")
