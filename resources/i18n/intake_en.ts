<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="23"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="23"/>
        <source>网站</source>
        <translation>Website</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="23"/>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="23"/>
        <source>微博</source>
        <translation>Weibo</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="24"/>
        <source>客户端</source>
        <translation>App</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="24"/>
        <source>上级转办</source>
        <translation>Forwarded</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="25"/>
        <source>咨询</source>
        <translation>Consultation</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="25"/>
        <source>求助</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="25"/>
        <source>投诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="25"/>
        <source>举报</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="26"/>
        <source>建议</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="26"/>
        <source>表扬</source>
        <translation>Praise</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="27"/>
        <location filename="../../app/ui/cases/detail_pane.py" line="28"/>
        <source>一般</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="27"/>
        <location filename="../../app/ui/cases/detail_pane.py" line="28"/>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="28"/>
        <source>水电气热</source>
        <translation>Utilities</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="28"/>
        <source>复杂</source>
        <translation>Complex</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="29"/>
        <source>申请退单</source>
        <translation>Return requested</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="29"/>
        <source>申请延期</source>
        <translation>Extension requested</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="30"/>
        <source>回访后办结</source>
        <translation>Closed after callback</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="30"/>
        <source>回访未接通</source>
        <translation>Callback unreachable</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="30"/>
        <source>直接答复</source>
        <translation>Answered at intake</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="31"/>
        <source>合并</source>
        <translation>Merged</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="31"/>
        <source>人工办结</source>
        <translation>Closed by hand</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="41"/>
        <source>{d}天{h}小时</source>
        <translation>{d} d {h} h</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="43"/>
        <source>{h}小时{m}分</source>
        <translation>{h} h {m} min</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="44"/>
        <source>{m}分钟</source>
        <translation>{m} min</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="53"/>
        <source>(按时)</source>
        <translation> (in time)</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="53"/>
        <source>(超期 {span} 完成)</source>
        <translation> (done {span} late)</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="56"/>
        <source>(已超期 {span})</source>
        <translation> (overdue by {span})</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="57"/>
        <source>(剩余 {span})</source>
        <translation> ({span} left)</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="69"/>
        <location filename="../../app/ui/cases/detail_pane.py" line="96"/>
        <source>保密</source>
        <translation>Confidential</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="69"/>
        <source>显示完整号码</source>
        <translation>show full number</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="85"/>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="85"/>
        <source>即将超期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="85"/>
        <source>系统/未登录</source>
        <translation>system / not signed in</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="86"/>
        <source>工单</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="86"/>
        <source>诉求内容</source>
        <translation>Request</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="86"/>
        <source>办理过程</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="92"/>
        <location filename="../../app/ui/cases/detail_pane.py" line="124"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="93"/>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="94"/>
        <source>渠道 / 类型 / 紧急</source>
        <translation>Channel / type / urgency</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="96"/>
        <source>来电人</source>
        <translation>Caller</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="84"/>
        <source>来电号码</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="98"/>
        <source>街道 / 社区</source>
        <translation>Street / community</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="99"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="99"/>
        <source>诉求分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="100"/>
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="100"/>
        <source>时限档次</source>
        <translation>Deadline tier</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="101"/>
        <source>联系时限</source>
        <translation>Contact by</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="102"/>
        <source>答复时限</source>
        <translation>Reply by</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="103"/>
        <source>派单 / 签收 / 联系</source>
        <translation>Dispatched / signed / contacted</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="104"/>
        <source>答复时间</source>
        <translation>Replied</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="104"/>
        <source>答复内容</source>
        <translation>Reply</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="105"/>
        <source>回访期限</source>
        <translation>Callback due</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="106"/>
        <source>办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="107"/>
        <source>合并到</source>
        <translation>Merged into</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="108"/>
        <source>重复来电 / 重办</source>
        <translation>Repeat calls / reopened</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="108"/>
        <source>{r} 次 / {o} 次</source>
        <translation>{r} / {o}</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="111"/>
        <source>待审批</source>
        <translation>Awaiting decision</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="112"/>
        <source>,延期至 {t}</source>
        <translation>, until {t}</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="124"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="124"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="124"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="124"/>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="124"/>
        <source>工位</source>
        <translation>Workstation</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="124"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="151"/>
        <source>在左侧选择一件工单查看详情</source>
        <translation>Select a case on the left to see it here</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="162"/>
        <source>正在读取工单…</source>
        <translation>Reading the case…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/table_model.py" line="139"/>
        <source>点击表头按此列排序(在数据库中排序)</source>
        <translation>Click to sort by this column (sorted in the database)</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/table_model.py" line="139"/>
        <source>此列不能排序</source>
        <translation>This column cannot be sorted</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/table_model.py" line="180"/>
        <source>将超期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/table_model.py" line="180"/>
        <source>联系超时</source>
        <translation>Contact late</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/table_model.py" line="180"/>
        <source>答复时限 {t}</source>
        <translation>Reply due {t}</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/table_model.py" line="180"/>
        <source>已超过答复时限</source>
        <translation>The reply deadline has passed</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/table_model.py" line="180"/>
        <source>即将超过答复时限</source>
        <translation>The reply deadline is near</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/table_model.py" line="180"/>
        <source>联系时限已过,尚未联系诉求人</source>
        <translation>The contact deadline has passed and the caller has not been contacted</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="38"/>
        <source>无号码原因</source>
        <translation>Reason for no number</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="71"/>
        <source>无号码({reason})</source>
        <translation>No number ({reason})</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/messages.py" line="300"/>
        <source>{n}天</source>
        <translation><numerusform>{n} day</numerusform><numerusform>{n} days</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="301"/>
        <source>{n}小时</source>
        <translation>{n} h</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="308"/>
        <source>{tier}({contact}联系/{reply}答复)</source>
        <translation>{tier} (contact in {contact}, reply in {reply})</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <source>最多 {n} 字</source>
        <translation>at most {n} characters</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/action_dialogs.py" line="27"/>
        <source>派单说明</source>
        <translation>Dispatch note</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/action_dialogs.py" line="29"/>
        <source>联系情况</source>
        <translation>Contact made</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/action_dialogs.py" line="30"/>
        <source>答复内容</source>
        <translation>Reply</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/action_dialogs.py" line="31"/>
        <source>退单理由</source>
        <translation>Reason for return</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/action_dialogs.py" line="32"/>
        <location filename="../../app/ui/cases/action_dialogs.py" line="35"/>
        <location filename="../../app/ui/cases/action_dialogs.py" line="37"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/action_dialogs.py" line="33"/>
        <location filename="../../app/ui/cases/action_dialogs.py" line="36"/>
        <source>驳回理由</source>
        <translation>Reason for rejection</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/action_dialogs.py" line="34"/>
        <source>延期理由</source>
        <translation>Reason for extension</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/action_dialogs.py" line="38"/>
        <source>重办原因</source>
        <translation>Reason for reopening</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/action_dialogs.py" line="39"/>
        <source>办结说明</source>
        <translation>Closing note</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/action_dialogs.py" line="52"/>
        <source>重新派单</source>
        <translation>Re-dispatch</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/action_dialogs.py" line="53"/>
        <source>{action}:工单 {no}</source>
        <translation>{action}: case {no}</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/action_dialogs.py" line="57"/>
        <source>输入单位名称或拼音首字母,回车选定</source>
        <translation>Type a unit name or pinyin initials, Enter to pick</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/action_dialogs.py" line="61"/>
        <source>承办单位*</source>
        <translation>Handling unit*</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/action_dialogs.py" line="69"/>
        <source>现答复时限</source>
        <translation>Current reply deadline</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/action_dialogs.py" line="70"/>
        <source>延期至*</source>
        <translation>Extend until*</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/action_dialogs.py" line="74"/>
        <source>要合并到的原工单号</source>
        <translation>Number of the original case</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/action_dialogs.py" line="75"/>
        <source>原工单号*</source>
        <translation>Original case*</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/action_dialogs.py" line="92"/>
        <source>确认签收工单 {no}?</source>
        <translation>Sign for case {no}?</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/action_dialogs.py" line="101"/>
        <source>请选择承办单位</source>
        <translation>Choose a handling unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/action_dialogs.py" line="103"/>
        <source>请输入原工单号</source>
        <translation>Enter the original case number</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/action_dialogs.py" line="105"/>
        <source>请填写{what}</source>
        <translation>Fill in: {what}</translation>
    </message>
    <message>
        <source>这是本工单自己的编号:请输入要合并到的另一件(原)工单的编号</source>
        <translation>This is this case's own number: enter the number of the other (original) case to merge into</translation>
    </message>
    <message>
        <source>尚未记录联系诉求人。请先用“联系诉求人”记录联系情况;确实无法联系的,请写明原因:</source>
        <translation>No contact with the citizen is recorded. Record it first with "Contact citizen"; if the citizen could not be reached, say why:</translation>
    </message>
    <message>
        <source>如:三次拨打均无人接听</source>
        <translation>e.g. no answer to three calls</translation>
    </message>
    <message>
        <source>未能联系的原因*</source>
        <translation>Why not reached*</translation>
    </message>
    <message>
        <source>尚未联系诉求人:请先“联系诉求人”,或写明未能联系的原因</source>
        <translation>The citizen has not been contacted: record the contact first, or say why the citizen could not be reached</translation>
    </message>
