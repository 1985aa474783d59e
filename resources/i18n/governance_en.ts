<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>ChronicPage</name>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="263" />
        <source>社区 × 类别</source>
        <translation>Community × category</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="264" />
        <location filename="../../app/ui/governance/lists.py" line="271" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="265" />
        <source>截至</source>
        <translation>Up to</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="270" />
        <source>街道乡镇</source>
        <translation>Street/town</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="270" />
        <source>社区(村)</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="271" />
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="272" />
        <source>件数</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="272" />
        <source>月数</source>
        <translation>Months</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="273" />
        <source>解决率</source>
        <translation>Resolution rate</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="273" />
        <source>主要承办单位</source>
        <translation>Usual handling unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="289" />
        <source>正在计算…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="300" />
        <source>{place}{category}顽疾治理</source>
        <translation>{category} at {place}: chronic problem</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="301" />
        <source>近 12 个月中 {months} 个月有诉求,共 {n} 件,解决率 {rate}</source>
        <translation>cases in {months} of the last 12 months, {n} in all, resolution rate {rate}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/governance/lists.py" line="309" />
        <source>{n} 项;全区同期解决率 {rate}</source>
        <translation><numerusform>{n} item; district resolution rate over the same months {rate}</numerusform><numerusform>{n} items; district resolution rate over the same months {rate}</numerusform></translation>
    </message>
</context>
<context>
    <name>GovernanceTab</name>
    <message>
        <location filename="../../app/ui/governance/tab.py" line="17" />
        <source>主动治理</source>
        <translation>Proactive governance</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tab.py" line="25" />
        <source>突发聚集</source>
        <translation>Surges</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tab.py" line="26" />
        <source>顽疾</source>
        <translation>Chronic problems</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tab.py" line="27" />
        <source>季节预警</source>
        <translation>Seasonal watch</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tab.py" line="28" />
        <source>治理任务</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tab.py" line="29" />
        <source>每月一题</source>
        <translation>Monthly key topics</translation>
    </message>
<message><location filename="../../app/ui/governance/tab.py" line="1" /><source>此离线副本不含工单:突发聚集、顽疾和季节预警由工单算出,请在服务器上查看</source><translation>This offline copy holds no cases: surges, chronic problems and the seasonal watch are counted from cases; look at them on the server</translation></message><message><location filename="../../app/ui/governance/tab.py" line="1" /><source>此离线副本只含 {day} 起受理的工单:突发聚集、顽疾和季节预警只按这些工单计算</source><translation>This offline copy holds the cases received from {day} on: surges, chronic problems and the seasonal watch are counted from those only</translation></message></context>
<context>
    <name>PlanDialog</name>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="148" />
        <source>修改每月一题计划</source>
        <translation>Edit the monthly key-topic plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="148" />
        <source>新建每月一题计划</source>
        <translation>New monthly key-topic plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="185" />
        <source>月份(&amp;M)</source>
        <translation>&amp;Month</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="186" />
        <source>题目(&amp;T)</source>
        <translation>&amp;Topic</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="187" />
        <source>牵头区领导(&amp;L)</source>
        <translation>&amp;Leading official</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="188" />
        <source>牵头单位(&amp;U)</source>
        <translation>Lead &amp;unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="189" />
        <source>参与街乡(&amp;S)</source>
        <translation>&amp;Streets taking part</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="190" />
        <source>目标(较去年同月)(&amp;G)</source>
        <translation>Tar&amp;get (against the same month last year)</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="215" />
        <source>{year} 年还没有重点题目:请管理员先在系统管理中设置</source>
        <translation>There are no key topics for {year} yet: an administrator sets them under Administration</translation>
    </message>
