"""The relationship map 关系图 of a key account (F15): the customer's people arranged by
reporting line, each with a buying role, an attitude towards us, an influence, and which
of our people holds the link to them.

The reference asks for a "拉链式" (zipper) network: one-to-one links between the two
companies, top to bottom. So the map's level of a person is their depth in the customer's
reporting line (1 = the top), and a coverage gap is a person at some level that none of
our people holds a link to; a level with nobody linked breaks the zipper.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

INFLUENCE_MIN, INFLUENCE_MAX = 1, 5


@dataclass(frozen=True)
class MapPerson:
    contact_id: str
    name: str
    title: str = ""
    reports_to: str | None = None  # contact id of their superior at the customer
    buying_role: str | None = None  # BuyingRole code
    attitude: str | None = None  # Attitude code
    influence: int | None = None  # 1-5
    our_user_id: str | None = None  # which of our people holds the link
    our_user_name: str = ""


@dataclass(frozen=True)
class MapNode:
    person: MapPerson
    level: int  # 1 = the top of a reporting line
    children: tuple[MapNode, ...] = ()


@dataclass(frozen=True)
class LevelCoverage:
    level: int
    people: int
    linked: int
    unlinked: tuple[str, ...] = field(default=())  # names of the people nobody holds

    @property
    def gap(self) -> int:
        return self.people - self.linked


def build_tree(people: list[MapPerson]) -> list[MapNode]:
    """The reporting lines as trees, roots first by influence and name. A superior who is
    not on the map, or a loop in the reporting lines, makes a person a root, so nobody
    is ever dropped."""
    by_id = {p.contact_id: p for p in people}
    children: dict[str | None, list[MapPerson]] = defaultdict(list)
    for person in people:
        parent = person.reports_to if person.reports_to in by_id else None
        if parent is not None and _in_loop(person, by_id):
            parent = None
        children[parent].append(person)

    def order(group: list[MapPerson]) -> list[MapPerson]:
        return sorted(group, key=lambda p: (-(p.influence or 0), p.name, p.contact_id))

    def node(person: MapPerson, level: int) -> MapNode:
        kids = tuple(node(c, level + 1) for c in order(children.get(person.contact_id, [])))
        return MapNode(person, level, kids)

    return [node(root, 1) for root in order(children.get(None, []))]


def _in_loop(person: MapPerson, by_id: dict[str, MapPerson]) -> bool:
    seen = {person.contact_id}
    current = by_id.get(person.reports_to or "")
    while current is not None:
        if current.contact_id in seen:
            return True
        seen.add(current.contact_id)
        current = by_id.get(current.reports_to or "")
    return False


def walk(nodes: list[MapNode]) -> list[MapNode]:
    """Every node, depth first, in the order a tree is drawn or printed."""
    found: list[MapNode] = []
    stack = list(reversed(nodes))
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(reversed(current.children))
    return found


def coverage_by_level(nodes: list[MapNode]) -> list[LevelCoverage]:
    """Per level: how many people, how many linked to one of ours, who is not."""
    people: dict[int, list[MapPerson]] = defaultdict(list)
    for current in walk(nodes):
        people[current.level].append(current.person)
    return [
        LevelCoverage(
            level,
            len(group),
            sum(1 for p in group if p.our_user_id),
            tuple(p.name for p in group if not p.our_user_id),
        )
        for level, group in sorted(people.items())
    ]


def broken_levels(coverage: list[LevelCoverage]) -> list[int]:
    """Levels where none of our people holds a link: where the zipper is open."""
    return [c.level for c in coverage if c.people and c.linked == 0]
