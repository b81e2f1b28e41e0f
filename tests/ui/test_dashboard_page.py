"""The Dashboard page: figures computed in the background, drawn into the cards' Figures,
stale answers dropped, empty periods said in words, charts exported as real PNG files;
and the choice of a CJK font for matplotlib."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.picklists import Role
from crm_desktop.services.container import Services
from crm_desktop.store.models import (
    Customer,
    DailyReport,
    Opportunity,
    Target,
    Team,
    User,
    VisitRecord,
)
from crm_desktop.store.unit_of_work import UnitOfWork
from crm_desktop.ui.activity.form import to_qdate
from crm_desktop.ui.dashboard import charts
from crm_desktop.ui.dashboard.fonts import CJK_FONTS, pick_cjk_font
from crm_desktop.ui.dashboard.page import DashboardPage, period_bounds
from crm_desktop.ui.pages.base import PageContext

WEEK1 = dt.date(2026, 3, 2)  # a Monday
END = dt.date(2026, 3, 15)  # the Sunday of the week after
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def make_org(services: Services) -> dict[str, str]:
    """A supervisor over 安娜 and 白波. 安娜: 3 visits in week 1 (2 effective), 1 in
    week 2; 白波: 1 effective visit in week 1. Opportunities at discover (1), proposal
    (2); 安娜 won one and lost one in the period. 安娜 has a March sales target."""
    with UnitOfWork(services.store, None) as uow:
        s = uow.session
        sup = User(username="sup", display_name="王主管", role=Role.SUPERVISOR.value)
        s.add(sup)
        s.flush()
        team = Team(name="上海办", supervisor_id=sup.id)
        s.add(team)
        s.flush()
        ids = {"sup": sup.id, "team": team.id}
        for username, name in (("amy", "安娜"), ("bo", "白波")):
            rep = User(username=username, display_name=name, role=Role.REP.value, team_id=team.id)
            s.add(rep)
            s.flush()
            ids[username] = rep.id
            customer = Customer(name=f"{name}的客户", owner_id=rep.id, value_class="A")
            s.add(customer)
            s.flush()
            ids[f"{username}_customer"] = customer.id
        visits = (
            ("amy", WEEK1, True, 600_000),
            ("amy", WEEK1 + dt.timedelta(days=1), True, 300_000),
            ("amy", WEEK1 + dt.timedelta(days=2), False, 0),
            ("bo", WEEK1 + dt.timedelta(days=3), True, 100_000),
            ("amy", WEEK1 + dt.timedelta(days=8), False, 0),
        )
        for rep, day, effective, order in visits:
            report = DailyReport(owner_id=ids[rep], report_date=day, status="submitted")
            s.add(report)
            s.flush()
            s.add(
                VisitRecord(
                    owner_id=ids[rep],
                    report_id=report.id,
                    customer_id=ids[f"{rep}_customer"],
                    visit_date=day,
                    is_effective=effective,
                    order_amount_fen=order,
                )
            )
        for rep, stage, amount, closed in (
            ("amy", "discover", 1_000_000, None),
            ("amy", "proposal", 400_000, None),
            ("bo", "proposal", 200_000, None),
            ("amy", "won", 500_000, WEEK1 + dt.timedelta(days=4)),
            ("amy", "lost", 70_000, WEEK1 + dt.timedelta(days=9)),
        ):
            s.add(
                Opportunity(
                    owner_id=ids[rep],
                    customer_id=ids[f"{rep}_customer"],
                    name=f"{stage}项目",
                    amount_fen=amount,
                    stage_code=stage,
                    closed_on=closed,
                )
            )
        s.add(
            Target(
                kind="sales",
                assignee_user_id=ids["amy"],
                owner_id=ids["amy"],
                period_kind="month",
                period_start=dt.date(2026, 3, 1),
                period_end=dt.date(2026, 3, 31),
                value=3_100_000,
            )
        )
        uow.commit()
    return ids


@pytest.fixture
def org(services: Services) -> dict[str, str]:
    ids = make_org(services)
    services.user.switch(ids["sup"])
    return ids


def open_page(qtbot: QtBot, context: PageContext) -> DashboardPage:
    page = DashboardPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    return page


def show_period(qtbot: QtBot, page: DashboardPage, start: dt.date, end: dt.date) -> None:
    """Choose a custom period, then wait until the charts show it."""
    page.period.setCurrentIndex(page.period.findData("custom"))
    page.date_from.setDate(to_qdate(start))
    page.date_to.setDate(to_qdate(end))
    with qtbot.waitSignal(page.charts_drawn, timeout=20_000):
        page.refresh()
        # The figures are computed off the GUI thread: the page says so meanwhile.
        assert page.status.text() == page.tr("Updating…")
    assert page.data is not None and (page.data.start, page.data.end) == (start, end)
    assert page.status.text() == ""


def bars(page: DashboardPage, key: str) -> list[float]:
    """Heights (vertical bars) or widths (horizontal bars) of a chart's bars."""
    ax = page.figure(key).axes[0]
    return [p.get_width() if key != "weekly_visits" else p.get_height() for p in ax.patches]


