"""CustomerList: search, filters and every sort run in SQL; handles are exact and stable."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace
from typing import Any

import pytest
from sqlalchemy import func, select, text

from crm_desktop.domain.customer import ContactDraft, CustomerDraft
from crm_desktop.services.container import Services
from crm_desktop.services.customers.customer_list import ROWID, CustomerQuery, SortKey
from crm_desktop.store.customer_search import HandleQuery, handles_sql
from crm_desktop.store.database import Store
from crm_desktop.store.models import Contact, Customer, User
from crm_desktop.store.pinyin import pinyin_key
from crm_desktop.store.unit_of_work import UnitOfWork


def add_user(store: Store, username: str, display_name: str) -> str:
    """A user as the server's feed would bring it (the laptop has no API to make one)."""
    with UnitOfWork(store, None) as uow:
        user = User(username=username, display_name=display_name, role="rep")
        uow.session.add(user)
        uow.commit()
    return user.id


@dataclass(frozen=True)
class Seed:
    name: str
    short_name: str | None = None
    phone: str | None = None
    status: str = "potential"
    region: str | None = None
    owner: str = "me"  # me | zhang | anna | nobody
    key_account: bool = False
    customer_type: str = "enterprise"
    value_class: str | None = None  # set as the classification job would
    last_visit: dt.date | None = None
    contacts: tuple[tuple[str, str | None], ...] = ()  # (name, mobile)


SEEDS = [
    Seed("上海申达贸易有限公司", "申达", "021-61234567", "active", "华东",
         last_visit=dt.date(2026, 11, 2), contacts=(("王伟", "13800138000"),)),
    Seed("上海华为技术有限公司", "华为", "021-62220000", "active", "华东", "zhang",
         key_account=True, last_visit=dt.date(2026, 11, 18),
         contacts=(("李娜", "13911112222"), ("赵敏", None))),
    Seed("北京华联超市有限公司", "华联", "010-88886666", "potential", "华北", value_class="B",
         customer_type="retail", contacts=(("刘洋", "13700001111"),)),
    Seed("ACME Trading Co., Ltd.", "Acme", None, "potential", None, "anna",
         customer_type="general_agent", contacts=(("John Smith", "+86 136 0000 2222"),)),
    Seed("50%折扣批发部", None, "0755-1234567", "active", "华南", "zhang", value_class="B",
         customer_type="dealer", last_visit=dt.date(2026, 10, 1)),
    Seed("500强供应链公司", None, "0755-7654321", "former", "华南", "anna"),
    Seed("广州白云_物流", None, None, "active", "华南"),
    Seed("广州白云A物流", None, None, "active", "华南", value_class="B"),
    Seed("深圳鹏程电子", "鹏程", "0755-2222333", "lost", "华南", "anna",
         last_visit=dt.date(2026, 11, 2)),
    Seed("公共池客户", None, None, "potential", "华东", "nobody"),
    Seed("同名商行", None, None, "potential", "华中"),
    Seed("同名商行", None, None, "potential", "华中"),
    Seed("路径\\反斜杠测试", None, None, "potential", None),
]  # fmt: skip

DELETED = Seed("上海已删除客户", "已删", "021-99998888", "active", "华东",
               contacts=(("王伟", "13800138000"),))  # fmt: skip


@dataclass
class World:
    services: Services
    users: dict[str, str | None]  # seed owner key -> user id
    ids: dict[str, list[str]]  # customer name -> ids (同名商行 has two)

    def names(self, query: CustomerQuery) -> list[str]:
        handles = self.services.customer_list.handles(query)
        rows = self.services.customer_list.rows(handles)
        return [rows[h].name for h in handles]

    def found(self, text: str, **filters: Any) -> set[str]:
        return set(self.names(CustomerQuery(text=text, **filters)))


