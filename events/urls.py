from django.urls import path

from . import proposal_views, views

app_name = "events"
urlpatterns = [
    path("events/", views.event_list, name="list"),
    path("proposals/", proposal_views.proposal_list, name="proposals"),
    path("me/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]

# Participation: proposals, votes and comments (events/proposal_views.py).
urlpatterns += [
    path("proposals/new/", proposal_views.proposal_create, name="proposal-new"),
    path("proposals/similar/", proposal_views.proposal_similar, name="proposal-similar"),
    path("proposals/<int:pk>/", proposal_views.proposal_detail, name="proposal-detail"),
    path("proposals/<int:pk>/edit/", proposal_views.proposal_edit, name="proposal-edit"),
    path("proposals/<int:pk>/vote/", proposal_views.proposal_vote, name="proposal-vote"),
    path("proposals/<int:pk>/withdraw/", proposal_views.proposal_withdraw, name="proposal-withdraw"),
    path("proposals/<int:pk>/comments/", proposal_views.proposal_comment, name="proposal-comment"),
    path("proposals/comments/<int:pk>/report/", proposal_views.comment_report, name="comment-report"),
]