</context>
<context>
    <name>PlansPage</name>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="50" />
        <source>新建计划(&amp;N)…</source>
        <translation>&amp;New plan…</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="52" />
        <source>修改计划(&amp;E)…</source>
        <translation>&amp;Edit plan…</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="59" />
        <source>题目</source>
        <translation>Topic</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="59" />
        <source>牵头区领导</source>
        <translation>Leading official</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="60" />
        <source>牵头单位</source>
        <translation>Lead unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="60" />
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="61" />
        <source>参与街乡</source>
        <translation>Streets</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="61" />
        <location filename="../../app/ui/governance/plans_page.py" line="68" />
        <source>本期件数</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="62" />
        <location filename="../../app/ui/governance/plans_page.py" line="69" />
        <source>去年同期</source>
        <translation>Same period last year</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="62" />
        <location filename="../../app/ui/governance/plans_page.py" line="69" />
        <source>变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="63" />
        <location filename="../../app/ui/governance/plans_page.py" line="70" />
        <source>进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="68" />
        <source>街道乡镇</source>
        <translation>Street/town</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="75" />
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="95" />
        <source>达到目标</source>
        <translation>Target met</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="95" />
        <source>未达目标</source>
        <translation>Target not met</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="113" />
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="127" />
        <source>{month} 没有每月一题计划</source>
        <translation>No monthly key-topic plan for {month}</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="130" />
        <source>{n} 项计划;本月未结束,与去年同期 {first} – {last} 比较</source>
        <translation>{n} plans; the month is not over: compared with {first} – {last} last year</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/plans_page.py" line="133" />
        <source>{n} 项计划;与去年同月比较</source>
        <translation>{n} plans; compared with the same month last year</translation>
    </message>
</context>
<context>
    <name>SeasonPage</name>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="324" />
        <source>季节</source>
        <translation>Season</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="326" />
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="329" />
        <source>街道乡镇</source>
        <translation>Street/town</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="329" />
        <source>社区(村)</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="330" />
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="330" />
        <source>上季件数</source>
        <translation>Last season</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="331" />
        <source>季均件数</source>
        <translation>Per season</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="332" />
        <source>每千人</source>
        <translation>Per 1 000</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="333" />
        <source>上榜季数</source>
        <translation>Seasons listed</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="333" />
        <source>解决率</source>
        <translation>Resolution rate</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="334" />
        <source>主要承办单位</source>
        <translation>Usual handling unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="367" />
        <source>没有季节:请管理员在系统管理中添加</source>
        <translation>No seasons: an administrator adds them under Administration</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="369" />
        <source>正在计算…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="382" />
        <source>{place}{category}季前整治({season})</source>
        <translation>{category} at {place}: fix before the season ({season})</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/governance/lists.py" line="384" />
        <source>往季季均 {mean:.1f} 件,{listed} 季上榜,解决率 {rate}</source>
        <translation><numerusform>{mean:.1f} cases per past season, listed in {listed} season, resolution rate {rate}</numerusform><numerusform>{mean:.1f} cases per past season, listed in {listed} seasons, resolution rate {rate}</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="394" />
        <source>按每千人件数排序</source>
        <translation>ranked by cases per 1 000 residents</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="394" />
        <source>按件数排序(部分社区无人口数据)</source>
        <translation>ranked by cases (some communities have no population)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/governance/lists.py" line="395" />
        <source>依据往季 {spans};{basis};{n} 个社区</source>
        <translation><numerusform>From the seasons {spans}; {basis}; {n} community</numerusform><numerusform>From the seasons {spans}; {basis}; {n} communities</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="393" />
        <source>;</source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>SurgeCasesDialog</name>
    <message numerus="yes">
        <location filename="../../app/ui/governance/lists.py" line="232" />
        <source>{place} · {category}:{n} 件</source>
        <translation><numerusform>{place} · {category}: {n} case</numerusform><numerusform>{place} · {category}: {n} cases</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="235" />
        <source>工单编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="235" />
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="236" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="236" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="237" />
        <source>诉求内容</source>
        <translation>Request</translation>
    </message>
