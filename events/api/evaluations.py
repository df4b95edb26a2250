"""REST API of evaluations; its urlpatterns are appended to events/api/urls.py's.

`POST /api/events/<id>/evaluations/` (attendees) and `GET /api/events/<id>/feedback/` (the organizer's
staff). Thin adapters: events.services.evaluations decides and refuses, events.selectors.feedback gives the numbers (the
same as the HTML report, under the same small-numbers rule).
"""

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.scoping import can_manage

from ..models import Evaluation
from ..selectors import feedback
from ..selectors.events import visible_events
from ..services import evaluations
from .serializers import absolute, error


def rating_field():
    return serializers.IntegerField(min_value=1, max_value=5)


class EvaluationRequestSerializer(serializers.Serializer):
    content = rating_field()
    organisation = rating_field()
    venue = rating_field()
    recommend = rating_field()
    comment = serializers.CharField(required=False, allow_blank=True, max_length=Evaluation.TEXT_MAX, default="")
    suggestion = serializers.CharField(required=False, allow_blank=True, max_length=Evaluation.TEXT_MAX, default="")
    anonymous = serializers.BooleanField(required=False, default=False)


class EvaluationSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField(help_text=_("The resident's public name; null when anonymous."))
    url = serializers.SerializerMethodField(help_text=_("The evaluation page of the event."))

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "event",
            "content",
            "organisation",
            "venue",
            "recommend",
            "comment",
            "suggestion",
            "anonymous",
            "assisted",
            "name",
            "created_at",
            "url",
        ]

    def get_name(self, obj) -> str | None:
        return obj.shown_name

    def get_url(self, obj) -> str:
        return absolute(self.context.get("request"), f"/events/{obj.event.slug}/evaluate/")


class DimensionSerializer(serializers.Serializer):
    answers = serializers.IntegerField()
    average = serializers.FloatField(allow_null=True, help_text=_("null below `min_answers` answers."))
    distribution = serializers.DictField(
        child=serializers.IntegerField(), allow_null=True, help_text=_('{"1": n, …, "5": n}; null below `min_answers`.')
    )


class WordSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    name = serializers.CharField(allow_null=True, help_text=_("null when the resident chose to stay anonymous."))
    created_at = serializers.DateTimeField()


class FeedbackSerializer(serializers.Serializer):
    event = serializers.IntegerField()
    answers = serializers.IntegerField()
    attendees = serializers.IntegerField()
    response_rate = serializers.FloatField(allow_null=True)
    min_answers = serializers.IntegerField()
    enough_answers = serializers.BooleanField()
    recommend_share = serializers.FloatField(allow_null=True, help_text=_("Share who gave 4 or 5; null below min."))
    dimensions = serializers.DictField(child=DimensionSerializer())
    comments = WordSerializer(many=True)
    suggestions = WordSerializer(many=True)


def _event(request, pk):
    return get_object_or_404(visible_events(request.user), pk=pk)


def _words(evaluations_list, field):
    return [
        {
            "id": e.pk,
            "text": getattr(e, field),
            "name": e.shown_name,
            "created_at": e.created_at,
        }
        for e in evaluations_list
    ]


class EvaluationCreateView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary=_("Evaluate an event you attended"),
        description=_(
            "Ratings 1–5 for `content`, `organisation`, `venue` and `recommend`; optional `comment`, "
            "`suggestion` and `anonymous`. Attendance is checked first, then once-only, then the timing: from the "
            "event's end for EVENTS_EVALUATION_WINDOW_DAYS (14) days."
        ),
        request=EvaluationRequestSerializer,
        responses={
            201: OpenApiResponse(EvaluationSerializer, description=_("The evaluation; `name` is null when anonymous.")),
            400: OpenApiResponse(
                description=_(
                    'Field errors (`{"venue": ["…"]}`) for missing ratings or ratings outside 1–5; or a '
                    "refusal (`detail`, `code`): `not_ended` (the event has not ended), `window_closed`."
                )
            ),
            403: error(_("Not signed in, or `not_attendee`: only people who attended may evaluate.")),
            404: error(_("No visible event with this id.")),
            409: error(_("`already_evaluated`: one evaluation per person and event.")),
        },
    )
    def post(self, request, pk):
        event = _event(request, pk)
        refusal = evaluations.evaluation_refusal(user=request.user, event=event)
        if refusal is not None:
            raise refusal
        data = EvaluationRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        evaluation = evaluations.submit_evaluation(user=request.user, event=event, **data.validated_data)
        return Response(
            EvaluationSerializer(evaluation, context={"request": request}).data, status=status.HTTP_201_CREATED
        )


class EventFeedbackView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary=_("Feedback on an event (organizer staff)"),
        description=_(
            "The numbers of the /events/<slug>/feedback/ page: answers, attendees, response rate, per "
            "rating the average and the distribution (both null below `min_answers` answers), the share who would "
            "recommend, and the comments and suggestions (`name` null when anonymous)."
        ),
        responses={
            200: FeedbackSerializer,
            403: error(_("Not signed in, or not staff of the event's organizer.")),
            404: error(_("No visible event with this id.")),
        },
    )
    def get(self, request, pk):
        event = _event(request, pk)
        if not can_manage(request.user, event):
            raise PermissionDenied
        report = feedback.event_report(event=event)
        return Response(
            {
                "event": event.pk,
                **report.summary.as_dict(),
                "comments": _words(report.comments, "comment"),
                "suggestions": _words(report.suggestions, "suggestion"),
            }
        )


urlpatterns = [
    path("events/<int:pk>/evaluations/", EvaluationCreateView.as_view(), name="api-event-evaluations"),
    path("events/<int:pk>/feedback/", EventFeedbackView.as_view(), name="api-event-feedback"),
]
