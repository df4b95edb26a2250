from django.urls import path

from .views import desk, evaluations, events, proposals, volunteers

app_name = "events"
urlpatterns = [
    path("events/", events.event_list, name="list"),
    # Fixed paths come before <slug>/ so that they win over an event slug of the same name.
    path("events/calendar/", events.event_calendar, name="calendar"),
    path("events/feedback/", evaluations.feedback_overview, name="feedback-overview"),
    path("events/feedback/export.csv", evaluations.feedback_overview_csv, name="feedback-overview-csv"),
    path("events/feed.ics", events.event_feed, name="feed"),
    path("events/tickets/<str:code>/", events.ticket, name="ticket"),
    path("events/tickets/<str:code>/qr.svg", events.ticket_qr, {"kind": "svg"}, name="ticket-qr"),
    path("events/tickets/<str:code>/qr.png", events.ticket_qr, {"kind": "png"}, name="ticket-qr-png"),
    path("events/tickets/<str:code>/cancel/", events.cancel, name="cancel"),
    path("events/<slug:slug>.ics", events.event_ics, name="ics"),
    path("events/<slug:slug>/", events.event_detail, name="detail"),
    path("events/<slug:slug>/register/", events.register, name="register"),
    path("events/<slug:slug>/check-in/", events.check_in, name="check-in"),
    path("me/unsubscribe/<str:token>/", events.unsubscribe, name="unsubscribe"),
    # Participation: proposals, votes and comments.
    path("proposals/", proposals.proposal_list, name="proposals"),
    path("proposals/new/", proposals.proposal_create, name="proposal-new"),
    path("proposals/similar/", proposals.proposal_similar, name="proposal-similar"),
    path("proposals/<int:pk>/", proposals.proposal_detail, name="proposal-detail"),
    path("proposals/<int:pk>/edit/", proposals.proposal_edit, name="proposal-edit"),
    path("proposals/<int:pk>/vote/", proposals.proposal_vote, name="proposal-vote"),
    path("proposals/<int:pk>/withdraw/", proposals.proposal_withdraw, name="proposal-withdraw"),
    path("proposals/<int:pk>/comments/", proposals.proposal_comment, name="proposal-comment"),
    path("proposals/comments/<int:pk>/report/", proposals.comment_report, name="comment-report"),
    # Evaluations and feedback reports.
    path("events/<slug:slug>/evaluate/", evaluations.evaluate, name="evaluate"),
    path("events/<slug:slug>/evaluations/assist/", evaluations.assist, name="evaluation-assist"),
    path("events/<slug:slug>/evaluate/withdraw/", evaluations.withdraw, name="evaluation-withdraw"),
    path("events/<slug:slug>/feedback/", evaluations.event_feedback, name="feedback"),
    path("events/<slug:slug>/feedback/export.csv", evaluations.event_feedback_csv, name="feedback-csv"),
    path(
        "events/<slug:slug>/feedback/suggestions/<int:pk>/propose/",
        evaluations.propose_suggestion,
        name="propose-suggestion",
    ),
    # Volunteers and the assisted-participation desk.
    path("events/<slug:slug>/volunteers/", volunteers.volunteer_list, name="volunteers"),
    path("events/<slug:slug>/volunteers.csv", volunteers.volunteer_csv, name="volunteers-csv"),
    path(
        "events/<slug:slug>/volunteers/<int:role_id>/signup/",
        volunteers.volunteer_signup,
        name="volunteer-signup",
    ),
    path(
        "events/<slug:slug>/volunteers/<int:role_id>/withdraw/",
        volunteers.volunteer_withdraw,
        name="volunteer-withdraw",
    ),
    path("desk/", desk.desk, name="desk"),
    path("desk/residents/<int:pk>/", desk.desk_resident, name="desk-resident"),
    path("desk/residents/<int:pk>/register/", desk.desk_register, name="desk-register"),
    path("desk/residents/<int:pk>/vote/", desk.desk_vote, name="desk-vote"),
    path("desk/residents/<int:pk>/volunteer/", desk.desk_volunteer, name="desk-volunteer"),
    path("desk/residents/<int:pk>/district/", desk.desk_verify_district, name="desk-verify-district"),
    path("desk/districts/", desk.desk_districts, name="desk-districts"),
]