</context>
<context>
    <name>SurgePage</name>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="131" />
        <source>按社区</source>
        <translation>By community</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="132" />
        <source>按地址</source>
        <translation>By address</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="133" />
        <source>截至</source>
        <translation>Up to</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="133" />
        <source>天数</source>
        <translation>Days</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="138" />
        <source>街道乡镇</source>
        <translation>Street/town</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="138" />
        <source>社区(村)</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="139" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="139" />
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="140" />
        <source>件数</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="140" />
        <source>预期</source>
        <translation>Expected</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="141" />
        <source>倍数</source>
        <translation>Ratio</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="141" />
        <source>P值</source>
        <translation>p-value</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="142" />
        <source>首件受理</source>
        <translation>First received</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="143" />
        <source>末件受理</source>
        <translation>Last received</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="149" />
        <source>查看工单(&amp;C)…</source>
        <translation>&amp;Cases…</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="180" />
        <source>正在计算…</source>
        <translation>Computing…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/governance/lists.py" line="199" />
        <source>截至 {day} 的 {days} 天:{n} 处突发聚集(计算于 {time})</source>
        <translation><numerusform>{days} days up to {day}: {n} surge (computed at {time})</numerusform><numerusform>{days} days up to {day}: {n} surges (computed at {time})</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="201" />
        <source>截至 {day} 的 {days} 天没有突发聚集(计算于 {time})</source>
        <translation>{days} days up to {day}: no surge (computed at {time})</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="207" />
        <source>{place}{category}突发聚集处置</source>
        <translation>{category} surge at {place}: respond</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/governance/lists.py" line="208" />
        <source>{first} – {last} 受理 {n} 件,通常约 {expected:.1f} 件</source>
        <translation><numerusform>{n} case received {first} – {last}, usually about {expected:.1f}</numerusform><numerusform>{n} cases received {first} – {last}, usually about {expected:.1f}</numerusform></translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="237" />
        <source>新建治理任务</source>
        <translation>New proactive task</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="263" />
        <source>(全区)</source>
        <translation>(whole district)</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="269" />
        <source>任务(&amp;M)</source>
        <translation>Tas&amp;k</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="270" />
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="271" />
        <source>类别(&amp;K)</source>
        <translation>Cate&amp;gory</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="272" />
        <source>承办单位(&amp;U)</source>
        <translation>Handling &amp;unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="273" />
        <source>完成期限(&amp;D)</source>
        <translation>&amp;Due by</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="274" />
        <source>说明(&amp;E)</source>
        <translation>D&amp;etails</translation>
    </message>
</context>
<context>
    <name>TasksPage</name>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="46" />
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="46" />
        <location filename="../../app/ui/governance/tasks_page.py" line="97" />
        <source>待办理</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="46" />
        <location filename="../../app/ui/governance/tasks_page.py" line="97" />
        <source>待验收</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="47" />
        <location filename="../../app/ui/governance/tasks_page.py" line="97" />
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="49" />
        <source>新建任务(&amp;N)…</source>
        <translation>&amp;New task…</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="51" />
        <source>上报办理情况(&amp;B)…</source>
        <translation>Report &amp;back…</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="53" />
        <source>验收办结(&amp;A)…</source>
        <translation>&amp;Accept and close…</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="61" />
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="61" />
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="62" />
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="63" />
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="63" />
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="64" />
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="64" />
        <source>(已超期)</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="65" />
        <location filename="../../app/ui/governance/tasks_page.py" line="74" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="66" />
        <source>治理效果</source>
        <translation>Effect</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="102" />
        <source>治理前 {before} 件 → 治理后 {after} 件({change}),全区同类 {district}</source>
        <translation>before {before} → after {after} ({change}), district {district}</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="106" />
        <source>,净效果 {net} 个百分点</source>
        <translation>, net effect {net} points</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="108" />
        <source>(统计至 {day},尚未结束)</source>
        <translation> (counted until {day}, not over yet)</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="129" />
        <source>创建于 {time}</source>
        <translation>Created {time}</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="131" />
        <source>季节:{season}</source>
        <translation>Season: {season}</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="133" />
        <source>{time} 上报:{text}</source>
        <translation>{time} reported: {text}</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="135" />
        <source>{time} 验收办结</source>
        <translation>{time} accepted and closed</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="138" />
        <source>治理效果:{before0} – {before1} 共 {b} 件;{after0} – {after1} 共 {a} 件;按全区同类变化预计 {expected} 件</source>
        <translation>Effect: {b} cases {before0} – {before1}; {a} cases {after0} – {after1}; {expected} expected from the district's change</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="146" />
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/governance/tasks_page.py" line="158" />
        <source>共 {n} 项,待办理 {open},其中超期 {late}</source>
        <translation><numerusform>{n} task, {open} open, {late} of them overdue</numerusform><numerusform>{n} tasks, {open} open, {late} of them overdue</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="170" />
        <source>上报办理情况</source>
        <translation>Report the work done</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="170" />
        <source>办理情况(做了什么,结果如何)</source>
        <translation>Work done (what was done, with what result)</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="176" />
        <source>验收办结</source>
        <translation>Accept and close</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="176" />
        <source>验收意见(可不填)</source>
        <translation>Acceptance note (optional)</translation>
    </message>
