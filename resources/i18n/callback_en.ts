<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message>
        <source>{who}正在回访此工单</source>
        <translation>{who} is calling this citizen back now</translation>
    </message>
    <message>
        <source>无号码</source>
        <translation>No number</translation>
    </message>
    <message>
        <source>来电无号码,无法回访:记为未接通即办结(不计入三率)</source>
        <translation>The call came without a number: record "not reached" to close it (counts in no rate)</translation>
    </message>
    <message>
        <source>{who}回访中</source>
        <translation>{who} is calling</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/answers.py" line="36"/>
        <source>已联系</source>
        <translation>Contacted</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/answers.py" line="36"/>
        <source>未联系</source>
        <translation>Not contacted</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/answers.py" line="40"/>
        <source>已解决</source>
        <translation>Solved</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/answers.py" line="40"/>
        <source>部分解决</source>
        <translation>Partly solved</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/answers.py" line="40"/>
        <source>未解决</source>
        <translation>Not solved</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/answers.py" line="44"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/answers.py" line="44"/>
        <source>基本满意</source>
        <translation>Basically satisfied</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/answers.py" line="44"/>
        <source>不满意</source>
        <translation>Unsatisfied</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/queue_model.py" line="25"/>
        <source>工单号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/queue_model.py" line="25"/>
        <source>答复时间</source>
        <translation>Replied</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/queue_model.py" line="25"/>
        <source>回访时限</source>
        <translation>Callback due</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/queue_model.py" line="25"/>
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/queue_model.py" line="25"/>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/queue_model.py" line="25"/>
        <source>街道</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/queue_model.py" line="26"/>
        <source>未接通</source>
        <translation>Not reached</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/queue_model.py" line="54"/>
        <source>{n} 次未接通,最近一次 {at},稍后再拨</source>
        <translation>{n} unanswered call(s), last at {at}; call again later</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/queue_model.py" line="56"/>
        <source>已超过回访时限</source>
        <translation>Past the callback deadline</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/queue_model.py" line="71"/>
        <source>(超时)</source>
        <translation> (late)</translation>
    </message>
    <message>
        <source>答复于 {at}</source>
        <translation>replied {at}</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>CallbackTab</name>
    <message>
        <source>工单 {no} 正由{who}回访,已打开下一件</source>
        <translation>{who} is calling back case {no}; the next case is open</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/tab.py" line="50"/>
        <source>回访</source>
        <translation>Callback</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/tab.py" line="87"/>
        <source>您的角色只能查看回访队列,不能记录回访</source>
        <translation>Your role can view the callback queue but not record callbacks</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/tab.py" line="130"/>
        <location filename="../../app/ui/callback/tab.py" line="157"/>
        <location filename="../../app/ui/callback/tab.py" line="189"/>
        <source>工单 {no} 刚由其他工位处理,已不在待回访队列,已打开下一件</source>
        <translation>Case {no} was just handled at another desk and no longer waits for a callback; the next case is open</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/tab.py" line="150"/>
        <source>正在打开工单…</source>
        <translation>Opening the case…</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/tab.py" line="223"/>
        <source>暂无待回访的工单(F5 刷新)</source>
        <translation>No case is waiting for a callback (F5 to refresh)</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/tab.py" line="251"/>
        <source>回访:{summary}</source>
        <translation>Callback: {summary}</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/tab.py" line="273"/>
        <source>正在保存工单 {no}…</source>
        <translation>Saving case {no}…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/callback/tab.py" line="281"/>
        <source>工单 {no} 已 {n} 次未接通,按无法联系办结(不计入三率)</source>
        <translation><numerusform>Case {no} not reached {n} time: closed as unreachable (counts in no rate)</numerusform><numerusform>Case {no} not reached {n} times: closed as unreachable (counts in no rate)</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/tab.py" line="283"/>
        <source>工单 {no} 未接通(本轮第 {n}/{limit} 次),稍后再拨</source>
        <translation>Case {no} not reached (attempt {n}/{limit} of this round); call again later</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/tab.py" line="286"/>
        <source>已保存工单 {no}:{summary}</source>
        <translation>Saved case {no}: {summary}</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/tab.py" line="289"/>
        <source>;已退回 {unit} 重办</source>
        <translation>; sent back to {unit} for rework</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/tab.py" line="291"/>
        <source>;未能退回重办:{why}</source>
        <translation>; could not send it back for rework: {why}</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/tab.py" line="302"/>
        <source>工单 {no} 刚被其他工位修改,已显示最新内容;答案保留,请确认后再按 Enter 保存</source>
        <translation>Case {no} was just changed at another desk; it is shown as it is now, your answers are kept: check and press Enter again</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/tab.py" line="307"/>
        <source>工单 {no} 刚由其他回访员完成回访,本次未保存,已打开下一件</source>
        <translation>Case {no} was just called back by another clerk; your answers were not saved; the next case is open</translation>
    </message>
    <message>
        <source>工单 {no} 刚由其他工位处理,可能已不需回访;保存时将再次核对</source>
        <translation>Case {no} was just handled at another workstation and may need no callback any more; it is checked again on saving</translation>
    </message>
    <message>
        <source>工单 {no} 已重新为您保留</source>
        <translation>Case {no} is held for you again</translation>
    </message>
    <message>
        <source>未能续占工单 {no}({why});{until:%H:%M} 后其他回访员可能拨打同一市民,请尽快保存</source>
        <translation>Could not keep holding case {no} ({why}); from {until:%H:%M} another clerk may be given the same citizen: save soon</translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <location filename="../../app/ui/callback/case_panel.py" line="49"/>
        <source>显示号码拨打 [F3]</source>
        <translation>Show number to dial [F3]</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/case_panel.py" line="74"/>
        <source>市民诉求</source>
        <translation>Request</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/case_panel.py" line="75"/>
        <source>承办单位答复</source>
        <translation>Unit&apos;s reply</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/case_panel.py" line="76"/>
        <source>回访记录</source>
        <translation>Earlier callbacks</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/case_panel.py" line="77"/>
        <source>回访话术</source>
        <translation>Call script</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/case_panel.py" line="79"/>
        <source>正在加载回访队列…</source>
        <translation>Loading the callback queue…</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/case_panel.py" line="96"/>
        <source>工单 {no} · {category} · {place}</source>
        <translation>Case {no} · {category} · {place}</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/case_panel.py" line="97"/>
        <source>未分类</source>
        <translation>Unclassified</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/case_panel.py" line="97"/>
        <source>无地址</source>
        <translation>No address</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/case_panel.py" line="98"/>
        <source>无电话</source>
        <translation>No phone number</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/case_panel.py" line="100"/>
        <source>{name} · 受理于 {received:%Y-%m-%d %H:%M}</source>
        <translation>{name} · received {received:%Y-%m-%d %H:%M}</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/case_panel.py" line="101"/>
        <source>未留姓名</source>
        <translation>Name not given</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/case_panel.py" line="104"/>
        <source>回访时限 {due:%m-%d %H:%M}{late} · 本轮第 {n}/{limit} 次拨打</source>
        <translation>Callback due {due:%m-%d %H:%M}{late} · call {n}/{limit} of this round</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/case_panel.py" line="105"/>
        <source>(已超时)</source>
        <translation> (late)</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/case_panel.py" line="113"/>
        <source>{unit} {who} 答复于 {when}</source>
        <translation>{unit} {who} replied {when}</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/case_panel.py" line="115"/>
        <source>尚无回访记录</source>
        <translation>No callback yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/case_panel.py" line="117"/>
        <source>您好,这里是12345市民服务热线回访。您在 {day:%m月%d日} 反映的“{topic}”问题,{unit}已经答复。想占用您一分钟:
