"""What the ranker returns: language-free, so a list computed once is shown in either language."""

from dataclasses import dataclass, field

KINDS = ("event", "library_item", "exhibition", "proposal")


@dataclass(frozen=True)
class Pick:
    kind: str  # one of KINDS
    id: int
    score: float
    reason: str  # a reason code, rendered by reasons.py in the reader's language
    reason_args: dict = field(default_factory=dict, hash=False, compare=False)  # JSON-able values only
