import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def after_commit(task, *args):
    """Queue `task` once the current transaction commits; a down broker is logged, never raised to the user."""
    transaction.on_commit(lambda: _send(task, args))


def _send(task, args):
    try:
        task.delay(*args)
    except Exception:  # noqa: BLE001 - the fact is in the database; a sweep or the next save redoes the work
        logger.warning("Could not queue %s%r", task.name, args, exc_info=True)
