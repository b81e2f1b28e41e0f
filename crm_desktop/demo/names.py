"""Name pools and text snippets for the demo data: people, companies, places, visit notes.

Everything here is invented; any likeness to a real company is a coincidence of common
words. Pools carry pinyin where an e-mail address is made from a name.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# (surname, pinyin), the most common first.
SURNAMES = [
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"),
    ("赵", "zhao"), ("黄", "huang"), ("周", "zhou"), ("吴", "wu"), ("徐", "xu"), ("孙", "sun"),
    ("胡", "hu"), ("朱", "zhu"), ("高", "gao"), ("林", "lin"), ("何", "he"), ("郭", "guo"),
    ("马", "ma"), ("罗", "luo"), ("梁", "liang"), ("宋", "song"), ("郑", "zheng"), ("谢", "xie"),
    ("韩", "han"), ("唐", "tang"), ("冯", "feng"), ("于", "yu"), ("董", "dong"), ("萧", "xiao"),
    ("程", "cheng"), ("曹", "cao"), ("袁", "yuan"), ("邓", "deng"), ("许", "xu"), ("傅", "fu"),
    ("沈", "shen"), ("曾", "zeng"), ("彭", "peng"), ("吕", "lv"), ("苏", "su"), ("卢", "lu"),
    ("蒋", "jiang"), ("蔡", "cai"), ("贾", "jia"), ("丁", "ding"), ("魏", "wei"), ("薛", "xue"),
    ("叶", "ye"), ("阎", "yan"), ("余", "yu"), ("潘", "pan"), ("杜", "du"), ("戴", "dai"),
    ("夏", "xia"), ("钟", "zhong"), ("汪", "wang"), ("田", "tian"), ("任", "ren"), ("姜", "jiang"),
]  # fmt: skip

GIVEN_CHARS = [
    ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"),
    ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"),
    ("杰", "jie"), ("娟", "juan"), ("涛", "tao"), ("明", "ming"), ("超", "chao"), ("秀", "xiu"),
    ("霞", "xia"), ("平", "ping"), ("刚", "gang"), ("桂", "gui"), ("英", "ying"), ("华", "hua"),
    ("建", "jian"), ("国", "guo"), ("文", "wen"), ("辉", "hui"), ("玲", "ling"), ("鹏", "peng"),
    ("红", "hong"), ("波", "bo"), ("斌", "bin"), ("宇", "yu"), ("浩", "hao"), ("凯", "kai"),
    ("晨", "chen"), ("欣", "xin"), ("婷", "ting"), ("雪", "xue"), ("琳", "lin"), ("海", "hai"),
    ("峰", "feng"), ("志", "zhi"), ("东", "dong"), ("亮", "liang"), ("春", "chun"), ("梅", "mei"),
    ("佳", "jia"), ("俊", "jun"), ("慧", "hui"), ("晓", "xiao"), ("颖", "ying"), ("帆", "fan"),
    ("嘉", "jia"), ("怡", "yi"), ("思", "si"), ("博", "bo"), ("子", "zi"), ("一", "yi"),
]  # fmt: skip


@dataclass(frozen=True)
class City:
    name: str
    area_code: str
    tax_region: str  # the 6-digit administrative code inside a unified social credit code
    districts: tuple[str, ...]
    roads: tuple[str, ...]


CITIES = (
    City("上海", "021", "310115", ("浦东新区", "徐汇区", "静安区", "闵行区", "嘉定区", "松江区"),
         ("世纪大道", "张江路", "漕溪北路", "南京西路", "七莘路", "沪松公路")),
    City("杭州", "0571", "330106", ("西湖区", "滨江区", "拱墅区", "余杭区", "萧山区", "上城区"),
         ("文三路", "江南大道", "莫干山路", "文一西路", "市心中路", "解放路")),
    City("南京", "025", "320102", ("玄武区", "鼓楼区", "建邺区", "江宁区", "秦淮区", "栖霞区"),
         ("中山路", "汉中路", "江东中路", "双龙大道", "太平南路", "仙林大道")),
    City("苏州", "0512", "320505", ("姑苏区", "工业园区", "吴中区", "相城区", "虎丘区", "吴江区"),
         ("人民路", "星湖街", "东吴北路", "阳澄湖大道", "狮山路", "中山南路")),
    City("宁波", "0574", "330203", ("海曙区", "鄞州区", "江北区", "北仑区", "镇海区", "奉化区"),
         ("中山西路", "天童南路", "人民路", "新大路", "骆驼街道", "南山路")),
)  # fmt: skip

BRAND_CHARS = "华鑫源盛达恒宏泰金丰瑞祥隆兴裕嘉和诚信安康晟昌荣德旭东升永新润泽佳美联创天宇博海"
BRAND_CHARS += "通远辰星光明亿鼎铭汇聚福顺发益众卓越优品"

# Industry → words that go into a company name of that industry.
INDUSTRIES = {
    "食品饮料": ("食品", "饮品", "粮油", "乳业"),
    "日用百货": ("日化", "百货", "家居用品"),
    "医药保健": ("医药", "药业", "保健品"),
    "建材五金": ("建材", "五金", "机电"),
    "电子电器": ("电子", "电器", "科技"),
    "汽车配件": ("汽配", "汽车服务"),
    "服装纺织": ("服饰", "纺织", "制衣"),
    "餐饮酒店": ("餐饮管理", "酒店"),
    "机械设备": ("机械", "设备", "自动化"),
    "化工塑料": ("化工", "塑料", "新材料"),
    "办公用品": ("文具", "办公设备"),
    "物流运输": ("物流", "供应链"),
}

ENTERPRISE_SUFFIXES = ("有限公司", "有限公司", "有限公司", "股份有限公司", "集团有限公司")
DEALER_SUFFIXES = ("贸易商行", "经销部", "商贸有限公司", "贸易有限公司")
RETAIL_WORDS = ("超市", "便利店", "生活超市", "百货商店", "连锁超市")
AGENCIES = ("教育局", "卫生健康委员会", "市场监督管理局", "机关事务管理局", "人民医院",
            "城市管理局", "文化和旅游局", "实验小学", "第一中学", "疾病预防控制中心")  # fmt: skip

# Contact titles with the buying role such a person usually plays, and a department.
TITLES = (
    ("总经理", "decision_maker", "总经办"), ("董事长", "decision_maker", "董事会"),
    ("采购经理", "influencer", "采购部"), ("采购主管", "gatekeeper", "采购部"),
    ("财务经理", "gatekeeper", "财务部"), ("店长", "decision_maker", "门店"),
    ("仓库主管", "user", "仓储部"), ("技术总监", "influencer", "技术部"),
    ("行政主管", "supporter", "行政部"), ("老板", "decision_maker", None),
    ("办公室主任", "gatekeeper", "办公室"), ("业务员", "user", "业务部"),
)  # fmt: skip
HOBBIES = ("钓鱼", "打高尔夫", "喝茶", "书法", "羽毛球", "登山", "摄影", "下象棋", "跑步",
           "收藏紫砂壶", "看足球", "自驾游", "打乒乓球", "听评弹")  # fmt: skip
EMAIL_DOMAINS = ("163.com", "qq.com", "126.com", "sina.com", "139.com", "foxmail.com")
COMPETITORS = ("美佳公司", "恒源实业", "金达贸易", "联创科技", "宏图集团", "佳禾食品")
PRODUCTS = ("办公耗材", "清洁用品", "饮料", "五金配件", "包装材料", "设备维保", "劳保用品")

LOSS_NOTES = {
    "service": "送货多次延误，客户转向本地供应商",
    "quality": "上批货有质量问题，客户暂停合作",
    "price": "竞品报价低 8%，客户改签",
    "competitor": "竞争对手给了更长账期",
    "rep_left": "原业务员离职后客户流失",
    "credit": "多次逾期付款，已停止供货",
    "customer_change": "客户转型，不再需要该类产品",
    "other": "客户暂停采购",
}

NEXT_STEPS = ("下周送样品试用", "月底前提交报价单", "约采购经理面谈", "催收上月货款",
              "安排技术人员上门调试", "跟进新品试销情况", "确认合同条款", "寄送产品目录",
              "邀请参加新品发布会", "核对对账单")  # fmt: skip
FEEDBACK = ("对价格比较敏感", "希望缩短交货期", "对新包装反映良好", "要求增加促销支持",
            "对售后响应满意", "希望提供月结账期")  # fmt: skip
NEWS = ("新开了一家分店", "采购经理换人了", "正在扩建仓库", "下月搬迁新址", "准备上新产品线")
COMPETITOR_INFO = ("美佳公司在做买十送一促销", "恒源实业降价 5%", "金达贸易推出新品",
                   "佳禾食品给了 60 天账期")  # fmt: skip
REFLECTIONS = ("客户对新品兴趣较大，需尽快准备样品", "今天路线安排不合理，明天调整顺序",
               "收款顺利，客户对服务满意", "竞品活动力度大，需向公司申请促销支持",
               "新客户开发难度大，要多准备成功案例", "拜访前准备不足，下次先电话预约")  # fmt: skip
SIGN_COMMENTS = ("同意，明天按计划执行", "回款情况良好，继续保持",
                 "有效拜访率偏低，重点跟进A类客户", "新客户开发不错，注意及时报价",
                 "订单达成不错，辛苦了", "大客户要多花时间，注意竞品动态",
                 "拜访记录要写清楚洽谈结果")  # fmt: skip
RETURN_COMMENTS = ("拜访记录不完整，请补充洽谈结果后重新提交", "费用明细缺少说明，请补充",
                   "下一步行动不明确，请修改后提交")  # fmt: skip
MARKET_TEXTS = {
    "consumer_opinion": ("消费者反映新口味偏甜", "顾客希望增加小包装规格"),
    "competitor_promotion": ("美佳公司在各大超市做买十送一", "恒源实业对经销商返点提高 2%"),
    "competitor_product": ("金达贸易推出低价替代款", "佳禾食品上市无糖系列"),
    "dealer_complaint": ("经销商抱怨到货周期太长", "经销商反映窜货影响价格"),
    "personnel_change": ("客户采购经理离职，新经理下月到岗", "客户总经理调任集团总部"),
    "other": ("区域道路施工，送货需绕行", "本地出台新的环保要求"),
}
COMPLAINT_TEXTS = {
    "quality": ("部分产品包装漏气", "批次产品颜色不一致"),
    "delivery": ("送货晚了两天，影响门店销售", "到货数量与订单不符"),
    "service": ("客服电话长时间无人接听", "送货员态度不好"),
    "price": ("对账金额与合同价不一致", "促销价没有按约定执行"),
    "damage": ("运输途中外箱破损", "收到临期产品"),
    "other": ("发票开具错误", "宣传物料没有按时送到"),
}
DEPARTMENTS = ("质量部", "物流部", "客服部", "财务部", "销售部")


def person(rng: random.Random) -> tuple[str, str]:
    """A Chinese name and its pinyin ("张伟", "zhang.wei"); a third have one given character.

    Doubled characters (婷婷) can come out, as they do in real names.
    """
    surname, s_py = rng.choice(SURNAMES)
    first, f_py = rng.choice(GIVEN_CHARS)
    if rng.random() < 1 / 3:
        return surname + first, f"{s_py}.{f_py}"
    second, x_py = rng.choice(GIVEN_CHARS)
    return surname + first + second, f"{s_py}.{f_py}{x_py}"


def mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"


def landline(rng: random.Random, city: City) -> str:
    """An 8-digit local number behind the city's area code: "0571-87654321"."""
    return f"{city.area_code}-{rng.randrange(2, 9)}{rng.randrange(10**7):07d}"


