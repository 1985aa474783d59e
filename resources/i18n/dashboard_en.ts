<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name />
    <message>
        <location filename="../../app/ui/dashboard/exports.py" line="39" />
        <source>(未命名)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/exports.py" line="34" />
        <source>这是数据库文件,导出不能覆盖它,请换一个文件名</source>
        <translation>that is a database file, which an export never replaces; choose another file name</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/exports.py" line="37" />
        <source>这是一个符号链接,请选择实际的文件</source>
        <translation>that is a symbolic link; choose the real file</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/exports.py" line="38" />
        <source>这个文件是只读的,请换一个文件名</source>
        <translation>the file is read-only; choose another file name</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/exports.py" line="41" />
        <source>没有写入这个位置的权限,请换一个文件夹(例如“文档”)</source>
        <translation>no permission to write here; choose another folder (e.g. Documents)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/exports.py" line="43" />
        <source>文件夹不存在</source>
        <translation>the folder does not exist</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/exports.py" line="45" />
        <source>这是一个文件夹,不是文件名</source>
        <translation>this is a folder, not a file name</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/exports.py" line="47" />
        <source>不支持这种文件类型,表格请保存为 .csv 或 .xlsx</source>
        <translation>this file type is not supported; save tables as .csv or .xlsx</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/exports.py" line="49" />
        <source>无法写入文件({detail}),磁盘可能已满或文件正被其他程序占用</source>
        <translation>the file cannot be written ({detail}); the disk may be full or the file open in another program</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/exports.py" line="52" />
        <source>保存时出错({detail})</source>
        <translation>an error occurred while saving ({detail})</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/exports.py" line="53" />
        <source>导出失败:{path}
{reason}。文件没有保存。</source>
        <translation>Export failed: {path}
{reason}. The file was not saved.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/exports.py" line="72" />
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/exports.py" line="84" />
        <source>PNG 图片</source>
        <translation>PNG image</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/exports.py" line="89" />
        <source>CSV 表格</source>
        <translation>CSV table</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/exports.py" line="89" />
        <source>Excel 工作簿</source>
        <translation>Excel workbook</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="41" />
        <source>{y}年{m}月</source>
        <translation>{y}-{m:02d}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="43" />
        <source>{y}年第{q}季度</source>
        <translation>{y} Q{q}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="45" />
        <source>{y}年</source>
        <translation>{y}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="48" />
        <source>{a} 至 {b}</source>
        <translation>{a} to {b}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="53" />
        <source>委办局</source>
        <translation>Bureaus</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="55" />
        <source>{street}各社区(村)</source>
        <translation>communities of {street}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="56" />
        <location filename="../../app/ui/dashboard/presenters.py" line="244" />
        <source>街道乡镇</source>
        <translation>Streets and towns</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="64" />
        <source>前{n}名</source>
        <translation>Top {n}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="65" />
        <source>其他</source>
        <translation>Others</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="66" />
        <source>后{n}名</source>
        <translation>Bottom {n}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="69" />
        <source>治理类关注名单</source>
        <translation>Governance watch list</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="75" />
        <source> · 第{rank}名</source>
        <translation> · rank {rank}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="76" />
        <source>综合成绩:{v}</source>
        <translation>Composite score: {v}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="77" />
        <location filename="../../app/ui/dashboard/presenters.py" line="187" />
        <source>响应率:{v}</source>
        <translation>Response rate: {v}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="78" />
        <location filename="../../app/ui/dashboard/presenters.py" line="188" />
        <source>解决率:{v}</source>
        <translation>Resolution rate: {v}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="79" />
        <location filename="../../app/ui/dashboard/presenters.py" line="189" />
        <source>满意率:{v}</source>
        <translation>Satisfaction rate: {v}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="80" />
        <source>受理量:{n} 件 · 有效回访:{m} 件</source>
        <translation>Cases: {n} · counted callbacks: {m}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="83" />
        <source>单击查看本期案件</source>
        <translation>Click to see the cases of this period</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="98" />
        <source>{score}  治理类</source>
        <translation>{score}  governance</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="108" />
        <source> 等 {n} 个</source>
        <translation> ({n} in all)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="109" />
        <source>本期无有效回访、不参加排名:{names}{more}</source>
        <translation>Not ranked (no counted callback this period): {names}{more}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="113" />
        <source>排名</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="113" />
        <location filename="../../app/ui/dashboard/presenters.py" line="271" />
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="113" />
        <location filename="../../app/ui/dashboard/presenters.py" line="196" />
        <location filename="../../app/ui/dashboard/presenters.py" line="200" />
        <location filename="../../app/ui/dashboard/presenters.py" line="244" />
        <source>受理量</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="113" />
        <location filename="../../app/ui/dashboard/presenters.py" line="200" />
        <source>有效回访</source>
        <translation>Counted callbacks</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="113" />
        <location filename="../../app/ui/dashboard/presenters.py" line="165" />
        <location filename="../../app/ui/dashboard/presenters.py" line="196" />
        <location filename="../../app/ui/dashboard/presenters.py" line="200" />
        <source>响应率</source>
        <translation>Response rate</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="113" />
        <location filename="../../app/ui/dashboard/presenters.py" line="167" />
        <location filename="../../app/ui/dashboard/presenters.py" line="196" />
        <location filename="../../app/ui/dashboard/presenters.py" line="200" />
        <source>解决率</source>
        <translation>Resolution rate</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="113" />
        <location filename="../../app/ui/dashboard/presenters.py" line="170" />
        <location filename="../../app/ui/dashboard/presenters.py" line="196" />
        <location filename="../../app/ui/dashboard/presenters.py" line="200" />
        <source>满意率</source>
        <translation>Satisfaction rate</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="114" />
        <location filename="../../app/ui/dashboard/presenters.py" line="173" />
        <location filename="../../app/ui/dashboard/presenters.py" line="200" />
        <source>综合成绩</source>
        <translation>Composite score</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="145" />
        <source>{arrow} {d:+.2f} 个百分点</source>
        <translation>{arrow} {d:+.2f} points</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="161" />
        <source>受理量(件)</source>
        <translation>Cases received</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="162" />
        <source>本期受理的诉求(按受理时间)</source>
        <translation>Requests received in the period (by received time)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="163" />
        <source>有效回访(件)</source>
        <translation>Counted callbacks</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="164" />
        <source>本期回访时联系上诉求人的回访;未联系上的不计入任何比率</source>
        <translation>Callbacks of the period that reached the citizen; unreached ones count in no rate</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="166" />
        <source>响应率 = 诉求人表示承办单位已联系的 ÷ 有效回访</source>
        <translation>Response rate = citizens saying the unit contacted them ÷ counted callbacks</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="169" />
        <source>解决率 = 诉求人表示已解决的 ÷ 有效回访(部分解决不计)</source>
        <translation>Resolution rate = citizens saying it is solved ÷ counted callbacks (partly solved does not count)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="172" />
        <source>满意率 = (满意 + {w} × 基本满意) ÷ 有效回访</source>
        <translation>Satisfaction rate = (satisfied + {w} × basically satisfied) ÷ counted callbacks</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="174" />
        <source>综合成绩 = {a} × 响应率 + {b} × 解决率 + {c} × 满意率(本期适用的规则)</source>
        <translation>Score = {a} × response + {b} × resolution + {c} × satisfaction (the rules in force for the period)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="186" />
        <source>受理量:{n} 件</source>
        <translation>Cases: {n}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="200" />
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="214" />
        <source>上期无</source>
        <translation>new</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="222" />
        <source>区级重点</source>
        <translation>district key topic</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="222" />
        <source>市级重点</source>
        <translation>municipal key topic</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="225" />
        <source>本期:{n} 件</source>
        <translation>This period: {n}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="227" />
        <source>变化:{d:+,} 件({r})</source>
        <translation>Change: {d:+,} ({r})</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="235" />
        <source>重点议题</source>
        <translation>Key topics</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="235" />
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="235" />
        <source>本期受理量</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="235" />
        <source>变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="235" />
        <source>变化率</source>
        <translation>Change rate</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="236" />
        <source>区级</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="236" />
        <source>市级</source>
        <translation>Municipal</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="244" />
        <source>位次</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="244" />
        <source>常住人口</source>
        <translation>Population</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="244" />
        <source>每万人诉求量</source>
        <translation>Per 10,000 residents</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="244" />
        <source>治理类</source>
        <translation>Governance class</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="250" />
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="251" />
        <source>按诉求量</source>
        <translation>by volume</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="251" />
        <location filename="../../app/ui/dashboard/presenters.py" line="266" />
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="258" />
        <source>按每万名常住人口诉求量排序</source>
        <translation>ordered by requests per 10,000 residents</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="260" />
        <source>部分街道乡镇人口未知,按诉求量排序(已知人口的同时给出每万人诉求量)</source>
        <translation>some populations are unknown, so ordered by volume (per 10,000 residents shown where known)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="261" />
        <source>{basis};诉求最集中的前 {n} 个列为治理类</source>
        <translation>{basis}; the {n} with the most concentrated requests are in the governance class</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="318" />
        <source>人口未知的街道乡镇({n} 个):{names}。管理员可在 系统管理 → 单位 中填写常住人口。</source>
        <translation>Streets and towns without a known population ({n}): {names}. An administrator can enter them in Administration → Units.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="266" />
        <source>否</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="271" />
        <source>本期排名</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="271" />
        <source>本期综合成绩</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/presenters.py" line="271" />
        <source>提升</source>
        <translation>Gain</translation>
    </message>
    <message>
        <source>{arrow} 较{previous} {d}</source>
        <translation>{arrow} {d} vs {previous}</translation>
    </message>
    <message>
        <source>{m1}–{m2}月</source>
        <translation>months {m1}–{m2}</translation>
    </message>
    <message>
        <source>{m1}月{d1}日–{m2}月{d2}日</source>
        <translation>{m1}/{d1}–{m2}/{d2}</translation>
    </message>
    <message>
        <source>{m}月</source>
        <translation>month {m}</translation>
    </message>
    <message>
        <source>{m}月{d1}–{d2}日</source>
        <translation>{m}/{d1}–{m}/{d2}</translation>
    </message>
    <message>
        <source>{period}({covered},{versus})</source>
        <translation>{period} ({covered}, {versus})</translation>
    </message>
    <message>
        <source>{previous}:{n} 件</source>
        <translation>{previous}: {n}</translation>
    </message>
    <message>
        <source>{previous}为 0</source>
        <translation>0 in {previous}</translation>
    </message>
    <message>
        <source>{previous}受理量</source>
        <translation>Cases ({previous})</translation>
    </message>
    <message>
        <source>{previous}无受理</source>
        <translation>none in {previous}</translation>
    </message>
    <message>
        <source>{previous}综合成绩</source>
        <translation>Score ({previous})</translation>
    </message>
    <message>
        <source>{title} · {covered}</source>
        <translation>{title} · {covered}</translation>
    </message>
    <message>
        <source>{versus}:{previous}无成绩</source>
        <translation>{versus}: no score in {previous}</translation>
    </message>
    <message>
        <source>{versus}:{v}</source>
        <translation>{versus}: {v}</translation>
    </message>
    <message>
        <source>上季度同期</source>
        <translation>same days last quarter</translation>
    </message>
    <message>
        <source>上年同期</source>
        <translation>same days last year</translation>
    </message>
    <message>
        <source>上月同期</source>
        <translation>same days last month</translation>
    </message>
    <message>
        <source>上期</source>
        <translation>previous period</translation>
    </message>
    <message>
        <source>前期同期</source>
        <translation>as many days before</translation>
    </message>
    <message>
        <source>同比同期</source>
        <translation>vs same days last year</translation>
    </message>
    <message>
        <source>环比同期</source>
        <translation>vs same days of the previous period</translation>
    </message>
    <message>
        <source>较{previous}</source>
        <translation>vs {previous}</translation>
    </message>
    <message>
        <source>较{previous} {d:+,}({r:+.1f}%)</source>
        <translation>{d:+,} ({r:+.1f}%) vs {previous}</translation>
    </message>
    <message>
        <source>较{previous} —</source>
        <translation>— vs {previous}</translation>
    </message>
    <message>
        <source>区级重点({n})</source>
        <translation>District topics ({n})</translation>
    </message>
    <message>
        <source>市级重点({n})</source>
        <translation>Municipal topics ({n})</translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="61" />
        <source>数据看板</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="77" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="79" />
        <source>重新计算(F5)</source>
        <translation>Recompute (F5)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="128" />
        <source>已导出:{path}</source>
        <translation>Exported: {path}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="134" />
        <source>本期没有可排名的单位(无有效回访)</source>
        <translation>No unit to rank in this period (no counted callback)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="146" />
        <source>查看案件(&amp;C)</source>
        <translation>View &amp;cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="148" />
        <source>打开趋势图所选单位本期受理的诉求;也可以单击排名中的条形</source>
        <translation>Open the requests of the trend's unit for this period; or click a bar of the ranking</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="153" />
        <source>综合成绩排名</source>
        <translation>Ranking</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="162" />
        <location filename="../../app/ui/dashboard/tab.py" line="318" />
        <location filename="../../app/ui/dashboard/tab.py" line="329" />
        <source>全区</source>
        <translation>Whole district</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="163" />
        <source>趋势对象(&amp;T)</source>
        <translation>&amp;Trend for</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="168" />
        <source>月度趋势</source>
        <translation>Monthly trend</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="170" />
        <source>本年度没有设置重点议题</source>
        <translation>No key topics set for this year</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="175" />
        <source>重点议题</source>
        <translation>Key topics</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="188" />
        <location filename="../../app/ui/dashboard/tab.py" line="191" />
        <source>治理类关注名单</source>
        <translation>Governance watch list</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="195" />
        <location filename="../../app/ui/dashboard/tab.py" line="198" />
        <source>进步较大</source>
        <translation>Most improved</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="219" />
        <source>图表另存为 PNG…</source>
        <translation>Save chart as PNG…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="221" />
        <source>表格另存为 CSV…</source>
        <translation>Save table as CSV…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="223" />
        <source>表格另存为 Excel(XLSX)…</source>
        <translation>Save table as Excel (XLSX)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="228" />
        <source>数据还在计算,请稍候再导出</source>
        <translation>Figures are still being computed; export in a moment</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="239" />
        <source>综合成绩排名 · {context}</source>
        <translation>Composite score ranking · {context}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="242" />
        <source>近24个月趋势 · {name}</source>
        <translation>Last 24 months · {name}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="245" />
        <source>全区重点议题(每月一题)受理量 · {period}</source>
        <translation>Key topics, whole district · {period}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="249" />
        <source>治理类关注名单 · {period}</source>
        <translation>Governance watch list · {period}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="252" />
        <source>进步较大的街道乡镇 · {period}</source>
        <translation>Most improved streets and towns · {period}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="284" />
        <source>正在计算…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="289" />
        <source>计算失败:{reason}</source>
        <translation>Computing failed: {reason}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/dashboard/tab.py" line="319" />
        <source>{context} · 指标范围:{scope} · {n} 个单位参加排名 · 更新于 {time}</source>
        <translation><numerusform>{context} · figures for: {scope} · {n} unit ranked · updated {time}</numerusform><numerusform>{context} · figures for: {scope} · {n} units ranked · updated {time}</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="393" />
        <source>请先在“趋势对象”中选择一个单位,或单击排名中的条形</source>
        <translation>Choose a unit under "Trend for" first, or click a bar of the ranking</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/tab.py" line="399" />
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>({month} 截至 {day} 日)</source>
        <translation> ({month} through day {day})</translation>
    </message>
    <message>
        <source>(截至{day})</source>
        <translation>(through {day})</translation>
    </message>
    <message>
        <source>受理量(件)</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>比率(%)</source>
        <translation>Rate (%)</translation>
    </message>
    <message>
        <source>综合成绩(分)</source>
        <translation>Composite score (points)</translation>
    </message>
