"""CustomerService: cards and contacts saved with their outbox, validation, duplicates, 撞单."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest
from fixed_time import TEST_NOW
from sqlalchemy import func, select

from crm_desktop.domain.classification import Cadence
from crm_desktop.domain.complaints import MarketReportDraft
from crm_desktop.domain.customer import ContactDraft, CustomerDraft
from crm_desktop.domain.errors import ValidationError
from crm_desktop.services.activity.market_reports import MarketReportService
from crm_desktop.services.container import Services
from crm_desktop.store.database import Store
from crm_desktop.store.models import (
    Complaint,
    Contact,
    Customer,
    DailyReport,
    Opportunity,
    OutboxEntry,
    User,
    VisitRecord,
)
from crm_desktop.store.unit_of_work import UnitOfWork

HUAWEI = "上海华为技术有限公司"


def add_user(store: Store, username: str, display_name: str, role: str = "rep") -> str:
    """A user as the server's feed would bring it (the laptop has no API to make one)."""
    with UnitOfWork(store, None) as uow:
        user = User(username=username, display_name=display_name, role=role)
        uow.session.add(user)
        uow.commit()
    return user.id


def outbox(store: Store) -> list[OutboxEntry]:
    with store.reading() as s:
        return list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.mutation_id)))


def count(store: Store, model: type) -> int:
    with store.reading() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def stored(store: Store, customer_id: str) -> Customer:
    with store.reading() as s:
        row = s.get(Customer, customer_id)
    assert row is not None
    return row


# --- create, update, delete ---------------------------------------------------------------


def test_create_saves_the_card_for_the_current_user_with_its_outbox(services: Services) -> None:
    customer_id = services.customers.save(
        CustomerDraft(
            name="  上海申达贸易有限公司 ",
            short_name="申达",
            customer_type="dealer",
            status="active",
            region="华东",
            phone="021-6123 4567",
            tax_id="91310000 ma1fl0xx1x",
            credit_limit_fen=50_000_000,
            payment_terms="net_30",
            notes="",
        )
    )
    card = services.customers.card(customer_id)
    assert card.draft.name == "上海申达贸易有限公司"  # trimmed
    assert card.draft.notes is None  # an empty field is stored as nothing
    assert card.draft.customer_type == "dealer" and card.draft.credit_limit_fen == 50_000_000
    assert card.draft.owner_id == services.actor.user_id
    assert card.owner_name == services.actor.display_name
    assert card.value_class == "C"
    row = stored(services.store, customer_id)
    assert (row.name_key, row.phone_key, row.tax_key) == (
        "上海申达贸易",
        "02161234567",
        "91310000MA1FL0XX1X",
    )
    [entry] = outbox(services.store)
    assert (entry.name, entry.entity, entry.row_id) == ("create", "customer", customer_id)
    assert json.loads(entry.patch)["name"] == "上海申达贸易有限公司"


def test_update_changes_only_the_edited_fields_and_keeps_the_owner(services: Services) -> None:
    other = add_user(services.store, "zhangsan", "张三")
    customer_id = services.customers.save(
        CustomerDraft(name="杭州青山建材有限公司", owner_id=other, phone="0571-8888 1234")
    )
    card = services.customers.card(customer_id)
    edited = replace(card.draft, owner_id=None, status="active", region="浙江")
    assert services.customers.save(edited) == customer_id
    card = services.customers.card(customer_id)
    assert card.draft.owner_id == other  # a draft without an owner keeps the current one
    assert (card.draft.status, card.draft.region) == ("active", "浙江")
    update = outbox(services.store)[-1]
    assert update.name == "update" and update.row_id == customer_id
    assert json.loads(update.patch) == {"status": "active", "region": "浙江"}
    assert json.loads(update.base_values or "{}") == {"status": "potential", "region": None}


def test_renaming_updates_the_duplicate_keys(services: Services) -> None:
    customer_id = services.customers.save(CustomerDraft(name="旧名字有限公司", phone="13800138000"))
    services.customers.save(CustomerDraft(id=customer_id, name="新名字股份有限公司", phone=None))
    row = stored(services.store, customer_id)
    assert (row.name_key, row.phone_key) == ("新名字", None)