</context>
<context>
    <name>CaseFilterBar</name>
    <message>
        <source>约{wan}万</source>
        <translation>about {k}k</translation>
    </message>
    <message>
        <source>约{n}</source>
        <translation>about {n}</translation>
    </message>
    <message>
        <source>估计数:由全文索引抽样估算,未逐件计数</source>
        <translation>An estimate from a sample of the word index, not a count of every case</translation>
    </message>
    <message>
        <source>估计数:工单很多,按抽样估算,未逐件计数</source>
        <translation>An estimate: many cases match, so they were sampled, not counted one by one</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/filter_bar.py" line="73"/>
        <source>工单号、来电号码、地址或内容关键词</source>
        <translation>Case number, phone, address or words of the request</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/filter_bar.py" line="74"/>
        <source>Ctrl+F:从本页任意处回到搜索框,回车查询</source>
        <translation>Ctrl+F: back to the search field from anywhere in this tab; Enter searches</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/filter_bar.py" line="75"/>
        <source>承办单位(含下级)</source>
        <translation>Handling unit (with sub-units)</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/filter_bar.py" line="77"/>
        <source>街道/乡镇</source>
        <translation>Street/town</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/filter_bar.py" line="79"/>
        <source>社区/村</source>
        <translation>Community/village</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/filter_bar.py" line="82"/>
        <source>全部分类</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/filter_bar.py" line="86"/>
        <location filename="../../app/ui/cases/filter_bar.py" line="224"/>
        <source>{year}重点题目</source>
        <translation>{year} key topics</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/filter_bar.py" line="89"/>
        <source>全部时间</source>
        <translation>Any time</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/filter_bar.py" line="89"/>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/filter_bar.py" line="89"/>
        <source>近7天</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/filter_bar.py" line="89"/>
        <source>近30天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/filter_bar.py" line="90"/>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/filter_bar.py" line="90"/>
        <source>上月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/filter_bar.py" line="90"/>
        <source>今年</source>
        <translation>This year</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/filter_bar.py" line="90"/>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/filter_bar.py" line="102"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/filter_bar.py" line="104"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/filter_bar.py" line="106"/>
        <source>街道</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/filter_bar.py" line="108"/>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/filter_bar.py" line="110"/>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/filter_bar.py" line="113"/>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/filter_bar.py" line="125"/>
        <source>文字搜索只查最近一年的工单;要查更早的,请在“受理时间”中选择范围</source>
        <translation>Words are searched in the most recent year of cases only; choose a period under &quot;Received&quot; to search earlier cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/filter_bar.py" line="169"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/filter_bar.py" line="169"/>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>待审批</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>承办单位申请退单或延期、等待派单员审批的工单</source>
        <translation>Cases whose unit asked for a return or an extension, waiting for the dispatcher</translation>
    </message>
    <message>
        <source>待办</source>
        <translation>To do</translation>
    </message>
