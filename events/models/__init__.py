"""The events app's models, one module per area; every model (and what migrations name) is importable from here."""

from .evaluations import Evaluation, EvaluationInvitation, FeedbackDigest
from .events import (
    AUDIENCE_FIELDS,
    AudienceMixin,
    Event,
    EventQuerySet,
    EventSeries,
    audience_bands,
    sanitize_description,
)
from .proposals import (
    CommentReport,
    Proposal,
    ProposalComment,
    ProposalQuerySet,
    ProposalStatusChange,
    Vote,
    VotingRound,
)
from .registrations import NoShowPenalty, Registration, new_ticket_code
from .volunteers import VolunteerRole, VolunteerSignup

__all__ = [
    "AUDIENCE_FIELDS",
    "AudienceMixin",
    "CommentReport",
    "Evaluation",
    "EvaluationInvitation",
    "Event",
    "EventQuerySet",
    "EventSeries",
    "FeedbackDigest",
    "NoShowPenalty",
    "Proposal",
    "ProposalComment",
    "ProposalQuerySet",
    "ProposalStatusChange",
    "Registration",
    "Vote",
    "VotingRound",
    "VolunteerRole",
    "VolunteerSignup",
    "audience_bands",
    "new_ticket_code",
    "sanitize_description",
]