def test_saving_an_unchanged_card_records_no_mutation(services: Services) -> None:
    customer_id = services.customers.save(CustomerDraft(name="无变化商行", phone="021-5555 0000"))
    services.customers.save(services.customers.card(customer_id).draft)
    assert [e.name for e in outbox(services.store)] == ["create"]


def test_delete_is_soft_takes_the_contacts_along_and_is_recorded(services: Services) -> None:
    customer_id = services.customers.save(CustomerDraft(name="南京金陵电子有限公司"))
    contact_ids = [
        services.customers.save_contact(ContactDraft(customer_id=customer_id, name=name))
        for name in ("周杰", "吴芳")
    ]
    services.customers.delete(customer_id)
    with services.store.reading() as s:
        row = s.get(Customer, customer_id)
        contacts = [s.get(Contact, cid) for cid in contact_ids]
    assert row is not None and row.deleted  # history stays: the row is kept, marked deleted
    assert all(c is not None and c.deleted for c in contacts)
    deletes = [(e.entity, e.row_id) for e in outbox(services.store) if e.name == "delete"]
    assert sorted(deletes) == sorted(
        [("customer", customer_id)] + [("contact", cid) for cid in contact_ids]
    )
    with pytest.raises(ValidationError) as gone:
        services.customers.card(customer_id)
    assert "已被删除" in gone.value.message_zh and "no longer exists" in gone.value.message_en


@pytest.mark.parametrize(
    "action",
    ["update", "delete", "add contact"],
)
def test_acting_on_a_deleted_customer_says_it_is_gone(services: Services, action: str) -> None:
    customer_id = services.customers.save(CustomerDraft(name="已删除客户"))
    services.customers.delete(customer_id)
    entries = len(outbox(services.store))
    with pytest.raises(ValidationError) as caught:
        if action == "update":
            services.customers.save(CustomerDraft(id=customer_id, name="复活"))
        elif action == "delete":
            services.customers.delete(customer_id)
        else:
            services.customers.save_contact(ContactDraft(customer_id=customer_id, name="郑爽"))
    assert caught.value.message_zh == "找不到该客户，它可能已被删除"
    assert caught.value.message_en == "The customer no longer exists"
    assert len(outbox(services.store)) == entries


def test_unknown_ids_say_the_record_is_gone(services: Services) -> None:
    with pytest.raises(ValidationError, match="customer no longer exists"):
        services.customers.save(CustomerDraft(id="no-such-id", name="不存在"))
    with pytest.raises(ValidationError, match="contact no longer exists"):
        services.customers.delete_contact("no-such-id")
    assert count(services.store, OutboxEntry) == 0


