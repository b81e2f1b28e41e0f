"""Import 10,000 customers from .xlsx into (a scratch copy of) the 100k store, with duplicates.

    .venv/bin/python bench/import_10k.py [--data-dir DIR] [--rows 10000] [--runs 3]

Writes a realistic sheet with openpyxl (Chinese headers, company and person names, phones,
tax ids, picklist labels as people type them, a few bad rows) in which about 5% of the
rows are other spellings of customers already in the store (same company under another
legal form, same phone, same tax id) and a few repeat earlier rows of the file. Each run
copies the cached store first, so the cache stays as the demo made it, and times
`import_customers(services, path)` alone. Target (issue 2): ≤ 10 s.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

import _common
from openpyxl import Workbook

from crm_desktop.services.container import Services
from crm_desktop.services.importing.customer_import import import_customers

TARGET_S = 10.0
HEADERS = [
    "客户名称",
    "简称",
    "客户类型",
    "状态",
    "区域",
    "行业",
    "地址",
    "电话",
    "统一社会信用代码",
    "信用额度(元)",
    "重点客户",
    "联系人",
    "职务",
    "手机",
    "备注",
]
# City → sales region, as a rep's spreadsheet would have them.
REGIONS = {
    "上海": "华东",
    "北京": "华北",
    "广州": "华南",
    "深圳": "华南",
    "杭州": "华东",
    "南京": "华东",
    "苏州": "华东",
    "成都": "西南",
    "武汉": "华中",
    "西安": "西北",
    "重庆": "西南",
    "天津": "华北",
    "青岛": "华东",
    "宁波": "华东",
    "厦门": "华南",
    "长沙": "华中",
    "郑州": "华中",
    "合肥": "华东",
    "济南": "华东",
    "沈阳": "东北",
}
CITIES = list(REGIONS)
WORDS = "恒 盛 华 泰 鑫 源 宏 达 瑞 丰 嘉 信 永 安 长 隆 金 鼎 联 创 新 兴 中 汇 博 远 天 宇"
INDUSTRIES = [("贸易", "批发零售"), ("电子科技", "电子"), ("机械设备", "制造业"),
              ("建材", "建筑"), ("食品", "食品饮料"), ("医药", "医药"), ("物流", "物流"),
              ("化工", "化工"), ("家电", "家电"), ("包装材料", "制造业")]  # fmt: skip
FORMS = ["有限公司", "股份有限公司", "有限责任公司", "集团有限公司", "商贸行"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰"
TITLES = ["总经理", "采购经理", "采购专员", "财务经理", "仓库主管", "技术总监", "老板"]
TYPES = ["企业", "经销商", "总代理", "零售终端", "企业", "企业"]
STATUSES = ["潜在客户", "潜在", "现实客户", "旧客户"]


def fresh_row(rnd: random.Random, number: int) -> list[object]:
    city = rnd.choice(CITIES)
    brand = "".join(rnd.sample(WORDS.split(), 2))
    business, industry = rnd.choice(INDUSTRIES)
    name = f"{city}{brand}{business}{rnd.choice(FORMS)}"
    person = rnd.choice(SURNAMES) + "".join(rnd.sample(GIVEN, rnd.choice((1, 2))))
    phone = f"0{rnd.randint(10, 999)}-{rnd.randint(2000_0000, 8999_9999)}"
    mobile = f"1{rnd.choice('3456789')}{rnd.randint(0, 999_999_999):09d}"
    tax_id = f"9{rnd.randint(1, 6)}{rnd.randint(10_0000, 65_9999)}MA{number:08X}"
    return [name, brand, rnd.choice(TYPES), rnd.choice(STATUSES), REGIONS[city], industry,
            f"{city}市{brand}路{rnd.randint(1, 999)}号", phone, tax_id,
            rnd.choice([None, 50_000, 200_000, "1,000,000"]), rnd.choice(["否", "否", "是", None]),
            person, rnd.choice(TITLES), mobile,
            rnd.choice([None, "展会获取", "老客户介绍", "电话开发"])]  # fmt: skip


def existing_customers(data_dir: Path, how_many: int, rnd: random.Random) -> list[tuple[str, ...]]:
    """(name, phone, tax id) of customers already in the store, to write as duplicates."""
    import sqlite3

    path = data_dir / _common.DB_FILENAME
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        total = conn.execute("SELECT max(rowid) FROM customers").fetchone()[0]
        picked = []
        for rowid in rnd.sample(range(1, total + 1), how_many * 2):
            row = conn.execute(
                "SELECT name, phone, tax_id FROM customers WHERE rowid = ? AND deleted = 0",
                (rowid,),
            ).fetchone()
            if row:
                picked.append(tuple(value or "" for value in row))
    return picked[:how_many]


def duplicate_row(rnd: random.Random, number: int, original: tuple[str, ...]) -> list[object]:
    """A fresh row that matches `original` by name spelling, phone or tax id."""
    row = fresh_row(rnd, number)
    name, phone, tax_id = original
    how = rnd.choice(["name", "name", "phone", "tax"] if phone and tax_id else ["name"])
    if how == "name":
        spaced = name.replace("有限公司", " 有限公司").replace("股份", "（股份）")
        row[0] = spaced if spaced != name else name + " "
    elif how == "phone":
        row[7] = "+86 " + phone.lstrip("0")
    else:
        row[8] = tax_id.lower()
    return row


def write_sheet(path: Path, rows: int, existing: list[tuple[str, ...]], seed: int) -> None:
    """The .xlsx to import: mostly new customers, ~5% known ones, a few bad and repeated."""
    rnd = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("客户名单")
    sheet.append(HEADERS)
    written: list[list[object]] = []
    for number in range(rows):
        roll = rnd.random()
        if roll < 0.05 and existing:
            row = duplicate_row(rnd, number, existing[number % len(existing)])
        elif roll < 0.06 and written:
            row = list(rnd.choice(written))  # the same customer twice in one file
        elif roll < 0.065:
            row = fresh_row(rnd, number)
            row[7] = "电话待补充"  # a bad phone: reported, skipped
        else:
            row = fresh_row(rnd, number)
        written.append(row)
        sheet.append(row)
    book.save(path)


def main() -> None:
    p = _common.parser(__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=10_000)
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    data_dir = _common.ensure_store(args.data_dir, args.customers, rebuild=args.rebuild)
    print(_common.machine())
    print(f"store: {data_dir} {_common.store_counts(data_dir)}")
    with tempfile.TemporaryDirectory(prefix="crm-bench-import-") as tmp:
        sheet = Path(tmp) / "客户导入.xlsx"
        started = time.perf_counter()
        rnd = random.Random(11)
        write_sheet(sheet, args.rows, existing_customers(data_dir, args.rows // 20, rnd), 11)
        print(f"wrote {sheet.name}: {args.rows:,} rows, {sheet.stat().st_size / 1e6:.1f} MB "
              f"in {time.perf_counter() - started:.1f} s (not counted)")  # fmt: skip
        times = []
        for run in range(args.runs):
            scratch = _common.copy_store(data_dir, Path(tmp) / f"store-{run}")
            services = Services.open(scratch)
            try:
                started = time.perf_counter()
                report = import_customers(services, sheet)
                times.append(time.perf_counter() - started)
            finally:
                services.close()
            print(f"  run {run + 1}: {times[-1]:.2f} s — {report.rows:,} rows read, "
                  f"{report.imported:,} imported, {len(report.duplicates):,} duplicates "
                  f"({sum(d.other_owner for d in report.duplicates):,} 撞单), "
                  f"{len(report.errors):,} errors")  # fmt: skip
    median = statistics.median(times)
    verdict = "meets" if median <= TARGET_S else "MISSES"
    print(f"import of {args.rows:,} rows into {_common.store_counts(data_dir)['customers']:,} "
          f"customers: median {median:.2f} s, max {max(times):.2f} s — {verdict} the "
          f"{TARGET_S:.0f} s target")  # fmt: skip


if __name__ == "__main__":
    main()
