<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name />
    <message>
        <location filename="../../app/messages.py" line="26" />
        <source>来电号码</source>
        <translation>Caller phone</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="26" />
        <source>来电人</source>
        <translation>Caller</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="26" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="27" />
        <source>诉求内容</source>
        <translation>Request</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="27" />
        <source>诉求分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="27" />
        <source>街道/乡镇</source>
        <translation>Street/town</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="28" />
        <location filename="../../app/messages.py" line="150" />
        <source>社区/村</source>
        <translation>Community/village</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="28" />
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="28" />
        <source>诉求类型</source>
        <translation>Request type</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="29" />
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="29" />
        <location filename="../../app/messages.py" line="70" />
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="29" />
        <source>时限档次</source>
        <translation>Deadline tier</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="30" />
        <source>答复内容</source>
        <translation>Reply</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="30" />
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="30" />
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="31" />
        <source>备注</source>
        <translation>Remark</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="31" />
        <source>是否解决</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="31" />
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="31" />
        <source>延期至</source>
        <translation>Extend until</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="32" />
        <source>是否联系</source>
        <translation>Contacted</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="33" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="33" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="33" />
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="33" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="34" />
        <source>确认密码</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="34" />
        <source>原密码</source>
        <translation>Old password</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="34" />
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="34" />
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="35" />
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="35" />
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="35" />
        <source>上级单位</source>
        <translation>Parent unit</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="35" />
        <source>常住人口</source>
        <translation>Population</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="36" />
        <source>默认承办单位</source>
        <translation>Default handling unit</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="36" />
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="36" />
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="37" />
        <source>生效日期</source>
        <translation>In force from</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="37" />
        <source>联系时限(小时)</source>
        <translation>Contact within (hours)</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="37" />
        <source>答复时限(小时)</source>
        <translation>Reply within (hours)</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="38" />
        <source>响应率权重</source>
        <translation>Response weight</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="38" />
        <source>解决率权重</source>
        <translation>Resolution weight</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="38" />
        <source>满意率权重</source>
        <translation>Satisfaction weight</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="39" />
        <source>基本满意折算系数</source>
        <translation>Weight of basically satisfied</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="39" />
        <source>三率权重</source>
        <translation>Rate weights</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="39" />
        <source>参数</source>
        <translation>Setting</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="39" />
        <source>取值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="46" />
        <source>受理</source>
        <translation>take in</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="46" />
        <source>直接答复</source>
        <translation>answer at once</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="46" />
        <source>关联重复来电</source>
        <translation>link repeat call</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="46" />
        <source>派单</source>
        <translation>dispatch</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="47" />
        <source>同意退单</source>
        <translation>approve return</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="47" />
        <source>驳回退单</source>
        <translation>reject return</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="47" />
        <source>同意延期</source>
        <translation>approve extension</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="48" />
        <source>驳回延期</source>
        <translation>reject extension</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="48" />
        <source>合并</source>
        <translation>merge</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="48" />
        <source>办结</source>
        <translation>close</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="48" />
        <source>签收</source>
        <translation>sign for</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="49" />
        <source>联系诉求人</source>
        <translation>contact the citizen</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="49" />
        <source>答复</source>
        <translation>reply</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="49" />
        <source>申请退单</source>
        <translation>ask for a return</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="50" />
        <source>申请延期</source>
        <translation>ask for an extension</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="50" />
        <source>回访</source>
        <translation>call back</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="50" />
        <source>重办</source>
        <translation>reopen</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="51" />
        <source>管理账号</source>
        <translation>manage accounts</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="51" />
        <location filename="../../app/messages.py" line="165" />
        <source>修改单位</source>
        <translation>Unit changed</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="51" />
        <source>修改分类和重点题目</source>
        <translation>edit categories and key topics</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="52" />
        <source>修改时限和考核规则</source>
        <translation>edit deadlines and scoring rules</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="52" />
        <source>查看账号</source>
        <translation>see the accounts</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="52" />
        <source>查看访问记录</source>
        <translation>see the access log</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="53" />
        <location filename="../../app/messages.py" line="161" />
        <source>查看完整号码</source>
        <translation>see the full number</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="53" />
        <source>查看保密来电人的号码</source>
        <translation>see a confidential caller's number</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="54" />
        <source>导出含个人信息的数据</source>
        <translation>export personal data</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="54" />
        <source>创建首个管理员</source>
        <translation>create the first administrator</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="55" />
        <location filename="../../app/messages.py" line="164" />
        <source>修改密码</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="62" />
        <source>待派单</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="62" />
        <source>已派单</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="62" />
        <source>已签收</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="62" />
        <source>已退单</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="63" />
        <source>已答复</source>
        <translation>Replied</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="63" />
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="63" />
        <source>已合并</source>
        <translation>Merged</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="70" />
        <source>接线员</source>
        <translation>Receptionist</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="70" />
        <source>派单员</source>
        <translation>Dispatcher</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="71" />
        <source>回访员</source>
        <translation>Callback clerk</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="71" />
        <source>领导/督办</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="71" />
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="71" />
        <source>系统</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="72" />
        <source>未登录用户</source>
        <translation>not logged in</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="80" />
        <source>{field}必须填写</source>
        <translation>{field} is required</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="81" />
        <source>{field}太长(最多 {detail} 字)</source>
        <translation>{field} is too long (at most {detail} characters)</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="82" />
        <source>{field}格式不对:请输入11位手机号,或带区号的固定电话(如 010-63812345,分机用 - 连接)</source>
        <translation>{field} has a wrong format: enter an 11-digit mobile number or a landline with area code (e.g. 010-63812345, extension after -)</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="83" />
        <source>{field}不存在:{detail}</source>
        <translation>{field} does not exist: {detail}</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="84" />
        <source>{field}的取值不允许:{detail}</source>
        <translation>{field} does not allow the value {detail}</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="85" />
        <source>{field}不属于所选街道</source>
        <translation>{field} is not in the chosen street</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="86" />
        <source>{field}必须晚于现在的答复时限 {detail}</source>
        <translation>{field} must be later than the current reply deadline {detail}</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="87" />
        <source>{field}不是有效的时间:{detail}</source>
        <translation>{field} is not a valid time: {detail}</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="88" />
        <source>{field}重复:{detail}</source>
        <translation>{field} already exists: {detail}</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="89" />
        <source>{field}太短(至少 {detail} 位)</source>
        <translation>{field} is too short (at least {detail} characters)</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="90" />
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="91" />
        <source>{field}只能由字母、数字、汉字和 _ . - @ 组成,2 到 64 个字符:{detail}</source>
        <translation>{field} may only hold letters, digits, Chinese characters and _ . - @, 2 to 64 characters: {detail}</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="92" />
        <source>至少要保留一个启用的管理员账号</source>
        <translation>At least one active administrator account must remain</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="93" />
        <source>{field}不正确</source>
        <translation>{field} is not correct</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="94" />
        <source>{field}不能早于今天({detail}):已生效的规则不能改写</source>
        <translation>{field} cannot be before today ({detail}): rules already in force cannot be rewritten</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="95" />
        <source>{field}之和必须为 1(现在是 {detail})</source>
        <translation>{field} must add up to 1 (now {detail})</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="96" />
        <source>{field}超出范围({detail})</source>
        <translation>{field} is out of range ({detail})</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="97" />
        <source>{field}不能长于答复时限</source>
        <translation>{field} cannot be longer than the reply deadline</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="98" />
        <source>{field}必须是大于 0 的整数:{detail}</source>
        <translation>{field} must be a whole number above 0: {detail}</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="100" />
        <source>{field}有误:{detail}</source>
        <translation>{field} is wrong: {detail}</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="108" />
        <source>工单 {case}当前状态为“{status}”,不能{action}</source>
        <translation>Case {case} is "{status}": cannot {action}</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="112" />
        <source>工单 {case}刚被其他工位修改,已显示最新状态,请确认后重试</source>
        <translation>Case {case} was just changed at another workstation; its current state is shown, please check and try again</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="114" />
        <source>您的角色({role})不能{action};可以操作的角色:{allowed}</source>
        <translation>Your role ({role}) may not {action}; roles that may: {allowed}</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="120" />
        <source>办理记录只能追加,不能修改或删除</source>
        <translation>The case timeline can only be added to, never changed or deleted</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="122" />
        <source>未找到{what}:{key}</source>
        <translation>{what} not found: {key}</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="125" />
        <source>操作未完成:{error}</source>
        <translation>Not done: {error}</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="131" />
        <source>登录失败次数过多,账号已锁定至 {time},请稍后再试或联系管理员</source>
        <translation>Too many failed logins: the account is locked until {time}; try later or ask an administrator</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="134" />
        <source>该账号已停用,请联系管理员</source>
        <translation>This account is disabled; ask an administrator</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="136" />
        <source>请 {seconds} 秒后再试</source>
        <translation>Try again in {seconds} s</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="137" />
        <source>用户名或密码错误</source>
        <translation>Wrong user name or password</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="139" />
        <source>;连续输错须稍候再试,多次输错账号将被锁定(可请管理员解锁)</source>
        <translation>; after a failure wait a moment before trying again; repeated failures lock the account (an administrator can unlock it)</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="144" />
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="144" />
        <source>水电气热</source>
        <translation>Utilities</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="144" />
        <source>一般</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="144" />
        <source>疑难复杂</source>
        <translation>Complex</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="149" />
        <source>区</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="149" />
        <source>热线中心</source>
        <translation>Hotline centre</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="149" />
        <source>街道</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="149" />
        <source>乡镇</source>
        <translation>Town</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="150" />
        <source>委办局</source>
        <translation>Bureau</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="150" />
        <source>公共服务企业</source>
        <translation>Utility company</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="151" />
        <source>科所站队</source>
        <translation>Section/station</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="156" />
        <source>市级</source>
        <translation>Municipal</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="156" />
        <source>区级</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="161" />
        <source>导出个人信息</source>
        <translation>Personal data exported</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="340" />
        <source>保存报表</source>
        <translation>Report saved</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="161" />
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="162" />
        <source>登录失败</source>
        <translation>Login failed</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="162" />
        <source>账号锁定</source>
        <translation>Account locked</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="162" />
        <source>拒绝登录</source>
        <translation>Login refused</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="163" />
        <source>新建账号</source>
        <translation>Create account</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="163" />
        <source>修改账号</source>
        <translation>Account changed</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="163" />
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="164" />
        <source>启用账号</source>
        <translation>Enable account</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="164" />
        <source>停用账号</source>
        <translation>Disable account</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="165" />
        <source>解锁账号</source>
        <translation>Account unlocked</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="165" />
        <source>修改分类</source>
        <translation>Category changed</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="166" />
        <source>修改重点题目</source>
        <translation>Key topic changed</translation>
    </message>
    <message>
        <location filename="../../app/messages.py" line="166" />
        <source>修改规则</source>
        <translation>Rule added</translation>
    </message>
    <message>
        <source>别名</source>
        <translation>Aliases</translation>
    </message>
    <message>
        <source>排序拼音</source>
        <translation>Sort key (pinyin)</translation>
    </message>