</context>
<context>
    <name>CaseListPanel</name>
    <message>
        <location filename="../../app/ui/intake/history_panel.py" line="32"/>
        <source>工单号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/history_panel.py" line="32"/>
        <source>受理日期</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/history_panel.py" line="32"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/history_panel.py" line="32"/>
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/history_panel.py" line="33"/>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/history_panel.py" line="33"/>
        <source>内容</source>
        <translation>Request</translation>
    </message>
</context>
<context>
    <name>CasesTab</name>
    <message>
        <location filename="../../app/ui/cases/tab.py" line="59"/>
        <source>工单</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/tab.py" line="124"/>
        <source>读取失败:{error}</source>
        <translation>Could not read: {error}</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/tab.py" line="183"/>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/tab.py" line="186"/>
        <source>,向下滚动读取更多</source>
        <translation>, scroll down for more</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/cases/tab.py" line="187"/>
        <source>已显示 {n} 件{more}</source>
        <translation><numerusform>{n} case shown{more}</numerusform><numerusform>{n} cases shown{more}</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/tab.py" line="210"/>
        <source>重新派单</source>
        <translation>Re-dispatch</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/tab.py" line="224"/>
        <source>正在{action}…</source>
        <translation>{action}…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/tab.py" line="233"/>
        <source>已{action}:工单 {no}</source>
        <translation>Done ({action}): case {no}</translation>
    </message>
