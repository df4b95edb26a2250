"""Each app declares its Celery routes and beat entries on its AppConfig; Celery gets them all, as before."""

import pytest
from celery.schedules import crontab
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from portal.celery import DeclaredByApps
from portal.celery import app as celery_app

# What settings.py listed by hand before the apps declared them (plus the one merged thumbnail task).
ROUTES = {
    "portal.tasks.deliver_email": {"queue": "email"},
    "portal.tasks.send_daily_digests": {"queue": "email"},
    "portal.tasks.send_weekly_digests": {"queue": "email"},
    "events.tasks.send_evaluation_invitations": {"queue": "email"},
    "events.tasks.send_organizer_feedback_digests": {"queue": "email"},
    "events.tasks.close_voting_rounds": {"queue": "default"},
    "portal.tasks.send_pending_emails": {"queue": "email"},
    "portal.tasks.make_venue_thumbnail": {"queue": "media"},
    "portal.media.make_thumbnail": {"queue": "media"},
    "events.tasks.send_event_reminders": {"queue": "email"},
    "events.tasks.mark_past_no_shows": {"queue": "default"},
    "events.tasks.make_event_thumbnail": {"queue": "media"},
    "portal.interactions.flush_interactions": {"queue": "analytics"},
    "portal.jobs.run_job": {"queue": "default"},
    "library.tasks.expire_loans": {"queue": "default"},
    "library.tasks.expire_reservations": {"queue": "default"},
    "library.tasks.send_loan_due_soon_notices": {"queue": "email"},
    "exhibitions.tasks.publish_scheduled_exhibitions": {"queue": "default"},
    "exhibitions.services.images.process_image_job": {"queue": "media"},
}
BEAT = {
    "publish-scheduled-exhibitions": {"task": "exhibitions.tasks.publish_scheduled_exhibitions", "schedule": 300.0},
    "send-pending-emails": {"task": "portal.tasks.send_pending_emails", "schedule": 60.0},
    "flush-interactions": {"task": "portal.interactions.flush_interactions", "schedule": 60.0},
    "send-event-reminders": {"task": "events.tasks.send_event_reminders", "schedule": 3600.0},
    "mark-past-no-shows": {"task": "events.tasks.mark_past_no_shows", "schedule": 3600.0},
    "close-voting-rounds": {"task": "events.tasks.close_voting_rounds", "schedule": 3600.0},
    "send-evaluation-invitations": {"task": "events.tasks.send_evaluation_invitations", "schedule": 3600.0},
    "send-daily-digests": {"task": "portal.tasks.send_daily_digests", "schedule": crontab(hour=7, minute=30)},
    "send-weekly-digests": {
        "task": "portal.tasks.send_weekly_digests",
        "schedule": crontab(day_of_week=1, hour=8, minute=0),
    },
    "send-organizer-feedback-digests": {
        "task": "events.tasks.send_organizer_feedback_digests",
        "schedule": crontab(minute=0, hour=7, day_of_week="mon"),
    },
    "library-expire-loans": {"task": "library.tasks.expire_loans", "schedule": 300.0},
    "library-expire-reservations": {"task": "library.tasks.expire_reservations", "schedule": 300.0},
    "library-loan-due-soon": {"task": "library.tasks.send_loan_due_soon_notices", "schedule": 3600.0},
}


def test_celery_gets_the_routes_and_beat_entries_the_apps_declare():
    assert dict(settings.CELERY_TASK_ROUTES) == ROUTES
    assert dict(settings.CELERY_BEAT_SCHEDULE) == BEAT
    assert dict(celery_app.conf.beat_schedule) == BEAT
    router = celery_app.amqp.Router()
    for task, route in ROUTES.items():
        # tests/integration gives each xdist worker queues of its own ("email.gw1-…") for the whole session.
        assert router.route({}, task)["queue"].name.split(".")[0] == route["queue"], task


def test_every_routed_or_scheduled_task_is_registered():
    celery_app.loader.import_default_modules()
    names = set(ROUTES) | {entry["task"] for entry in BEAT.values()}
    assert names <= set(celery_app.tasks)


def test_two_apps_declaring_the_same_entry_is_an_error(monkeypatch):
    events = apps.get_app_config("events")
    monkeypatch.setattr(events, "beat_schedule", {**events.beat_schedule, "send-pending-emails": {}}, raising=False)
    with pytest.raises(ImproperlyConfigured, match="send-pending-emails"):
        dict(DeclaredByApps("beat_schedule"))
