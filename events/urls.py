from django.urls import path

from . import desk_views, evaluation_views, proposal_views, views, volunteer_views

app_name = "events"
urlpatterns = [
    path("events/", views.event_list, name="list"),
    # Fixed paths come before <slug>/ so that they win over an event slug of the same name.
    path("events/calendar/", views.event_calendar, name="calendar"),
    path("events/feedback/", evaluation_views.feedback_overview, name="feedback-overview"),
    path("events/feedback/export.csv", evaluation_views.feedback_overview_csv, name="feedback-overview-csv"),
    path("events/feed.ics", views.event_feed, name="feed"),
    path("events/tickets/<str:code>/", views.ticket, name="ticket"),
    path("events/tickets/<str:code>/qr.svg", views.ticket_qr, {"kind": "svg"}, name="ticket-qr"),
    path("events/tickets/<str:code>/qr.png", views.ticket_qr, {"kind": "png"}, name="ticket-qr-png"),
    path("events/tickets/<str:code>/cancel/", views.cancel, name="cancel"),
    path("events/<slug:slug>.ics", views.event_ics, name="ics"),
    path("events/<slug:slug>/", views.event_detail, name="detail"),
    path("events/<slug:slug>/register/", views.register, name="register"),
    path("events/<slug:slug>/check-in/", views.check_in, name="check-in"),
    path("me/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    # Participation: proposals, votes and comments.
    path("proposals/", proposal_views.proposal_list, name="proposals"),
    path("proposals/new/", proposal_views.proposal_create, name="proposal-new"),
    path("proposals/similar/", proposal_views.proposal_similar, name="proposal-similar"),
    path("proposals/<int:pk>/", proposal_views.proposal_detail, name="proposal-detail"),
    path("proposals/<int:pk>/edit/", proposal_views.proposal_edit, name="proposal-edit"),
    path("proposals/<int:pk>/vote/", proposal_views.proposal_vote, name="proposal-vote"),
    path("proposals/<int:pk>/withdraw/", proposal_views.proposal_withdraw, name="proposal-withdraw"),
    path("proposals/<int:pk>/comments/", proposal_views.proposal_comment, name="proposal-comment"),
    path("proposals/comments/<int:pk>/report/", proposal_views.comment_report, name="comment-report"),
    # Evaluations and feedback reports.
    path("events/<slug:slug>/evaluate/", evaluation_views.evaluate, name="evaluate"),
    path("events/<slug:slug>/evaluations/assist/", evaluation_views.assist, name="evaluation-assist"),
    path("events/<slug:slug>/evaluate/withdraw/", evaluation_views.withdraw, name="evaluation-withdraw"),
    path("events/<slug:slug>/feedback/", evaluation_views.event_feedback, name="feedback"),
    path("events/<slug:slug>/feedback/export.csv", evaluation_views.event_feedback_csv, name="feedback-csv"),
    path(
        "events/<slug:slug>/feedback/suggestions/<int:pk>/propose/",
        evaluation_views.propose_suggestion,
        name="propose-suggestion",
    ),
    # Volunteers and the assisted-participation desk.
    path("events/<slug:slug>/volunteers/", volunteer_views.volunteer_list, name="volunteers"),
    path("events/<slug:slug>/volunteers.csv", volunteer_views.volunteer_csv, name="volunteers-csv"),
    path(
        "events/<slug:slug>/volunteers/<int:role_id>/signup/",
        volunteer_views.volunteer_signup,
        name="volunteer-signup",
    ),
    path(
        "events/<slug:slug>/volunteers/<int:role_id>/withdraw/",
        volunteer_views.volunteer_withdraw,
        name="volunteer-withdraw",
    ),
    path("desk/", desk_views.desk, name="desk"),
    path("desk/residents/<int:pk>/", desk_views.desk_resident, name="desk-resident"),
    path("desk/residents/<int:pk>/register/", desk_views.desk_register, name="desk-register"),
    path("desk/residents/<int:pk>/vote/", desk_views.desk_vote, name="desk-vote"),
    path("desk/residents/<int:pk>/volunteer/", desk_views.desk_volunteer, name="desk-volunteer"),
    path("desk/residents/<int:pk>/district/", desk_views.desk_verify_district, name="desk-verify-district"),
    path("desk/districts/", desk_views.desk_districts, name="desk-districts"),
]


def _fixed_segments(patterns):
    """The first segments after events/ of the fixed paths (calendar, feed, feedback, tickets …)."""
    segments = set()
    for pattern in patterns:
        route = str(pattern.pattern)
        if route.startswith("events/") and not route.startswith("events/<"):
            segment = route.removeprefix("events/").split("/")[0].removesuffix(".ics").removesuffix(".csv")
            if segment:
                segments.add(segment)
    return frozenset(segments)


# An event slug equal to one of these would be shadowed by the fixed path: Event.clean() refuses them.
RESERVED_SLUGS = _fixed_segments(urlpatterns)
