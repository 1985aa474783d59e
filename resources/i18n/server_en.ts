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
</TS>