"""Demo data: a realistic Fengtai district with N generated cases, the same for the same seed.

Keeps the real units and categories already loaded from resources/reference and adds generated
communities (社区/村), a few bureau sections and some street populations, all labelled as demo
(is_demo, code DEMO-…, note "demo"). Cases run over a fixed span (2019-01-01 … 2022-08-31 by
default) with the seed's yearly volumes and seasonality, each case's life told as events
(create, dispatch, sign, contact, reply, callbacks, returns, extensions, merges, reopenings);
the story is cut at the end of the span, so the youngest cases are still open, some overdue.
The case row is derived from its events (`_replay`), so the row and its timeline always agree.

Everything comes from `random.Random(seed)`; nothing depends on the clock. Rows are written in
bulk through the driver (SQLite executemany, PostgreSQL COPY) in one transaction, then the case
number counters and the summary tables (stats.rebuild) are filled.
"""
from __future__ import annotations

import bisect
import itertools
import random
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.db import SQLITE_BUSY_TIMEOUT_MS
from app.models import Case, Unit
from app.models.codes import Channel, RequestType
from app.services import stats
from app.services.directory import Directory
from app.services.errors import DemoRefused
from app.services.lifecycle import suggest_unit, tier_for
from app.services.rules import deadlines_for, int_setting

DEFAULT_START = date(2019, 1, 1)
DEFAULT_END = date(2022, 8, 31)  # the seed's data ends here
MAX_CASES = 20_000_000
WORKSTATION = "demo"
DEMO_NOTE = "demo"

# requests per year in the seed (2022: January to August), ../shared/reference/rules.md
YEAR_VOLUMES = {2019: 175_000, 2020: 332_000, 2021: 457_000, 2022: 450_000}
# rates of the seed, per year: resolution, satisfaction (both from reached callbacks), response
YEAR_RATES = {2019: (0.56, 0.74, 0.88), 2020: (0.68, 0.81, 0.92), 2021: (0.82, 0.88, 0.96), 2022: (0.93, 0.94, 0.99)}
# the share of volume per calendar month (heating in winter, rain in summer, a quiet Spring Festival)
MONTH_SHAPE = (1.08, 0.86, 0.96, 0.95, 1.0, 1.04, 1.14, 1.10, 0.96, 0.94, 1.02, 1.08)
HOUR_WEIGHTS = (2, 1, 1, 1, 1, 2, 4, 8, 12, 14, 14, 12, 9, 10, 12, 12, 11, 10, 8, 7, 6, 5, 4, 3)

CHANNELS = tuple(c.value for c in Channel)  # the weights below follow this order
CHANNEL_WEIGHTS = (91, 2, 3, 0.5, 2.5, 1)
REQUEST_TYPES = tuple(t.value for t in RequestType)
REQUEST_WEIGHTS = (15, 38, 32, 5, 8, 2)
CONSULT_WEIGHTS = (85, 8, 2, 1, 3, 1)
CONSULTING_CATEGORIES = {"1301", "1002", "0203", "1101"}
ARTICLE_SHARE = 0.8  # of the answers at intake in a category with a valid article, those read from one

# base share of each leaf category (by code); the seasons and years below shape it per month
CATEGORY_WEIGHTS = {
    "0101": 5, "0102": 3, "0103": 1.5, "0104": 2, "0105": 0.6,
    "0201": 9, "0202": 4, "0203": 1.5, "0204": 1, "0205": 1,
    "0301": 3, "0302": 2, "0303": 1.5, "0304": 1, "0305": 1.2,
    "0401": 1.5, "0402": 2, "0403": 0.8, "0404": 1,
    "0501": 6, "0502": 1, "0503": 1, "0504": 1,
    "0601": 2, "0602": 5, "0603": 6, "0604": 1.5, "0605": 1.5,
    "0701": 5, "0702": 1.5, "0703": 1.5,
    "0801": 1, "0802": 1.5,
    "0901": 1.5, "0902": 1,
    "1001": 3, "1002": 3, "1003": 1,
    "1101": 1.5, "1102": 1,
    "1201": 0.8,
    "1301": 7, "1302": 3,
}

DESCRIPTIONS = {
    "0101": ["附近工地夜间施工，噪音很大，影响休息", "工地渣土车夜间作业，扬尘严重"],
    "0102": ["楼顶有人私搭乱建，存在安全隐患", "一层住户私自扩建小院，占用公共绿地"],
    "0103": ["老旧小区希望加装电梯，咨询办理流程", "加装电梯施工进度缓慢，希望加快"],
    "0104": ["路面坑洼不平，车辆通行困难", "道路破损多日无人维修"],
    "0105": ["小区出入口缺少无障碍坡道，轮椅无法通行", "无障碍通道被车辆占用"],
    "0201": ["物业服务差，楼道卫生长期无人打扫", "物业不作为，小区大门门禁损坏", "物业费上涨不合理"],
    "0202": ["楼上漏水到家中，协调无果", "屋顶漏雨，希望尽快维修"],
    "0203": ["购房多年仍未办理房产证", "咨询不动产登记所需材料"],
    "0204": ["房屋中介隐瞒房屋情况，要求退还中介费", "中介公司扣押押金不退"],
    "0205": ["楼内有群租房，人员复杂存在安全隐患", "地下室违规住人"],
    "0301": ["家中暖气不热，室温不足16度", "供暖开始后暖气仍然不热", "暖气管道漏水"],
    "0302": ["小区停水未提前通知", "自来水水压低，高层用水困难"],
    "0303": ["小区频繁停电，影响生活", "楼道照明线路老化"],
    "0304": ["燃气表故障无法充值", "闻到燃气异味，担心泄漏"],
    "0305": ["希望增设公交站位", "公交线路调整后出行不便"],
    "0401": ["路灯不亮，夜间出行不安全", "小区周边路灯损坏多日"],
    "0402": ["小区下水道堵塞，污水外溢", "楼下污水井反味严重"],
    "0403": ["降雨后道路严重积水，车辆无法通行", "下凹桥区积水，请尽快排水"],
    "0404": ["井盖缺失，存在安全隐患", "道路护栏损坏"],
    "0501": ["小区周边车辆乱停乱放，堵塞消防通道", "停车位不足，希望规划停车场"],
    "0502": ["路口信号灯故障", "信号灯配时不合理，排队过长"],
    "0503": ["道路缺少交通标志", "人行横道标线模糊"],
    "0504": ["小区缺少电动自行车充电桩", "楼道内私拉电线给电动车充电"],
    "0601": ["垃圾分类桶站长期满溢", "垃圾清运不及时，异味严重"],
    "0602": ["街边垃圾堆放无人清理", "小区公共区域卫生脏乱"],
    "0603": ["楼下商户噪音扰民", "广场舞音响声音过大", "夜间有人在楼下喧哗"],
    "0604": ["附近餐馆油烟扰民", "周边有异味，怀疑有人焚烧垃圾"],
    "0605": ["小区树木遮挡采光，希望修剪", "绿地被占用种菜"],
    "0701": ["网购商品质量问题，商家拒绝退货", "预付卡商家关门无法退款"],
    "0702": ["在餐馆就餐后身体不适，怀疑食品不卫生", "超市出售过期食品"],
    "0703": ["路边有无照商贩占道经营", "小区内有无照经营的维修点"],
    "0801": ["楼道堆放杂物，堵塞消防通道", "小区消防设施损坏"],
    "0802": ["小区附近有可疑人员", "邻里纠纷，希望协调"],
    "0901": ["医院挂号难，秩序混乱", "诊所收费不透明"],
    "0902": ["咨询核酸检测点位置和开放时间", "反映小区防疫措施落实不到位", "咨询返京隔离政策"],
    "1001": ["公司拖欠工资三个月未发", "工地拖欠农民工工资"],
    "1002": ["咨询社保缴费年限", "单位未按时缴纳社保"],
    "1003": ["咨询社区养老驿站服务", "老人助餐点服务质量差"],
    "1101": ["咨询入学登记流程", "学区划片不合理"],
    "1102": ["校外培训机构拒绝退费", "反映违规开展学科类培训"],
    "1201": ["小区健身器材损坏", "希望增设体育健身场所"],
    "1301": ["咨询居住证办理政策", "咨询老年卡办理", "咨询公积金提取政策"],
    "1302": ["反映其他问题，希望相关部门关注", "对公共服务提出建议"],
}
REPLIES = (
    "已联系来电人，经现场核实，问题已处理完毕。", "已协调相关单位处理，来电人表示认可。",
    "已安排工作人员上门处理，问题已解决。", "已向来电人解释相关政策并提供办理途径。",
    "经核实，已督促责任单位限期整改。", "已纳入近期工作计划，将持续跟进。",
)
ANSWERS = ("已向来电人解答相关政策。", "已告知来电人办理地点和所需材料。", "已提供相关部门咨询电话。")
RETURN_REASONS = ("经核实非本单位职责，请改派。", "诉求地点不在本辖区，请改派。")
EXTENSION_REASONS = ("需协调多个部门，申请延期办理。", "需等待施工季节，申请延期。")
REMARKS_POOR = ("问题仍未解决", "态度敷衍", "没有人联系我")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
                   "156", "158", "159", "176", "177", "185", "186", "187", "188", "189", "199")

