"""The proposal pages: list, submit (with similar proposals), detail with voting and discussion, edit.

Thin adapters: every change goes through events.services (proposals, votes, comments) and its refusals are
shown as they are.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from portal.accounts import has_verified_email

from ..errors import ParticipationError
from ..filters import SORT_VOTES, ProposalFilter
from ..forms.proposals import CommentForm, ProposalForm, honeypot_filled
from ..models import Proposal, ProposalComment, Vote
from ..services import comments as comment_services
from ..services import proposals, votes

PAGE_SIZE = 20


def proposal_list(request):
    base = Proposal.objects.listed().select_related("round", "district")
    data = request.GET.copy()
    data.setdefault("sort", "newest")
    proposal_filter = ProposalFilter(data, queryset=base)
    queryset = proposal_filter.qs if proposal_filter.is_valid() else base.none()
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    rounds = votes.open_rounds(request.user)
    chosen_round = proposal_filter.form.cleaned_data.get("round") if proposal_filter.is_valid() else None
    # "Most votes" is not offered while the counts of the round in view (or an open one) are hidden.
    counts_hidden = chosen_round.counts_hidden() if chosen_round else any(r.counts_hidden() for r in rounds)
    if counts_hidden:
        proposal_filter.form.fields["sort"].choices = [
            choice for choice in proposal_filter.form.fields["sort"].choices if choice[0] != SORT_VOTES
        ]
    voted = set()
    if request.user.is_authenticated:
        voted = set(
            Vote.objects.filter(user=request.user, proposal__in=[p.pk for p in page]).values_list(
                "proposal_id", flat=True
            )
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/proposals/list.html",
        {
            "filter": proposal_filter,
            "page": page,
            "open_rounds": rounds,
            "voted": voted,
            "query": query.urlencode(),
        },
    )


def _similar_for(text, exclude=None):
    return proposals.similar_proposals(text=text, exclude=exclude)


@require_GET
def proposal_similar(request):
    """A small HTML fragment for static/js/similar-proposals.js: proposals whose title shares words with `q`."""
    text = request.GET.get("q", "")[:200]
    return render(request, "events/proposals/similar.html", {"similar": _similar_for(text) if text else []})


def _unverified_page(request, template_context):
    return render(request, "events/proposals/form.html", {**template_context, "email_verified": False})


def _service_kwargs(cleaned):
    return {key: value for key, value in cleaned.items() if key != "image" or value}


@login_required
def proposal_create(request):
    context = {"title": _("Propose an activity"), "email_verified": True, "creating": True}
    if not has_verified_email(request.user):
        return _unverified_page(request, context)
    form = ProposalForm(request.POST or None, request.FILES or None)
    similar = []
    if request.method == "POST":
        if honeypot_filled(request):
            # A bot: it is told the same as a person, and nothing is stored.
            messages.success(request, _("Thank you! Your proposal has been submitted."))
            return redirect("events:proposals")
        if form.is_valid():
            similar = _similar_for(form.cleaned_data["title"])
            # Without JavaScript the similar proposals are shown here, once, before the final confirmation.
            if not similar or request.POST.get("confirm_similar") == "1":
                try:
                    proposal = proposals.submit_proposal(user=request.user, **_service_kwargs(form.cleaned_data))
                except ParticipationError as exc:
                    form.add_error(None, exc.message)
                else:
                    messages.success(request, _("Thank you! Your proposal has been submitted."))
                    return redirect(proposal.get_absolute_url())
    return render(request, "events/proposals/form.html", {**context, "form": form, "similar": similar})


def _detail_queryset():
    return Proposal.objects.select_related("proposer__profile", "round__district", "district", "venue", "merged_into")


def proposal_detail(request, pk):
    proposal = get_object_or_404(_detail_queryset(), pk=pk)
    user = request.user
    has_voted = user.is_authenticated and Vote.objects.filter(user=user, proposal=proposal).exists()
    closed = votes.voting_closed_reason(proposal, user)
    votes_left = None
    if proposal.round and user.is_authenticated:
        votes_left = votes.votes_left(user=user, voting_round=proposal.round)
    comments = proposal.comments.select_related("author__profile").prefetch_related(
        Prefetch("reports", to_attr="report_list")
    )
    return render(
        request,
        "events/proposals/detail.html",
        {
            "proposal": proposal,
            "timeline": proposal.status_changes.all(),
            "events": proposal.events.public(),
            "has_voted": has_voted,
            "voting_closed": closed[1] if closed else None,
            "voting_open": proposal.status == Proposal.Status.OPEN_FOR_VOTING and closed is None,
            "votes_left": votes_left,
            "email_verified": has_verified_email(user),
            "can_edit": user.is_authenticated and proposal.proposer_id == user.pk and proposal.is_editable,
            "comments": comments,
            "comment_form": CommentForm(),
            "reported": {c.pk for c in comments for r in c.report_list if r.reporter_id == user.pk},
        },
    )


@login_required
def proposal_edit(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    if proposal.proposer_id != request.user.pk:
        raise PermissionDenied
    context = {"title": _("Edit your proposal"), "proposal": proposal, "email_verified": True, "creating": False}
    if not proposal.is_editable:
        return render(request, "events/proposals/form.html", {**context, "not_editable": True}, status=403)
    form = ProposalForm(request.POST or None, request.FILES or None, initial=ProposalForm.initial_for(proposal))
    if request.method == "POST" and form.is_valid():
        try:
            proposals.update_proposal(proposal=proposal, by_user=request.user, **_service_kwargs(form.cleaned_data))
        except ParticipationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Your proposal has been saved."))
            return redirect(proposal.get_absolute_url())
    return render(request, "events/proposals/form.html", {**context, "form": form})


def _act(request, action, success):
    try:
        action()
    except ParticipationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)


@login_required
@require_POST
def proposal_vote(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    _act(
        request,
        lambda: votes.cast_vote(user=request.user, proposal=proposal),
        _("Thank you: your vote has been counted."),
    )
    return redirect(proposal.get_absolute_url())


@login_required
@require_POST
def proposal_withdraw(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    _act(
        request,
        lambda: votes.withdraw_vote(user=request.user, proposal=proposal),
        _("Your vote has been withdrawn."),
    )
    return redirect(proposal.get_absolute_url())


@login_required
@require_POST
def proposal_comment(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    if honeypot_filled(request):
        messages.success(request, _("Your comment has been posted."))
        return redirect(proposal.get_absolute_url())
    form = CommentForm(request.POST)
    if form.is_valid():
        _act(
            request,
            lambda: comment_services.post_comment(user=request.user, proposal=proposal, body=form.cleaned_data["body"]),
            _("Your comment has been posted."),
        )
    else:
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
    return redirect(f"{proposal.get_absolute_url()}#comments")


@login_required
@require_POST
def comment_report(request, pk):
    comment = get_object_or_404(ProposalComment.objects.select_related("proposal"), pk=pk)
    _act(
        request,
        lambda: comment_services.report_comment(
            comment=comment, by_user=request.user, reason=request.POST.get("reason", "")
        ),
        _("Thank you: a moderator will look at this comment."),
    )
    return redirect(f"{comment.proposal.get_absolute_url()}#comment-{comment.pk}")