def tax_id(rng: random.Random, city: City) -> str:
    """A unified social credit code in form (18 characters; the check digit is not real)."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = "".join(rng.choice(alphabet) for _ in range(10))
    return f"91{city.tax_region}{body}"


def company(rng: random.Random, city: City, kind: str, industry: str) -> tuple[str, str]:
    """A company name and its short name for a customer type code."""
    brand = "".join(rng.sample(BRAND_CHARS, 2))
    word = rng.choice(INDUSTRIES[industry])
    district = rng.choice(city.districts)
    if kind == "retail":
        shop = rng.choice(RETAIL_WORDS)
        return f"{brand}{shop}（{district.removesuffix('区').removesuffix('新')}店）", brand + shop
    if kind == "government":
        return f"{city.name}市{district}{rng.choice(AGENCIES)}", district + "政府客户"
    if kind == "individual":
        name, _ = person(rng)
        return f"{name}（个体经营）", name
    if kind in ("dealer", "general_agent"):
        suffix = "总代理有限公司" if kind == "general_agent" else rng.choice(DEALER_SUFFIXES)
        return f"{city.name}{brand}{word}{suffix}", brand + word
    return f"{city.name}{brand}{word}{rng.choice(ENTERPRISE_SUFFIXES)}", brand + word


def address(rng: random.Random, city: City, district: str) -> str:
    return f"{city.name}市{district}{rng.choice(city.roads)}{rng.randrange(1, 999)}号"
