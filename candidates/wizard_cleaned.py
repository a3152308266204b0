"""The cleaned data of the wizard's screens, kept from when each was validated.

Conditions and later screens need earlier answers (the catégorie chosen, the specialty, the
diplomas ticked). formtools gets them by re-building and re-cleaning the earlier forms on
every request, each with its queries, recursively (the specialty's form needs the
catégorie, which needs the birth date…): that was most of a wizard request's time. Here a
screen's cleaned data is stored (server side, in the session) under a digest of everything
it was computed from: its own posted data, every earlier screen's, and the answers kept
beside them. A request reads it back; if anything it depends on changed, the screen is
cleaned again (and stored again). « Valider » still re-validates every screen once against
the database as it is then (candidates.wizard.InscriptionWizard.validate_and_submit).

A row chosen on a screen (catégorie, establishment, specialty) is stored with its plain
fields, so that later screens rebuild it without a query (three queries on most requests);
fields that hold a secret are left out and read from the database if ever used. The row is
as it was when the screen was validated: « Valider » reads every row afresh.
"""

import datetime
import hashlib
import json
import operator
from decimal import Decimal

from django.apps import apps
from django.db import models

from inscrinet.prepared import row_by_pk

CLEANED = "cleaned"
# The extra answers a screen's cleaning may read: the G4 match and locked name (every
# screen), the pages typed on the acquis screen (that screen and the later ones).
DEPENDS_ON_EXTRA = ("previous_key", "locked_birth_name")
ACQUIS_STEP, ACQUIS_PAGES = "acquis", "acquis_pages"


class Unencodable(Exception):
    """A value the session cannot hold as such: that screen is cleaned again when needed."""


# Never copied into a session: read from the database if a page ever needs them.
SECRET_FIELD_WORDS = ("password", "secret", "token")


