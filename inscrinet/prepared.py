"""Reads the ORM builds and compiles once per thread, then runs with new values.

Building a QuerySet and compiling it to SQL costs the ORM 0.2–1 ms for each query, more
than PostgreSQL takes to answer the small look-ups of a registration (the offered
catégories, establishments and specialties, a row by its key). A `PreparedRead` is given a
function that returns the QuerySet for some values (ints, strings, booleans, dates). The
first time, it compiles that QuerySet with the values given and once more with each value
changed in turn: the SQL must come out the same and only that value's parameters change,
which says where each value goes. Later calls run that SQL with the new values and build
the rows as Django does (the same columns, converters and model instances).

What cannot be learnt that way is never guessed: a SQL that depends on the values (a None,
a list), a value the ORM rewrites (a LIKE pattern), select_related, annotations, another
type of value than the first call's — those calls go through the ORM, as before. And
`build` must depend on its values alone: whatever else it reads (the clock, the request, a
setting) is kept as it was at the first call.
"""

import datetime
import functools
import threading

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections
from django.db.models.query import (
    MAX_GET_RESULTS,
    FlatValuesListIterable,
    ModelIterable,
    ValuesListIterable,
)

_PLAIN_TYPES = (int, str, bool, datetime.datetime, datetime.date)
_BIGINT = (-(2**63), 2**63)


def _changed(value):
    if type(value) is bool:
        return not value
    if type(value) is int:
        return value + 1
    if type(value) is datetime.datetime:  # (SQLite gets them as text: not prepared there)
        return value + datetime.timedelta(microseconds=1)
    if type(value) is datetime.date:
        return value + datetime.timedelta(days=1)
    return value + "\x7f"


class PreparedRead:
    """`read(*values)`: the list of what `build(*values)` yields (model instances, or tuples
    for a values_list(), or values for a flat one)."""

    def __init__(self, build):
        self.build = build
        self._plans = threading.local()  # a compiler belongs to its thread's connection

    def __call__(self, *values):
        kinds = tuple(type(value) for value in values)
        plans = self._plans.__dict__
        plan = plans.get(kinds, False)
        if plan is False or (plan and plan.connection is not connections[plan.alias]):
            plan = plans[kinds] = _Plan.learn(self.build, values)
        if plan is None or any(type(v) is int and not _BIGINT[0] <= v < _BIGINT[1] for v in values):
            return list(self.build(*values))  # (the ORM knows an integer no column holds)
        return plan.run(values)


class _Plan:
    def __init__(self, queryset, compiler, sql, params, positions):
        self.alias = queryset.db
        self.connection = compiler.connection
        self.sql, self.params, self.positions = sql, params, positions
        self.iterable = queryset._iterable_class
        self.compiler = compiler
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        self.converters = compiler.get_converters(fields)
        if self.iterable is ModelIterable:
            info = compiler.klass_info
            start, end = info["select_fields"][0], info["select_fields"][-1] + 1
            self.model, self.slice = info["model"], slice(start, end)
            self.init_list = [column[0].target.attname for column in compiler.select[start:end]]

    @classmethod
    def learn(cls, build, values):
        if any(type(value) not in _PLAIN_TYPES for value in values):
            return None
        queryset = build(*values)
        if not cls._plain(queryset):
            return None
        probes = [_changed(value) for value in values]
        try:
            compiler = queryset.query.get_compiler(using=queryset.db)
            sql, params = compiler.as_sql()
            others = []
            for index, probe in enumerate(probes):
                other = [*values[:index], probe, *values[index + 1 :]]
                others.append(build(*other).query.get_compiler(using=queryset.db).as_sql())
        except (EmptyResultSet, FullResultSet, ValueError, TypeError):
            return None  # no SQL to prepare, or a changed value the field refuses ("1" → "1\x7f")
        positions = []
        for value, probe, (other_sql, other_params) in zip(values, probes, others, strict=True):
            if other_sql != sql or len(other_params) != len(params):
                return None
            where = [
                j
                for j, (a, b) in enumerate(zip(params, other_params, strict=True))
                if a != b or type(a) is not type(b)
            ]
            if not where or any(
                params[j] != value
                or type(params[j]) is not type(value)
                or other_params[j] != probe
                or type(other_params[j]) is not type(probe)
                for j in where
            ):
                return None
            positions.append(where)
        return cls(queryset, compiler, sql, tuple(params), positions)

    @staticmethod
    def _plain(queryset):
        query = queryset.query
        return (
            queryset._iterable_class in (ModelIterable, ValuesListIterable, FlatValuesListIterable)
            and not query.select_related
            and not query.annotation_select
            and not query.extra_select
            and not queryset._prefetch_related_lookups
            and not queryset._known_related_objects
            and not query.select_for_update
            and not query.combinator
        )

    def run(self, values):
        params = list(self.params)
        for value, where in zip(values, self.positions, strict=True):
            for j in where:
                params[j] = value
        with self.connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = [tuple(row) for row in self.compiler.apply_converters(rows, self.converters)]
        if self.iterable is ValuesListIterable:
            return [tuple(row) for row in rows]
        if self.iterable is FlatValuesListIterable:
            return [row[0] for row in rows]
        db, model, init_list, columns = self.alias, self.model, self.init_list, self.slice
        return [model.from_db(db, init_list, row[columns]) for row in rows]


def row_by_pk(model, pk):
    """`model._default_manager.get(pk=pk)`, prepared (DoesNotExist as the ORM raises it)."""
    rows = rows_by(model, "pk")(pk)
    if not rows:
        raise model.DoesNotExist(f"{model._meta.object_name} {pk!r} does not exist.")
    return rows[0]


@functools.cache
def rows_by(model, field):
    """The prepared read of `model`'s rows whose `field` equals a value: by the smallest
    primary key first, without the model's ordering (it may join other tables), at most
    as many as QuerySet.get() reads. For a unique field: its row, or none."""
    return PreparedRead(
        lambda value: model._default_manager.filter(**{field: value}).order_by("pk")[
            :MAX_GET_RESULTS
        ]
    )