1. 承办单位是否与您联系过?
2. 您反映的问题是否解决了?
3. 您对办理结果是否满意?</source>
        <translation>Hello, this is the 12345 citizen service hotline calling back. On {day:%b %d} you reported a problem with &quot;{topic}&quot;, and {unit} has replied. May I take one minute of your time:
1. Did the handling unit get in touch with you?
2. Is the problem you reported solved?
3. Are you satisfied with the result?</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/case_panel.py" line="119"/>
        <source>诉求</source>
        <translation>your request</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/case_panel.py" line="120"/>
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/case_panel.py" line="127"/>
        <source>第 {round} 轮第 {n} 次 {at:%m-%d %H:%M} {clerk}</source>
        <translation>Round {round}, call {n}, {at:%m-%d %H:%M} {clerk}</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/case_panel.py" line="130"/>
        <source>:未接通</source>
        <translation>: not reached</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/case_panel.py" line="131"/>
        <source>:{contacted},{resolved},{satisfaction}</source>
        <translation>: {contacted}, {resolved}, {satisfaction}</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/case_panel.py" line="132"/>
        <source>已联系</source>
        <translation>Contacted</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/case_panel.py" line="132"/>
        <source>未联系</source>
        <translation>Not contacted</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../app/ui/callback/queue_panel.py" line="28"/>
        <source>待回访:加载中…</source>
        <translation>Waiting for callback: loading…</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/queue_panel.py" line="31"/>
        <source>全部街道</source>
        <translation>All streets</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/queue_panel.py" line="34"/>
        <source>全部承办单位</source>
        <translation>All handling units</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/queue_panel.py" line="40"/>
        <source>全部分类</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/queue_panel.py" line="69"/>
        <source>灰色:刚刚未接通,稍后再拨 · 红色:已超回访时限 · F5 刷新 · F6 到列表(↑↓ 选工单)</source>
        <translation>Grey: just not reached, call later · Red: past the callback deadline · F5 refresh · F6 to the list (↑↓ pick a case)</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/queue_panel.py" line="93"/>
        <source>待回访 {waiting} 件 · 已超回访时限 {overdue} 件</source>
        <translation>{waiting} waiting for a callback · {overdue} past the callback deadline</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/queue_panel.py" line="95"/>
        <source> · 列表显示最早的 {n} 件</source>
        <translation> · the list shows the oldest {n}</translation>
    </message>