# --- validation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("draft", "field", "zh", "en"),
    [
        (CustomerDraft(name="   "), "name", "客户名称不能为空", "Customer name is required"),
        (CustomerDraft(name="长" * 201), "name", "不能超过 200 个字", "longer than 200"),
        (CustomerDraft(name="甲", status="vip"), "status", "客户状态", "Invalid status"),
        (
            CustomerDraft(name="甲", customer_type="shop"),
            "customer_type",
            "客户类型",
            "Invalid customer type",
        ),
        (
            CustomerDraft(name="甲", status="lost"),
            "loss_reason",
            "流失客户必须填写流失原因",
            "A lost customer needs a loss reason",
        ),
        (CustomerDraft(name="甲", phone="打电话给我"), "phone", "电话号码格式不正确", "phone"),
        (
            CustomerDraft(name="甲", credit_limit_fen=-1),
            "credit_limit_fen",
            "信用额度不能为负数",
            "credit_limit cannot be negative",
        ),
        (
            CustomerDraft(name="甲", payment_terms="net_45"),
            "payment_terms",
            "付款条件",
            "Invalid payment terms",
        ),
    ],
)
def test_invalid_customer_is_refused_in_both_languages_and_not_written(
    services: Services, draft: CustomerDraft, field: str, zh: str, en: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.customers.save(draft)
    assert caught.value.field == field
    assert zh in caught.value.message("zh_CN")
    assert en in caught.value.message("en")
    assert count(services.store, Customer) == 0
    assert count(services.store, OutboxEntry) == 0


def test_lost_customer_with_a_reason_is_accepted(services: Services) -> None:
    customer_id = services.customers.save(
        CustomerDraft(name="流失的老客户", status="lost", loss_reason="price")
    )
    assert services.customers.card(customer_id).draft.loss_reason == "price"


def test_invalid_update_leaves_the_card_as_it_was(services: Services) -> None:
    customer_id = services.customers.save(CustomerDraft(name="武汉长江物流有限公司"))
    with pytest.raises(ValidationError):
        services.customers.save(CustomerDraft(id=customer_id, name="", phone="021-1234 5678"))
    assert services.customers.card(customer_id).draft.name == "武汉长江物流有限公司"
    assert len(outbox(services.store)) == 1


# --- key accounts -------------------------------------------------------------------------


def test_key_account_flag_forces_class_a(services: Services) -> None:
    key_id = services.customers.save(CustomerDraft(name="重点客户集团", is_key_account=True))
    plain_id = services.customers.save(CustomerDraft(name="普通客户商行"))
    assert services.customers.card(key_id).value_class == "A"
    assert services.customers.card(plain_id).value_class == "C"
    services.customers.save(CustomerDraft(id=plain_id, name="普通客户商行", is_key_account=True))
    assert services.customers.card(plain_id).value_class == "A"
    patch = json.loads(outbox(services.store)[-1].patch)
    assert patch == {"is_key_account": True, "value_class": "A"}


# --- contacts -----------------------------------------------------------------------------


def test_contacts_are_created_updated_deleted_and_listed_on_the_card(services: Services) -> None:
    customer_id = services.customers.save(CustomerDraft(name="成都天府食品有限公司"))
    boss = services.customers.save_contact(
        ContactDraft(
            customer_id=customer_id,
            name="刘总",
            title="总经理",
            buying_role="decision_maker",
            mobile="+86 139-1111-2222",
            email="liu@tianfu.cn",
            birthday=dt.date(1975, 3, 8),
            is_key_contact=True,
        )
    )
    clerk = services.customers.save_contact(
        ContactDraft(customer_id=customer_id, name="艾米", phone="028-8765 4321")
    )
    card = services.customers.card(customer_id)
    assert [c.name for c in card.contacts] == ["刘总", "艾米"]  # key contacts first
    assert card.contacts[0].buying_role == "decision_maker"
    with services.store.reading() as s:
        phone_keys = {k.id: k.phone_key for k in s.scalars(select(Contact))}
    assert phone_keys == {boss: "13911112222", clerk: "02887654321"}

    services.customers.save_contact(
        ContactDraft(customer_id=customer_id, id=clerk, name="艾米", title="采购")
    )
    services.customers.delete_contact(boss)
    card = services.customers.card(customer_id)
    assert [(c.name, c.title) for c in card.contacts] == [("艾米", "采购")]
    names = [(e.entity, e.name) for e in outbox(services.store)]
    assert names[-4:] == [
        ("contact", "create"),
        ("contact", "create"),
        ("contact", "update"),
        ("contact", "delete"),
    ]
    with pytest.raises(ValidationError, match="contact no longer exists"):
        services.customers.delete_contact(boss)


@pytest.mark.parametrize(
    ("draft_fields", "field", "zh", "en"),
    [
        ({"name": ""}, "name", "联系人姓名不能为空", "Contact name is required"),
        ({"name": "钱七", "email": "qian@"}, "email", "电子邮箱格式不正确", "email"),
        ({"name": "钱七", "mobile": "一三八"}, "mobile", "电话号码格式不正确", "phone"),
        (
            {"name": "钱七", "birthday": TEST_NOW.date() + dt.timedelta(days=1)},
            "birthday",
            "生日不能晚于今天",
            "future",
        ),
        ({"name": "钱七", "buying_role": "boss"}, "buying_role", "采购角色", "buying role"),
    ],
)
def test_invalid_contact_is_refused_in_both_languages(
    services: Services, draft_fields: dict[str, object], field: str, zh: str, en: str
) -> None:
    customer_id = services.customers.save(CustomerDraft(name="西安秦川机械有限公司"))
    with pytest.raises(ValidationError) as caught:
        services.customers.save_contact(ContactDraft(customer_id=customer_id, **draft_fields))  # type: ignore[arg-type]
    assert caught.value.field == field
    assert zh in caught.value.message_zh and en in caught.value.message_en
    assert count(services.store, Contact) == 0


# --- duplicates and 撞单 ------------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling",
    [
        "上海 华为技术（集团）股份有限公司",
        "上海华为技术有限公司 ",
        "上海华为技术(中国)有限公司",
        "上海华为技术股份有限公司",
        "上海华为技术有限责任公司",
    ],
)
def test_duplicate_by_normalised_company_name(services: Services, spelling: str) -> None:
    existing = services.customers.save(CustomerDraft(name=HUAWEI))
    [match] = services.customers.find_duplicates(CustomerDraft(name=spelling))
    assert match.customer_id == existing and match.name == HUAWEI
    assert match.reasons == ("name",)
    assert match.other_owner is False
    assert match.owner_name == services.actor.display_name