</context>
<context>
    <name>TextStepDialog</name>
    <message>
        <location filename="../../app/ui/governance/tasks_page.py" line="215" />
        <source>请填写内容</source>
        <translation>Please write something</translation>
    </message>
</context>
<context>
    <name>_ListPage</name>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="64" />
        <source>创建治理任务(&amp;T)…</source>
        <translation>Make a &amp;task…</translation>
    </message>
    <message>
        <location filename="../../app/ui/governance/lists.py" line="69" />
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
</context>
<context><name /><message><location filename="../../app/messages.py" line="1" /><source>任务</source><translation>Task</translation></message><message><location filename="../../app/messages.py" line="1" /><source>完成期限</source><translation>Due date</translation></message><message><location filename="../../app/messages.py" line="1" /><source>办理情况</source><translation>Work done</translation></message><message><location filename="../../app/messages.py" line="1" /><source>来源</source><translation>Source</translation></message><message><location filename="../../app/messages.py" line="1" /><source>季节</source><translation>Season</translation></message><message><location filename="../../app/messages.py" line="1" /><source>牵头区领导</source><translation>Leading official</translation></message><message><location filename="../../app/messages.py" line="1" /><source>目标</source><translation>Target</translation></message><message><location filename="../../app/messages.py" line="1" /><source>{field}不能早于今天({detail})</source><translation>{field} cannot be before today ({detail})</translation></message><message><location filename="../../app/messages.py" line="1" /><source>{field}不是 {detail} 年的重点题目</source><translation>{field} is not a key topic of {detail}</translation></message><message><location filename="../../app/messages.py" line="1" /><source>{field}只能选街道或乡镇</source><translation>{field}: choose streets or towns only</translation></message><message><location filename="../../app/messages.py" line="1" /><source>上报治理任务办理情况</source><translation>report on a proactive task</translation></message><message><location filename="../../app/messages.py" line="1" /><source>创建治理任务和每月一题计划</source><translation>create proactive tasks and monthly key-topic plans</translation></message><message><location filename="../../app/messages.py" line="1" /><source>待办理</source><translation>open</translation></message><message><location filename="../../app/messages.py" line="1" /><source>待验收</source><translation>reported</translation></message><message><location filename="../../app/messages.py" line="1" /><source>无法写入 {path}:{reason}</source><translation>cannot write {path}: {reason}</translation></message><message><location filename="../../app/messages.py" line="1" /><source>查看治理任务</source><translation>view proactive tasks</translation></message><message><location filename="../../app/messages.py" line="1" /><source>治理任务 {id} 当前为“{status}”,不能{action}:请刷新后再看</source><translation>proactive task {id} is "{status}" now, so you cannot {action}: refresh and look again</translation></message><message><location filename="../../app/messages.py" line="1" /><source>验收治理任务</source><translation>accept a proactive task</translation></message><message><location filename="../../app/messages.py" line="1" /><source>{field}不能与开始日相同</source><translation>{field} cannot be the first day</translation></message><message><location filename="../../app/messages.py" line="1" /><source>{field}应写成“月-日”,如 11-15:{detail}</source><translation>{field}: write month-day, e.g. 11-15: {detail}</translation></message><message><location filename="../../app/messages.py" line="1" /><source>修改季节</source><translation>Change a season</translation></message><message><location filename="../../app/messages.py" line="1" /><source>开始日</source><translation>First day</translation></message><message><location filename="../../app/messages.py" line="1" /><source>结束日</source><translation>Last day</translation></message></context><context><name>SeasonsPage</name><message><location filename="../../app/ui/admin/seasons_page.py" line="1" /><source>保存(&amp;S)</source><translation>&amp;Save</translation></message><message><location filename="../../app/ui/admin/seasons_page.py" line="1" /><source>停用</source><translation>Stopped</translation></message><message><location filename="../../app/ui/admin/seasons_page.py" line="1" /><source>名称</source><translation>Name</translation></message><message><location filename="../../app/ui/admin/seasons_page.py" line="1" /><source>名称(&amp;M)</source><translation>Na&amp;me</translation></message><message><location filename="../../app/ui/admin/seasons_page.py" line="1" /><source>启用</source><translation>Active</translation></message><message><location filename="../../app/ui/admin/seasons_page.py" line="1" /><source>季节</source><translation>Seasons</translation></message><message><location filename="../../app/ui/admin/seasons_page.py" line="1" /><source>已保存季节 {name}</source><translation>Season {name} saved</translation></message><message><location filename="../../app/ui/admin/seasons_page.py" line="1" /><source>开始</source><translation>First day</translation></message><message><location filename="../../app/ui/admin/seasons_page.py" line="1" /><source>开始(月-日)(&amp;F)</source><translation>&amp;First day (month-day)</translation></message><message><location filename="../../app/ui/admin/seasons_page.py" line="1" /><source>所选季节</source><translation>Season</translation></message><message><location filename="../../app/ui/admin/seasons_page.py" line="1" /><source>新建季节(&amp;N)</source><translation>&amp;New season</translation></message><message><location filename="../../app/ui/admin/seasons_page.py" line="1" /><source>状态</source><translation>Status</translation></message><message><location filename="../../app/ui/admin/seasons_page.py" line="1" /><source>类别</source><translation>Categories</translation></message><message><location filename="../../app/ui/admin/seasons_page.py" line="1" /><source>类别(&amp;K)</source><translation>Cate&amp;gories</translation></message><message><location filename="../../app/ui/admin/seasons_page.py" line="1" /><source>结束</source><translation>Last day</translation></message><message><location filename="../../app/ui/admin/seasons_page.py" line="1" /><source>结束(月-日)(&amp;L)</source><translation>&amp;Last day (month-day)</translation></message></context><context><name>AlertsPanel</name><message><location filename="../../app/ui/dashboard/alerts_panel.py" line="1" /><source>,另有 {n} 处见“主动治理”</source><translation>; {n} more under Proactive governance</translation></message><message><location filename="../../app/ui/dashboard/alerts_panel.py" line="1" /><source>件数</source><translation>Cases</translation></message><message numerus="yes"><location filename="../../app/ui/dashboard/alerts_panel.py" line="1" /><source>截至 {day} 的 {days} 天:{n} 处突发聚集,双击查看工单(计算于 {time}){more}</source><translation><numerusform>{days} days up to {day}: {n} surge, double-click for the cases (computed at {time}){more}</numerusform><numerusform>{days} days up to {day}: {n} surges, double-click for the cases (computed at {time}){more}</numerusform></translation></message><message><location filename="../../app/ui/dashboard/alerts_panel.py" line="1" /><source>截至 {day} 的 {days} 天没有突发聚集(计算于 {time})</source><translation>{days} days up to {day}: no surge (computed at {time})</translation></message><message><location filename="../../app/ui/dashboard/alerts_panel.py" line="1" /><source>此离线副本不含全部工单,突发聚集请在服务器上查看</source><translation>This offline copy does not hold every case: look at surges on the server</translation></message><message><location filename="../../app/ui/dashboard/alerts_panel.py" line="1" /><source>社区(村)</source><translation>Community</translation></message><message><location filename="../../app/ui/dashboard/alerts_panel.py" line="1" /><source>类别</source><translation>Category</translation></message><message><location filename="../../app/ui/dashboard/alerts_panel.py" line="1" /><source>街道乡镇</source><translation>Street/town</translation></message><message><location filename="../../app/ui/dashboard/alerts_panel.py" line="1" /><source>通常</source><translation>Usual</translation></message><message><location filename="../../app/ui/dashboard/alerts_panel.py" line="1" /><source>预警:突发聚集</source><translation>Alerts: surges</translation></message><message><location filename="../../app/ui/dashboard/alerts_panel.py" line="1" /><source>首件受理</source><translation>First received</translation></message></context></TS>