def texts(page: DashboardPage, key: str) -> list[str]:
    figure = page.figure(key)
    found = [t.get_text() for t in figure.texts]
    for ax in figure.axes:
        found += [t.get_text() for t in ax.texts]
        found += [t.get_text() for t in ax.get_yticklabels()]
        found += [t.get_text() for t in ax.get_xticklabels()]
    return found


def test_the_page_draws_every_chart_from_the_figures(
    qtbot: QtBot, context: PageContext, org: dict[str, str]
) -> None:
    page = open_page(qtbot, context)
    show_period(qtbot, page, WEEK1, END)

    # Weekly visits: grouped bars, 安娜's two weeks then 白波's.
    assert bars(page, "weekly_visits") == [3, 1, 1, 0]
    assert texts(page, "weekly_visits")[-2:] == ["W10", "W11"]
    legend = page.figure("weekly_visits").axes[0].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["安娜", "白波"]

    # Effective rate: 3 of 4 in week 10, 0 of 1 in week 11 (a real 0 %).
    line = page.figure("effective_trend").axes[0].lines[0]
    assert list(line.get_ydata()) == [75.0, 0.0]

    # Funnel: open opportunities per stage, bar widths are the counts.
    assert bars(page, "funnel") == [1, 0, 2, 0, 0]
    # Weighted pipeline: 10 % of ¥10,000 and 50 % of ¥6,000, in yuan.
    weighted = bars(page, "weighted")
    assert weighted == [1_000.0, 0.0, 3_000.0, 0.0, 0.0]
    assert page.data is not None and page.data.weighted.total_fen == 400_000

    # Sales target achievement: 安娜 ¥9,000 of ¥14,000 pro-rated; 白波 has no target.
    achieved = bars(page, "achievement")
    assert achieved[0] == pytest.approx(900_000 / 1_400_000 * 100)
    assert achieved[1] == 0
    labels = texts(page, "achievement")
    assert any(t.startswith("64%") for t in labels)
    assert any(t.startswith("—") for t in labels)

    # Close rate: 安娜 won 1 of 2 closed; 白波 closed nothing — "—", not 0 %.
    assert bars(page, "close_rates") == [50.0, 0.0]
    assert "—" in texts(page, "close_rates")

    # A/B/C: both customers are A; the Pareto curve runs from (0, 0) to (100, 100).
    assert bars(page, "pyramid") == [2, 0, 0]
    pareto = page.figure("pareto").axes[0].lines[0]
    assert (pareto.get_xdata()[0], pareto.get_ydata()[-1]) == (0.0, 100.0)

    for key, card in page.cards.items():
        assert card.export_button.isEnabled(), key
        assert not any("nan" in t.lower() for t in texts(page, key)), key


def test_an_empty_period_says_so_instead_of_drawing_zeros(
    qtbot: QtBot, context: PageContext, org: dict[str, str]
) -> None:
    page = open_page(qtbot, context)
    show_period(qtbot, page, dt.date(2024, 1, 1), dt.date(2024, 1, 31))
    for key in ("weekly_visits", "effective_trend", "close_rates"):
        figure = page.figure(key)
        assert figure.axes == [], key
        assert [t.get_text() for t in figure.texts] != [], key
    assert [t.get_text() for t in page.figure("weekly_visits").texts] == [
        page.text(charts.NO_VISITS)
    ]
    # A week without visits is a gap in the rate line, not a point at 0 %.
    show_period(qtbot, page, WEEK1 + dt.timedelta(days=7), END + dt.timedelta(days=7))
    ys = list(page.figure("effective_trend").axes[0].lines[0].get_ydata())
    assert ys[0] == 0.0 and math.isnan(ys[1])
    assert "—" in texts(page, "effective_trend")


def test_an_older_answer_is_dropped(
    qtbot: QtBot, context: PageContext, org: dict[str, str]
) -> None:
    page = open_page(qtbot, context)
    drawn: list[object] = []
    page.charts_drawn.connect(lambda: drawn.append(page.data))
    page.period.setCurrentIndex(page.period.findData("custom"))
    page.date_from.setDate(to_qdate(dt.date(2024, 1, 1)))
    page.date_to.setDate(to_qdate(dt.date(2024, 1, 31)))
    first = page.refresh()
    page.date_from.setDate(to_qdate(WEEK1))
    page.date_to.setDate(to_qdate(END))
    with qtbot.waitSignal(page.charts_drawn, timeout=20_000):
        last = page.refresh()
    qtbot.waitUntil(lambda: not first.running and not last.running)
    # The first answer arrived too (one task thread, in order) but was never drawn.
    assert len(drawn) == 1
    assert page.data is not None and page.data.start == WEEK1
    assert bars(page, "weekly_visits") == [3, 1, 1, 0]


