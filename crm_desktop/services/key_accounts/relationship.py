"""The relationship map 关系图 (F15): the customer's people by reporting line, with buying
role, attitude, influence and which of our people holds the link; coverage by level."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.key_accounts import check_link as check_map_link
from crm_desktop.domain.relationship_map import (
    LevelCoverage,
    MapNode,
    MapPerson,
    build_tree,
    coverage_by_level,
)
from crm_desktop.services.actor import CurrentUser
from crm_desktop.services.key_accounts.common import account, not_found, user_names
from crm_desktop.store.database import Store
from crm_desktop.store.models import Contact, RelationshipLink
from crm_desktop.store.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class LinkDraft:
    customer_id: str
    contact_id: str
    reports_to_contact_id: str | None = None
    buying_role: str | None = None
    attitude: str | None = None
    influence: int | None = None
    our_user_id: str | None = None
    note: str = ""


@dataclass(frozen=True)
class RelationshipMap:
    people: list[MapPerson]
    tree: list[MapNode]
    coverage: list[LevelCoverage]
    link_ids: dict[str, str] = field(default_factory=dict)  # contact id -> link row id
    contacts: list[tuple[str, str]] = field(default_factory=list)  # all live (id, name)


def check_link(draft: LinkDraft) -> None:
    """The domain's rule for a person on the map, as the server applies it too."""
    check_map_link(
        draft.contact_id,
        draft.reports_to_contact_id,
        draft.buying_role,
        draft.attitude,
        draft.influence,
    )


class RelationshipMapService:
    def __init__(self, store: Store, user: CurrentUser) -> None:
        self._store = store
        self._user = user

    def map(self, customer_id: str) -> RelationshipMap:
        with self._store.reading() as s:
            names = user_names(s)
            rows = s.execute(
                select(RelationshipLink, Contact.name, Contact.title)
                .join(Contact, Contact.id == RelationshipLink.contact_id)
                .where(
                    RelationshipLink.customer_id == customer_id,
                    RelationshipLink.deleted.is_(False),
                    Contact.deleted.is_(False),
                )
            ).all()
            contacts = s.execute(
                select(Contact.id, Contact.name)
                .where(Contact.customer_id == customer_id, Contact.deleted.is_(False))
                .order_by(Contact.name, Contact.id)
            ).all()
        people = [
            MapPerson(
                contact_id=link.contact_id,
                name=name,
                title=title or "",
                reports_to=link.reports_to_contact_id,
                buying_role=link.buying_role,
                attitude=link.attitude,
                influence=link.influence,
                our_user_id=link.our_user_id,
                our_user_name=names.get(link.our_user_id or "", ""),
            )
            for link, name, title in rows
        ]
        tree = build_tree(people)
        return RelationshipMap(
            people,
            tree,
            coverage_by_level(tree),
            {link.contact_id: link.id for link, _n, _t in rows},
            [(c[0], c[1]) for c in contacts],
        )

    def save(self, draft: LinkDraft) -> str:
        """Put a contact on the map, or change their place on it (one row per contact)."""
        check_link(draft)
        actor = self._user.actor
        with UnitOfWork(self._store, actor.user_id) as uow:
            s = uow.session
            customer = account(s, actor, draft.customer_id)
            for contact_id in (draft.contact_id, draft.reports_to_contact_id):
                contact = s.get(Contact, contact_id) if contact_id else None
                if contact_id and (
                    contact is None or contact.deleted or contact.customer_id != customer.id
                ):
                    raise ValidationError(
                        "该联系人不属于这个客户", "That contact is not one of this customer's"
                    )
            link = s.scalars(
                select(RelationshipLink).where(
                    RelationshipLink.customer_id == draft.customer_id,
                    RelationshipLink.contact_id == draft.contact_id,
                    RelationshipLink.deleted.is_(False),
                )
            ).first()
            if link is None:
                link = RelationshipLink(
                    customer_id=draft.customer_id,
                    contact_id=draft.contact_id,
                    owner_id=customer.owner_id,
                    team_id=customer.team_id,
                )
                s.add(link)
            values = {
                "reports_to_contact_id": draft.reports_to_contact_id,
                "buying_role": draft.buying_role,
                "attitude": draft.attitude,
                "influence": draft.influence,
                "our_user_id": draft.our_user_id,
                "note": draft.note.strip()[:300] or None,
            }
            for name, value in values.items():
                if getattr(link, name) != value:
                    setattr(link, name, value)
            s.flush()
            uow.commit()
            return link.id

    def remove(self, link_id: str) -> None:
        actor = self._user.actor
        with UnitOfWork(self._store, actor.user_id) as uow:
            link = uow.session.get(RelationshipLink, link_id)
            if link is None or link.deleted:
                raise not_found("关系", "relationship")
            account(uow.session, actor, link.customer_id)
            link.deleted = True
            uow.commit()
