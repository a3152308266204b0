"""The session engine: Django's database sessions, written only when their content changed.

formtools marks the session modified whenever the wizard merely reads its state, so every
wizard page used to rewrite the whole state (an UPDATE and a COMMIT, after encoding and
signing it) although a GET changes nothing. Here the serialized content read from the
database is kept, and `save` is skipped while the content is the same: in-place mutations
are seen too, since the comparison is on the content, not on the `modified` flag.

The stored expiry still moves forward: the idle-timeout stamp changes the content at most
once a minute (inscrinet.middleware.STAMP_EVERY), and that write carries the new expiry.
"""

from django.contrib.sessions.backends import db


class SessionStore(db.SessionStore):
    _pristine = None  # the serialized content as last read or written

    def _content(self, data):
        return self.serializer().dumps(data)

    def load(self):
        data = super().load()
        self._pristine = self._content(data) if self.session_key else None
        return data

    def save(self, must_create=False):
        if (
            not must_create
            and self.session_key is not None
            and self._pristine is not None
            and self._content(self._get_session()) == self._pristine
        ):
            return
        super().save(must_create=must_create)
        self._pristine = self._content(self._get_session(no_load=True))
