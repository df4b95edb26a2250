"""Long jobs (portal.jobs): started after the commit, run by their app's runner, failures recorded on the row."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from portal import jobs
from portal.celery import app as celery_app
from portal.models import BackgroundJob
from tests.factories import OrganizerFactory, make_staff
from tests.utils import client_for, html

pytestmark = pytest.mark.django_db


def counting_runner(job, progress):
    progress.set_total(3)
    for row in (1, 2, 3):
        progress.add(row=row, outcome=jobs.CREATED if row != 2 else jobs.REFUSED, message=f"row {row}")
    job.message = f"options {job.options['flavour']}"


def failing_runner(job, progress):
    progress.set_total(2)
    progress.add(row=1, outcome=jobs.CREATED)
    raise RuntimeError("the disk is on fire")


def refusing_runner(job, progress):
    raise ValidationError("This file is not one the job reads.")


def attachment_runner(job, progress):
    with jobs.attachment(job, "extra") as extra:
        job.message = extra.read().decode()


@pytest.fixture(autouse=True)
def _runners(monkeypatch):
    runners = {
        "test.count": "tests.portal.test_jobs.counting_runner",
        "test.fail": "tests.portal.test_jobs.failing_runner",
        "test.refuse": "tests.portal.test_jobs.refusing_runner",
        "test.attachment": "tests.portal.test_jobs.attachment_runner",
    }
    monkeypatch.setattr(apps.get_app_config("portal"), "job_runners", runners, raising=False)


def test_a_job_runs_after_the_commit_and_reports_its_rows(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = jobs.start_job(kind="test.count", options={"flavour": "plain"})
        assert BackgroundJob.objects.get(pk=job.pk).status == BackgroundJob.Status.PENDING
    assert len(callbacks) == 1
    job.refresh_from_db()
    assert (job.status, job.total, job.done, job.message) == ("done", 3, 3, "options plain")
    assert [entry["outcome"] for entry in job.report] == ["created", "refused", "created"]
    assert jobs.counts(job) == {"created": 2, "updated": 0, "refused": 1}
    assert job.finished_at is not None and job.percent == 100


def test_a_failing_runner_marks_the_job_failed_with_its_message():
    job = jobs.start_job(kind="test.fail", queue=False)
    jobs.run(job.pk)
    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.FAILED and "the disk is on fire" in job.message
    assert job.done == 1 and job.report[0]["row"] == 1  # the rows it finished stay reported
    assert job.finished_at is not None


def test_a_refusal_of_the_whole_input_is_the_jobs_message():
    job = jobs.run(jobs.start_job(kind="test.refuse", queue=False).pk)
    assert job.status == BackgroundJob.Status.FAILED and job.message == "This file is not one the job reads."


def test_a_job_runs_once_even_if_its_task_comes_twice():
    job = jobs.start_job(kind="test.count", options={"flavour": "x"}, queue=False)
    jobs.run_job(job.pk)
    jobs.run_job(job.pk)
    job.refresh_from_db()
    assert job.done == 3 and len(job.report) == 3


def test_an_unknown_kind_is_refused_before_anything_is_stored():
    with pytest.raises(LookupError):
        jobs.start_job(kind="nobody.knows")
    assert not BackgroundJob.objects.exists()


def test_attachments_are_kept_for_the_runner_and_deleted_when_the_job_ends():
    extra = ContentFile(b"hello", name="x.txt")
    job = jobs.start_job(kind="test.attachment", attachments={"extra": extra}, queue=False)
    stored = job.options["attachments"]["extra"]
    assert stored.startswith("jobs/") and default_storage.exists(stored)
    job = jobs.run(job.pk)
    assert job.message == "hello" and not default_storage.exists(stored)


def test_the_task_runs_on_the_default_queue():
    assert celery_app.amqp.router.route({}, "portal.jobs.run_job")["queue"].name == "default"


def test_the_progress_page_reloads_while_the_job_runs_and_shows_the_report():
    organizer = OrganizerFactory()
    staff = make_staff(organizer)
    job = jobs.start_job(kind="test.count", organizer=organizer, options={"flavour": "x"}, queue=False)
    url = f"/admin/portal/backgroundjob/{job.pk}/change/"
    page = html(client_for(staff).get(url))
    assert 'http-equiv="refresh"' in page and "<progress" in page
    jobs.run(job.pk)
    page = html(client_for(staff).get(url))
    assert 'http-equiv="refresh"' not in page
    assert 'id="job-progress" max="3" value="3"' in page and "row 2" in page and "refused" in page