</context>
<context>
    <name>AccessLogPage</name>
    <message>
        <location filename="../../app/ui/admin/access_log_page.py" line="18" />
        <source>访问记录</source>
        <translation>Access log</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/access_log_page.py" line="20" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/access_log_page.py" line="21" />
        <source>人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/access_log_page.py" line="21" />
        <source>系统</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/access_log_page.py" line="22" />
        <source>工位</source>
        <translation>Workstation</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/access_log_page.py" line="23" />
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/access_log_page.py" line="24" />
        <source>工单</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/access_log_page.py" line="25" />
        <source>详情</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/access_log_page.py" line="30" />
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/access_log_page.py" line="32" />
        <source>刷新</source>
        <translation>Reload</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/access_log_page.py" line="45" />
        <source>正在读取访问记录…</source>
        <translation>Loading the access log…</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="29" />
        <source>账号</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="31" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="32" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="33" />
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="34" />
        <source>所属单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="35" />
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="50" />
        <source>至少 {n} 位</source>
        <translation>at least {n} characters</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="54" />
        <source>用户名(&amp;U)</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="55" />
        <source>姓名(&amp;N)</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="56" />
        <source>角色(&amp;R)</source>
        <translation>&amp;Role</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="57" />
        <source>所属单位(&amp;D)</source>
        <translation>Unit (&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="58" />
        <source>密码(&amp;P)</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="59" />
        <source>确认密码</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="63" />
        <source>清空表单(&amp;E)</source>
        <translation>Cl&amp;ear form</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="64" />
        <source>新建账号(&amp;C)</source>
        <translation>&amp;Create account</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="65" />
        <source>保存修改(&amp;S)</source>
        <translation>&amp;Save changes</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="66" />
        <source>重置密码(&amp;W)</source>
        <translation>Reset pass&amp;word</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="68" />
        <source>解锁(&amp;L)</source>
        <translation>Un&amp;lock</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="67" />
        <location filename="../../app/ui/admin/accounts_page.py" line="165" />
        <source>停用账号</source>
        <translation>Disable account</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="106" />
        <source>正在读取账号…</source>
        <translation>Loading accounts…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="110" />
        <source>(无)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="118" />
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="120" />
        <source>锁定至 {time}</source>
        <translation>Locked until {time}</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="121" />
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="165" />
        <source>启用账号</source>
        <translation>Enable account</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="183" />
        <source>已新建账号 {user}({name})</source>
        <translation>Created account {user} ({name})</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="189" />
        <source>已保存 {user}</source>
        <translation>Saved {user}</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="195" />
        <source>已为 {user} 设置新密码,账号已解锁</source>
        <translation>New password set for {user}; the account is unlocked</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="200" />
        <source>已启用 {user}</source>
        <translation>Enabled {user}</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="200" />
        <source>已停用 {user}</source>
        <translation>Disabled {user}</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/accounts_page.py" line="206" />
        <source>已解锁 {user}</source>
        <translation>Unlocked {user}</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../app/ui/admin/page.py" line="27" />
        <source>正在处理…</source>
        <translation>Working…</translation>
    </message>
</context>
<context>
    <name>AdminTab</name>
    <message>
        <location filename="../../app/ui/admin/admin_tab.py" line="19" />
        <source>系统管理</source>
        <translation>Administration</translation>
    </message>
</context>
<context>
    <name>CategoriesPage</name>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="31" />
        <source>分类与重点题目</source>
        <translation>Categories and key topics</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="33" />
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="34" />
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="35" />
        <source>上级分类</source>
        <translation>Parent category</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="36" />
        <source>默认承办单位</source>
        <translation>Default handling unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="37" />
        <source>时限档次</source>
        <translation>Deadline tier</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="37" />
        <location filename="../../app/ui/admin/categories_page.py" line="48" />
        <location filename="../../app/ui/admin/categories_page.py" line="98" />
        <location filename="../../app/ui/admin/categories_page.py" line="106" />
        <source>(沿用上级)</source>
        <translation>(as parent)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="38" />
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="38" />
        <location filename="../../app/ui/admin/categories_page.py" line="51" />
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="38" />
        <source>停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="52" />
        <source>保存修改(&amp;S)</source>
        <translation>&amp;Save changes</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="54" />
        <source>所选分类</source>
        <translation>Selected category</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="56" />
        <source>名称(&amp;N)</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="57" />
        <source>默认承办单位(&amp;H)</source>
        <translation>Default &amp;handling unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="58" />
        <source>时限档次(&amp;T)</source>
        <translation>Deadline &amp;tier</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="64" />
        <source>重点题目</source>
        <translation>Key topic</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="65" />
        <location filename="../../app/ui/admin/categories_page.py" line="78" />
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="70" />
        <source>将所选分类设为重点题目</source>
        <translation>Make the selected category a key topic</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="71" />
        <source>移除所选重点题目</source>
        <translation>Remove the selected key topic</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="74" />
        <source>年度重点题目(每月一题)</source>
        <translation>Key topics of the year</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="76" />
        <source>年度(&amp;Y)</source>
        <translation>&amp;Year</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="100" />
        <location filename="../../app/ui/admin/categories_page.py" line="107" />
        <source>所在街道/乡镇</source>
        <translation>Street/town of the address</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="121" />
        <source>正在读取分类…</source>
        <translation>Loading categories…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="152" />
        <source>已保存 {name}</source>
        <translation>Saved {name}</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="166" />
        <source>{name} 已设为 {year} 年重点题目</source>
        <translation>{name} is now a key topic of {year}</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/categories_page.py" line="173" />
        <source>已移除 {name}</source>
        <translation>Removed {name}</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="18" />
        <source>修改密码</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="22" />
        <source>至少 {n} 位</source>
        <translation>at least {n} characters</translation>
    </message>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="28" />
        <source>原密码(&amp;O)</source>
        <translation>&amp;Old password</translation>
    </message>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="29" />
        <source>新密码(&amp;N)</source>
        <translation>&amp;New password</translation>
    </message>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="30" />
        <source>再次输入新密码(&amp;R)</source>
        <translation>&amp;Repeat new password</translation>
    </message>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="38" />
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="37" />
        <source>丰台区 12345 接诉即办工作台 — 登录</source>
        <translation>Fengtai 12345 hotline console — Log in</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="41" />
        <source>正在连接数据库…</source>
        <translation>Connecting to the database…</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="55" />
        <source>这是第一次启动:请创建系统管理员账号。管理员可以再为其他工作人员开设账号。</source>
        <translation>First start: create the administrator's account. The administrator then opens accounts for the other staff.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="60" />
        <source>至少 {n} 位</source>
        <translation>at least {n} characters</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="61" />
        <source>创建管理员</source>
        <translation>Create administrator</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="65" />
        <location filename="../../app/ui/login_dialog.py" line="86" />
        <source>用户名(&amp;U)</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="66" />
        <source>姓名(&amp;N)</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="67" />
        <location filename="../../app/ui/login_dialog.py" line="87" />
        <source>密码(&amp;P)</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="68" />
        <source>再次输入密码(&amp;R)</source>
        <translation>&amp;Repeat password</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="80" />
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="119" />
        <source>正在创建…</source>
        <translation>Creating…</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="127" />
        <source>管理员账号已创建,请用新密码登录。</source>
        <translation>The administrator account was created; log in with the new password.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="137" />
        <source>正在验证…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="154"/>
        <source>请输入用户名</source>
        <translation>Please enter the user name</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="175"/>
        <source>请稍候:{n} 秒后自动用新输入的密码登录</source>
        <translation>Please wait: logging in with the new password in {n} s</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="178"/>
        <source>密码与刚才的相同,未再次提交;请输入正确的密码,{n} 秒后可再登录</source>
        <translation>The same password as before was not sent again; type the right password (you can log in again in {n} s)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>会话已结束</source>
        <translation>Session ended</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="31" />
        <source>丰台区 12345 接诉即办工作台</source>
        <translation>Fengtai 12345 hotline console</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="43" />
        <source>用户:{who}({role})</source>
        <translation>User: {who} ({role})</translation>
    </message>
    <message>
        <source>单位:{unit}</source>
        <translation>Unit: {unit}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="44" />
        <source>数据库:{url}</source>
        <translation>Database: {url}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="51" />
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="52" />
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="57" />
        <source>设置(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="58" />
        <source>修改密码(&amp;P)…</source>
        <translation>Change &amp;password…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="63" />
        <location filename="../../app/ui/main_window.py" line="81" />
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="77" />
        <source>密码已修改</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="81" />
        <source>新的界面语言将在下次启动时生效。</source>
        <translation>The new interface language takes effect at the next start.</translation>
    </message>
</context>
<context>
    <name>RulesPage</name>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="46" />
        <source>时限与考核规则</source>
        <translation>Deadlines and scoring</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="47" />
        <source>{n} 小时</source>
        <translation>{n} h</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="51" />
        <location filename="../../app/ui/admin/rules_page.py" line="64" />
        <source>时限档次</source>
        <translation>Deadline tier</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="52" />
        <location filename="../../app/ui/admin/rules_page.py" line="65" />
        <location filename="../../app/ui/admin/rules_page.py" line="70" />
        <location filename="../../app/ui/admin/rules_page.py" line="84" />
        <location filename="../../app/ui/admin/rules_page.py" line="91" />
        <location filename="../../app/ui/admin/rules_page.py" line="102" />
        <source>生效日期</source>
        <translation>In force from</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="53" />
        <location filename="../../app/ui/admin/rules_page.py" line="66" />
        <source>联系时限</source>
        <translation>Contact within</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="54" />
        <location filename="../../app/ui/admin/rules_page.py" line="66" />
        <source>答复时限</source>
        <translation>Reply within</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="62" />
        <source>添加时限规则</source>
        <translation>Add deadline rule</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="65" />
        <source>档次</source>
        <translation>Tier</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="71" />
        <source>响应率</source>
        <translation>Response</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="72" />
        <source>解决率</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="73" />
        <source>满意率</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="74" />
        <source>基本满意折算</source>
        <translation>Basic satisfaction</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="81" />
        <source>添加考核权重</source>
        <translation>Add scoring weights</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="83" />
        <source>综合成绩权重</source>
        <translation>Composite score weights</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="84" />
        <source>响应率权重</source>
        <translation>Response weight</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="85" />
        <source>解决率权重</source>
        <translation>Resolution weight</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="85" />
        <source>满意率权重</source>
        <translation>Satisfaction weight</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="86" />
        <source>基本满意折算系数</source>
        <translation>Weight of basically satisfied</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="90" />
        <location filename="../../app/ui/admin/rules_page.py" line="102" />
        <source>参数</source>
        <translation>Setting</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="92" />
        <location filename="../../app/ui/admin/rules_page.py" line="103" />
        <source>取值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="99" />
        <source>添加参数值</source>
        <translation>Add setting value</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="101" />
        <source>其他参数</source>
        <translation>Other settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="124" />
        <source>回访最多尝试次数</source>
        <translation>Callback attempts at most</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="124" />
        <source>答复后回访期限(小时)</source>
        <translation>Callback window after reply (hours)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="125" />
        <source>治理类街镇数量</source>
        <translation>Streets in the governance class</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="125" />
        <source>临近超期提醒(小时)</source>
        <translation>Nearly overdue warning (hours)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="126" />
        <source>登录失败锁定次数</source>
        <translation>Failed logins before lock</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="126" />
        <source>锁定时长(分钟)</source>
        <translation>Lock duration (minutes)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="141" />
        <source>正在读取规则…</source>
        <translation>Loading rules…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/rules_page.py" line="144" />
        <source>已添加,自生效日期起执行;此前的期间仍按原规则计算</source>
        <translation>Added: in force from its date; earlier periods keep the rules they had</translation>
    </message>
</context>
<context>
    <name>UnitsPage</name>
    <message>
        <location filename="../../app/ui/admin/units_page.py" line="31" />
        <source>单位</source>
        <translation>Units</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/units_page.py" line="33" />
        <location filename="../../app/ui/admin/units_page.py" line="74" />
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/units_page.py" line="34" />
        <location filename="../../app/ui/admin/units_page.py" line="75" />
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/units_page.py" line="35" />
        <location filename="../../app/ui/admin/units_page.py" line="76" />
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/units_page.py" line="36" />
        <source>层级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/units_page.py" line="37" />
        <source>上级单位</source>
        <translation>Parent unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/units_page.py" line="38" />
        <source>常住人口</source>
        <translation>Population</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/units_page.py" line="39" />
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/units_page.py" line="39" />
        <location filename="../../app/ui/admin/units_page.py" line="54" />
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/units_page.py" line="39" />
        <source>停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/units_page.py" line="52" />
        <source>空白表示未知</source>
        <translation>empty means unknown</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/units_page.py" line="55" />
        <source>保存修改(&amp;S)</source>
        <translation>&amp;Save changes</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/units_page.py" line="57" />
        <source>所选单位</source>
        <translation>Selected unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/units_page.py" line="59" />
        <source>名称(&amp;N)</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/units_page.py" line="60" />
        <source>常住人口(&amp;P)</source>
        <translation>&amp;Population</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/units_page.py" line="70" />
        <source>在所选单位下新增</source>
        <translation>Add under the selected unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/units_page.py" line="72" />
        <source>新增下级单位</source>
        <translation>New unit below</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/units_page.py" line="106" />
        <source>正在读取单位…</source>
        <translation>Loading units…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/units_page.py" line="123" />
        <source>已保存 {name}</source>
        <translation>Saved {name}</translation>
    </message>
    <message>
        <source>决定单位在列表和排名并列时的先后,小写拼音,以空格分隔,如 chang xin dian jie dao</source>
        <translation>Orders the unit in lists and in ranking ties: lower-case pinyin, words separated by spaces, e.g. chang xin dian jie dao</translation>
    </message>
    <message>
        <source>别名</source>
        <translation>Aliases</translation>
    </message>
    <message>
        <source>别名(&amp;A)</source>
        <translation>&amp;Aliases</translation>
    </message>
    <message>
        <source>按名称、别名或拼音筛选</source>
        <translation>Filter by name, alias or pinyin</translation>
    </message>
    <message>
        <source>排序拼音</source>
        <translation>Sort key</translation>
    </message>
    <message>
        <source>排序拼音(&amp;K)</source>
        <translation>Sort &amp;key</translation>
    </message>
    <message>
        <source>用“、”分隔,如 住建委、区住建委</source>
        <translation>Separated by “、”, e.g. 住建委、区住建委</translation>
    </message>
    <message>
        <source>空白表示按名称的拼音</source>
        <translation>Empty: the pinyin of the name</translation>
    </message>
    <message>
        <source>群众和工作人员对单位的其他叫法;选择单位时可按别名及其拼音查找</source>
        <translation>Other names citizens and staff use for the unit; unit pickers find it by them and their pinyin</translation>
    </message>
</context>
<context>
    <name>SessionGuard</name>
    <message>
        <source>您的账号已不存在,本工作台已退出。未保存的内容没有写入。</source>
        <translation>Your account no longer exists; this console stops. Unsaved work was not written.</translation>
    </message>
    <message>
        <source>管理员已变更您的角色或单位,请重新登录。未保存的内容没有写入。</source>
        <translation>An administrator changed your role or unit; please sign in again. Unsaved work was not written.</translation>
    </message>
    <message>
        <source>管理员已停用您的账号,本工作台已退出。未保存的内容没有写入。</source>
        <translation>An administrator disabled your account; this console stops. Unsaved work was not written.</translation>
    </message>
</context>
</TS>