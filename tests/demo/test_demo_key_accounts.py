"""The demo's key accounts: three accounts with a plan in each state the page shows
(active, awaiting its sponsor, draft), a team, a relationship map with a coverage gap,
health checks with a trend, events, and two customers on the watch list; the active
plan's sponsor is the manager, the submitted one's the supervisor the demo signs in as."""

from __future__ import annotations

from crm_desktop.demo.generator import DemoOptions, generate_demo
from crm_desktop.domain.account_plan import objective_is_smart
from crm_desktop.services.container import Services


def test_the_demo_has_key_accounts_with_plans_teams_and_maps(services: Services) -> None:
    generate_demo(services, DemoOptions(customers=60, contacts_per_customer=1.0, seed=7))
    ka = services.key_accounts
    accounts = ka.plans.key_accounts()
    assert sorted(a.status or "" for a in accounts) == ["active", "draft", "submitted"]
    submitted = next(a for a in accounts if a.status == "submitted")
    view = ka.plans.open(submitted.plan_id or "")
    assert view.sponsor_id == services.actor.user_id  # the demo supervisor reviews it
    assert [a.value for a in view.actions] == ["approve", "return"]
    assert all(objective_is_smart(o, view.plan_year) for o in view.content.objectives)
    for account in accounts:
        relationship = ka.relationship.map(account.customer_id)
        assert len(relationship.people) == 5
        assert any(level.gap for level in relationship.coverage)
        assert len(ka.team.members(account.customer_id)) == 3
        checks = ka.records.profile(account.customer_id).checks
        assert [c.average is not None for c in checks] == [True, True]
        assert ka.records.events(account.customer_id)
    watched = ka.records.watch_list()
    assert len(watched) == 2 and all(w.referrer_name for w in watched)
