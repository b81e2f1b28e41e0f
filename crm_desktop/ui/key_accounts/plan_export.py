"""One export of an account plan for the page's buttons and `crm-desktop account-plan`:
the report the service gathers, the relationship map drawn by map_painter, then the
.xlsx (export/account_plan_workbook.py, with the diagram as an image) or the PDF
(plan_pdf.py) by the file's suffix. Both paths give the same file."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from crm_desktop.domain.errors import ValidationError
from crm_desktop.services.container import Services
from crm_desktop.ui.key_accounts.map_painter import render_png
from crm_desktop.ui.key_accounts.plan_pdf import write_account_plan_pdf

SUFFIXES = (".xlsx", ".pdf")


def check_suffix(path: Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError(
            "请选择 .xlsx 或 .pdf 文件名，例如“客户计划.xlsx”",
            "Choose a file name ending in .xlsx or .pdf, e.g. “plan.xlsx”",
            "output",
        )
    return suffix


def export_plan(services: Services, plan_id: str, path: Path, lang: str) -> Path:
    """Write the plan to `path` (.xlsx or .pdf); needs a QGuiApplication for the diagram."""
    suffix = check_suffix(path)
    ka = services.key_accounts
    report = ka.report(plan_id, lang)
    tree = ka.relationship.map(ka.plans.open(plan_id).customer_id).tree
    if suffix == ".pdf":
        return write_account_plan_pdf(report, tree, path)
    diagram = render_png(tree, lang) if tree else None
    return ka.export_xlsx(dataclasses.replace(report, diagram_png=diagram), path)