</context>
<context>
    <name>RecordPanel</name>
    <message>
        <location filename="../../app/ui/callback/record_panel.py" line="88"/>
        <source>记录回访结果(按键选择,Enter 保存并打开下一件)</source>
        <translation>Record the callback (keys choose, Enter saves and opens the next case)</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/record_panel.py" line="96"/>
        <source>1. 承办单位是否联系</source>
        <translation>1. Unit got in touch?</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/record_panel.py" line="96"/>
        <source>2. 问题是否解决</source>
        <translation>2. Problem solved?</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/record_panel.py" line="97"/>
        <source>3. 是否满意</source>
        <translation>3. Satisfied?</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/record_panel.py" line="105"/>
        <source>[R] 备注:市民原话(Esc 返回答题,Enter 保存)</source>
        <translation>[R] Remark: the citizen&apos;s words (Esc back to the answers, Enter saves)</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/record_panel.py" line="107"/>
        <source>备注</source>
        <translation>Remark</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/record_panel.py" line="110"/>
        <source>保存并下一件 [Enter]</source>
        <translation>Save and next [Enter]</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/record_panel.py" line="113"/>
        <source>未接通 [F2]</source>
        <translation>Not reached [F2]</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/record_panel.py" line="161"/>
        <source>是否联系</source>
        <translation>contacted</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/record_panel.py" line="161"/>
        <source>是否解决</source>
        <translation>solved</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/record_panel.py" line="162"/>
        <source>是否满意</source>
        <translation>satisfied</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/record_panel.py" line="164"/>
        <source>请先选择:{missing}(按按钮上的键)</source>
        <translation>Choose first: {missing} (press the key shown on the button)</translation>
    </message>
    <message>
        <source>记录回访结果</source>
        <translation>Record the callback</translation>
    </message>
    <message>
        <source>按按钮上的键选择,Enter 保存并打开下一件</source>
        <translation>Press the key shown on a button to choose; Enter saves and opens the next case</translation>
    </message>
</context>
<context>
    <name>ReopenDialog</name>
    <message>
        <location filename="../../app/ui/callback/reopen_dialog.py" line="17"/>
        <source>退回重办?</source>
        <translation>Send back for rework?</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/reopen_dialog.py" line="18"/>
        <source>工单 {no} 回访结果:{summary}。
是否退回 {unit} 重新办理?</source>
        <translation>Callback of case {no}: {summary}.
Send it back to {unit} to handle again?</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/reopen_dialog.py" line="24"/>
        <source>市民原话,随工单退回承办单位</source>
        <translation>The citizen&apos;s words, sent back with the case</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/reopen_dialog.py" line="28"/>
        <source>退回重办(&amp;Y)</source>
        <translation>&amp;Yes, send back for rework</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/reopen_dialog.py" line="30"/>
        <source>只保存,不重办(&amp;N)</source>
        <translation>Save only, do &amp;not send back</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/reopen_dialog.py" line="32"/>
        <source>返回修改 [Esc]</source>
        <translation>Back to the answers [Esc]</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/reopen_dialog.py" line="45"/>
        <source>市民原话(随工单退回):</source>
        <translation>The citizen&apos;s words (sent with the case):</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/reopen_dialog.py" line="66"/>
        <source>请填写市民原话,承办单位据此重新办理</source>
        <translation>Enter the citizen&apos;s words: the unit works from them</translation>
    </message>
</context>
<context>
    <name>TallyPanel</name>
    <message>
        <location filename="../../app/ui/callback/tally_panel.py" line="16"/>
        <source>今日回访:加载中…</source>
        <translation>Today&apos;s callbacks: loading…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/callback/tally_panel.py" line="20"/>
        <source>今日已回访 {done} 次,接通 {reached}({share})</source>
        <translation><numerusform>Today {done} call, {reached} reached ({share})</numerusform><numerusform>Today {done} calls, {reached} reached ({share})</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/tally_panel.py" line="22"/>
        <source>无法联系办结 {n} 件</source>
        <translation>{n} closed as unreachable</translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/tally_panel.py" line="24"/>
        <source>联系:</source>
        <translation>Contacted: </translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/tally_panel.py" line="26"/>
        <source>解决:</source>
        <translation>Solved: </translation>
    </message>
    <message>
        <location filename="../../app/ui/callback/tally_panel.py" line="28"/>
        <source>满意度:</source>
        <translation>Satisfaction: </translation>
    </message>
</context>
</TS>
