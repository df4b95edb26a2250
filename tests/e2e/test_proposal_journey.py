"""Part 1 of the participation journey in a real browser: a resident proposes an activity, a moderator
opens it for voting through the admin actions, and a resident votes and sees the count go up and the
votes left go down. Desktop (1280 px) and phone (360 px); E2E_SCREENSHOTS=<folder> keeps screenshots.
"""

import pytest
from selenium.webdriver.common.by import By

from events.models import Proposal
from tests.factories import PASSWORD, UserFactory, VotingRoundFactory, make_moderator

from .test_event_journey import snapshot

pytestmark = pytest.mark.e2e


def log_in(browser, user, next_path):
    browser.open(f"/accounts/login/?next={next_path}")
    browser.fill("#id_login", user.username)
    browser.fill("#id_password", PASSWORD)
    browser.submit(browser.button_in("form[action^='/accounts/login/']"))
    browser.wait_for_path(next_path)


def admin_action(browser, proposal, action):
    browser.open("/admin/events/proposal/")
    box = browser.find(f"input.action-select[value='{proposal.pk}']")
    browser.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
    box.click()
    browser.select("select[name=action]", action)
    browser.submit(browser.find("button[name=index]"))


@pytest.mark.parametrize("width", [1280, 360])
def test_resident_proposes_moderator_opens_voting_resident_votes(make_browser, width):
    voting_round = VotingRoundFactory(title_en="Spring ideas", max_votes_per_resident=3)
    proposer = UserFactory(username=f"proposer{width}")
    voter = UserFactory(username=f"voter{width}")
    moderator = make_moderator(username=f"moderator{width}")

    # The resident proposes an activity.
    resident = make_browser(width=width, language="en")
    log_in(resident, proposer, "/proposals/new/")
    resident.check_page(lang="en")
    resident.fill("#id_title", "Dragon-boat drumming for beginners")
    resident.fill("#id_description", "Learn the drum rhythms of the dragon-boat races by the river.")
    resident.select("#id_category", "workshop")
    resident.submit(resident.find("form.stacked button[type=submit]"))
    proposal = Proposal.objects.get(proposer=proposer)
    resident.wait_for_path(f"/proposals/{proposal.pk}/")
    resident.check_page(lang="en")
    assert "Thank you! Your proposal has been submitted." in resident.find(".messages").text
    assert proposal.status == "submitted"

    # A moderator, in a second browser session, reviews it and opens it for voting in the round.
    staff = make_browser(width=1280, language="en")
    log_in(staff, moderator, "/admin/")
    admin_action(staff, proposal, "start_review")
    proposal.refresh_from_db()
    assert proposal.status == "under_review"
    admin_action(staff, proposal, "open_for_voting")
    staff.select("#id_round", voting_round.pk)
    staff.submit(staff.find("form input[type=submit].default"))
    proposal.refresh_from_db()
    assert proposal.status == "open_for_voting" and proposal.round == voting_round

    # Another resident votes: the count goes up, the votes left go down.
    voting = make_browser(width=width, language="en")
    log_in(voting, voter, f"/proposals/{proposal.pk}/")
    voting.check_page(lang="en")
    assert "0 votes" in voting.find(".vote-count").text
    assert "You have 3 votes left of 3" in voting.find(".votes-left").text
    snapshot(voting, "proposal-before-vote")
    voting.submit(voting.find(f"form[action='/proposals/{proposal.pk}/vote/'] button[type=submit]"))
    voting.wait_for_path(f"/proposals/{proposal.pk}/")
    voting.check_page(lang="en")
    snapshot(voting, "proposal-after-vote")
    assert "1 vote" in voting.find(".vote-count").text
    assert "You have 2 votes left of 3" in voting.find(".votes-left").text
    assert voting.driver.find_elements(By.CSS_SELECTOR, ".voted-banner")
    proposal.refresh_from_db()
    assert proposal.vote_count == 1