def _save(world: World, seed: Seed) -> str:
    owner = world.users[seed.owner]
    customers = world.services.customers
    customer_id = customers.save(
        CustomerDraft(
            name=seed.name,
            short_name=seed.short_name,
            phone=seed.phone,
            status=seed.status,
            customer_type=seed.customer_type,
            loss_reason="competitor" if seed.status == "lost" else None,
            region=seed.region,
            owner_id=owner,
            is_key_account=seed.key_account,
        )
    )
    for name, mobile in seed.contacts:
        customers.save_contact(ContactDraft(customer_id=customer_id, name=name, mobile=mobile))
    if seed.value_class or seed.last_visit or seed.owner == "nobody":
        # Fields no form edits: the classification job, the visit log, the public pool.
        with UnitOfWork(world.services.store, None) as uow:
            row = uow.session.get(Customer, customer_id)
            assert row is not None
            row.value_class = seed.value_class or row.value_class
            row.last_effective_visit_on = seed.last_visit
            if seed.owner == "nobody":
                row.owner_id = None
            uow.commit()
    world.ids.setdefault(seed.name, []).append(customer_id)
    return customer_id


@pytest.fixture
def world(services: Services) -> World:
    users: dict[str, str | None] = {
        "me": services.actor.user_id,
        "zhang": add_user(services.store, "zhangsan", "张三"),
        "anna": add_user(services.store, "anna", "Anna"),
        "nobody": None,
    }
    made = World(services, users, {})
    for seed in [*SEEDS[:3], DELETED, *SEEDS[3:]]:
        _save(made, seed)
    services.customers.delete(made.ids[DELETED.name][0])
    return made


LIVE = {seed.name for seed in SEEDS}


