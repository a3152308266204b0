from django.db import connection, transaction
from django.db.models import F

from inscrinet.models import Counter

# One statement: the row is created at 1 or incremented, locked until the transaction ends
# (validations of a session take turns on it), and its new value returned. Both PostgreSQL
# and SQLite (3.35+) know INSERT … ON CONFLICT … RETURNING.
_UPSERT = (
    "INSERT INTO {table} (name, value) VALUES (%s, 1) "
    "ON CONFLICT (name) DO UPDATE SET value = {table}.value + 1 RETURNING value"
)


def counter_next(*, name: str) -> int:
    """Increment and return the named counter; call inside the transaction that uses it."""
    assert transaction.get_connection().in_atomic_block, "counter_next needs a transaction"
    if connection.features.can_return_columns_from_insert:
        table = connection.ops.quote_name(Counter._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(_UPSERT.format(table=table), [name])
            return cursor.fetchone()[0]
    Counter.objects.get_or_create(name=name)
    Counter.objects.filter(name=name).update(value=F("value") + 1)
    return Counter.objects.values_list("value", flat=True).get(name=name)
