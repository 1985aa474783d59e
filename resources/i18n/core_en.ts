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
        <source>未能联系诉求人</source>
        <translation>Citizen not reached</translation>
    </message>
    <message>
        <source>只有“咨询”类诉求可以直接答复;其他类型请保存并派单</source>
        <translation>Only a consultation can be answered at once; save and dispatch any other request type</translation>
    </message>
    <message>
        <source>工单 {case}没有待审批的退单申请,无需{action}</source>
        <translation>Case {case} has no return request waiting: nothing to {action}</translation>
    </message>
    <message>
        <source>工单 {case}没有待审批的延期申请,无需{action}</source>
        <translation>Case {case} has no extension request waiting: nothing to {action}</translation>
    </message>
    <message>
        <source>不能把工单 {case}合并到它自己:请填写另一件(最初受理的)工单的编号</source>
        <translation>Case {case} cannot be merged into itself: enter the number of another (the original) case</translation>
    </message>
    <message>
        <source>工单 {detail}本身已合并到其他工单,不能作为原工单:请合并到它所并入的那件工单</source>
        <translation>Case {detail} is itself merged into another case and cannot be the original: merge into the case it was merged into</translation>
    </message>
    <message>
        <source>工单 {case}以“{detail}”办结,不能{action}</source>
        <translation>Case {case} was closed as "{detail}": cannot {action}</translation>
    </message>
    <message>
        <source>工单 {case}没有可以退回的承办单位,不能{action};请派单员重新派单</source>
        <translation>Case {case} has no handling unit to send it back to, so it cannot {action}; the dispatcher must dispatch it</translation>
    </message>
    <message>
        <source>工单 {case}有{detail}等待派单员审批,审批前不能{action}</source>
        <translation>Case {case} has a {detail} waiting for the dispatcher: cannot {action} until it is decided</translation>
    </message>
    <message>
        <source>工单 {case}尚未联系诉求人,不能{action}:请先“联系诉求人”,或在答复时写明未能联系的原因</source>
        <translation>The citizen of case {case} has not been contacted, so it cannot {action}: record the contact first, or give the reason why there was none</translation>
    </message>
    <message>
        <source>退单申请</source>
        <translation>return request</translation>
    </message>
    <message>
        <source>延期申请</source>
        <translation>extension request</translation>
    </message>
    <message>
        <source>不能{action}工单 {case}</source>
        <translation>Cannot {action} case {case}</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>重点题目</source>
        <translation>Key topic</translation>
    </message>
    <message>
        <source>时限规则</source>
        <translation>Deadline rule</translation>
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
        <source>无法访问数据库,请检查网络或联系管理员后重试</source>
        <translation>The database cannot be reached; check the network or ask the administrator, then try again</translation>
    </message>
    <message>
        <source>数据库正忙(其他工位正在保存),本次操作没有完成,请稍后再试一次</source>
        <translation>The database is busy (another workstation is saving); nothing was done, please try again in a moment</translation>
    </message>
    <message>
        <source>无法访问数据库文件,请确认文件仍在且可写,或联系管理员</source>
        <translation>The database file cannot be used; check that it is still there and writable, or ask the administrator</translation>
    </message>
    <message numerus="yes">
        <source>数据库中已有 {n} 件工单:演示数据只写入空数据库</source>
        <translation><numerusform>The database already holds {n} case: demo data goes only into an empty database</numerusform><numerusform>The database already holds {n} cases: demo data goes only into an empty database</numerusform></translation>
    </message>
    <message>
        <source>文件已存在(要替换请加 --force)</source>
        <translation>the file already exists (add --force to replace it)</translation>
    </message>
    <message>
        <source>文件夹不存在</source>
        <translation>the folder does not exist</translation>
    </message>
    <message>
        <source>无法在此文件夹中写入</source>
        <translation>cannot write in this folder</translation>
    </message>
    <message>
        <source>无法写入离线副本 {path}:{reason}</source>
        <translation>Cannot write the offline copy {path}: {reason}</translation>
    </message>
    </context>
<context>
    <name>application</name>
    <message>
        <source>--read-db:只读副本须为 PostgreSQL 备库,且 --db 也须为 PostgreSQL 数据库</source>
        <translation>--read-db: a read replica must be a PostgreSQL standby, and --db a PostgreSQL database</translation>
    </message>
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