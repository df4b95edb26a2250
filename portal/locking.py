"""Row locks for counting that must not race (seats, and next library licences).

`lock` and `lock_all` take SELECT … FOR UPDATE on rows of one model inside the caller's transaction;
several rows are always locked in the order of their primary key, so two transactions that lock the
same rows never wait on each other in a circle. On PostgreSQL a lock waits at most
`LOCK_TIMEOUT_SECONDS` (`SET LOCAL lock_timeout`, for the rest of the transaction): beyond that the
action is refused with `portal.errors.Busy` instead of joining an unbounded queue. SQLite ignores
FOR UPDATE; the settings open every transaction IMMEDIATE there, so writers are serialized anyway.
"""

from django.conf import settings
from django.db import OperationalError, transaction
from django.db.models import Model, QuerySet

from .errors import Busy

LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE for lock_timeout


def lock(model_or_queryset, pk, *, of=()):
    """Lock the row `pk` until the transaction ends and return it fresh; DoesNotExist when there is none."""
    return _run(model_or_queryset, of, lambda queryset: queryset.get(pk=pk))


def lock_all(model_or_queryset, pks, *, of=()):
    """Lock the rows `pks` (in primary-key order) until the transaction ends; returns them in that order."""
    return _run(model_or_queryset, of, lambda queryset: list(queryset.filter(pk__in=set(pks)).order_by("pk")))


def _run(model_or_queryset, of, fetch):
    queryset = model_or_queryset.all() if isinstance(model_or_queryset, QuerySet) else None
    if queryset is None and isinstance(model_or_queryset, type) and issubclass(model_or_queryset, Model):
        queryset = model_or_queryset._default_manager.all()
    if queryset is None:
        raise TypeError(f"lock a model or a queryset, not {model_or_queryset!r}")
    connection = transaction.get_connection(queryset.db)
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError(
            f"Locking {queryset.model.__name__} rows needs a transaction: call it inside transaction.atomic()."
        )
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('lock_timeout', %s, true)", [_timeout()])
        return fetch(queryset.select_for_update(of=of))
    except OperationalError as exc:
        if _sqlstate(exc) == LOCK_NOT_AVAILABLE:
            raise Busy() from exc
        raise


def _timeout():
    return f"{round(float(settings.LOCK_TIMEOUT_SECONDS) * 1000)}ms"


def _sqlstate(exc):
    cause = exc.__cause__
    return getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
