<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name />
    <message>
        <source>重新派单</source>
        <translation>Re-dispatch</translation>
    </message>
    <message>
        <source>重复来电</source>
        <translation>Repeat call</translation>
    </message>
    <message>
        <source>并入重复工单</source>
        <translation>Repeat merged in</translation>
    </message>
    <message>
        <source>回访未接通,办结</source>
        <translation>Unreachable, closed</translation>
    </message>
    <message>
        <source>没有填写时段</source>
        <translation>no period given</translation>
    </message>
    <message>
        <source>月份必须在 01–12 之间</source>
        <translation>the month must be 01–12</translation>
    </message>
    <message>
        <source>季度必须是 Q1–Q4</source>
        <translation>the quarter must be Q1–Q4</translation>
    </message>
    <message>
        <source>年份必须在 {low}–{high} 之间</source>
        <translation>the year must be between {low} and {high}</translation>
    </message>
    <message>
        <source>“{detail}”不是 YYYY-MM-DD 格式的日期</source>
        <translation>“{detail}” is not a date in YYYY-MM-DD form</translation>
    </message>
    <message>
        <source>日期“{detail}”不存在</source>
        <translation>the date “{detail}” does not exist</translation>
    </message>
    <message>
        <source>结束日期早于开始日期</source>
        <translation>the end date is before the start date</translation>
    </message>
    <message>
        <source>无法识别</source>
        <translation>not recognised</translation>
    </message>
    <message>
        <source>时段“{text}”无效:{reason}。可用的写法:{forms}</source>
        <translation>Period “{text}” is not valid: {reason}. Accepted forms: {forms}</translation>
    </message>
    <message>
        <source>无法访问数据库,请检查网络或联系管理员后重试({error})</source>
        <translation>The database cannot be reached; check the network or ask the administrator, then try again ({error})</translation>
    </message>
    </context>
<context>
    <name>application</name>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <source>无法打开数据库 {url}:
{error}</source>
        <translation>Cannot open the database {url}:
{error}</translation>
    </message>
    <message>
        <source>数据库版本为 {current},比本程序(需要 {head})新:请使用新版本的工作台</source>
        <translation>The database is at revision {current}, newer than this console (which needs {head}): use the newer console</translation>
    </message>
    <message>
        <source>数据库版本为 {current},本程序需要 {head}:请运行 hotline db upgrade</source>
        <translation>The database is at revision {current}, this console needs {head}: run hotline db upgrade</translation>
    </message>
    <message>
        <source>空(尚未建立)</source>
        <translation>none (empty)</translation>
    </message>
</context>
</TS>