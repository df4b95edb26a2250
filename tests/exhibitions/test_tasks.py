"""Image processing on the media queue: scheduled after commit, reported on a BackgroundJob, safe to run twice."""

import pytest
from django.utils import translation

from exhibitions.models import ItemImage
from exhibitions.services import images
from portal import jobs
from portal.celery import app as celery_app
from portal.models import BackgroundJob
from tests.exhibitions.images_helpers import item_image, jpeg_bytes, png_header_claiming, public_files, public_root
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_the_processing_task_goes_to_the_media_queue():
    route = celery_app.amqp.Router().route({}, "exhibitions.services.images.process_image_job")
    assert route["queue"].name.split(".")[0] == "media"


def test_a_scheduled_image_is_processed_after_commit_and_its_job_reports_it(django_capture_on_commit_callbacks):
    image = item_image(jpeg_bytes(800, 600))
    staff = make_staff(image.item.exhibition.organizer)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = images.schedule_processing(image, user=staff)
    image.refresh_from_db()
    assert image.status == ItemImage.Status.PENDING and image.job == job
    assert (job.kind, job.status, job.organizer, job.created_by) == (
        "exhibitions.image",
        BackgroundJob.Status.PENDING,
        image.item.exhibition.organizer,
        staff,
    )
    assert public_files() == [], "nothing happens before the commit"

    for callback in callbacks:
        callback()  # the commit: the task runs (eagerly here)

    image.refresh_from_db()
    job.refresh_from_db()
    assert image.status == ItemImage.Status.READY
    assert (public_root() / image.derivatives["info"]).is_file()
    assert job.status == BackgroundJob.Status.DONE and job.finished_at
    assert (job.total, job.done) == (1, 1)
    assert job.message == "800 × 600 pixels: 3 sizes and deep-zoom tiles published."
    assert jobs.counts(job)[jobs.CREATED] == 1


def test_a_refused_image_marks_its_job_failed_with_the_message(django_capture_on_commit_callbacks):
    image = item_image(png_header_claiming(30000, 30000))
    with django_capture_on_commit_callbacks(execute=True):
        job = images.schedule_processing(image)
    image.refresh_from_db()
    job.refresh_from_db()
    assert image.status == ItemImage.Status.FAILED
    assert "30000 × 30000" in image.error
    assert job.status == BackgroundJob.Status.FAILED
    assert job.message == image.error
    assert job.report[0]["outcome"] == jobs.REFUSED and job.report[0]["message"] == image.error
    assert public_files() == []


def test_a_task_delivered_twice_does_no_harm(django_capture_on_commit_callbacks):
    image = item_image(jpeg_bytes(400, 300))
    with django_capture_on_commit_callbacks(execute=True):
        job = images.schedule_processing(image)
    image.refresh_from_db()
    published = public_files()

    images.process_image_job.delay(job.pk)  # the same message again

    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.DONE and job.done == 1
    assert ItemImage.objects.get(pk=image.pk).derivatives == image.derivatives
    assert public_files() == published


def test_scheduling_a_current_image_again_keeps_it_shown(django_capture_on_commit_callbacks):
    image = item_image(jpeg_bytes(400, 300))
    with django_capture_on_commit_callbacks(execute=True):
        images.schedule_processing(image)
    image.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=False):
        images.schedule_processing(image)
    image.refresh_from_db()
    assert image.status == ItemImage.Status.READY  # not hidden while a job that changes nothing waits


def test_an_image_deleted_before_its_job_runs_is_reported(django_capture_on_commit_callbacks):
    image = item_image(jpeg_bytes(400, 300))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = images.schedule_processing(image)
    image.delete()
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.DONE
    assert job.report[0]["outcome"] == jobs.REFUSED
