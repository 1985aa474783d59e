<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>ReportsTab</name>
    <message>
        <location filename="../../app/ui/reports/tab.py" line="94" />
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/tab.py" line="103" />
        <source>日报</source>
        <translation>Daily report</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/tab.py" line="103" />
        <source>月报</source>
        <translation>Monthly report</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/tab.py" line="103" />
        <source>年度体检报告</source>
        <translation>Annual health check</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/tab.py" line="117" />
        <source>全区(所有承办单位)</source>
        <translation>Whole district (all handling units)</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/tab.py" line="129" />
        <source>生成预览(&amp;G)</source>
        <translation>&amp;Generate preview</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/tab.py" line="131" />
        <source>保存 PDF(&amp;P)…</source>
        <translation>Save &amp;PDF…</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/tab.py" line="132" />
        <source>保存 Excel(&amp;X)…</source>
        <translation>Save E&amp;xcel…</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/tab.py" line="134" />
        <source>生成中 %v/%m</source>
        <translation>Building %v/%m</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/tab.py" line="142" />
        <source>报表(&amp;R)</source>
        <translation>&amp;Report</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/tab.py" line="142" />
        <source>日期(&amp;D)</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/tab.py" line="143" />
        <source>月份(&amp;M)</source>
        <translation>&amp;Month</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/tab.py" line="143" />
        <source>年度(&amp;Y)</source>
        <translation>&amp;Year</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/tab.py" line="144" />
        <source>承办单位(&amp;U)</source>
        <translation>Handling &amp;unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/tab.py" line="145" />
        <source>街道乡镇(&amp;S)</source>
        <translation>&amp;Street/town</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/tab.py" line="175" />
        <source>离线副本:报表按副本中的数据生成</source>
        <translation>Offline copy: reports are made from the data in the copy</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/tab.py" line="225" />
        <source>选择已改变:请重新生成预览后再保存</source>
        <translation>The choices changed: generate the preview again before saving</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/tab.py" line="247" />
        <source>正在生成报表…</source>
        <translation>Building the report…</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/tab.py" line="278" />
        <source>{title}{subtitle}({period}):共 {n} 页</source>
        <translation>{title}{subtitle} ({period}): {n} pages</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/tab.py" line="291" />
        <source>PDF 文件</source>
        <translation>PDF file</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/tab.py" line="291" />
        <source>Excel 工作簿</source>
        <translation>Excel workbook</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/tab.py" line="293" />
        <source>保存报表</source>
        <translation>Save report</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/tab.py" line="309" />
        <source>正在保存 {path}…</source>
        <translation>Saving {path}…</translation>
    </message>
    <message>
        <location filename="../../app/ui/reports/tab.py" line="316" />
        <source>已保存:{path}</source>
        <translation>Saved: {path}</translation>
    </message>
</context>
<context><name /><message><source>生成这份日报(承办单位只能生成本单位的提醒名单)</source><translation>make this daily report (a handling unit makes only its own reminder list)</translation></message><message><source>生成月报</source><translation>make the monthly report</translation></message><message><source>生成这份年度体检报告(承办单位只能生成本街道乡镇的)</source><translation>make this annual health check (a handling unit only its own street's or town's)</translation></message></context></TS>