"""REST API of proposals and votes; its urlpatterns are included by events.api.urls under /api/.

`GET|POST /api/proposals/`, `GET /api/proposals/<id>/`, `POST|DELETE /api/proposals/<id>/vote/`. Thin:
every change goes through events.services (proposals, votes, comments) and its refusals
become `{"detail", "code"}` with the status in ParticipationError.status_by_code (400 unless
listed), the same message the HTML page shows.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from portal.categories import Category
from portal.models import District, Profile, Venue

from ..filters import ProposalFilter
from ..models import Event, Proposal, audience_bands
from ..services import proposals
from ..services import votes as vote_services
from .serializers import error


class ProposalEventSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = ["id", "slug", "title", "start", "status", "url"]

    def get_url(self, event) -> str:
        return self.context["request"].build_absolute_uri(event.get_absolute_url())


class ProposalSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("The proposal's page."))
    votes = serializers.SerializerMethodField(help_text=_("Current number of votes; null while the round hides it."))
    rank = serializers.SerializerMethodField(help_text=_("Rank in the round once it has closed; null until then."))
    district = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    round = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    events = serializers.SerializerMethodField()
    audiences = serializers.SerializerMethodField()
    proposer = serializers.CharField(source="proposer_name", read_only=True)

    class Meta:
        model = Proposal
        fields = [
            "id",
            "url",
            "title",
            "description",
            "status",
            "votes",
            "rank",
            "district",
            "category",
            "audiences",
            "season",
            "expected_participants",
            "will_help",
            "venue",
            "round",
            "merged_into",
            "events",
            "proposer",
            "created_at",
        ]
        read_only_fields = fields

    def get_url(self, proposal) -> str:
        return self.context["request"].build_absolute_uri(proposal.get_absolute_url())

    def get_votes(self, proposal) -> int | None:
        return proposal.visible_vote_count

    def get_rank(self, proposal) -> int | None:
        return None if proposal.counts_hidden else proposal.rank

    @extend_schema_field(ProposalEventSerializer(many=True))
    def get_events(self, proposal):
        events = getattr(proposal, "public_events", None)
        if events is None:
            events = proposal.events.public()
        return ProposalEventSerializer(events, many=True, context=self.context).data

    def get_audiences(self, proposal) -> list[str]:
        return audience_bands(proposal)


class ProposalCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=Proposal.TITLE_MAX)
    description = serializers.CharField(max_length=Proposal.DESCRIPTION_MAX)
    category = serializers.ChoiceField(choices=Category.choices)
    audiences = serializers.ListField(
        child=serializers.ChoiceField(choices=Profile.AgeBand.choices), required=False, default=list
    )
    district = serializers.SlugRelatedField(
        slug_field="code", queryset=District.objects.all(), required=False, allow_null=True
    )
    venue = serializers.PrimaryKeyRelatedField(queryset=Venue.objects.all(), required=False, allow_null=True)
    season = serializers.ChoiceField(choices=Proposal.Season.choices, default=Proposal.Season.ANY)
    expected_participants = serializers.IntegerField(min_value=1, max_value=100_000, default=20)
    will_help = serializers.BooleanField(default=False)
    image = serializers.ImageField(required=False)


class VoteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    proposal = serializers.IntegerField()
    votes = serializers.IntegerField(allow_null=True, help_text=_("null while the round hides counts"))
    votes_left = serializers.IntegerField(allow_null=True, help_text=_("null when the round has no limit"))


class ProposalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ProposalSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = ProposalFilter

    def get_queryset(self):
        queryset = Proposal.objects.select_related("round", "district", "proposer__profile").prefetch_related(
            Prefetch("events", queryset=Event.objects.public(), to_attr="public_events")
        )
        if self.action == "list":
            queryset = queryset.listed()
        return queryset

    @extend_schema(
        summary=_("List proposals"),
        description=_(
            "Filters `q`, `status`, `district` (code), `round` (id); `sort` is `newest` (default) or "
            "`votes` (proposals whose round hides counts sort last, by date)."
        ),
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary=_("One proposal"), responses={200: ProposalSerializer, 404: error(_("No proposal with this id."))}
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        summary=_("Propose an activity (verified residents)"),
        request=ProposalCreateSerializer,
        responses={
            201: ProposalSerializer,
            400: OpenApiResponse(description=_("Field errors")),
            403: error(_("Not signed in, or email address not verified")),
            429: error(_("Too many proposals today")),
        },
    )
    def create(self, request, *args, **kwargs):
        payload = ProposalCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = {key: value for key, value in payload.validated_data.items() if key != "image" or value}
        proposal = proposals.submit_proposal(user=request.user, **data)
        proposal = self.get_queryset().get(pk=proposal.pk)
        return Response(self.get_serializer(proposal).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["POST"],
        summary=_("Vote for a proposal"),
        request=None,
        responses={
            201: VoteSerializer,
            400: error(_("Not open for voting, outside the round, or over its limit")),
            403: error(_("Email not verified, or a district round for another district")),
            409: error(_("Already voted")),
        },
    )
    @extend_schema(
        methods=["DELETE"],
        summary=_("Withdraw your vote while the round is open"),
        request=None,
        responses={
            204: None,
            400: error(_("The round is over")),
            404: error(_("No vote to withdraw")),
        },
    )
    @action(detail=True, methods=["post", "delete"], permission_classes=[IsAuthenticated])
    def vote(self, request, pk=None):
        proposal = self.get_object()
        if request.method == "DELETE":
            vote_services.withdraw_vote(user=request.user, proposal=proposal)
            return Response(status=status.HTTP_204_NO_CONTENT)
        vote = vote_services.cast_vote(user=request.user, proposal=proposal)
        proposal.refresh_from_db()
        return Response(
            {
                "id": vote.pk,
                "proposal": proposal.pk,
                "votes": proposal.visible_vote_count,
                "votes_left": vote_services.votes_left(user=request.user, voting_round=proposal.round),
            },
            status=status.HTTP_201_CREATED,
        )


router = SimpleRouter()
router.register("proposals", ProposalViewSet, basename="api-proposal")
urlpatterns = router.urls