</context>
<context>
    <name>CategoryPicker</name>
    <message>
        <location filename="../../app/ui/pickers.py" line="132"/>
        <source>输入分类名称或拼音首字母筛选,↓ 进入列表</source>
        <translation>Type a category or pinyin initials to filter, ↓ to the list</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickers.py" line="144"/>
        <source> ★{year}重点</source>
        <translation> ★{year} key topic</translation>
    </message>
    <message>
        <location filename="../../app/ui/pickers.py" line="150"/>
        <source>{year} 年重点题目(每月一题)</source>
        <translation>Key topic of {year}</translation>
    </message>
</context>
<context>
    <name>IntakeFormPanel</name>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="48"/>
        <source>手机号或带区号的固话,如 13812345678、010-63812345-123</source>
        <translation>Mobile or landline with area code, e.g. 13812345678, 010-63812345-123</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="50"/>
        <source>可不填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="52"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="52"/>
        <source>网站</source>
        <translation>Website</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="52"/>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="52"/>
        <source>微博</source>
        <translation>Weibo</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="53"/>
        <source>客户端</source>
        <translation>App</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="53"/>
        <source>上级转办</source>
        <translation>Forwarded</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="55"/>
        <source>咨询</source>
        <translation>Consultation</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="55"/>
        <source>求助</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="55"/>
        <source>投诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="56"/>
        <source>举报</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="56"/>
        <source>建议</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="56"/>
        <source>表扬</source>
        <translation>Praise</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="58"/>
        <source>一般</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="58"/>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="59"/>
        <source>输入街道名称或拼音首字母,回车选定</source>
        <translation>Type a street or pinyin initials, Enter to pick</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="62"/>
        <source>输入社区名称或拼音首字母(如 tlbl)</source>
        <translation>Type a community or pinyin initials (e.g. tlbl)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="65"/>
        <source>小区、楼号、门牌</source>
        <translation>Estate, building, door</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="71"/>
        <source>诉求人反映的问题、时间、地点</source>
        <translation>What the caller reports: problem, time, place</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="75"/>
        <source>按建议派单,或输入其他承办单位</source>
        <translation>Suggested unit, or type another handling unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="78"/>
        <source>按分类</source>
        <translation>By category</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="78"/>
        <source>紧急(2小时联系/24小时答复)</source>
        <translation>Urgent (contact 2 h / reply 24 h)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="79"/>
        <source>水电气热(2小时/24小时)</source>
        <translation>Utilities (2 h / 24 h)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="79"/>
        <source>一般(24小时/7天)</source>
        <translation>Normal (24 h / 7 days)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="80"/>
        <source>复杂(24小时/15天)</source>
        <translation>Complex (24 h / 15 days)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="84"/>
        <source>仅“直接答复”时填写:在电话中给出的答复</source>
        <translation>Only for &quot;Answer now&quot;: the answer given on the phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="109"/>
        <source>来电号码*</source>
        <translation>Phone*</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="110"/>
        <source>来电人</source>
        <translation>Caller</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="112"/>
        <source>渠道 / 类型 / 紧急</source>
        <translation>Channel / type / urgency</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="120"/>
        <source>街道/乡镇*</source>
        <translation>Street/town*</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="121"/>
        <source>社区/村</source>
        <translation>Community/village</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="123"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="125"/>
        <source>诉求分类*</source>
        <translation>Category*</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="127"/>
        <source>诉求内容*</source>
        <translation>Request*</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="129"/>
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="130"/>
        <source>时限档次</source>
        <translation>Deadline tier</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="134"/>
        <source>答复内容</source>
        <translation>Reply</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="284"/>
        <source>建议承办单位:{unit};时限:{tier},{contact} 前联系诉求人,{reply} 前答复</source>
        <translation>Suggested unit: {unit}; deadlines: {tier}, contact by {contact}, reply by {reply}</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="285"/>
        <source>(未定)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="281"/>
        <source>无({refused}不接收派单,保存后待派单员派单;咨询可“直接答复”)</source>
        <translation>none ({refused} takes no dispatched case; saved for the dispatcher to dispatch; a consultation can be answered now)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="60"/>
        <source>保密</source>
        <translation>Confidential</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="61"/>
        <source>来电人要求保密(举报时默认勾选):承办单位看不到来电人的姓名和号码</source>
        <translation>The caller asks for confidentiality (checked by default for a report): the handling unit does not see the caller&apos;s name and number</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="52"/>
        <source>无号码</source>
        <translation>No number</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="53"/>
        <source>来电没有显示号码:不填号码,选择或填写原因(此类工单不会按号码关联为重复来电)</source>
        <translation>The call shows no number: leave the number empty and choose or type the reason (such cases are never joined to a caller by number)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="56"/>
        <source>主叫隐藏号码</source>
        <translation>Caller withheld the number</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="56"/>
        <source>来电显示无号码</source>
        <translation>No number shown</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="56"/>
        <source>来电人不愿留号码</source>
        <translation>Caller declined to give a number</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/form_panel.py" line="53"/>
        <source>选择或填写原因</source>
        <translation>Choose or type the reason</translation>
    </message>
