"""Long jobs (an import, a tiling): one BackgroundJob row with its progress and per-row report, and one task.

An app names its kinds of job and their runners on its AppConfig, as it names its messages:
`job_runners = {"library.import": "library.services.imports.run_import"}`. A runner is a function
`(job, progress)` that reads `job.options` and its inputs, calls `progress.set_total()` once it knows
how much there is, and `progress.add()` for each row it handled. Rows are written as it goes, so the
admin's progress page shows them while the job runs; a runner that raises marks the job failed with
its message, and the rows it finished stay reported.

`start_job()` writes the row (and the job's files, under MEDIA_ROOT/jobs/, never under public/) and
queues `run_job` once the transaction commits; `run()` does the work in process, for management
commands that must work with no worker.

Base layer: imports no domain app (runners are looked up by their dotted path).
"""

import logging
import secrets
from pathlib import PurePosixPath

from celery import shared_task
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .background import after_commit
from .models import BackgroundJob

logger = logging.getLogger(__name__)

CREATED, UPDATED, REFUSED = "created", "updated", "refused"
SAVE_EVERY_ROWS = 20  # progress is written at least this often (and at the end)


def runner_for(kind):
    """The function an app registered for `kind` in its `job_runners`; LookupError if none did."""
    for config in apps.get_app_configs():
        path = getattr(config, "job_runners", {}).get(kind)
        if path is not None:
            return import_string(path)
    raise LookupError(f"No runner for the job kind {kind!r}: add it to an AppConfig's job_runners")


@transaction.atomic
def start_job(*, kind, organizer=None, created_by=None, options=None, input_file=None, attachments=None, queue=True):
    """Write a waiting job for `kind` and, unless `queue` is false, run it on a worker after the commit.

    `input_file` becomes the job's `input_file`; `attachments` ({name: file}) are stored beside it and
    their storage names kept in `options["attachments"]` (see `attachment()`), to be deleted when the
    job ends. Returns the job.
    """
    runner_for(kind)  # an unknown kind fails here, before anything is stored
    job = BackgroundJob(kind=kind, organizer=organizer, created_by=created_by, options=dict(options or {}))
    job.options.setdefault("language", translation.get_language())
    if input_file is not None:
        job.input_file.save(_stored_name(input_file.name), input_file, save=False)
    stored = {}
    for name, file in (attachments or {}).items():
        stored[name] = default_storage.save(f"jobs/{_stored_name(file.name)}", file)
    if stored:
        job.options["attachments"] = stored
    job.save()
    if queue:
        after_commit(run_job, job.pk)
    return job


def _stored_name(filename):
    return f"{secrets.token_urlsafe(12)}{PurePosixPath(filename or '').suffix.lower()[:10]}"


def attachment(job, name):
    """The attachment `name` of `job`, opened for binary reading, or None if the job has none."""
    stored = job.options.get("attachments", {}).get(name)
    return default_storage.open(stored, "rb") if stored else None


class Progress:
    """What a runner reports: the total, then one row at a time; written every few rows and at the end."""

    def __init__(self, job):
        self.job = job
        self._unsaved = 0

    def set_total(self, total):
        self.job.total = total
        self.save()

    def add(self, *, row, outcome, message="", object_id=None, label="", url=""):
        """Report one row (its number as the person counts them in the file) and count it as done."""
        entry = {"row": row, "outcome": outcome, "message": str(message), "object_id": object_id}
        if label:
            entry["label"] = str(label)
        if url:
            entry["url"] = url
        self.job.report.append(entry)
        self.job.done += 1
        self._unsaved += 1
        if self._unsaved >= SAVE_EVERY_ROWS:
            self.save()

    def save(self):
        self.job.save(update_fields=["total", "done", "report"])
        self._unsaved = 0


def counts(job):
    """How many rows of `job` were created, updated and refused."""
    tally = {CREATED: 0, UPDATED: 0, REFUSED: 0}
    for entry in job.report:
        tally[entry["outcome"]] = tally.get(entry["outcome"], 0) + 1
    return tally


def run(job_id):
    """Run the waiting job `job_id` here and now; returns the job. A job that is not waiting any more
    (taken by another worker, or finished) is left alone, so a task delivered twice does no harm."""
    claimed = BackgroundJob.objects.filter(pk=job_id, status=BackgroundJob.Status.PENDING).update(
        status=BackgroundJob.Status.RUNNING
    )
    job = BackgroundJob.objects.filter(pk=job_id).first()
    if not claimed or job is None:
        return job
    with translation.override(job.options.get("language")):  # the report is in the starter's language
        _run(job)
    return job


def _run(job):
    progress = Progress(job)
    try:
        runner_for(job.kind)(job, progress)
    except ValidationError as exc:  # a refusal of the whole input, worded for the person
        _finish(job, BackgroundJob.Status.FAILED, " ".join(exc.messages))
    except Exception as exc:  # noqa: BLE001 - recorded on the job, never lost; the traceback goes to the log
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        message = _("The job stopped with an unexpected error: %(error)s") % {"error": exc}
        _finish(job, BackgroundJob.Status.FAILED, message)
    else:
        _finish(job, BackgroundJob.Status.DONE, job.message)


def _finish(job, status, message):
    job.status = status
    job.message = message or ""
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "message", "finished_at", "total", "done", "report"])
    for stored in job.options.get("attachments", {}).values():
        default_storage.delete(stored)


@shared_task(ignore_result=True)
def run_job(job_id):
    """Run the job `job_id` on a worker (queue "default"); see run()."""
    run(job_id)