# --- search -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("申达贸易", {"上海申达贸易有限公司"}, id="name"),
        pytest.param("鹏程", {"深圳鹏程电子"}, id="short-name"),
        pytest.param("Acme", {"ACME Trading Co., Ltd."}, id="short-name-latin"),
        pytest.param("88886666", {"北京华联超市有限公司"}, id="phone"),
        pytest.param(
            "0755-", {"50%折扣批发部", "500强供应链公司", "深圳鹏程电子"}, id="phone-prefix"
        ),
        pytest.param("李娜", {"上海华为技术有限公司"}, id="contact-name"),
        pytest.param("赵敏", {"上海华为技术有限公司"}, id="second-contact"),
        pytest.param("john", {"ACME Trading Co., Ltd."}, id="contact-latin-lower"),
        pytest.param("138", {"上海申达贸易有限公司"}, id="contact-mobile-prefix"),
        pytest.param("13911112222", {"上海华为技术有限公司"}, id="contact-mobile"),
        pytest.param("上", {"上海申达贸易有限公司", "上海华为技术有限公司"}, id="one-character"),
        pytest.param("上海", {"上海申达贸易有限公司", "上海华为技术有限公司"}, id="city"),
        pytest.param("上海华", {"上海华为技术有限公司"}, id="prefix-as-typed"),
        pytest.param("华", {"上海华为技术有限公司", "北京华联超市有限公司"}, id="middle-character"),
        pytest.param("ACME trading", {"ACME Trading Co., Ltd."}, id="latin-any-case"),
        pytest.param("上海 华", {"上海华为技术有限公司"}, id="two-terms-AND"),
        pytest.param("华  上海", {"上海华为技术有限公司"}, id="terms-in-any-order"),
        pytest.param("上海 北京", set(), id="AND-not-OR"),
        pytest.param("华东", set(), id="region-is-a-filter-not-search"),
        pytest.param("没有这个客户", set(), id="no-match"),
    ],
)
def test_search_as_you_type(world: World, text: str, expected: set[str]) -> None:
    assert world.found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("50%", {"50%折扣批发部"}, id="percent-is-literal"),
        pytest.param("50", {"50%折扣批发部", "500强供应链公司"}, id="digits"),
        pytest.param("%", {"50%折扣批发部"}, id="lone-percent"),
        pytest.param("白云_物流", {"广州白云_物流"}, id="underscore-is-literal"),
        pytest.param("_", {"广州白云_物流"}, id="lone-underscore"),
        pytest.param("\\", {"路径\\反斜杠测试"}, id="backslash-is-literal"),
        pytest.param("\\%", set(), id="escape-sequence-is-text"),
    ],
)
def test_wildcards_typed_by_the_user_are_literal(
    world: World, text: str, expected: set[str]
) -> None:
    assert world.found(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_blank_search_lists_every_live_customer(world: World, text: str) -> None:
    names = world.names(CustomerQuery(text=text))
    assert sorted(names) == sorted(seed.name for seed in SEEDS)


def test_deleted_customers_are_hidden_everywhere(world: World) -> None:
    for query in (
        CustomerQuery(),
        CustomerQuery(text="已删"),
        CustomerQuery(text="99998888"),
        CustomerQuery(region="华东"),
        CustomerQuery(status="active", sort=SortKey.UPDATED, descending=True),
    ):
        assert DELETED.name not in world.names(query)
    # 王伟 is a contact of the deleted customer too; only the live one is found.
    assert world.found("王伟") == {"上海申达贸易有限公司"}


def test_a_deleted_contact_no_longer_finds_its_customer(world: World) -> None:
    with world.services.store.reading() as s:
        contact_id = s.scalar(select(Contact.id).where(Contact.name == "李娜"))
    assert contact_id is not None
    world.services.customers.delete_contact(contact_id)
    assert world.found("李娜") == set()
    assert world.found("赵敏") == {"上海华为技术有限公司"}


def test_search_follows_edits(world: World) -> None:
    [customer_id] = world.ids["北京华联超市有限公司"]
    card = world.services.customers.card(customer_id)
    world.services.customers.save(replace(card.draft, short_name="联华", phone="010-12340000"))
    assert world.found("联华") == {"北京华联超市有限公司"}
    assert world.found("88886666") == set()


def test_a_name_typed_exactly_as_stored_is_found_even_in_full_width(services: Services) -> None:
    services.customers.save(CustomerDraft(name="ＡＢＣ贸易有限公司"))
    assert services.customer_list.handles(CustomerQuery(text="ＡＢＣ贸易")) != []  # FTS term
    assert services.customer_list.handles(CustomerQuery(text="ＡＢ")) != []  # short term


# --- filters ------------------------------------------------------------------------------


def test_filters(world: World) -> None:
    zhang, anna = world.users["zhang"], world.users["anna"]
    assert world.found("", value_class="A") == {"上海华为技术有限公司"}
    assert world.found("", value_class="B") == {
        "北京华联超市有限公司",
        "50%折扣批发部",
        "广州白云A物流",
    }
    assert world.found("", status="lost") == {"深圳鹏程电子"}
    assert world.found("", status="former") == {"500强供应链公司"}
    assert world.found("", owner_id=zhang) == {"上海华为技术有限公司", "50%折扣批发部"}
    assert world.found("", owner_id=anna) == {
        "ACME Trading Co., Ltd.",
        "500强供应链公司",
        "深圳鹏程电子",
    }
    assert world.found("", region="华北") == {"北京华联超市有限公司"}
    assert world.found("", key_accounts_only=True) == {"上海华为技术有限公司"}


def test_filters_combine_with_each_other_and_with_search(world: World) -> None:
    assert world.found("", region="华南", status="active") == {
        "50%折扣批发部",
        "广州白云_物流",
        "广州白云A物流",
    }
    assert world.found("广州", region="华南", value_class="B") == {"广州白云A物流"}
    assert world.found("上海", owner_id=world.users["me"]) == {"上海申达贸易有限公司"}
    assert world.found("上海", key_accounts_only=True, region="华北") == set()


def test_filter_choices_list_owners_and_regions(world: World) -> None:
    choices = world.services.customer_list.filter_choices()
    # No blanks, no repeats, in pinyin order: huá běi, dōng, nán, zhōng.
    assert choices.regions == ["华北", "华东", "华南", "华中"]
    owner_names = [name for _id, name in choices.owners]
    assert set(owner_names) == {"张三", "Anna", world.services.actor.display_name}
    assert owner_names == sorted(owner_names, key=pinyin_key)


# --- sorting ------------------------------------------------------------------------------


def _facts(store: Store) -> list[dict[str, Any]]:
    """Every live customer's sortable values, read straight from the tables."""
    with store.reading() as s:
        rows = s.execute(
            select(ROWID, Customer, User.display_name)
            .outerjoin(User, User.id == Customer.owner_id)
            .where(Customer.deleted.is_(False))
        ).all()
    return [
        {
            "handle": handle,
            SortKey.NAME: c.name,
            SortKey.SHORT_NAME: c.short_name,
            SortKey.TYPE: c.customer_type,
            SortKey.PHONE: c.phone,
            SortKey.VALUE_CLASS: c.value_class,
            SortKey.STATUS: c.status,
            SortKey.REGION: c.region,
            SortKey.OWNER: owner,
            SortKey.LAST_VISIT: c.last_effective_visit_on,
            SortKey.UPDATED: c.updated_at,
        }
        for handle, c, owner in rows
    ]


# Text columns sort in pinyin order (store/pinyin.py), the others by value.
PINYIN_KEYS = {SortKey.NAME, SortKey.SHORT_NAME, SortKey.REGION, SortKey.OWNER}


def _expected_order(facts: list[dict[str, Any]], key: SortKey, descending: bool) -> list[int]:
    """SQLite's order: NULLs first ascending, last descending; then name (in pinyin order,
    then as written), then rowid."""
    name = SortKey.NAME
    ordered = sorted(facts, key=lambda f: (pinyin_key(f[name]), f[name], f["handle"]))
    present = [f for f in ordered if f[key] is not None]
    missing = [f for f in ordered if f[key] is None]
    value = (lambda f: pinyin_key(f[key])) if key in PINYIN_KEYS else (lambda f: f[key])
    present.sort(key=value, reverse=descending)  # stable: ties keep name, rowid
    result = present + missing if descending else missing + present
    return [f["handle"] for f in result]


@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
@pytest.mark.parametrize("key", list(SortKey))
def test_every_sort_key_in_both_directions(world: World, key: SortKey, descending: bool) -> None:
    handles = world.services.customer_list.handles(CustomerQuery(sort=key, descending=descending))
    assert handles == _expected_order(_facts(world.services.store), key, descending)


def test_sort_by_owner_uses_the_owner_name(world: World) -> None:
    handles = world.services.customer_list.handles(CustomerQuery(sort=SortKey.OWNER))
    rows = world.services.customer_list.rows(handles)
    owners = [rows[h].owner_name for h in handles]
    assert owners[0] is None  # the public-pool customer has no owner
    named = [name for name in owners if name is not None]
    assert named == sorted(named, key=pinyin_key)
    assert "Anna" in named and "张三" in named


def test_sort_works_with_search_and_filters(world: World) -> None:
    names = world.names(
        CustomerQuery(text="0755", sort=SortKey.LAST_VISIT, descending=True, region="华南")
    )
    assert names == ["深圳鹏程电子", "50%折扣批发部", "500强供应链公司"]


# --- handles and rows ---------------------------------------------------------------------


def test_rows_returns_exactly_the_asked_handles(world: World) -> None:
    handles = world.services.customer_list.handles(CustomerQuery())
    chooser = random.Random(7)
    for size in (1, 3, len(handles)):
        asked = chooser.sample(handles, size)
        rows = world.services.customer_list.rows(asked)
        assert set(rows) == set(asked)
        assert all(rows[h].handle == h for h in asked)
    assert world.services.customer_list.rows([]) == {}
    assert world.services.customer_list.rows([max(handles) + 1000]) == {}


def test_rows_carry_what_the_list_shows(world: World) -> None:
    [customer_id] = world.ids["上海华为技术有限公司"]
    handles = world.services.customer_list.handles(CustomerQuery(text="华为"))
    [row] = world.services.customer_list.rows(handles).values()
    assert row.id == customer_id
    assert (row.short_name, row.phone, row.status, row.region) == (
        "华为",
        "021-62220000",
        "active",
        "华东",
    )
    assert (row.value_class, row.is_key_account, row.owner_name) == ("A", True, "张三")
    assert row.owner_id == world.users["zhang"]
    assert row.last_effective_visit_on == dt.date(2026, 11, 18)
    assert row.customer_type == "enterprise"


def test_the_order_is_total_and_stable(world: World) -> None:
    query = CustomerQuery(sort=SortKey.REGION)
    first = world.services.customer_list.handles(query)
    assert len(first) == len(set(first)) == len(SEEDS)
    assert world.services.customer_list.handles(query) == first
    # Two cards with identical values keep the order they were created in.
    twins = world.ids["同名商行"]
    rows = world.services.customer_list.rows(first)
    twin_handles = [h for h in first if rows[h].id in twins]
    assert [rows[h].id for h in twin_handles] == twins
    # Editing one card does not shuffle the others.
    [edited] = world.ids["北京华联超市有限公司"]
    card = world.services.customers.card(edited)
    world.services.customers.save(replace(card.draft, notes="新备注"))
    after = world.services.customer_list.handles(query)
    assert after == first


def test_new_customers_appear_in_their_sorted_place(world: World) -> None:
    world.services.customers.save(CustomerDraft(name="上海爱立信贸易", region="华东"))
    names = world.names(CustomerQuery(text="上海"))
    assert names == sorted(names, key=pinyin_key)
    assert "上海爱立信贸易" in names


# --- pinyin order -------------------------------------------------------------------------


def test_names_sort_in_pinyin_order_not_by_code_point(services: Services) -> None:
    """安 (ān) before 北 (běi) before 张 (zhāng), where code point order puts 北 (U+5317)
    before 安 (U+5B89); Latin names interleave by letter, full-width letters read as
    ASCII."""
    names = ["张家港港务集团", "北京华联超市", "安徽海螺水泥", "Ａｐｐｌｅ贸易", "Zara服饰",
             "重庆火锅城", "阿里巴巴网络"]  # fmt: skip
    for name in names:
        services.customers.save(CustomerDraft(name=name))
    listed = services.customer_list.handles(CustomerQuery())
    rows = services.customer_list.rows(listed)
    in_order = [rows[h].name for h in listed]
    assert in_order == [
        "阿里巴巴网络",  # a
        "安徽海螺水泥",  # an
        "Ａｐｐｌｅ贸易",  # apple
        "北京华联超市",  # bei
        "Zara服饰",  # zara
        "张家港港务集团",  # zhang
        "重庆火锅城",  # zhong: a character takes its most common reading
    ]
    backwards = services.customer_list.handles(CustomerQuery(descending=True))
    assert [rows[h].name for h in backwards] == in_order[::-1]
    assert sorted(names, key=lambda n: n.encode("utf-8")) != in_order  # not code point


def test_pinyin_key_is_on_every_store_connection(services: Services) -> None:
    with services.store.reading() as s:
        assert s.scalar(select(func.pinyin_key("张伟"))) == "zhang1 wei3 "
        assert s.scalar(select(func.pinyin_key(None))) is None


def test_a_renamed_customer_moves_to_its_new_pinyin_place(services: Services) -> None:
    """The sort key lives on the search row (revision 0009); the triggers rewrite it on
    a rename, so the list never shows a customer at its old name's place."""
    for name in ("北京华联超市", "张家港港务集团"):
        services.customers.save(CustomerDraft(name=name))
    zhang = next(c for c in _all(services) if c[1] == "张家港港务集团")[0]
    draft = services.customers.card(zhang).draft
    services.customers.save(replace(draft, name="安徽海螺水泥"))
    assert [name for _cid, name in _all(services)] == ["安徽海螺水泥", "北京华联超市"]


def test_the_blank_box_walks_the_sort_index_without_sorting(services: Services) -> None:
    """100,000 customers in name order come from an index walk; a sort step (or a
    per-row pinyin_key call) would cost the blank box ~0.3 s per keystroke."""
    sql, params = handles_sql(HandleQuery())
    with services.store.reading() as s:
        plan = [row[-1] for row in s.execute(text("EXPLAIN QUERY PLAN " + sql), params)]
    assert any("COVERING INDEX ix_customer_search_list" in step for step in plan), plan
    assert not any("TEMP B-TREE" in step for step in plan), plan


def _all(services: Services) -> list[tuple[str, str]]:
    handles = services.customer_list.handles(CustomerQuery())
    rows = services.customer_list.rows(handles)
    return [(rows[h].id, rows[h].name) for h in handles]