def test_different_companies_are_not_duplicates(services: Services) -> None:
    services.customers.save(CustomerDraft(name=HUAWEI, phone="021-6000 0001", tax_id="A1"))
    for draft in (
        CustomerDraft(name="北京华为技术有限公司"),  # another city is another company
        CustomerDraft(name="上海华为"),
        CustomerDraft(name="上海中兴技术有限公司", phone="021-6000 0002", tax_id="A2"),
    ):
        assert services.customers.find_duplicates(draft) == []


@pytest.mark.parametrize(
    ("stored_phone", "typed_phone"),
    [
        ("13800138000", "+86 138-0013-8000"),
        ("138 0013 8000", "0086 13800138000"),
        ("021-6123 4567", "+86 21 6123 4567"),
        ("(021)61234567", "02161234567"),
    ],
)
def test_duplicate_by_phone(services: Services, stored_phone: str, typed_phone: str) -> None:
    existing = services.customers.save(CustomerDraft(name="深圳鹏程电子", phone=stored_phone))
    [match] = services.customers.find_duplicates(CustomerDraft(name="鹏程", phone=typed_phone))
    assert (match.customer_id, match.reasons) == (existing, ("phone",))


def test_a_phone_typed_in_full_width_is_accepted_and_matched(services: Services) -> None:
    existing = services.customers.save(
        CustomerDraft(name="深圳鹏程电子", phone="（０２１）61234567")
    )
    [match] = services.customers.find_duplicates(CustomerDraft(name="鹏程", phone="02161234567"))
    assert match.customer_id == existing
    assert services.customers.card(existing).draft.phone == "(021)61234567"  # stored folded


def test_duplicate_by_tax_id(services: Services) -> None:
    existing = services.customers.save(
        CustomerDraft(name="苏州工业园区某公司", tax_id="91320594MA1MXXXX0K")
    )
    [match] = services.customers.find_duplicates(
        CustomerDraft(name="另一个名字", tax_id=" 91320594-ma1m xxxx0k ")
    )
    assert (match.customer_id, match.reasons) == (existing, ("tax_id",))


def test_a_match_on_several_keys_lists_every_reason(services: Services) -> None:
    services.customers.save(CustomerDraft(name=HUAWEI, phone="021-5000 1111", tax_id="T-1"))
    [match] = services.customers.find_duplicates(
        CustomerDraft(name="上海华为技术股份有限公司", phone="02150001111", tax_id="t1")
    )
    assert match.reasons == ("name", "phone", "tax_id")


def test_zhuangdan_when_another_rep_owns_the_match(services: Services) -> None:
    other = add_user(services.store, "lisi", "李四")
    theirs = services.customers.save(CustomerDraft(name=HUAWEI, owner_id=other))
    mine = services.customers.save(CustomerDraft(name="上海华为技术（集团）有限公司"))
    matches = services.customers.find_duplicates(CustomerDraft(name="上海华为技术股份有限公司"))
    by_id = {m.customer_id: m for m in matches}
    assert by_id.keys() == {theirs, mine}
    assert by_id[theirs].other_owner is True and by_id[theirs].owner_name == "李四"
    assert by_id[mine].other_owner is False
    # Saving it for 李四 makes 李四's own card no clash, and the current user's one a clash.
    for_lisi = {
        m.customer_id: m.other_owner
        for m in services.customers.find_duplicates(CustomerDraft(name=HUAWEI, owner_id=other))
    }
    assert for_lisi == {theirs: False, mine: True}


