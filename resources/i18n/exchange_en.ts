<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <source>工单编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>数据库正忙:另一项写入(如导入)一分钟内未结束,本次操作未保存,请稍后再试</source>
        <translation>The database is busy: another write (such as an import) did not end within a minute; nothing was saved, try again later</translation>
    </message>
    <message>
        <source>保密</source>
        <translation>Confidential</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Received at</translation>
    </message>
    <message>
        <source>答复时间</source>
        <translation>Replied at</translation>
    </message>
    <message>
        <source>回访时间</source>
        <translation>Callback at</translation>
    </message>
    <message>
        <source>是否回访成功</source>
        <translation>Reached</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <source>表头不是交换格式:{detail}</source>
        <translation>the header is not the exchange format: {detail}</translation>
    </message>
    <message>
        <source>应有 21 列,实际 {detail} 列</source>
        <translation>expected 21 fields, found {detail}</translation>
    </message>
    <message>
        <source>应有 20 列(与表头一致,表头没有 confidential 列),实际 {detail} 列</source>
        <translation>expected 20 fields (as the header, which has no confidential column), found {detail}</translation>
    </message>
    <message>
        <source>必须填写</source>
        <translation>a value is required</translation>
    </message>
    <message>
        <source>当 {detail} 时必须填写</source>
        <translation>a value is required when {detail}</translation>
    </message>
    <message>
        <source>当 {detail} 时必须为空</source>
        <translation>must be empty when {detail}</translation>
    </message>
    <message>
        <source>太长(最多 {detail} 字)</source>
        <translation>too long (at most {detail} characters)</translation>
    </message>
    <message>
        <source>取值不允许:{detail}</source>
        <translation>value not allowed: {detail}</translation>
    </message>
    <message>
        <source>不是 ISO 8601 时间:{detail}</source>
        <translation>not an ISO 8601 time: {detail}</translation>
    </message>
    <message>
        <source>时间缺少时区(应写成如 2022-08-01T09:30:00+08:00):{detail}</source>
        <translation>the time has no UTC offset (write e.g. 2022-08-01T09:30:00+08:00): {detail}</translation>
    </message>
    <message>
        <source>早于受理时间 {detail}</source>
        <translation>earlier than the received time {detail}</translation>
    </message>
    <message>
        <source>答复后已回访成功的工单应为已办结,但状态为 {detail}</source>
        <translation>a reached callback after the reply closes the case, but status is {detail}</translation>
    </message>
    <message>
        <source>不是手机号或带区号的固定电话:{detail}</source>
        <translation>not a mobile number or a landline with area code: {detail}</translation>
    </message>
    <message>
        <source>不存在:{detail}</source>
        <translation>unknown: {detail}</translation>
    </message>
    <message>
        <source>不是街道或乡镇:{detail}</source>
        <translation>not a street or town: {detail}</translation>
    </message>
    <message>
        <source>不是社区或村:{detail}</source>
        <translation>not a community or village: {detail}</translation>
    </message>
    <message>
        <source>社区不属于街道 {detail}</source>
        <translation>community is not in street {detail}</translation>
    </message>
    <message>
        <source>工单编号与第 {detail} 行重复</source>
        <translation>case number already used on line {detail}</translation>
    </message>
    <message>
        <source>工单编号在数据库中已存在:{detail}</source>
        <translation>case number already in the database: {detail}</translation>
    </message>
    <message>
        <source>无法按 CSV 读取:{detail}</source>
        <translation>not readable as CSV: {detail}</translation>
    </message>
    <message>
        <source>{field}的第 {position} 个字符({code})是控制字符或残缺字符,无法保存,请删除</source>
        <translation>{field}: character {position} ({code}) is a control character or a broken one and cannot be stored; delete it</translation>
    </message>
    <message>
        <source>{field}只有看不见的字符(如零宽空格)</source>
        <translation>{field} holds only invisible characters (such as zero-width spaces)</translation>
    </message>
    <message>
        <source>只有看不见的字符(如零宽空格)</source>
        <translation>holds only invisible characters (such as zero-width spaces)</translation>
    </message>
    <message>
        <source>第 {position} 个字符({code})是控制字符或残缺字符,无法保存</source>
        <translation>character {position} ({code}) is a control character or a broken one and cannot be stored</translation>
    </message>
    <message>
        <source>检查文件期间数据库被修改({detail}),请重新导入</source>
        <translation>the database changed while the file was being checked ({detail}); import again</translation>
    </message>
    <message>
        <source>第 {line} 行,{column} 列:{reason}</source>
        <translation>line {line}, column {column}: {reason}</translation>
    </message>
    <message>
        <source>第 {line} 行:{reason}</source>
        <translation>line {line}: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>……另有 {count} 处问题</source>
        <translation><numerusform>… and {count} more problem</numerusform><numerusform>… and {count} more problems</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>文件有 {count} 处问题,未导入任何数据:</source>
        <translation><numerusform>The file has {count} problem; nothing was imported:</numerusform><numerusform>The file has {count} problems; nothing was imported:</numerusform></translation>
    </message>
    <message>
        <source>找不到文件:{path}</source>
        <translation>file not found: {path}</translation>
    </message>
    <message>
        <source>{path} 不是 UTF-8 编码({detail}),请另存为 UTF-8(如 GBK 文件需先转换)</source>
        <translation>{path} is not UTF-8 ({detail}); save it as UTF-8 (a GBK file must be converted first)</translation>
    </message>
    <message>
        <source>{path} 是空文件:交换文件第一行应为表头</source>
        <translation>{path} is empty: an exchange file starts with the header line</translation>
    </message>
    <message>
        <source>无法读取 {path}:{detail}</source>
        <translation>cannot read {path}: {detail}</translation>
    </message>
    <message>
        <source>无法写入 {path}:{detail}</source>
        <translation>cannot write {path}: {detail}</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
</context>
</TS>