# generated community names: first + second character + suffix
NAME_FIRST = "东西南北新福康安和华金翠青丽春明光兴嘉泰瑞顺益祥宝长永富丰育芳玉晨怡欣"
NAME_SECOND = "园里苑庄城坊桥湖林泉景馨德乐海山河阳台源"
COMMUNITY_SUFFIXES = ("里社区", "园社区", "苑社区", "家园社区", "西里社区", "东里社区", "北里社区", "南里社区", "花园社区")
VILLAGE_SUFFIXES = ("村", "庄村", "营村")
# a few sections (科所站队) under bureaus: bureau code -> names
SECTIONS = {
    "B01": ("能源运行科", "市政管理科", "环境卫生管理科"),
    "B09": ("第一执法队", "第二执法队", "第三执法队"),
    "B11": ("排水管理所", "供水管理所"),
    "B13": ("右安门派出所", "大红门派出所", "卢沟桥派出所", "丰台派出所", "长辛店派出所", "方庄派出所"),
}

# open states a few of the youngest cases are left in (in turn), so that every state is present
STUCK_STATES = ("new", "dispatched", "accepted", "returned", "return_pending", "extension_pending", "replied")
REPEAT_SHARE = 0.025  # calls repeating the previous case's matter, merged into it
# 未诉先办 patterns (app/services/hotspots.py and watch.py find them): a share of the district's heating
# calls in winter from a few communities every year (双晨社区, home of 角门西里晨新园, among them), of the
# summer's waterlogging calls from a few low-lying ones, a few addresses with the same complaint month after
# month, and surges put in on purpose (the summary lists them).
HEATING_HOT_SHARE = 0.22
FLOOD_HOT_SHARE = 0.25
CHRONIC_PER_MONTH = 2.5  # calls a month from each chronic address
SURGE_EVERY_DAYS = 60
SURGE_CATEGORIES = ("0101", "0202", "0302", "0303", "0402", "0501", "0602", "0603", "0604", "0202")
CHRONIC_CATEGORIES = ("0201", "0501", "0603", "0202", "0602")

# Routing (issue 17): who finally handles a case depends on the place, not only on the category's rule; the
# dispatcher's first choice is sometimes wrong, and the unit returns it (退单) for the right one.
# - heating (供暖, rule: the heating office) is the street's own property office's in a few communities, and
#   a few more are handed over to their street from the 2021 heating season on;
# - the street's matters go to the community in some (category, community) pairs, the same pairs every time;
#   the bureaus with sections hand a category to the street's section in some (category, street) pairs;
# - parking (停车管理) moves down from the streets to the communities from 2021-07-01 (a reform);
# - a few cases end at an odd unit (co-handled matters: noise the history cannot explain).
STREET_HEATED_SHARE = 0.08  # communities heated by their street's property office
HANDED_OVER_SHARE = 0.06  # communities handed over to their street at HANDOVER_DAY
HANDOVER_DAY = date(2021, 11, 15)
PARKING_REFORM_DAY = date(2021, 7, 1)
COMMUNITY_HANDLES_SHARE = 0.6  # (street category, community) pairs the community handles
SECTION_HANDLES_SHARE = 0.5  # (bureau category, street) pairs a section handles
MISROUTE_SHARE = 0.025  # first dispatches to a wrong unit, whatever the place
RULE_MISROUTE_SHARE = 0.3  # … sent by the category's rule where the place's unit differs (heating, reform)
ODD_UNIT_SHARE = 0.02
SPURIOUS_RETURN_SHARE = 0.004  # a return asked by the right unit, rejected

DAY = 86_400
HOUR = 3_600
EXTRA_DAYS = 400  # days after the end for which times can be written (deadlines, extensions)

CASE_COLUMNS = (
    "id", "case_no", "received_at", "channel", "request_type", "caller_name", "caller_phone", "confidential",
    "address", "street_id", "community_id", "category_id", "description", "urgency", "deadline_tier", "unit_id",
    "status", "contact_deadline", "reply_deadline", "dispatched_at", "signed_at", "contacted_at", "replied_at",
    "reply_text", "replied_by_id", "callback_due", "callback_attempts", "closed_at", "close_reason",
    "merged_into_id", "repeat_count", "reopen_count", "pending_request", "pending_note", "pending_until",
    "created_by_id", "updated_at", "version",
)
EVENT_COLUMNS = ("case_id", "at", "action", "from_status", "to_status", "unit_id", "actor_id", "workstation", "note")
CALLBACK_COLUMNS = ("case_id", "round", "attempt", "at", "clerk_id", "unit_id", "reached", "contacted", "resolved",
                    "satisfaction", "remark")


@dataclass(frozen=True)
class InjectedSurge:
    """A run of calls put into the demo on purpose: what `python main.py hotspots` should find."""

    first_day: date
    street: str
    community: str
    category: str
    cases: int
    address: str


@dataclass
class DemoSummary:
    """What `generate` wrote. Later steps of `python main.py demo` (e.g. demo staff accounts) start from here."""

    seed: int
    cases: int
    events: int
    callbacks: int
    first_day: date
    last_day: date
    communities: list[int] = field(default_factory=list)  # ids of the generated communities
    sections: list[int] = field(default_factory=list)  # ids of the generated bureau sections
    populations: list[int] = field(default_factory=list)  # ids of streets given a demo population
    by_status: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    surges: list[InjectedSurge] = field(default_factory=list)  # the surges put in on purpose, for checking
    # routing put in on purpose, for checking: communities heated by their street's property office all along,
    # and those handed over to it at HANDOVER_DAY
    heating_by_street: list[int] = field(default_factory=list)
    heating_handed_over: list[int] = field(default_factory=list)


Progress = Callable[[str, int, int], None]  # (phase, done, total)


