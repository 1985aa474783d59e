"""census population: the 2020 census (第七次全国人口普查) figures of Fengtai's streets, where a unit has none

Revision ID: 0016_census_population
Revises: 0015_place_stats

The figures are the ones resources/reference/units.csv ships (a new database gets them from there), written
out here as they are today. Each fills the unit's population only when it is empty: a figure an administrator
entered (系统管理 → 单位) is never overwritten. Where each figure comes from (all 2020-11-01 census, resident
population):

- 丰台区 2 019 764: CityPopulation.de, "China: Bĕijīng" (citing the National Bureau of Statistics and the
  Beijing Municipal Bureau of Statistics); also the English Wikipedia article Fengtai District.
- 西罗园街道 83 815: English Wikipedia, Xiluoyuan Subdistrict ("a population of 83,815 by 2020").
- 东铁匠营街道 152 873: English Wikipedia, Dongtiejiangying Subdistrict ("a census population of 152,873 as
  of 2020").
- 新村街道 204 697: English Wikipedia, Xincun Subdistrict, Beijing (citing CityPopulation.de).

No 2020 figure could be sourced for the other streets and towns (the township table of the census was not
found); the streets created in 2021 (成寿寺, 石榴庄, 玉泉营, 看丹, 五里店, 青塔) had no 2020 figure, and the
2020 figures of streets whose area changed in 2021 (南苑, 六里桥, 卢沟桥, 花乡, 北宫) are of other areas: all
stay empty for the administrator to enter. The downgrade leaves populations as they are (a figure equal to the
census may as well have been entered by hand).
"""
import sqlalchemy as sa
from alembic import op

revision = "0016_census_population"
down_revision = "0015_place_stats"
branch_labels = None
depends_on = None

CENSUS_2020 = {  # unit code: resident population on 2020-11-01
    "110106": 2019764,  # 丰台区
    "110106003": 83815,  # 西罗园街道
    "110106007": 152873,  # 东铁匠营街道
    "110106010": 204697,  # 新村街道
}


def upgrade() -> None:
    statement = sa.text("UPDATE units SET population = :population WHERE code = :code AND population IS NULL")
    for code, population in CENSUS_2020.items():
        op.execute(statement.bindparams(code=code, population=population))


def downgrade() -> None:
    pass