</context>
<context>
    <name>GroupSelector</name>
    <message>
        <location filename="../../app/ui/dashboard/selectors.py" line="230" />
        <source>排名范围(&amp;G)</source>
        <translation>&amp;Group</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/selectors.py" line="233" />
        <source>街道乡镇</source>
        <translation>Streets and towns</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/selectors.py" line="234" />
        <source>委办局</source>
        <translation>Bureaus</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/selectors.py" line="235" />
        <source>街道内社区(村)</source>
        <translation>Communities of a street</translation>
    </message>
</context>
<context>
    <name>Panel</name>
    <message>
        <location filename="../../app/ui/dashboard/panel.py" line="28" />
        <source>导出</source>
        <translation>Export</translation>
    </message>
</context>
<context>
    <name>PeriodSelector</name>
    <message>
        <location filename="../../app/ui/dashboard/selectors.py" line="48" />
        <source>时段(&amp;P)</source>
        <translation>&amp;Period</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/selectors.py" line="51" />
        <source>月度</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/selectors.py" line="51" />
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/selectors.py" line="51" />
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/selectors.py" line="51" />
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/selectors.py" line="57" />
        <source>上一期(Alt+←)</source>
        <translation>Previous period (Alt+Left)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/selectors.py" line="61" />
        <source>下一期(Alt+→)</source>
        <translation>Next period (Alt+Right)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/selectors.py" line="75" />
        <source>第{n}季度</source>
        <translation>Q{n}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/selectors.py" line="91" />
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/selectors.py" line="116" />
        <source>年</source>
        <translation> </translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/selectors.py" line="164" />
        <source>结束日期早于开始日期,请调整“至”后面的日期</source>
        <translation>The end date is before the start date; change the date after "to"</translation>
    </message>
