"""The SQL of the statements `rank` runs, compiled for SQLite from their factories by `python -m app.services.compiled_sql --write`:
do not edit (app/services/compiled_sql.py says what each part is; tests/test_rank_fast_path.py checks it).
"""
# ruff: noqa: E501

EMPTY_SET = 'SELECT 1 FROM (SELECT 1) WHERE 1!=1'

SQLITE = {
    'app.db:revision_statement': (
        'SELECT version_num \nFROM alembic_version',
        {},
        {},
        (),
        (None,),
    ),
    'app.db:sqlite_names_statement': (
        'SELECT sqlite_master.type, sqlite_master.name \nFROM sqlite_master \nWHERE sqlite_master.type IN (__[POSTCOMPILE_type_1])',
        {'type_1': None},
        {'type_1': ['table', 'view', 'trigger']},
        ('type_1',),
        (None, None),
    ),
    'app.services.directory:units_statement': (
        'SELECT units.id, units.code, units.name, units.kind, units.level, units.parent_id, units.population, units.is_demo, units.active, units.sort_key, units.aliases \nFROM units',
        {},
        {},
        (),
        (None, None, None, None, None, None, None, 'bool', 'bool', None, None),
    ),
    'app.services.directory:categories_statement': (
        'SELECT categories.id, categories.code, categories.name, categories.parent_id, categories.default_handler, categories.deadline_tier, categories.active \nFROM categories',
        {},
        {},
        (),
        (None, None, None, None, None, None, 'bool'),
    ),
    'app.services.directory:key_topics_statement': (
        'SELECT key_topics.year, key_topics.category_id, key_topics.scope \nFROM key_topics',
        {},
        {},
        (),
        (None, None, None),
    ),
    'app.services.metrics:last_data_month_statement': (
        'SELECT max(stat_monthly_category.month) AS max_1 \nFROM stat_monthly_category \nWHERE stat_monthly_category.received > :received_1',
        {'received_1': None},
        {'received_1': 0},
        (),
        ('date',),
    ),
    'app.services.metrics:scoring_rules_statement': (
        'SELECT scoring_rules.effective_from, scoring_rules.w_response, scoring_rules.w_resolution, scoring_rules.w_satisfaction, scoring_rules.w_basic \nFROM scoring_rules ORDER BY scoring_rules.effective_from',
        {},
        {},
        (),
        ('date', None, None, None, None),
    ),
    'app.services.rules:scoring_in_force_statement': (
        'SELECT scoring_rules.effective_from, scoring_rules.w_response, scoring_rules.w_resolution, scoring_rules.w_satisfaction, scoring_rules.w_basic \nFROM scoring_rules \nWHERE scoring_rules.effective_from <= :day ORDER BY scoring_rules.effective_from DESC\n LIMIT :param_1 OFFSET :param_2',
        {'day': 'date', 'param_1': None, 'param_2': None},
        {'param_1': 1, 'param_2': 0},
        (),
        ('date', None, None, None, None),
    ),
    'app.services.rules:first_scoring_statement': (
        'SELECT scoring_rules.effective_from, scoring_rules.w_response, scoring_rules.w_resolution, scoring_rules.w_satisfaction, scoring_rules.w_basic \nFROM scoring_rules ORDER BY scoring_rules.effective_from\n LIMIT :param_1 OFFSET :param_2',
        {'param_1': None, 'param_2': None},
        {'param_1': 1, 'param_2': 0},
        (),
        ('date', None, None, None, None),
    ),
    'app.services.metrics:sums_statement:stat_monthly_unit,level2,all,all': (
        'SELECT CASE WHEN (units.level >= :level_1) THEN units.parent_id ELSE units.id END AS anon_1, sum(stat_monthly_unit.received) AS sum_1, sum(stat_monthly_unit.replied) AS sum_2, sum(stat_monthly_unit.overdue) AS sum_3, sum(stat_monthly_unit.callbacks) AS sum_4, sum(stat_monthly_unit.reached) AS sum_5, sum(stat_monthly_unit.contacted) AS sum_6, sum(stat_monthly_unit.resolved) AS sum_7, sum(stat_monthly_unit.partly) AS sum_8, sum(stat_monthly_unit.satisfied) AS sum_9, sum(stat_monthly_unit.basic) AS sum_10, sum(stat_monthly_unit.unsatisfied) AS sum_11 \nFROM stat_monthly_unit JOIN units ON units.id = stat_monthly_unit.unit_id \nWHERE stat_monthly_unit.month BETWEEN :lo AND :hi GROUP BY CASE WHEN (units.level >= :level_1) THEN units.parent_id ELSE units.id END',
        {'hi': 'date', 'level_1': None, 'lo': 'date'},
        {'level_1': 3},
        (),
        (None, None, None, None, None, None, None, None, None, None, None, None),
    ),
    'app.services.metrics:sums_statement:stat_monthly_unit,level2,all,score': (
        'SELECT CASE WHEN (units.level >= :level_1) THEN units.parent_id ELSE units.id END AS anon_1, sum(stat_monthly_unit.reached) AS sum_1, sum(stat_monthly_unit.contacted) AS sum_2, sum(stat_monthly_unit.resolved) AS sum_3, sum(stat_monthly_unit.satisfied) AS sum_4, sum(stat_monthly_unit.basic) AS sum_5 \nFROM stat_monthly_unit JOIN units ON units.id = stat_monthly_unit.unit_id \nWHERE stat_monthly_unit.month BETWEEN :lo AND :hi GROUP BY CASE WHEN (units.level >= :level_1) THEN units.parent_id ELSE units.id END',
        {'hi': 'date', 'level_1': None, 'lo': 'date'},
        {'level_1': 3},
        (),
        (None, None, None, None, None, None),
    ),
    'app.services.metrics:sums_statement:stat_monthly_unit,unit,ids,all': (
        'SELECT stat_monthly_unit.unit_id, sum(stat_monthly_unit.received) AS sum_1, sum(stat_monthly_unit.replied) AS sum_2, sum(stat_monthly_unit.overdue) AS sum_3, sum(stat_monthly_unit.callbacks) AS sum_4, sum(stat_monthly_unit.reached) AS sum_5, sum(stat_monthly_unit.contacted) AS sum_6, sum(stat_monthly_unit.resolved) AS sum_7, sum(stat_monthly_unit.partly) AS sum_8, sum(stat_monthly_unit.satisfied) AS sum_9, sum(stat_monthly_unit.basic) AS sum_10, sum(stat_monthly_unit.unsatisfied) AS sum_11 \nFROM stat_monthly_unit \nWHERE stat_monthly_unit.month BETWEEN :lo AND :hi AND stat_monthly_unit.unit_id IN (__[POSTCOMPILE_ids]) GROUP BY stat_monthly_unit.unit_id',
        {'hi': 'date', 'ids': None, 'lo': 'date'},
        {},
        ('ids',),
        (None, None, None, None, None, None, None, None, None, None, None, None),
    ),
    'app.services.metrics:sums_statement:stat_monthly_unit,unit,ids,score': (
        'SELECT stat_monthly_unit.unit_id, sum(stat_monthly_unit.reached) AS sum_1, sum(stat_monthly_unit.contacted) AS sum_2, sum(stat_monthly_unit.resolved) AS sum_3, sum(stat_monthly_unit.satisfied) AS sum_4, sum(stat_monthly_unit.basic) AS sum_5 \nFROM stat_monthly_unit \nWHERE stat_monthly_unit.month BETWEEN :lo AND :hi AND stat_monthly_unit.unit_id IN (__[POSTCOMPILE_ids]) GROUP BY stat_monthly_unit.unit_id',
        {'hi': 'date', 'ids': None, 'lo': 'date'},
        {},
        ('ids',),
        (None, None, None, None, None, None),
    ),
    'app.services.metrics:sums_statement:stat_daily,level2,all,all': (
        'SELECT CASE WHEN (units.level >= :level_1) THEN units.parent_id ELSE units.id END AS anon_1, sum(stat_daily.received) AS sum_1, sum(stat_daily.replied) AS sum_2, sum(stat_daily.overdue) AS sum_3, sum(stat_daily.callbacks) AS sum_4, sum(stat_daily.reached) AS sum_5, sum(stat_daily.contacted) AS sum_6, sum(stat_daily.resolved) AS sum_7, sum(stat_daily.partly) AS sum_8, sum(stat_daily.satisfied) AS sum_9, sum(stat_daily.basic) AS sum_10, sum(stat_daily.unsatisfied) AS sum_11 \nFROM stat_daily JOIN units ON units.id = stat_daily.unit_id \nWHERE stat_daily.day >= :lo1 AND stat_daily.day <= :hi1 OR stat_daily.day >= :lo2 AND stat_daily.day <= :hi2 GROUP BY CASE WHEN (units.level >= :level_1) THEN units.parent_id ELSE units.id END',
        {'hi1': 'date', 'hi2': 'date', 'level_1': None, 'lo1': 'date', 'lo2': 'date'},
        {'level_1': 3},
        (),
        (None, None, None, None, None, None, None, None, None, None, None, None),
    ),
    'app.services.metrics:sums_statement:stat_daily,level2,all,score': (
        'SELECT CASE WHEN (units.level >= :level_1) THEN units.parent_id ELSE units.id END AS anon_1, sum(stat_daily.reached) AS sum_1, sum(stat_daily.contacted) AS sum_2, sum(stat_daily.resolved) AS sum_3, sum(stat_daily.satisfied) AS sum_4, sum(stat_daily.basic) AS sum_5 \nFROM stat_daily JOIN units ON units.id = stat_daily.unit_id \nWHERE stat_daily.day >= :lo1 AND stat_daily.day <= :hi1 OR stat_daily.day >= :lo2 AND stat_daily.day <= :hi2 GROUP BY CASE WHEN (units.level >= :level_1) THEN units.parent_id ELSE units.id END',
        {'hi1': 'date', 'hi2': 'date', 'level_1': None, 'lo1': 'date', 'lo2': 'date'},
        {'level_1': 3},
        (),
        (None, None, None, None, None, None),
    ),
    'app.services.metrics:sums_statement:stat_daily,unit,ids,all': (
        'SELECT stat_daily.unit_id, sum(stat_daily.received) AS sum_1, sum(stat_daily.replied) AS sum_2, sum(stat_daily.overdue) AS sum_3, sum(stat_daily.callbacks) AS sum_4, sum(stat_daily.reached) AS sum_5, sum(stat_daily.contacted) AS sum_6, sum(stat_daily.resolved) AS sum_7, sum(stat_daily.partly) AS sum_8, sum(stat_daily.satisfied) AS sum_9, sum(stat_daily.basic) AS sum_10, sum(stat_daily.unsatisfied) AS sum_11 \nFROM stat_daily \nWHERE (stat_daily.day >= :lo1 AND stat_daily.day <= :hi1 OR stat_daily.day >= :lo2 AND stat_daily.day <= :hi2) AND stat_daily.unit_id IN (__[POSTCOMPILE_ids]) GROUP BY stat_daily.unit_id',
        {'hi1': 'date', 'hi2': 'date', 'ids': None, 'lo1': 'date', 'lo2': 'date'},
        {},
        ('ids',),
        (None, None, None, None, None, None, None, None, None, None, None, None),
    ),
    'app.services.metrics:sums_statement:stat_daily,unit,ids,score': (
        'SELECT stat_daily.unit_id, sum(stat_daily.reached) AS sum_1, sum(stat_daily.contacted) AS sum_2, sum(stat_daily.resolved) AS sum_3, sum(stat_daily.satisfied) AS sum_4, sum(stat_daily.basic) AS sum_5 \nFROM stat_daily \nWHERE (stat_daily.day >= :lo1 AND stat_daily.day <= :hi1 OR stat_daily.day >= :lo2 AND stat_daily.day <= :hi2) AND stat_daily.unit_id IN (__[POSTCOMPILE_ids]) GROUP BY stat_daily.unit_id',
        {'hi1': 'date', 'hi2': 'date', 'ids': None, 'lo1': 'date', 'lo2': 'date'},
        {},
        ('ids',),
        (None, None, None, None, None, None),
    ),
}