# ---------------------------------------------------------------- entry point

def generate(sf: sessionmaker[Session], cases: int, seed: int = 1, start: date = DEFAULT_START,
             end: date = DEFAULT_END, progress: Progress | None = None) -> DemoSummary:
    """Fill an empty, migrated database (reference data loaded) with `cases` demo cases."""
    if not 1 <= cases <= MAX_CASES:
        raise ValueError(f"cases must be between 1 and {MAX_CASES}")
    if end < start:
        raise ValueError("the demo span ends before it starts")
    began = time.perf_counter()
    engine = sf.kw["bind"]
    sqlite = engine.dialect.name == "sqlite"
    if sqlite:
        engine.dispose()  # no idle pooled connections, so that this one may leave WAL mode for the load
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        if sqlite:
            _sqlite_bulk_mode(raw, True)
        try:
            with sf(bind=conn) as s, s.begin():
                summary = _fill(s, cases, seed, start, end, progress)
        finally:
            if sqlite:
                _sqlite_bulk_mode(raw, False)
    if not sqlite:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
    summary.seconds = time.perf_counter() - began
    return summary


def _sqlite_bulk_mode(raw, on: bool) -> None:
    """Settings of the loading connection (outside any transaction) for the bulk load, and back.

    Foreign keys are not checked row by row (a quarter of the load's time): the generator refers only
    to rows it wrote before, which the tests verify with PRAGMA foreign_key_check. A rollback journal
    instead of the write-ahead log writes each new page once instead of twice (WAL, then checkpoint);
    it is only possible while no other connection has the file open, else the load stays in WAL mode.
    Sorting for the indexes and the summary tables happens in memory.
    """
    if on:
        raw.execute("PRAGMA foreign_keys=OFF")
        _journal_mode(raw, "DELETE")
        raw.execute("PRAGMA temp_store=MEMORY")
        raw.execute("PRAGMA cache_size=-262144")  # 256 MB
    else:
        raw.execute("PRAGMA cache_size=-2000")
        raw.execute("PRAGMA temp_store=DEFAULT")
        _journal_mode(raw, "WAL")
        raw.execute("PRAGMA foreign_keys=ON")


def _journal_mode(raw, mode: str) -> None:
    """Switch the journal mode if no other connection is in the way (then the mode stays; never wait)."""
    raw.execute("PRAGMA busy_timeout=0")
    try:
        raw.execute(f"PRAGMA journal_mode={mode}")
    except sqlite3.OperationalError:
        pass  # another connection has the file open: the load goes through the write-ahead log
    finally:
        raw.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")


def _fill(s: Session, cases: int, seed: int, start: date, end: date, progress: Progress | None) -> DemoSummary:
    existing = s.scalar(select(func.count()).select_from(Case))
    if existing:
        raise DemoRefused(existing)
    if not s.scalar(select(func.count()).select_from(Unit)):
        raise ValueError("the database holds no units: run `python main.py db upgrade` first")
    gen = _Generator(s, random.Random(seed), start, end)
    summary = gen.run(cases, progress or (lambda phase, done, total: None))
    summary.seed = seed
    if progress:
        progress("summary tables", 0, 1)
    stats.rebuild(s)
    if progress:
        progress("summary tables", 1, 1)
    summary.by_status = dict(s.execute(select(Case.status, func.count()).group_by(Case.status)).all())
    return summary


# ---------------------------------------------------------------- the generator

@dataclass
class _Place:
    street: int
    communities: list[tuple[int, str]]  # (id, name)
    name: str


