"""Hand-built reports for the PDF writer and the 报表 page's tests (the builders' output shape)."""
from __future__ import annotations

from datetime import date

from app.services.reports.document import (
    CHANGE,
    COUNT,
    RANK_CHANGE,
    RATE,
    RATIO,
    SCORE,
    Chart,
    Column,
    Findings,
    Paragraph,
    Report,
    Section,
    Series,
    Table,
)

STREETS = ("马家堡街道", "长辛店街道", "卢沟桥街道", "新村街道", "方庄街道", "右安门街道", "太平桥街道", "西罗园街道",
           "大红门街道", "南苑街道", "东高地街道", "东铁匠营街道", "丰台街道", "六里桥街道", "青塔街道", "宛平街道",
           "云岗街道", "五里店街道", "和义街道", "看丹街道", "玉泉营街道", "成寿寺街道", "石榴庄街道", "花乡乡",
           "南苑乡", "长辛店镇", "王佐镇", "北宫镇", "卢沟桥乡", "宛平城地区")


def ranking_rows(n: int) -> tuple[tuple, ...]:
    rows = []
    for i in range(n):
        name = STREETS[i % len(STREETS)] + ("" if i < len(STREETS) else f"第{i // len(STREETS) + 1}片区")
        rows.append((i + 1, name, "街道乡镇", 4000 - 37 * i, 900 - 11 * i, 0.99 - i * 0.001, 0.8765 - i * 0.004,
                     0.9123 - i * 0.003, 0.9824 - i * 0.0051, 0.0643 - i * 0.004, (i % 5) - 2 if i % 7 else None))
    return tuple(rows)


RANK_COLUMNS = (Column("名次", COUNT), Column("单位"), Column("层级"), Column("受理量", COUNT),
                Column("有效回访", COUNT), Column("响应率", RATE), Column("解决率", RATE), Column("满意率", RATE),
                Column("综合成绩", SCORE), Column("较上期", CHANGE), Column("名次变化", RANK_CHANGE))

MONTHS = tuple(f"{2021 + (m + 7) // 12}-{(m + 7) % 12 + 1:02d}" for m in range(13))


def monthly_report(rows: int = 75) -> Report:
    trend = Chart("趋势数据", "近13个月受理量与三率走势", MONTHS, (
        Series("受理量", tuple(30000 + 1500 * i for i in range(13))),
        Series("响应率", tuple(0.95 + i * 0.003 for i in range(13)), RATE),
        Series("解决率", tuple(0.70 + i * 0.01 for i in range(13)), RATE),
        Series("满意率", tuple(0.78 + i * 0.008 for i in range(13)), RATE)))
    return Report(
        kind="monthly", title="丰台区接诉即办工作月报", period="2022年8月", issued_by="丰台区接诉即办工作专班",
        issued_on=date(2022, 9, 2), sections=(
            Section("一、总体情况", (
                Paragraph("8月,全区共受理市民诉求45000件,环比上升3.2%;响应率99.12%,解决率87.65%,满意率91.23%,"
                          "综合成绩98.24分,较上月提高6.43分。"),
                trend)),
            Section("二、街道乡镇排名", (
                Table("街道乡镇排名", "表1 街道乡镇综合成绩排名", RANK_COLUMNS, ranking_rows(rows),
                      note="综合成绩 = 响应率×10% + 解决率×45% + 满意率×45%,以百分制表示。"),)),
            Section("三、约谈名单", (
                Table("约谈名单", "表2 约谈名单", (Column("单位"), Column("解决率", RATE), Column("满意率", RATE),
                                                  Column("主要问题")),
                      (("宛平城地区", 0.5123, 0.6012, "物业管理类诉求未解决32件,占其未解决回访的41.0%"),)),
                Table("预警", "表3 预警名单", (Column("街道乡镇"), Column("每万人诉求量", RATIO)), ()))),
            Section("四、主要发现", (
                Findings("主要发现", ("停车管理诉求占比 18.2%,为全区平均的 2.1 倍,较上年上升 4.0 个百分点。",
                                     "马家堡街道连续三个月综合成绩排名第一。" * 3)),)),
        ),
        notes=("数据截至2022年8月31日24时。", "新村街道、花乡乡暂无人口数据,按受理量排列。"))


def street_report() -> Report:
    months = tuple(f"2022-{m:02d}" for m in range(1, 13))
    return Report(
        kind="street", title="年度体检报告", subtitle="马家堡街道", period="2022年度",
        issued_by="丰台区接诉即办工作专班", issued_on=date(2023, 1, 10), sections=(
            Section("一、诉求量", (
                Chart("月度受理量", "马家堡街道与全区月均受理量", months, (
                    Series("马家堡街道", tuple(1200 + 40 * i for i in range(12))),
                    Series("全区街道平均", tuple(1000 + 25 * i for i in range(12))))),
                Chart("月度三率", "马家堡街道三率", months, (
                    Series("响应率", tuple(0.97 for _ in range(12)), RATE),
                    Series("解决率", tuple(0.75 + 0.01 * i for i in range(12)), RATE),
                    Series("满意率", (None, *(0.8 + 0.005 * i for i in range(11))), RATE))))),
            Section("二、诉求结构", (
                Table("诉求结构", "表1 主要诉求分类与全区对比", (Column("分类"), Column("件数", COUNT),
                      Column("占比", RATE), Column("全区占比", RATE), Column("倍数", RATIO)),
                      tuple((f"分类{i}", 300 - i * 9, 0.182 - i * 0.004, 0.087, 2.09 - i * 0.05) for i in range(25))),)),
            Section("三、主要发现", (Findings("", ("停车管理诉求占比 18.2%,为全区平均的 2.1 倍,较上年上升 4.0 个百分点。",)),)),
        ))