def encode(value):
    if isinstance(value, models.Model):
        return {"$model": value._meta.label_lower, "pk": value.pk, "row": _plain_fields(value)}
    if isinstance(value, datetime.datetime):
        raise Unencodable(value)
    if isinstance(value, datetime.date):
        return {"$date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, tuple):
        return {"$tuple": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise Unencodable(value)
        return {"$dict": {k: encode(v) for k, v in value.items()}}
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise Unencodable(value)


def _plain_fields(instance):
    """The row's concrete fields whose values JSON keeps as they are (attname → value)."""
    row = {}
    for field in instance._meta.concrete_fields:
        if any(word in field.name for word in SECRET_FIELD_WORDS):
            continue
        if field.attname not in instance.__dict__:  # deferred: not read, not kept
            continue
        value = getattr(instance, field.attname)
        if _is_plain(value):
            row[field.attname] = value
    return row


def _is_plain(value):
    if value is None or isinstance(value, (str, bool, int, float)):
        return True
    if isinstance(value, list):
        return all(_is_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _is_plain(v) for k, v in value.items())
    return False


class Decoder:
    """Decodes stored values; a model row is rebuilt from its stored fields (the others are
    deferred), or, `from_database`, read once per request (and a row deleted since makes
    the stored data unusable: the screen is cleaned again)."""

    def __init__(self, from_database=False):
        self.rows = {}
        self.from_database = from_database

    def __call__(self, value):
        if isinstance(value, list):
            return [self(v) for v in value]
        if not isinstance(value, dict):
            return value
        if "$model" in value:
            key = (value["$model"], value["pk"])
            if key not in self.rows:
                model = apps.get_model(value["$model"])
                row = value.get("row")
                if row is None or self.from_database:
                    self.rows[key] = row_by_pk(model, value["pk"])
                else:
                    self.rows[key] = _rebuilt(model, value["pk"], row)
            return self.rows[key]
        if "$date" in value:
            return datetime.date.fromisoformat(value["$date"])
        if "$decimal" in value:
            return Decimal(value["$decimal"])
        if "$tuple" in value:
            return tuple(self(v) for v in value["$tuple"])
        return {k: self(v) for k, v in value["$dict"].items()}


def _rebuilt(model, pk, row):
    """The row as stored (`Model.from_db` defers the fields not given)."""
    names, values = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            names.append(field.attname)
            values.append(pk)
        elif field.attname in row:
            names.append(field.attname)
            values.append(row[field.attname])
    return model.from_db(None, names, values)


class StoredCleanedDataMixin:
    """For the wizard view: `cleaned(step)` and `remember_cleaned(step, data)`."""

    # Set by « Valider »: stored rows are read again from the database.
    rows_from_database = False

    def cleaned(self, step):
        """A stored screen's cleaned data ({} if the screen is not stored or not valid)."""
        data = self.storage.get_step_data(step)
        if data is None or step not in self.form_list:
            return {}
        memo = self.__dict__.setdefault("_cleaned", {})
        digest = self.answers_digest(step)
        if digest in memo:
            return memo[digest]
        stored = self.storage.extra_data.get(CLEANED, {}).get(step)
        if stored and stored["digest"] == digest:
            try:
                memo[digest] = self._decoder()(stored["values"])
                return memo[digest]
            except LookupError:  # a row deleted meanwhile (or a model renamed)
                pass
        was_revalidating, self.revalidating = self.revalidating, True
        try:
            memo[digest] = self.get_cleaned_data_for_step(step) or {}
        finally:
            self.revalidating = was_revalidating
        if memo[digest]:
            self.remember_cleaned(step, memo[digest], digest=digest)
        return memo[digest]

    def remember_cleaned(self, step, cleaned_data, digest=None):
        """Keep a screen's cleaned data with the digest of what it was computed from (call
        once its posted data is stored)."""
        digest = digest or self.answers_digest(step)
        self.__dict__.setdefault("_cleaned", {})[digest] = cleaned_data
        try:
            values = encode(dict(cleaned_data))
        except Unencodable:
            return
        kept = dict(self.storage.extra_data.get(CLEANED, {}))
        kept[step] = {"digest": digest, "values": values}
        self.storage.extra_data = {**self.storage.extra_data, CLEANED: kept}

    def answers_digest(self, step):
        """What `step`'s cleaned data was computed from: the stored data of every screen up
        to it (in declaration order, shown or not), the extra answers and the dossier.

        Asked a few hundred times per journey, it is a chain: the extra answers' link, then
        each screen's, the digest of the previous link and that screen's answers, kept for
        the request while they are the same objects (formtools and the wizard replace a
        screen's data or an extra answer, they do not change it in place). A screen posted
        works out only its own link and the later ones, each from one screen's answers —
        not every earlier screen's serialised again for each step asked. And a step asked
        again while not one answer was replaced (most of the ~200 asks of a journey) gets
        its digest back at once, without walking its links."""
        names = tuple(self.form_list)
        stored = self.storage.data.get(self.storage.step_data_key, {})
        extra = self.storage.extra_data
        dossier = self.dossier
        answers = [extra.get(key) for key in DEPENDS_ON_EXTRA]
        sources = (*answers, dossier, extra.get(ACQUIS_PAGES), *map(stored.get, names))
        asked = self.__dict__.setdefault("_digests_asked", {})
        kept = asked.get(step)
        if kept is not None and len(kept[0]) == len(sources):
            if all(map(operator.is_, kept[0], sources)):
                return kept[1]
        asked[step] = (sources, self._digest_walked(step, names, stored, extra, answers))
        return asked[step][1]

    def _digest_walked(self, step, names, stored, extra, answers):
        upto = names[: names.index(step) + 1]
        links = self.__dict__.setdefault("_digest_links", {})
        dossier = self.dossier
        link = _link(
            links, ("$extra", ""), [*answers, dossier], lambda: [answers, dossier and dossier.pk]
        )
        for name in upto:
            data = stored.get(name)
            link = _link(links, (name, link), [data], self._step_answers, name, data)
        if ACQUIS_STEP in upto:
            pages = extra.get(ACQUIS_PAGES)
            link = _link(links, ("$pages", link), [pages], lambda: pages)
        return link

    def _step_answers(self, name, data):
        """A screen's stored data in a canonical form, worked out once per request for each
        stored object (a screen stored again is a new object: formtools replaces it)."""
        kept = self.__dict__.setdefault("_step_answers_kept", {})
        hit = kept.get(name)
        if hit is not None and hit[0] is data:
            return hit[1]
        canonical = _sorted_lists(data)
        kept[name] = (data, canonical)
        return canonical

    def read_rows_from_database(self):
        """From now on in this request, the rows of stored screens are the database's (the
        cleaned data already decoded, and the screens the conditions chose from it, are
        forgotten)."""
        self.rows_from_database = True
        for kept in ("_row_decoder", "_cleaned", "_resolved_form_list", "_declarations"):
            self.__dict__.pop(kept, None)

    def _decoder(self):
        if "_row_decoder" not in self.__dict__:
            self.__dict__["_row_decoder"] = Decoder(from_database=self.rows_from_database)
        return self.__dict__["_row_decoder"]


def _link(links, slot, sources, payload, *args):
    """A link of the answers' chain: `slot` is (what, previous link); worked out again, from
    `payload(*args)`, only when one of `sources` was replaced since."""
    kept = links.get(slot)
    if kept is not None and all(map(operator.is_, kept[0], sources)):  # one slot, one length
        return kept[1]
    raw = json.dumps([slot, payload(*args)], sort_keys=True, default=str).encode()
    digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
    links[slot] = (sources, digest)
    return digest


# Posted with every screen but no answer: a new CSRF token must not look like a new answer.
NOT_ANSWERS = ("csrfmiddlewaretoken", "replay_token")


def _sorted_lists(data):
    if data is None:
        return None
    items = data.lists() if hasattr(data, "lists") else data.items()
    return sorted(
        [key, list(values) if isinstance(values, list) else [values]]
        for key, values in items
        if key not in NOT_ANSWERS and not key.endswith("-current_step")
    )