</context>
<context>
    <name>IntakeTab</name>
    <message>
        <source>正在保存:数据库正忙(另一项写入,如导入,正在进行),正在等待,最长一分钟…</source>
        <translation>Saving: the database is busy (another write, such as an import, is running); waiting up to a minute…</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="39"/>
        <source>受理</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="54"/>
        <location filename="../../app/ui/intake/tab.py" line="321"/>
        <source>复制工单号 (Ctrl+Shift+C)</source>
        <translation>Copy case no. (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="59"/>
        <source>直接答复 (Ctrl+Shift+Enter)</source>
        <translation>Answer now (Ctrl+Shift+Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="60"/>
        <source>咨询类诉求在电话中已答复:需填写答复内容,工单由热线中心直接答复</source>
        <translation>A question answered on the phone: fill in the answer; the hotline centre replies the case at once</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="62"/>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="68"/>
        <source>来电人历史诉求</source>
        <translation>Caller&apos;s earlier cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="68"/>
        <source>输入来电号码后显示该号码的历史诉求(未办结的在前)</source>
        <translation>Type the phone number to see the caller&apos;s earlier cases (open ones first)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="70"/>
        <source>Ctrl+H 跳到此列表,上下键选择,回车查看,Ctrl+L 关联为重复来电</source>
        <translation>Ctrl+H jumps here; arrows choose, Enter opens, Ctrl+L links the call as a repeat</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="72"/>
        <source>关联为重复来电 (Ctrl+L)</source>
        <translation>Link as repeat call (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="73"/>
        <source>Ctrl+L:不新建工单,把本次来电记到所选的未办结工单上(重复来电)</source>
        <translation>Ctrl+L: record this call on the selected open case (a repeat call) instead of opening a new one</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="76"/>
        <source>可能重复的诉求</source>
        <translation>Possible duplicates</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="77"/>
        <source>选择分类和社区后,显示近30天同社区同分类的未办结工单</source>
        <translation>After choosing a category and a community: open cases of the same kind there in the last 30 days</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="100"/>
        <source>恢复草稿</source>
        <translation>Restore draft</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="101"/>
        <source>丢弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="171"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="177"/>
        <source>保存并派单(尚缺 {n} 项)</source>
        <translation>Save and dispatch ({n} missing)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="178"/>
        <location filename="../../app/ui/intake/tab.py" line="179"/>
        <location filename="../../app/ui/intake/tab.py" line="261"/>
        <source>尚不能保存:{why}</source>
        <translation>Cannot save yet: {why}</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="181"/>
        <source>保存并派单 (Ctrl+Enter)</source>
        <translation>Save and dispatch (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="182"/>
        <source>保存工单并派给承办单位(Ctrl+Enter)</source>
        <translation>Save the case and dispatch it to the handling unit (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="194"/>
        <source>正在查询 {phone} 的历史诉求…</source>
        <translation>Looking up the cases of {phone}…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/intake/tab.py" line="203"/>
        <source>{phone}:共 {n} 件,未办结 {open} 件</source>
        <translation><numerusform>{phone}: {n} case, {open} open</numerusform><numerusform>{phone}: {n} cases, {open} open</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="205"/>
        <source>{phone}:没有历史诉求</source>
        <translation>{phone}: no earlier cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="211"/>
        <source>查询失败:{error}</source>
        <translation>Lookup failed: {error}</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="220"/>
        <source>正在查找可能重复的工单…</source>
        <translation>Looking for possible duplicates…</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="235"/>
        <source>近30天同社区同分类有 {n} 件未办结工单,可能是同一问题(回车或双击查看)</source>
        <translation>{n} open cases of this category in this community in the last 30 days may be the same problem (Enter or double-click to open)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="237"/>
        <source>近30天同社区同分类没有未办结工单</source>
        <translation>No open case of this category in this community in the last 30 days</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="267"/>
        <source>已受理并直接答复:工单 {no}</source>
        <translation>Saved and answered: case {no}</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="271"/>
        <source>已受理并派单:工单 {no}</source>
        <translation>Saved and dispatched: case {no}</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="278"/>
        <source>请先输入来电号码,再在历史诉求中选择要关联的未办结工单</source>
        <translation>Type the caller&apos;s phone first, then pick the open case to link to</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="280"/>
        <source>请在历史诉求中选择一件未办结的工单再关联</source>
        <translation>Pick an open case in the caller&apos;s history to link to</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="282"/>
        <source>重复来电</source>
        <translation>Repeat call</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="285"/>
        <source>已将本次来电关联到工单 {no}(重复来电)</source>
        <translation>Call recorded on case {no} (repeat call)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="313"/>
        <source>未保存:{error}</source>
        <translation>Not saved: {error}</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="315"/>
        <source>未保存,已输入的内容保留为草稿:{error}</source>
        <translation>Not saved; what you typed is kept as a draft: {error}</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="320"/>
        <source>已复制 {no}</source>
        <translation>Copied {no}</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="350"/>
        <source>有一份 {at} 未保存的受理草稿(来电 {phone}),是否恢复?</source>
        <translation>An unsaved intake draft from {at} (phone {phone}) was found. Restore it?</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="351"/>
        <source>未填</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="377"/>
        <source>工单详情</source>
        <translation>Case details</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="183"/>
        <source>保存,待派单 (Ctrl+Enter)</source>
        <translation>Save for the dispatcher (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="184"/>
        <source>没有可派的承办单位:工单保存为待派单,由派单员派出(Ctrl+Enter)</source>
        <translation>No unit can take this case: it is saved as new and the dispatcher sends it on (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="299"/>
        <source>已受理并派单:工单 {no},承办单位 {unit}</source>
        <translation>Saved and dispatched: case {no} to {unit}</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="302"/>
        <source>已受理,未派单:工单 {no} 没有可派的承办单位,已留待派单员派单</source>
        <translation>Saved, not dispatched: no unit can take case {no}; it waits for the dispatcher</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/intake/tab.py" line="217"/>
        <source>{phone}:共 {n} 件,未办结 {open} 件,显示最近 {shown} 件(未办结的在前)</source>
        <translation><numerusform>{phone}: {n} case, {open} not finished; showing the latest {shown} (unfinished first)</numerusform><numerusform>{phone}: {n} cases, {open} not finished; showing the latest {shown} (unfinished first)</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/intake/tab.py" line="314"/>
        <source>无号码的来电没有按号码的历史诉求,不能关联为重复来电</source>
        <translation>A call without a number has no history by number and cannot be linked as a repeat call</translation>
    </message>
</context>
<context>
    <name>cases</name>
    <message>
        <location filename="../../app/ui/cases/table_model.py" line="28"/>
        <source>工单号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/table_model.py" line="28"/>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/table_model.py" line="29"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/table_model.py" line="29"/>
        <source>答复时限</source>
        <translation>Reply by</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/table_model.py" line="30"/>
        <source>紧急</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/table_model.py" line="30"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/table_model.py" line="31"/>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/table_model.py" line="31"/>
        <source>街道</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/table_model.py" line="32"/>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/table_model.py" line="32"/>
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/table_model.py" line="33"/>
        <source>来电号码</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/table_model.py" line="33"/>
        <source>诉求内容</source>
        <translation>Request</translation>
    </message>
</context>
<context>
    <name>caseCodes</name>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="30"/>
        <source>一般</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="30"/>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="30"/>
        <source>申请退单</source>
        <translation>Return requested</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="30"/>
        <source>申请延期</source>
        <translation>Extension requested</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="30"/>
        <source>直接答复</source>
        <translation>Answered at intake</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases/detail_pane.py" line="30"/>
        <source>合并</source>
        <translation>Merged</translation>
    </message>
</context>
<context>
    <name>RoutingHint</name>
    <message>
        <source>依据:分类的默认承办单位(本地同类诉求尚少)</source>
        <translation>Basis: the category's default unit (few such cases here yet)</translation>
    </message>
    <message>
        <source>本社区</source>
        <translation>in this community</translation>
    </message>
    <message>
        <source>本街道</source>
        <translation>in this street</translation>
    </message>
    <message>
        <source>全区</source>
        <translation>in the district</translation>
    </message>
    <message>
        <source>依据:近{months}个月{place}同类诉求 {cases} 件,{by_unit} 件由 {unit} 办理</source>
        <translation>Basis: {cases} such cases {place} in the last {months} months, {by_unit} handled by {unit}</translation>
    </message>
    <message>
        <source>各自所在街道</source>
        <translation>their own street</translation>
    </message>
    <message>
        <source>各自所在社区</source>
        <translation>their own community</translation>
    </message>
    <message>
        <source>依据:近{months}个月{place}同类诉求 {cases} 件,{by_unit} 件由{who}办理(本案即 {unit})</source>
        <translation>Basis: {cases} such cases {place} in the last {months} months, {by_unit} handled by {who} (here {unit})</translation>
    </message>
    <message>
        <source>或 {unit} ({keys})</source>
        <translation>or {unit} ({keys})</translation>
    </message>
    <message>
        <source>把承办单位改为 {unit}</source>
        <translation>Make the handling unit {unit}</translation>
    </message>
</context>
</TS>