def test_a_customer_is_not_its_own_duplicate_and_deleted_ones_do_not_count(
    services: Services,
) -> None:
    kept = services.customers.save(CustomerDraft(name=HUAWEI, phone="13900001111"))
    gone = services.customers.save(CustomerDraft(name="上海华为技术股份有限公司"))
    services.customers.delete(gone)
    draft = services.customers.card(kept).draft
    assert services.customers.find_duplicates(draft) == []
    [match] = services.customers.find_duplicates(CustomerDraft(name=HUAWEI))
    assert match.customer_id == kept


def test_a_draft_without_keys_matches_nothing(services: Services) -> None:
    services.customers.save(CustomerDraft(name="任意客户"))
    assert services.customers.find_duplicates(CustomerDraft(name="  ", phone="12")) == []


def test_a_duplicate_can_still_be_saved_deliberately(services: Services) -> None:
    """The check warns; it does not silently merge or refuse (SPEC §2.1)."""
    first = services.customers.save(CustomerDraft(name=HUAWEI))
    second = services.customers.save(CustomerDraft(name="上海华为技术股份有限公司"))
    assert first != second and count(services.store, Customer) == 2


# --- the card -----------------------------------------------------------------------------


def _history(store: Store, customer_id: str) -> None:
    """Visits, opportunities and complaints, as later issues' services will write them."""
    with UnitOfWork(store, "rep") as uow:
        report = DailyReport(owner_id="rep", report_date=dt.date(2026, 11, 20))
        uow.session.add(report)
        uow.session.flush()
        for day, effective, amount in ((3, False, 0), (18, True, 1_250_000), (9, True, 0)):
            uow.session.add(
                VisitRecord(
                    report_id=report.id,
                    customer_id=customer_id,
                    visit_date=dt.date(2026, 11, day),
                    purpose="order" if amount else "service",
                    outcome="order_placed" if amount else "follow_up",
                    is_effective=effective,
                    order_amount_fen=amount,
                    next_step="下周送样" if day == 18 else None,
                )
            )
        uow.session.add(
            VisitRecord(
                report_id=report.id,
                customer_id=customer_id,
                visit_date=dt.date(2026, 11, 19),
                deleted=True,
            )
        )
        for name, close, amount in (
            ("二期扩产设备", dt.date(2027, 3, 1), 80_000_000),
            ("年度耗材框架协议", dt.date(2026, 12, 31), 12_000_000),
        ):
            uow.session.add(
                Opportunity(
                    customer_id=customer_id,
                    name=name,
                    stage_code="proposal",
                    amount_fen=amount,
                    expected_close_on=close,
                )
            )
        for received, category, status in (
            (dt.date(2026, 10, 2), "delivery", "closed"),
            (dt.date(2026, 11, 15), "quality", "open"),
        ):
            uow.session.add(
                Complaint(
                    customer_id=customer_id,
                    received_on=received,
                    category=category,
                    status=status,
                    description="到货包装破损" if category == "delivery" else "批次色差",
                )
            )
        uow.commit()


def test_card_shows_contacts_visits_opportunities_and_complaints(services: Services) -> None:
    customer_id = services.customers.save(CustomerDraft(name="青岛海滨家电有限公司"))
    services.customers.save_contact(ContactDraft(customer_id=customer_id, name="孙丽"))
    _history(services.store, customer_id)
    card = services.customers.card(customer_id)
    assert [c.name for c in card.contacts] == ["孙丽"]
    assert [v.visit_date.day for v in card.visits] == [18, 9, 3]  # newest first, live only
    assert card.visits[0].order_amount_fen == 1_250_000 and card.visits[0].next_step == "下周送样"
    assert [v.is_effective for v in card.visits] == [True, True, False]
    assert [o.name for o in card.opportunities] == ["年度耗材框架协议", "二期扩产设备"]
    assert [(c.category, c.status) for c in card.complaints] == [
        ("quality", "open"),
        ("delivery", "closed"),
    ]