class _Generator:
    def __init__(self, s: Session, rng: random.Random, start: date, end: date):
        self.s = s
        self.rng = rng
        self.random = rng.random
        self.start = start
        self.end = end
        self.base = datetime(start.year, start.month, start.day)
        self.end_t = ((end - start).days + 1) * DAY - 1  # the last second of the span
        days = (end - start).days + 1 + EXTRA_DAYS
        self.day_text = [f"{start + timedelta(days=d):%Y-%m-%d} " for d in range(days)]
        self.hms_text = [f"{h:02d}:{m:02d}:{sec:02d}.000000" for h in range(24) for m in range(60) for sec in range(60)]
        self.dialect = s.get_bind().dialect.name
        # the choice of a knowledge article has its own stream: the cases are the same with or without articles
        self.krng = random.Random(sum(rng.getstate()[1][:8]))
        self.articles: dict[int, list[tuple[int, int, str, int, int]]] = {}

    def _load_articles(self) -> None:
        """The demo's knowledge base (resources/reference/knowledge_demo.csv): by category, with the span of
        days (from the demo's first day) each article is valid."""
        from app.services.knowledge import load_demo_articles

        for a in load_demo_articles(self.s):
            first = (a.valid_from - self.start).days
            last = (a.valid_to - self.start).days if a.valid_to else 10 ** 6
            self.articles.setdefault(a.category_id, []).append((a.id, a.version, a.answer, first, last))

    def _article_for(self, category_id: int, t: int) -> tuple[int, int, str] | None:
        """The article a receptionist took for an answer at second `t`, most of the time when there is one."""
        day = t // DAY
        valid = [a for a in self.articles.get(category_id, ()) if a[3] <= day <= a[4]]
        if not valid or self.krng.random() >= ARTICLE_SHARE:
            return None
        return valid[int(self.krng.random() * len(valid))][:3]

    def ri(self, a: int, b: int) -> int:
        """A random integer a ≤ n ≤ b (faster than Random.randint, which matters a million times over)."""
        return a + int(self.random() * (b - a + 1))

    def pick(self, seq):
        return seq[int(self.random() * len(seq))]

    def ts(self, t: int | None) -> str | None:
        if t is None:
            return None
        return self.day_text[t // DAY] + self.hms_text[t % DAY]

    # ------------------------------------------------------------ units

    def _add_units(self) -> tuple[list[int], list[int], list[int]]:
        s, rng, ri, pick = self.s, self.rng, self.ri, self.pick
        directory = Directory.load(s)
        names = {u.name for u in directory.units.values()}
        communities: list[int] = []
        sections: list[int] = []
        populations: list[int] = []
        for street in directory.streets():
            existing = [u for u in directory.children(street.id) if u.kind == "community"]
            town = street.kind == "town"
            wanted = ri(10, 14) if town else ri(8, 16)
            for n in range(1, wanted - len(existing) + 1):
                while True:
                    suffix = pick(VILLAGE_SUFFIXES if town else COMMUNITY_SUFFIXES)
                    name = pick(NAME_FIRST) + pick(NAME_SECOND) + suffix
                    if name not in names:
                        break
                names.add(name)
                unit = Unit(code=f"DEMO-C-{street.code}-{n:02d}", name=name, kind="community", level=3,
                            parent_id=street.id, is_demo=True, active=True, note=DEMO_NOTE)
                s.add(unit)
                s.flush()
                communities.append(unit.id)
            if street.population is None and rng.random() < 0.7:
                unit = s.get(Unit, street.id)
                unit.population = rng.randrange(45_000, 190_000, 100)
                unit.note = (f"{unit.note}; " if unit.note else "") + "population: demo"
                populations.append(street.id)
        for bureau_code, section_names in SECTIONS.items():
            bureau = directory.unit_by_code(bureau_code)
            if bureau is None:
                continue
            for n, name in enumerate(section_names, 1):
                if name in names:
                    continue
                names.add(name)
                unit = Unit(code=f"DEMO-S-{bureau_code}-{n:02d}", name=name, kind="section", level=3,
                            parent_id=bureau.id, is_demo=True, active=True, note=DEMO_NOTE)
                s.add(unit)
                s.flush()
                sections.append(unit.id)
        s.flush()
        return communities, sections, populations

    # ------------------------------------------------------------ tables the cases are drawn from

    def _prepare(self) -> None:
        s, rng = self.s, self.rng
        d = Directory.load(s)
        self.directory = d
        self.centre = d.hotline_centre().id
        streets = d.streets()
        self.places = [
            _Place(st.id, [(c.id, c.name) for c in d.children(st.id) if c.kind == "community"], st.name)
            for st in streets
        ]
        # street volumes: by population where known, else a plausible size; a few streets much busier
        weights = []
        for st in streets:
            size = st.population or rng.randrange(50_000, 160_000)
            weights.append(size * rng.uniform(0.7, 1.4))
        for i in rng.sample(range(len(weights)), 2):
            weights[i] *= 2.2  # concentrated requests: candidates for the governance watch list
        self.street_cum = list(itertools.accumulate(weights))

        self.leaves = [c for c in d.leaf_categories() if c.code in CATEGORY_WEIGHTS]
        self.cat_codes = [c.code for c in self.leaves]
        # routing: the category's default handler for each street (the lifecycle's own rule)
        # (the hotline centre answers at intake but is not dispatched to: those cases go to the street)
        self.route = {}
        for c in self.leaves:
            for p in self.places:
                unit = suggest_unit(s, c.id, p.street)
                self.route[(c.id, p.street)] = unit if d.units[unit].level >= 2 else p.street
        self.sections_of: dict[int, list[int]] = {}
        for u in d.units.values():
            if u.kind == "section" and u.parent_id is not None:
                self.sections_of.setdefault(u.parent_id, []).append(u.id)
        for ids in self.sections_of.values():
            ids.sort()
        self.bureaus = [b.id for b in d.bureaus()]
        self.tiers = {(c.id, urg): tier_for(s, c.id, urg) for c in self.leaves for urg in ("normal", "urgent")}
        at = self.base
        self.deadline_hours = {}
        for tier in {t for t in self.tiers.values()}:
            dl = deadlines_for(s, tier, at)
            self.deadline_hours[tier] = (int((dl.contact_by - at).total_seconds()), int((dl.reply_by - at).total_seconds()))
        self.callback_window = int_setting(s, "callback.window_hours", self.start) * HOUR
        self.max_attempts = max(1, int_setting(s, "callback.max_attempts", self.start))

        # quality of each unit: an offset on the district's rates; some streets good, some poor, one improving
        self.quality: dict[int, float] = {self.centre: 0.04}
        order = list(range(len(streets)))
        rng.shuffle(order)
        good, poor, improving = set(order[:3]), set(order[3:6]), order[6]
        self.improving_street = streets[improving].id
        for i, st in enumerate(streets):
            if i in good:
                q = rng.uniform(0.05, 0.08)
            elif i in poor:
                q = rng.uniform(-0.15, -0.09)
            else:
                q = max(-0.08, min(0.05, rng.gauss(0, 0.035)))
            self.quality[st.id] = q
        mean = sum(self.quality[st.id] for st in streets) / len(streets)
        for st in streets:  # the district as a whole keeps the seed's rates
            self.quality[st.id] -= mean
        for b in d.bureaus():
            self.quality[b.id] = rng.uniform(-0.07, 0.06)
        for u in sorted(d.units.values(), key=lambda u: u.id):
            if u.level == 3 and u.parent_id in self.quality:
                self.quality[u.id] = self.quality[u.parent_id] + rng.gauss(0, 0.03)
        self.months = self._months()
        self.rate_cache: dict[tuple[int, int], tuple[float, ...]] = {}
        self._prepare_patterns()
        self._prepare_routing()

    def _prepare_routing(self) -> None:
        """Who handles what where (the Routing constants above), from a random stream of its own (the other patterns'
        draws stay as they were)."""
        rng = random.Random(str(self.rng.getstate()[1][:16]))
        communities = sorted(c for p in self.places for c, _name in p.communities)
        shuffled = communities[:]
        rng.shuffle(shuffled)
        n_heated = round(len(shuffled) * STREET_HEATED_SHARE)
        self.street_heated = set(shuffled[:n_heated])
        self.handed_over = set(shuffled[n_heated:n_heated + round(len(shuffled) * HANDED_OVER_SHARE)])
        self.handover_t = (HANDOVER_DAY - self.start).days * DAY
        self.parking_reform_t = (PARKING_REFORM_DAY - self.start).days * DAY
        self.community_handles = {(c.id, comm) for c in self.leaves for comm in communities
                                  if rng.random() < COMMUNITY_HANDLES_SHARE}
        self.section_handles = {(c.id, p.street) for c in self.leaves for p in self.places
                                if rng.random() < SECTION_HANDLES_SHARE}
        self.route_random = random.Random(rng.random()).random  # the routing's draws in each case's story
        self.heating_codes = {"0301"}
        self.parking_codes = {"0501"}
        self.other_bureaus = {b: [x for x in self.bureaus if x != b] for b in self.bureaus}

    def _true_unit(self, cat, place: _Place, community: int | None, t: int) -> int:
        """The unit that handles a case of this category and place at time t (in the end)."""
        rule = self.route[(cat.id, place.street)]
        if cat.code in self.heating_codes and community is not None:
            if community in self.street_heated or (community in self.handed_over and t >= self.handover_t):
                return place.street
            return rule
        if rule == place.street:
            if community is not None and ((cat.id, community) in self.community_handles
                                          or (cat.code in self.parking_codes and t >= self.parking_reform_t)):
                return community
            return rule
        sections = self.sections_of.get(rule)
        if sections and (cat.id, place.street) in self.section_handles:
            return sections[place.street % len(sections)]
        return rule

    def _wrong_unit(self, cat, place: _Place, right: int) -> int:
        """Where a misrouted case goes first: the category's rule when the place's unit differs, else a
        neighbouring street or another bureau."""
        rule = self.route[(cat.id, place.street)]
        rr = self.route_random
        if rule != right and rr() < 0.7:
            return rule
        kind = self.directory.units[right].kind
        choices = (self.other_bureaus.get(right) or [x for x in self.bureaus if x != right]
                   if kind in ("bureau", "section", "company") else [p.street for p in self.places if p.street != place.street])
        return choices[int(rr() * len(choices))]

    def _prepare_patterns(self) -> None:
        """The places of the 未诉先办 patterns, from a random stream of their own."""
        rng = random.Random(self.rng.random())
        by_code = {c.code: c for c in self.leaves}
        spots = [(p, c) for p in self.places for c in p.communities]
        if not spots:
            self.heating_hot, self.flood_hot, self.chronic, self.surges, self.surges_put_in = [], [], [], [], []
            return
        shuangchen = [(p, c) for p, c in spots if c[1] == "双晨社区"]
        others = [x for x in spots if x not in shuangchen]
        rng.shuffle(others)
        self.heating_hot = [(p, c, "角门西里晨新园小区" if c[1] == "双晨社区" else None)
                            for p, c in (shuangchen * 2 + others[:3])]  # 双晨 twice: the seed's own example
        self.flood_hot = [(p, c, None) for p, c in others[3:6]]
        self.chronic = []
        for i, code in enumerate(CHRONIC_CATEGORIES):
            if code in by_code and len(others) > 6 + i:
                p, c = others[6 + i]
                self.chronic.append((by_code[code], p, c, f"{c[1]}{rng.randint(1, 40)}号楼{rng.randint(1, 6)}单元"))
        quiet = others[6 + len(CHRONIC_CATEGORIES):] or others
        span_days = (self.end - self.start).days + 1
        self.surges = []  # (first second, category, place, community, calls, address)
        self.surges_put_in: list[tuple] = []  # those the months had room for
        day = 120  # after four months, so that every surge has history before it
        while day + 3 <= span_days:
            day += rng.randint(SURGE_EVERY_DAYS // 2, SURGE_EVERY_DAYS * 3 // 2)
            if day + 3 > span_days:
                break
            code = rng.choice(SURGE_CATEGORIES)
            if code not in by_code:
                continue
            p, c = rng.choice(quiet)
            address = f"{c[1]}{rng.randint(1, 40)}号楼" if rng.random() < 0.5 else None
            self.surges.append((day * DAY, by_code[code], p, c, rng.randint(12, 30), address))

    def _forced(self, first_t: int, days: int, n: int) -> list[tuple]:
        """The month's cases whose category and place the patterns fix: (t0, category, place, community, address).

        At most a quarter of the month's cases (none in a tiny demo, under 20 a month, where they would crowd
        out the ordinary calls): a surge goes in whole or not at all (the summary lists those put in), the
        chronic addresses' calls fill what room is left.
        """
        rng = random.Random(first_t)  # the same month gives the same calls
        room = n // 4 if n >= 20 else 0
        out = []
        for surge in self.surges:
            t, cat, place, comm, calls, address = surge
            if not first_t <= t < first_t + days * DAY or t > self.end_t or calls > room - len(out):
                continue
            # within three days (and within the month, whose case count they are part of), in the daytime
            span = min(3, (first_t + days * DAY - t) // DAY)
            for _ in range(calls):
                at = t + int(rng.random() * span) * DAY + rng.randint(7 * HOUR, 22 * HOUR)
                out.append((min(at, self.end_t), cat, place, comm,
                            address or f"{comm[1]}{rng.randint(1, 40)}号楼{rng.randint(1, 6)}单元"))
            self.surges_put_in.append(surge)
        for cat, place, comm, address in self.chronic:
            calls = sum(1 for _ in range(round(CHRONIC_PER_MONTH * 4 * days / 30.4)) if rng.random() < 0.25)
            for _ in range(min(calls, room - len(out))):
                out.append((min(first_t + int(rng.random() * days * DAY), self.end_t), cat, place, comm, address))
        return sorted(out, key=lambda x: x[0])

    def injected_surges(self) -> list[InjectedSurge]:
        return [InjectedSurge(self.start + timedelta(days=t // DAY), place.name, comm[1], cat.name, calls, address or "")
                for t, cat, place, comm, calls, address in self.surges_put_in]

    def _months(self) -> list[tuple[int, int, int, int]]:
        """(year, month, first second, days) of each month of the span."""
        out = []
        y, m = self.start.year, self.start.month
        while date(y, m, 1) <= self.end:
            first = max(date(y, m, 1), self.start)
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            last = min(nxt - timedelta(days=1), self.end)
            out.append((y, m, (first - self.start).days * DAY, (last - first).days + 1))
            y, m = nxt.year, nxt.month
        return out

    def _month_counts(self, total: int) -> list[int]:
        """Cases per month: each year's share of the seed's volumes, shaped by the months' seasons."""
        years = sorted({y for y, *_ in self.months})
        known = sorted(YEAR_VOLUMES)

        def volume(y):
            return YEAR_VOLUMES.get(y) or YEAR_VOLUMES[min(known, key=lambda k: abs(k - y))]

        weights = []
        for y in years:
            months = [(m, days) for (yy, m, _, days) in self.months if yy == y]
            # a year's volume covers its months in the seed (2022: eight), scaled to the days present here
            seed_months = 8 if y == 2022 else 12
            full = {m: MONTH_SHAPE[m - 1] for m in range(1, seed_months + 1)}
            shape_total = sum(full.values())
            for m, days in months:
                month_days = (date(y + (m == 12), m % 12 + 1, 1) - date(y, m, 1)).days
                share = full.get(m, MONTH_SHAPE[m - 1]) / shape_total
                weights.append(volume(y) * share * days / month_days)
        raw = [total * w / sum(weights) for w in weights]
        counts = [int(x) for x in raw]
        rest = total - sum(counts)
        for i in sorted(range(len(raw)), key=lambda i: counts[i] - raw[i])[:rest]:
            counts[i] += 1
        return counts

    def _category_cum(self, y: int, m: int) -> list[float]:
        out = []
        for code in self.cat_codes:
            w = CATEGORY_WEIGHTS[code]
            if code == "0301":  # heating: the season runs from mid-November to mid-March
                w *= {11: 7, 12: 6, 1: 6, 2: 4, 3: 2.5, 10: 1}.get(m, 0.15)
            elif code == "0403":  # rain: the summer storms
                w *= {6: 3, 7: 10, 8: 7, 9: 1}.get(m, 0.15)
            elif code == "0902":  # epidemic control: the largest category in 2020
                if y < 2020:
                    w *= 0.05
                elif y == 2020:
                    w *= {1: 14, 2: 40, 3: 30, 4: 18, 6: 22, 7: 14}.get(m, 10)
                elif y == 2021:
                    w *= 5
                else:
                    w *= {4: 14, 5: 18, 6: 12}.get(m, 6)
            elif code == "0603":
                w *= 1.5 if m in (6, 7, 8) else 1
            elif code == "1101":
                w *= 2.5 if m in (5, 6, 7, 8) else 1
            elif code == "0504":
                w *= 0.5 + 0.4 * (y - 2019)
            out.append(w)
        return list(itertools.accumulate(out))

    def _rates(self, unit: int | None, t: int) -> tuple[float, ...]:
        """For a unit in a month: (contacted, resolved, partly|not, satisfied|resolved, satisfied|not, on time)."""
        month = t // (30 * DAY)
        key = (unit or 0, month)
        cached = self.rate_cache.get(key)
        if cached is not None:
            return cached
        when = self.start + timedelta(days=month * 30 + 15)
        x = when.year + (when.timetuple().tm_yday - 1) / 366  # fractional year
        anchors = sorted(YEAR_RATES)
        # each year's rates belong to the middle of the months the seed covers (2022: January to August)
        pts = [(y + (8 if y == 2022 else 12) / 24, YEAR_RATES[y]) for y in anchors]
        if x <= pts[0][0]:
            base = pts[0][1]
        elif x >= pts[-1][0]:
            base = pts[-1][1]
        else:
            i = bisect.bisect_right([p[0] for p in pts], x)
            (x0, a), (x1, b) = pts[i - 1], pts[i]
            f = (x - x0) / (x1 - x0)
            base = tuple(a[k] + f * (b[k] - a[k]) for k in range(3))
        q = self.quality.get(unit or 0, 0.0)
        if unit is not None and self._street_of_unit(unit) == self.improving_street:
            progress = min(1.0, max(0.0, (x - self.start.year) / max(1.0, self.end.year + 0.67 - self.start.year)))
            q = -0.2 + 0.28 * progress + (q - self.quality[self.improving_street])
        resolved = min(0.99, max(0.15, base[0] + q))
        satisfied = min(0.995, max(0.3, base[1] + 0.8 * q))
        contacted = min(0.999, max(0.5, base[2] + 0.3 * q))
        sat_if_resolved = 0.985
        sat_if_not = min(1.0, max(0.0, (satisfied - resolved * sat_if_resolved) / max(0.01, 1 - resolved)))
        on_time = min(0.995, max(0.5, 0.80 + (x - 2019) * 0.055 + q))
        out = (contacted, resolved, 0.4, sat_if_resolved, sat_if_not, on_time)
        self.rate_cache[key] = out
        return out

    def _street_of_unit(self, unit: int) -> int | None:
        u = self.directory.units.get(unit)
        if u is None:
            return None
        if u.level == 3:
            return u.parent_id
        return u.id

    # ------------------------------------------------------------ one case

    def _story(self, t0: int, cat, place: _Place, community: int | None, tier: str, original: tuple | None,
               stuck: str | None) -> tuple[list[tuple], list[tuple]]:
        """The events of one case, in time order, before cutting at the end of the span.

        Returns (events, callbacks): events are (at, action, from, to, unit, note, extra), callbacks
        (at, round, attempt, unit, reached, contacted, resolved, satisfaction, remark). `original` is the
        earlier case (id, received, events, case number) this repeat call is merged into; `stuck` the open
        state a case is left in (see STUCK_STATES).
        """
        rng = self.rng
        r = rng.random
        ri, pick = self.ri, self.pick
        ev = [(t0, "create", None, "new", None, None, None)]
        cbs: list[tuple] = []
        t = t0
        if stuck == "new":  # waiting in the dispatcher's queue
            return ev, cbs
        # answered on the phone: a consultation closed at intake by the hotline centre
        if original is None and stuck is None and (
                (cat.code == "1301" and r() < 0.75) or (cat.code in CONSULTING_CATEGORIES and r() < 0.15)):
            t += ri(180, 900)
            note, article = pick(ANSWERS), self._article_for(cat.id, t)
            if article is not None:  # the answer read out from a knowledge article, recorded with the case
                note, article = article[2], article[:2]
            ev.append((t, "answer", "new", "replied", self.centre, note, article))
            self._callbacks(ev, cbs, t, self.centre, 0, rng)
            return ev, cbs
        if original is None and stuck is None and r() < 0.005:  # an invalid call closed by hand
            t += ri(300, 7200)
            ev.append((t, "close", "new", "closed", None, "无效来电：来电人未说明诉求", None))
            return ev, cbs
        right = self._true_unit(cat, place, community, t0)
        rr = self.route_random  # its own stream: the routing's draws leave the other patterns' as they were
        if rr() < ODD_UNIT_SHARE:  # a co-handled matter: it ends at another unit than the place's usual one
            right = self._wrong_unit(cat, place, right)
        rule_differs = right != self.route[(cat.id, place.street)]
        misrouted = stuck in ("returned", "return_pending") or rr() < (
            RULE_MISROUTE_SHARE if rule_differs and cat.code in self.heating_codes | self.parking_codes
            else MISROUTE_SHARE)
        unit = self._wrong_unit(cat, place, right) if misrouted else right
        t += ri(60, 1800)
        ev.append((t, "dispatch", "new", "dispatched", unit, None, None))
        if original is not None:  # a repeat of an earlier call: merged into it
            t += ri(600, 6 * HOUR)
            ev.append((t, "merge", "dispatched", "merged", None, f"→ {original[3]}", original[0]))
            return ev, cbs
        if stuck == "dispatched":
            return ev, cbs
        if misrouted or rr() < SPURIOUS_RETURN_SHARE:  # 退单: the unit says the case is not theirs
            t += ri(HOUR, 24 * HOUR)
            ev.append((t, "return_requested", "dispatched", "dispatched", unit, pick(RETURN_REASONS), None))
            if stuck == "return_pending":
                return ev, cbs
            t += ri(HOUR // 2, 4 * HOUR)
            if misrouted:  # the dispatcher agrees, and sends it to the unit that handles it here
                ev.append((t, "return_approved", "dispatched", "returned", unit, None, None))
                if stuck == "returned":
                    return ev, cbs
                unit = right
                t += ri(600, 3600) if r() < 0.8 else ri(4 * HOUR, 48 * HOUR)
                ev.append((t, "redispatch", "returned", "dispatched", unit, None, None))
            else:
                ev.append((t, "return_rejected", "dispatched", "dispatched", unit, "属于本单位职责，请继续办理。", None))
        contact_s, reply_s = self.deadline_hours[tier]
        rates = self._rates(unit, t0)
        t = self._handle(ev, t, t0, unit, t0 + reply_s, contact_s, tier, rates, rng, stuck=stuck)
        if ev[-1][1] != "reply" or stuck == "replied":
            return ev, cbs
        if r() < 0.005:  # the citizen asked not to be called back
            t += ri(HOUR, 24 * HOUR)
            ev.append((t, "close", "replied", "closed", None, "来电人表示无需回访", None))
            return ev, cbs
        answers = self._callbacks(ev, cbs, t, unit, 0, rng, rates)
        if answers is not None and answers[1] == "no" and r() < 0.35:
            # an unsolved callback reopens the case: handled again, called back again
            t = ev[-1][0] + ri(HOUR // 2, 3 * HOUR)
            ev.append((t, "reopen", "closed", "dispatched", unit, "回访不满意，重新办理", None))
            # as lifecycle.reopen: new deadlines of the tier from the reopening, the old ones in the note
            approved = [e[6] for e in ev if e[1] == "extension_approved"]
            old = (t0 + contact_s, approved[-1] if approved else t0 + reply_s)
            fresh = (t + contact_s, t + reply_s)
            ev.append((t, "deadlines_reset", "dispatched", "dispatched", unit,
                       f"{self.ts(old[0])[:16]} → {self.ts(fresh[0])[:16]}; {self.ts(old[1])[:16]} → {self.ts(fresh[1])[:16]}",
                       fresh))
            better = (min(0.999, rates[0] + 0.05), min(0.98, rates[1] + 0.25)) + rates[2:]
            t = self._handle(ev, t, t, unit, t + reply_s, contact_s, tier, better, rng, extension=False)
            self._callbacks(ev, cbs, t, unit, 1, rng, better)
        return ev, cbs

    def _handle(self, ev, t, t0, unit, deadline, contact_s, tier, rates, rng, extension=True, stuck=None) -> int:
        """Sign, contact, perhaps ask for more time, and reply; returns the time of the last step."""
        r = rng.random
        ri, pick = self.ri, self.pick
        t += ri(300, 6 * HOUR)
        ev.append((t, "sign", "dispatched", "accepted", unit, None, None))
        if r() < 0.9:
            t = max(t + 60, min(t0 + contact_s - 60, t + ri(600, 6 * HOUR)))
        else:
            t += ri(HOUR, 30 * HOUR)
        ev.append((t, "contact", "accepted", "accepted", unit, None, None))
        if stuck == "accepted":
            return t
        on_time = r() < rates[5]
        if stuck == "extension_pending" or (extension and deadline - t > DAY and r() < 0.03):
            t += ri(HOUR, max(HOUR + 1, (deadline - t) // 2))
            until = deadline + (15 if tier == "complex" else 7) * DAY
            ev.append((t, "extension_requested", "accepted", "accepted", unit,
                       f"{self.ts(until)[:16]} {pick(EXTENSION_REASONS)}", until))
            if stuck == "extension_pending":
                return t
            t += ri(HOUR, 20 * HOUR)
            if r() < 0.9:
                ev.append((t, "extension_approved", "accepted", "accepted", None,
                           f"{self.ts(deadline)[:16]} → {self.ts(until)[:16]}", until))
                deadline = until
            else:
                ev.append((t, "extension_rejected", "accepted", "accepted", None, "请按原时限办理", None))
        if on_time:
            latest = max(t + 120, deadline - 60)
            t = t + int((latest - t) * rng.uniform(0.05, 0.9)) + 60
        else:
            t = max(t, deadline) + ri(HOUR, 4 * DAY)
        ev.append((t, "reply", "accepted", "replied", unit, pick(REPLIES), None))
        return t

    def _callbacks(self, ev, cbs, t, unit, rnd, rng, rates=None):
        """Callback attempts after a reply; returns the answers when the citizen was reached."""
        r = rng.random
        ri, pick = self.ri, self.pick
        rates = rates or self._rates(unit, t)
        t += ri(HOUR, 40 * HOUR)
        for attempt in range(1, self.max_attempts + 1):
            if r() < 0.72:
                contacted = r() < rates[0]
                x = r()
                if x < rates[1]:
                    resolved, sat_p = "yes", rates[3]
                else:
                    resolved, sat_p = ("partly" if r() < rates[2] else "no"), rates[4]
                if r() < sat_p:
                    satisfaction = "satisfied" if r() < 0.8 else "basic"
                    remark = None
                else:
                    satisfaction = "unsatisfied"
                    remark = pick(REMARKS_POOR)
                cbs.append((t, rnd, attempt, unit, 1, int(contacted), resolved, satisfaction, remark))
                ev.append((t, "callback", "replied", "closed", unit,
                           f"contacted={'yes' if contacted else 'no'} resolved={resolved} satisfaction={satisfaction}"
                           + (f" {remark}" if remark else ""), None))
                return (contacted, resolved, satisfaction)
            cbs.append((t, rnd, attempt, unit, 0, None, None, None, None))
            last = attempt >= self.max_attempts
            ev.append((t, "callback_unreachable" if last else "callback_attempt", "replied",
                       "closed" if last else "replied", unit, f"attempt {attempt}/{self.max_attempts}", None))
            t += ri(2 * HOUR, 20 * HOUR)
        return None

    # ------------------------------------------------------------ the case row from its events

    def _replay(self, events) -> dict:
        f = {"unit_id": None, "dispatched_at": None, "signed_at": None, "contacted_at": None, "replied_at": None,
             "reply_text": None, "callback_due": None, "callback_attempts": 0, "closed_at": None,
             "close_reason": None, "merged_into_id": None, "reopen_count": 0, "pending_request": None,
             "pending_note": None, "pending_until": None, "reply_deadline_to": None,
             "contact_deadline_to": None}
        for at, action, _frm, _to, unit, note, extra in events:
            if action in ("dispatch", "redispatch"):
                f["unit_id"], f["dispatched_at"], f["signed_at"] = unit, at, None
            elif action == "sign":
                f["signed_at"] = at
            elif action == "contact":
                f["contacted_at"] = f["contacted_at"] or at
            elif action in ("reply", "answer"):
                if action == "answer":
                    f["unit_id"] = unit
                f["replied_at"], f["reply_text"] = at, note
                f["callback_attempts"], f["callback_due"] = 0, at + self.callback_window
            elif action == "callback_attempt":
                f["callback_attempts"] += 1
            elif action in ("callback", "callback_unreachable"):
                f["callback_attempts"] += 1
                f["closed_at"], f["close_reason"] = at, "callback" if action == "callback" else "unreachable"
            elif action == "reopen":
                f["reopen_count"] += 1
                f["callback_attempts"], f["dispatched_at"] = 0, at
                for k in ("signed_at", "contacted_at", "replied_at", "reply_text", "callback_due", "closed_at",
                          "close_reason"):
                    f[k] = None
            elif action == "deadlines_reset":
                f["contact_deadline_to"], f["reply_deadline_to"] = extra
            elif action == "return_requested":
                f["pending_request"], f["pending_note"] = "return", note
            elif action == "return_approved":
                f["unit_id"] = None
                f["pending_request"] = f["pending_note"] = None
            elif action == "return_rejected":
                f["pending_request"] = f["pending_note"] = None
            elif action == "extension_requested":
                f["pending_request"], f["pending_note"], f["pending_until"] = "extension", note.split(" ", 2)[-1], extra
            elif action == "extension_approved":
                f["reply_deadline_to"] = extra
                f["pending_request"] = f["pending_note"] = f["pending_until"] = None
            elif action == "extension_rejected":
                f["pending_request"] = f["pending_note"] = f["pending_until"] = None
            elif action == "merge":
                f["merged_into_id"], f["closed_at"], f["close_reason"] = extra, at, "merged"
                f["pending_request"] = f["pending_note"] = f["pending_until"] = None
            elif action == "close":
                f["closed_at"], f["close_reason"] = at, "manual"
        return f

    # ------------------------------------------------------------ the whole run

    def run(self, total: int, progress: Progress) -> DemoSummary:
        rng, ts, end_t = self.rng, self.ts, self.end_t
        communities, sections, populations = self._add_units()
        self._prepare()
        self._load_articles()
        writer = _Writer(self.s)
        writer.drop_indexes()
        counts = self._month_counts(total)
        hour_cum = list(itertools.accumulate(HOUR_WEIGHTS))
        channel_cum = list(itertools.accumulate(CHANNEL_WEIGHTS))
        request_cum = [100 * x / sum(REQUEST_WEIGHTS) for x in itertools.accumulate(REQUEST_WEIGHTS)]
        consult_cum = [100 * x / sum(CONSULT_WEIGHTS) for x in itertools.accumulate(CONSULT_WEIGHTS)]
        last = None  # the latest dispatched case, which a repeat call can be merged into
        # the cases of the last 60 days of which some are left open (at least a couple of dozen)
        tail_from = max(0, self.end_t + 1 - 60 * DAY)
        tail = sum(n for (_, _, first_t, days), n in zip(self.months, counts, strict=True)
                   if first_t + days * DAY > tail_from) or 1
        stuck_share = min(0.5, max(0.02, 24 / tail))
        n_stuck = 0
        repeats: Counter[int] = Counter()
        day_last: Counter[int] = Counter()
        n_events = n_callbacks = 0
        cid = 0
        pool = max(50, int(total * 0.55))
        r = rng.random
        ri, pick = self.ri, self.pick
        for (y, m, first_t, days), n in zip(self.months, counts, strict=True):
            cat_cum = self._category_cum(y, m)
            forced = {x[0]: x for x in self._forced(first_t, days, n)}
            times = sorted(itertools.chain(forced, (
                first_t + int(r() * days) * DAY + bisect.bisect(hour_cum, r() * hour_cum[-1]) * HOUR + int(r() * HOUR)
                for _ in range(n - len(forced)))))
            case_rows, event_rows, callback_rows, answer_rows = [], [], [], []
            for t0 in times:
                fixed = forced.pop(t0, None)
                cid += 1
                day = t0 // DAY
                day_last[day] += 1
                case_no = f"{self.day_text[day][:10].replace('-', '')}{day_last[day]:05d}"
                address = None
                if fixed is not None:
                    original = None
                    _, cat, place, comm, address = fixed
                elif last is not None and t0 - last[1] < 7 * DAY and r() < REPEAT_SHARE:
                    original = last  # another call about the same matter
                    cat, place, comm = last[4], last[5], last[6]
                else:
                    original = None
                    cat = self.leaves[bisect.bisect(cat_cum, r() * cat_cum[-1])]
                    place = self.places[bisect.bisect(self.street_cum, r() * self.street_cum[-1])]
                    comm = pick(place.communities) if place.communities and r() < 0.9 else None
                    hot = (self.heating_hot if cat.code == "0301" and r() < HEATING_HOT_SHARE else
                           self.flood_hot if cat.code == "0403" and r() < FLOOD_HOT_SHARE else None)
                    if hot:
                        place, comm, address = pick(hot)
                community = comm[0] if comm else None
                stuck = None
                if t0 >= tail_from and original is None and r() < stuck_share:
                    stuck = STUCK_STATES[n_stuck % len(STUCK_STATES)]
                    n_stuck += 1
                urgency = "urgent" if r() < 0.04 else "normal"
                tier = self.tiers[(cat.id, urgency)]
                contact_s, reply_s = self.deadline_hours[tier]
                events, cbs = self._story(t0, cat, place, community, tier, original, stuck)
                if original is None and len(events) > 1 and events[1][1] == "dispatch":
                    last = (cid, t0, events, case_no, cat, place, comm)
                # cut the story at the end of the span
                if events[-1][0] > end_t:
                    events = [e for e in events if e[0] <= end_t]
                    cbs = [c for c in cbs if c[0] <= end_t]
                f = self._replay(events)
                if events[-1][1] == "merge":
                    at = events[-1][0]
                    before = [e for e in original[2] if e[0] <= at]
                    status_then = before[-1][3]
                    repeats[original[0]] += 1
                    event_rows.append((original[0], ts(at), "repeat_merged", status_then, status_then, None, None,
                                       WORKSTATION, f"← {case_no}"))
                caller = int(pool * r() ** 2)
                phone, name = _caller(caller)
                c_name = comm[1] if comm else place.name
                deadline = f["reply_deadline_to"] or t0 + reply_s
                for at, action, frm, to, unit, note, _extra in events:
                    event_rows.append((cid, ts(at), action, frm, to, unit, None, WORKSTATION, note))
                for at, rnd, attempt, unit, reached, contacted, resolved, satisfaction, remark in cbs:
                    callback_rows.append((cid, rnd, attempt, ts(at), None, unit, reached, contacted, resolved,
                                          satisfaction, remark))
                channel = CHANNELS[bisect.bisect(channel_cum, r() * channel_cum[-1])]
                request_type = REQUEST_TYPES[bisect.bisect(
                    consult_cum if cat.code in CONSULTING_CATEGORIES else request_cum, r() * 100)]
                if len(events) > 1 and events[1][1] == "answer":
                    request_type = "consultation"  # only a consultation is answered at intake (lifecycle.answer_problem)
                    if events[1][6] is not None:
                        answer_rows.append((cid, *events[1][6]))
                case_rows.append((
                    cid, case_no, ts(t0), channel, request_type,
                    name, phone, int(r() < 0.02),
                    (f"{address}{ri(1, 40)}号楼{ri(1, 6)}单元" if address and address.endswith("小区") else address)
                    or f"{c_name}{ri(1, 40)}号楼{ri(1, 6)}单元",
                    place.street, community, cat.id, pick(DESCRIPTIONS[cat.code]), urgency, tier,
                    f["unit_id"], events[-1][3], ts(f["contact_deadline_to"] or t0 + contact_s), ts(deadline),
                    ts(f["dispatched_at"]),
                    ts(f["signed_at"]), ts(f["contacted_at"]), ts(f["replied_at"]), f["reply_text"], None,
                    ts(f["callback_due"]), f["callback_attempts"], ts(f["closed_at"]), f["close_reason"],
                    f["merged_into_id"], 0, f["reopen_count"], f["pending_request"], f["pending_note"],
                    ts(f["pending_until"]), None, ts(events[-1][0]), len(events),
                ))
            writer.write("cases", CASE_COLUMNS, case_rows)
            writer.write("case_events", EVENT_COLUMNS, event_rows)
            writer.write("callbacks", CALLBACK_COLUMNS, callback_rows)
            writer.write("knowledge_answers", ("case_id", "article_id", "version"), answer_rows)
            n_events += len(event_rows)
            n_callbacks += len(callback_rows)
            progress("cases", cid, total)
        writer.update_repeats(sorted(repeats.items()))
        writer.write("case_number_counters", ("day", "last"),
                     [(self.day_text[d][:10], last) for d, last in sorted(day_last.items())])
        progress("indexes", 0, 1)
        writer.finish(cid)
        progress("indexes", 1, 1)
        return DemoSummary(seed=0, cases=cid, events=n_events, callbacks=n_callbacks, first_day=self.start,
                           last_day=self.end, communities=communities, sections=sections, populations=populations,
                           surges=self.injected_surges(), heating_by_street=sorted(self.street_heated),
                           heating_handed_over=sorted(self.handed_over))


def _caller(n: int) -> tuple[str, str]:
    """The phone and the name of caller number n (the same caller always has the same ones)."""
    mixed = (n * 2_654_435_761 + 97) % 100_000_000
    if n % 10 == 3:
        phone = f"010-{60_000_000 + mixed % 30_000_000}"
    else:
        phone = MOBILE_PREFIXES[n % len(MOBILE_PREFIXES)] + f"{mixed:08d}"
    name = SURNAMES[(n // 3) % len(SURNAMES)] + ("先生" if (n // 7) % 2 else "女士")
    return phone, name


# ---------------------------------------------------------------- bulk writing through the driver

class _Writer:
    """Writes rows of tuples through the session's driver connection, inside the session's transaction."""

    TABLES = ("cases", "case_events", "callbacks")

    def __init__(self, s: Session):
        self.s = s
        self.dialect = s.get_bind().dialect.name
        self.raw = s.connection().connection.driver_connection
        self.saved_indexes: list[tuple[str, str]] = []

    def drop_indexes(self) -> None:
        """Drop the secondary indexes of the bulk tables; `finish` creates them again from their own SQL."""
        if self.dialect == "sqlite":
            rows = self.raw.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN "
                "('cases', 'case_events', 'callbacks') ORDER BY name").fetchall()
        else:
            with self.raw.cursor() as cur:
                cur.execute(
                    "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
                    "AND i.tablename IN ('cases', 'case_events', 'callbacks') AND NOT EXISTS "
                    "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname) ORDER BY i.indexname")
                rows = cur.fetchall()
        self.saved_indexes = [(name, sql) for name, sql in rows]
        for name, _sql in self.saved_indexes:
            self._exec(f'DROP INDEX "{name}"')

    def _exec(self, sql: str, params=()) -> None:
        if self.dialect == "sqlite":
            self.raw.execute(sql, params)
        else:
            with self.raw.cursor() as cur:
                cur.execute(sql, params)

    def write(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        if not rows:
            return
        if self.dialect == "sqlite":
            marks = ", ".join("?" * len(columns))
            self.raw.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
            return
        with self.raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def update_repeats(self, repeats: list[tuple[int, int]]) -> None:
        rows = [(count, case_id) for case_id, count in repeats]
        if not rows:
            return
        if self.dialect == "sqlite":
            self.raw.executemany("UPDATE cases SET repeat_count = ? WHERE id = ?", rows)
        else:
            with self.raw.cursor() as cur:
                cur.executemany("UPDATE cases SET repeat_count = %s WHERE id = %s", rows)

    def finish(self, last_case_id: int) -> None:
        for _name, sql in self.saved_indexes:
            self._exec(sql)
        if self.dialect == "postgresql":
            self._exec("SELECT setval(pg_get_serial_sequence('cases', 'id'), %s)", (max(1, last_case_id),))
