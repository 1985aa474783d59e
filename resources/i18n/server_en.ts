<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>ConnectionBanner</name>
    <message>
        <location filename="../../app/ui/connection_banner.py" line="69" />
        <source>已重新连接</source>
        <translation>Reconnected</translation>
    </message>
    <message>
        <location filename="../../app/ui/connection_banner.py" line="75" />
        <source>与数据库的连接已断开,正在重新连接…</source>
        <translation>The connection to the database was lost; reconnecting…</translation>
    </message>
</context>
<context>
    <name />
    <message>
        <location filename="../../app/messages.py" line="270" />
        <source>汇总数据和全部工单</source>
        <translation>the summaries and every case</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="270" />
        <source>汇总数据和 {day} 起受理的工单</source>
        <translation>the summaries and the cases received from {day}</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="270" />
        <source>仅汇总数据,不含工单</source>
        <translation>the summaries only, no cases</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="270" />
        <source>离线副本({made} 制作):{held}</source>
        <translation>Offline copy (made {made}): {held}</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="270" />
        <source>此离线副本只含 {day} 起受理的工单,更早的工单请在服务器上查看</source>
        <translation>This offline copy holds only the cases received from {day}; look up earlier cases on the server</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="270" />
        <source>此离线副本不含工单(只有汇总数据),工单请在服务器上查看</source>
        <translation>This offline copy holds no cases (only the summaries); look up cases on the server</translation>
    </message>
</context>
<context>
    <name>ReplicaBanner</name>
    <message>
        <source>只读副本已恢复:看板与名单重新从副本读取</source>
        <translation>The read replica is back: dashboards and lists read from it again</translation>
    </message>
    <message>
        <source>只读副本无法连接:看板、主动治理名单与导出暂时从主库读取</source>
        <translation>The read replica cannot be reached: dashboards, the proactive lists and exports read from the primary for now</translation>
    </message>
</context>
<context>
    <name>FreshnessLabel</name>
    <message>
        <source>数据截至 {time}</source>
        <translation>Data as of {time}</translation>
    </message>
    <message>
        <source>读自只读副本:此时刻之前在主库提交的变更都已包含</source>
        <translation>Read from the read replica: every change committed on the primary up to this time is included</translation>
    </message>
    <message>
        <source>数据截至 {time}(读自主库)</source>
        <translation>Data as of {time} (from the primary)</translation>
    </message>
    <message>
        <source>只读副本无法连接:恢复后自动改回从副本读取</source>
        <translation>The read replica cannot be reached; reads go back to it as soon as it answers again</translation>
    </message>
</context>
</TS>