</context>
<context>
    <name>UnitCasesDialog</name>
    <message>
        <location filename="../../app/ui/dashboard/drilldown.py" line="86" />
        <source>{unit} · {period} 受理的诉求</source>
        <translation>{unit} · requests received in {period}</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/drilldown.py" line="103" />
        <source>包括其下属单位承办的诉求;按受理时间倒序,滚动加载更多。</source>
        <translation>Includes requests handled by its sub-units; newest first, scroll to load more.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/drilldown.py" line="110" />
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/dashboard/drilldown.py" line="118" />
        <source>共 {n} 件</source>
        <translation><numerusform>{n} case</numerusform><numerusform>{n} cases</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/drilldown.py" line="120" />
        <source>已显示 {n} / {total} 件,向下滚动加载更多</source>
        <translation>{n} of {total} shown, scroll down for more</translation>
    </message>
</context>
<context>
    <name>UnitCasesModel</name>
    <message>
        <location filename="../../app/ui/dashboard/drilldown.py" line="26" />
        <source>工单号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/drilldown.py" line="26" />
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/drilldown.py" line="26" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/drilldown.py" line="26" />
        <source>诉求分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/drilldown.py" line="27" />
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard/drilldown.py" line="27" />
        <source>诉求内容</source>
        <translation>Description</translation>
    </message>
</context>
<context>
    <name>RoutingPanel</name>
    <message>
        <source>{first} 至 {last}</source>
        <translation>{first} to {last}</translation>
    </message>
    <message>
        <source>{span}(按整月统计)</source>
        <translation>{span} (counted by whole months)</translation>
    </message>
    <message>
        <source>派单质量:一次派准率与退单率</source>
        <translation>Dispatch quality: first-time-right and return rates</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>一次派准率</source>
        <translation>First time right</translation>
    </message>
    <message>
        <source>承办单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>退单</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>退单率</source>
        <translation>Return rate</translation>
    </message>
    <message>
        <source>{period}:没有办结或退单的工单</source>
        <translation>{period}: no case closed or returned</translation>
    </message>
    <message>
        <source>{period}:退单 {returned} 件,全部单位退单率 {rate};左:近12个月全区一次派准率(办结工单中未经退单的比例);右:退单率最高的单位(办结与退单合计不少于 {min} 件)</source>
        <translation>{period}: {returned} returned, return rate of all units {rate}. Left: the district's first-time-right rate over the last 12 months (closed cases never returned). Right: the units with the highest return rate (at least {min} cases closed or returned)</translation>
    </message>
</context>
</TS>