def test_card_of_another_customer_shows_none_of_this_history(services: Services) -> None:
    busy = services.customers.save(CustomerDraft(name="有历史的客户"))
    quiet = services.customers.save(CustomerDraft(name="新客户"))
    _history(services.store, busy)
    card = services.customers.card(quiet)
    assert (card.contacts, card.visits, card.opportunities, card.complaints) == ([], [], [], [])
    assert card.last_effective_visit_on is None


def test_owners_are_the_active_users_by_name(services: Services) -> None:
    add_user(services.store, "wangwu", "王五")
    add_user(services.store, "anna", "Anna")
    gone = add_user(services.store, "left", "已离职")
    with UnitOfWork(services.store, None) as uow:
        user = uow.session.get(User, gone)
        assert user is not None
        user.active = False
        uow.commit()
    names = [name for _id, name in services.customers.owners()]
    assert names == sorted(["王五", "Anna", services.actor.display_name])


# --- the card's activity: full visit history, market reports, next visit due -------------


def _visits(store: Store, customer_id: str, days: list[dt.date], *, effective: bool) -> None:
    with UnitOfWork(store, None) as uow:
        report = DailyReport(report_date=days[0], owner_id="rep")
        uow.session.add(report)
        uow.session.flush()
        uow.session.add_all(
            VisitRecord(
                report_id=report.id,
                customer_id=customer_id,
                visit_date=day,
                is_effective=effective,
                owner_id="rep",
            )
            for day in days
        )
        uow.commit()


def test_card_holds_the_whole_visit_history_newest_first(services: Services) -> None:
    customer_id = services.customers.save(CustomerDraft(name="常州大客户有限公司"))
    start = dt.date(2023, 1, 1)
    _visits(
        services.store,
        customer_id,
        [start + dt.timedelta(days=i) for i in range(520)],
        effective=False,
    )
    visits = services.customers.card(customer_id).visits
    assert len(visits) == 520  # no cut-off at 200 any more
    assert visits[0].visit_date == start + dt.timedelta(days=519)
    assert visits[-1].visit_date == start


def test_card_lists_the_customers_market_reports(services: Services) -> None:
    customer_id = services.customers.save(CustomerDraft(name="厦门鹭岛商行"))
    other = services.customers.save(CustomerDraft(name="别家"))
    reports = MarketReportService(services.store, services.user)
    today = TEST_NOW.date()
    for days, customer in ((3, customer_id), (1, customer_id), (2, other)):
        reports.create(
            MarketReportDraft(
                report_date=today - dt.timedelta(days=days),
                description=f"{days}天前",
                category="competitor_product",
                customer_id=customer,
            )
        )
    card = services.customers.card(customer_id)
    assert [m.description for m in card.market_reports] == ["1天前", "3天前"]
    assert card.market_reports[0].category == "competitor_product"
    assert not card.market_reports[0].acknowledged


def test_next_visit_due_follows_the_class_cadence(services: Services) -> None:
    customer_id = services.customers.save(CustomerDraft(name="南京紫金电子有限公司"))
    never = services.customers.card(customer_id)
    assert never.next_visit_due_on is None and never.visit_overdue  # never visited: due now
    with UnitOfWork(services.store, None) as uow:
        customer = uow.session.get(Customer, customer_id)
        assert customer is not None
        customer.value_class = "B"
        customer.last_effective_visit_on = dt.date(2024, 5, 1)
        uow.commit()
    card = services.customers.card(customer_id, today=dt.date(2024, 5, 31))
    assert card.next_visit_due_on == dt.date(2024, 5, 31) and not card.visit_overdue
    late = services.customers.card(customer_id, today=dt.date(2024, 6, 1))
    assert late.visit_overdue
    weekly = services.customers.card(customer_id, Cadence(7, 7, 7), today=dt.date(2024, 5, 9))
    assert weekly.next_visit_due_on == dt.date(2024, 5, 8) and weekly.visit_overdue