def test_charts_show_as_pixmaps_and_follow_the_width(
    qtbot: QtBot, context: PageContext, org: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The charts are rendered in the background at the card's width; a wider window
    renders them again, from the figures already computed."""
    page = open_page(qtbot, context)
    show_period(qtbot, page, WEEK1, END)
    computed = page.data
    queried: list[object] = []
    figure_parts = page.service.figure_parts
    monkeypatch.setattr(page.service, "figure_parts",
                        lambda *args: queried.append(args) or figure_parts(*args))  # fmt: skip
    widths = {}
    for key, card in page.cards.items():
        pixmap = card.image.pixmap()
        assert not pixmap.isNull(), key
        logical = round(pixmap.width() / pixmap.devicePixelRatio())
        assert logical == card.chart_width(), key
        widths[key] = logical
    with qtbot.waitSignal(page.charts_drawn, timeout=20_000):
        page.resize(1600, 900)
    assert page.data == computed and queried == []  # drawn again, not computed again
    for key, card in page.cards.items():
        pixmap = card.image.pixmap()
        assert round(pixmap.width() / pixmap.devicePixelRatio()) > widths[key], key


def test_export_writes_a_png(
    qtbot: QtBot,
    context: PageContext,
    org: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = open_page(qtbot, context)
    show_period(qtbot, page, WEEK1, END)
    target = tmp_path / "看板" / "funnel"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_args, **_kw: (str(target), "PNG (*.png)")
    )
    saved = page.cards["funnel"].export()
    assert saved == str(target) + ".png"
    data = Path(saved).read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 1_000
    # Cancelling the dialog writes nothing.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, **_kw: ("", ""))
    assert page.cards["funnel"].export() is None


def test_a_folder_that_refuses_the_png_is_said_in_plain_words(
    qtbot: QtBot,
    context: PageContext,
    org: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown_errors: list[UserFacingError],
) -> None:
    page = open_page(qtbot, context)
    show_period(qtbot, page, WEEK1, END)
    target = tmp_path / "gone" / "funnel.png"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_args, **_kw: (str(target), "PNG (*.png)")
    )
    assert page.cards["funnel"].export() is None
    assert len(shown_errors) == 1
    assert "不存在" in shown_errors[0].message_zh and "does not exist" in shown_errors[0].message_en
    assert not target.parent.exists()


def test_a_rep_has_no_team_filter_and_sees_their_own(
    qtbot: QtBot, services: Services, context: PageContext, org: dict[str, str]
) -> None:
    services.user.switch(org["bo"])
    page = open_page(qtbot, context)
    assert page.team.isHidden()
    show_period(qtbot, page, WEEK1, END)
    assert bars(page, "weekly_visits") == [1, 0]
    assert bars(page, "funnel") == [0, 0, 1, 0, 0]


def test_a_supervisor_can_filter_by_team(
    qtbot: QtBot, context: PageContext, org: dict[str, str]
) -> None:
    page = open_page(qtbot, context)
    assert not page.team.isHidden()
    assert page.team.findData(org["team"]) > 0


def test_period_choices() -> None:
    today = dt.date(2026, 11, 19)  # a Thursday
    assert period_bounds("week", today) == (dt.date(2026, 11, 16), today)
    assert period_bounds("4weeks", today) == (dt.date(2026, 10, 26), today)
    assert period_bounds("month", today) == (dt.date(2026, 11, 1), today)
    assert period_bounds("quarter", today) == (dt.date(2026, 10, 1), today)
    assert period_bounds("year", today) == (dt.date(2026, 1, 1), today)


def test_cjk_font_choice() -> None:
    assert pick_cjk_font(["DejaVu Sans", "SimHei", "WenQuanYi Micro Hei"]) == (
        "WenQuanYi Micro Hei"
    )
    assert pick_cjk_font(["SimHei", "Noto Sans CJK SC"]) == "Noto Sans CJK SC"
    assert pick_cjk_font(["PingFang SC"]) == "PingFang SC"
    assert pick_cjk_font(["DejaVu Sans", "Liberation Sans"]) is None
    assert pick_cjk_font([]) is None
    assert CJK_FONTS[0] == "Noto Sans CJK SC"


def test_chart_texts_fall_back_to_english_without_a_cjk_font(qapp: object) -> None:
    assert not charts.ChartText("zh_CN", cjk_font=False).chinese
    assert charts.ChartText("zh_CN", cjk_font=False)(charts.NO_VISITS) == "No visits in this period"
    assert charts.ChartText("zh_CN", cjk_font=True).chinese
    assert not charts.ChartText("en", cjk_font=True).chinese
    assert charts.ChartText("en", cjk_font=False).money(123_456_789) == "¥1.23M"
    assert charts.ChartText("zh_CN", cjk_font=True).money(123_456_789) == "¥123.5万"
    assert charts.percent_label(None) == "—"
