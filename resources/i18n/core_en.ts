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
        <source>重新计时(联系时限;答复时限)</source>
        <translation>Deadlines restarted (contact; reply)</translation>
    </message>
    <message>
        <source>只有“咨询”类诉求可以直接答复;其他类型请保存并派单</source>
        <translation>Only a consultation can be answered at once; save and dispatch any other request type</translation>
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
</context>
</TS>