<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
  <context>
    <name />
    <message>
      <source>{field} {detail} 已过:请先修改有效期再发布</source>
      <translation>{field} {detail} has passed: change the validity before publishing</translation>
    </message>
    <message>
      <source>{field}不能早于生效日期 {detail}</source>
      <translation>{field} cannot be before the first valid day {detail}</translation>
    </message>
    <message>
      <source>{field}与同义词相同:{detail}</source>
      <translation>{field} is the same as the synonym: {detail}</translation>
    </message>
    <message>
      <source>{field}刚被其他工位修改(现为第 {detail} 版),请刷新后再改</source>
      <translation>{field} was just changed at another workstation (now version {detail}): refresh and edit again</translation>
    </message>
    <message>
      <source>{field}已经是这个状态</source>
      <translation>{field} is already in that state</translation>
    </message>
    <message>
      <source>{field}未发布或已失效,不能作为答复依据:{detail}</source>
      <translation>{field} is not published or no longer valid and cannot be the basis of an answer: {detail}</translation>
    </message>
    <message>
      <source>关键词</source>
      <translation>Keywords</translation>
    </message>
    <message>
      <source>同义词</source>
      <translation>Synonym</translation>
    </message>
    <message>
      <source>失效日期</source>
      <translation>Last valid day</translation>
    </message>
    <message>
      <source>对应词</source>
      <translation>Means</translation>
    </message>
    <message>
      <source>政策依据</source>
      <translation>Policy or source</translation>
    </message>
    <message>
      <source>标题</source>
      <translation>Title</translation>
    </message>
    <message>
      <source>知识条目</source>
      <translation>Knowledge article</translation>
    </message>
    <message>
      <source>答复口径</source>
      <translation>Answer</translation>
    </message>
    <message>
      <source>编辑知识库</source>
      <translation>edit the knowledge base</translation>
    </message>
    <message>
      <source>负责单位</source>
      <translation>Owning unit</translation>
    </message>
    <message>
      <source>适用分类</source>
      <translation>Categories</translation>
    </message>
  </context>
  <context>
    <name>KnowledgePage</name>
    <message>
      <source>{n} 条已发布条目已过有效期,不再在受理时显示,请复核(续期或停用)</source>
      <translation>{n} published articles are past their validity and no longer shown at intake: review them (renew or retire)</translation>
    </message>
    <message>
      <source>{start} 至 {end}:咨询 {n} 件,直接答复 {a} 件({share}),其中引用知识条目 {k} 件</source>
      <translation>{start} to {end}: {n} consultations, {a} answered at intake ({share}), {k} of them from an article</translation>
    </message>
    <message>
      <source>不满意</source>
      <translation>Unsatisfied</translation>
    </message>
    <message>
      <source>保存(&amp;S)</source>
      <translation>&amp;Save</translation>
    </message>
    <message>
      <source>保存为新版本(&amp;S)</source>
      <translation>&amp;Save as a new version</translation>
    </message>
    <message>
      <source>保存为草稿(&amp;S)</source>
      <translation>&amp;Save as a draft</translation>
    </message>
    <message>
      <source>修改</source>
      <translation>edited</translation>
    </message>
    <message>
      <source>修改记录</source>
      <translation>History</translation>
    </message>
    <message>
      <source>停用</source>
      <translation>retired</translation>
    </message>
    <message>
      <source>停用(&amp;R)</source>
      <translation>&amp;Retire</translation>
    </message>
    <message>
      <source>全部条目</source>
      <translation>All articles</translation>
    </message>
    <message>
      <source>关键词(&amp;K)</source>
      <translation>&amp;Keywords</translation>
    </message>
    <message>
      <source>删除所选(&amp;E)</source>
      <translation>R&amp;emove selected</translation>
    </message>
    <message>
      <source>即</source>
      <translation>means</translation>
    </message>
    <message>
      <source>发布</source>
      <translation>published</translation>
    </message>
    <message>
      <source>发布(&amp;P)</source>
      <translation>&amp;Publish</translation>
    </message>
    <message>
      <source>各条目的引用次数与回访满意度</source>
      <translation>Each article's use and the callback satisfaction of the cases it answered</translation>
    </message>
    <message>
      <source>同义词</source>
      <translation>Synonym</translation>
    </message>
    <message>
      <source>咨询件数</source>
      <translation>Consultations</translation>
    </message>
    <message>
      <source>咨询的直接答复率(按受理月份)</source>
      <translation>Consultations answered at intake, by month received</translation>
    </message>
    <message>
      <source>回访接通</source>
      <translation>Reached</translation>
    </message>
    <message>
      <source>基本满意</source>
      <translation>Basically satisfied</translation>
    </message>
    <message>
      <source>已保存“{title}”第 {version} 版</source>
      <translation>Saved "{title}", version {version}</translation>
    </message>
    <message>
      <source>已保存草稿“{title}”,发布后在受理时显示</source>
      <translation>Draft "{title}" saved; it shows at intake once published</translation>
    </message>
    <message>
      <source>已停用</source>
      <translation>Retired</translation>
    </message>
    <message>
      <source>已停用“{title}”</source>
      <translation>Retired "{title}"</translation>
    </message>
    <message>
      <source>已发布</source>
      <translation>Published</translation>
    </message>
    <message>
      <source>已发布(已过期,待复核)</source>
      <translation>Published (expired, to review)</translation>
    </message>
    <message>
      <source>已发布“{title}”</source>
      <translation>Published "{title}"</translation>
    </message>
    <message>
      <source>已添加同义词 {term} → {means}</source>
      <translation>Synonym added: {term} → {means}</translation>
    </message>
    <message>
      <source>引用次数</source>
      <translation>Uses</translation>
    </message>
    <message>
      <source>引用知识条目</source>
      <translation>From an article</translation>
    </message>
    <message>
      <source>待复核(已过有效期)</source>
      <translation>To review (expired)</translation>
    </message>
    <message>
      <source>成效</source>
      <translation>Measures</translation>
    </message>
    <message>
      <source>所选条目</source>
      <translation>Article</translation>
    </message>
    <message>
      <source>接线员在电话中读给来电人的答复</source>
      <translation>The answer the receptionist reads to the caller</translation>
    </message>
    <message>
      <source>政策依据(&amp;O)</source>
      <translation>P&amp;olicy or source</translation>
    </message>
    <message>
      <source>政策文件名称、文号或网址</source>
      <translation>Name, number or address of the policy document</translation>
    </message>
    <message>
      <source>新建</source>
      <translation>created</translation>
    </message>
    <message>
      <source>新建条目(&amp;N)</source>
      <translation>&amp;New article</translation>
    </message>
    <message>
      <source>更新时间</source>
      <translation>Changed</translation>
    </message>
    <message>
      <source>月份</source>
      <translation>Month</translation>
    </message>
    <message>
      <source>有效期</source>
      <translation>Valid</translation>
    </message>
    <message>
      <source>未保存:请按各项下方的提示修改</source>
      <translation>Not saved: correct the fields as said under each of them</translation>
    </message>
    <message>
      <source>条目</source>
      <translation>Articles</translation>
    </message>
    <message>
      <source>条目中的说法,如 居住证</source>
      <translation>The articles' word, e.g. 居住证</translation>
    </message>
    <message>
      <source>来电人的说法,如 暂住证</source>
      <translation>The callers' word, e.g. 暂住证</translation>
    </message>
    <message>
      <source>来电人的说法与条目中的说法不同时,在此添加:匹配时两者视为同一个词</source>
      <translation>When callers use another word than the articles, add it here: matching takes both as the same word</translation>
    </message>
    <message>
      <source>标题</source>
      <translation>Title</translation>
    </message>
    <message>
      <source>标题(&amp;T)</source>
      <translation>&amp;Title</translation>
    </message>
    <message>
      <source>正在保存…</source>
      <translation>Saving…</translation>
    </message>
    <message>
      <source>正在计算…</source>
      <translation>Computing…</translation>
    </message>
    <message>
      <source>派单(未直接答复)</source>
      <translation>Dispatched (not answered)</translation>
    </message>
    <message>
      <source>添加同义词(&amp;D)</source>
      <translation>A&amp;dd synonym</translation>
    </message>
    <message>
      <source>满意</source>
      <translation>Satisfied</translation>
    </message>
    <message>
      <source>满意率</source>
      <translation>Satisfaction</translation>
    </message>
    <message>
      <source>版本</source>
      <translation>Version</translation>
    </message>
    <message>
      <source>状态</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>用空格、逗号或顿号分隔,如 居住证、签注</source>
      <translation>Separated by spaces or commas, e.g. 居住证、签注</translation>
    </message>
    <message>
      <source>直接答复</source>
      <translation>Answered</translation>
    </message>
    <message>
      <source>直接答复率</source>
      <translation>Answered at intake</translation>
    </message>
    <message>
      <source>知识库</source>
      <translation>Knowledge base</translation>
    </message>
    <message>
      <source>知识缺口:常被派单而非直接答复、且没有有效条目的咨询分类</source>
      <translation>Knowledge gaps: consultation categories often dispatched instead of answered, with no article in force</translation>
    </message>
    <message>
      <source>第 {version} 版 {at} {action} {who}</source>
      <translation>Version {version} {at} {action} by {who}</translation>
    </message>
    <message>
      <source>答复口径(&amp;A)</source>
      <translation>&amp;Answer</translation>
    </message>
    <message>
      <source>系统</source>
      <translation>system</translation>
    </message>
    <message>
      <source>至</source>
      <translation>to</translation>
    </message>
    <message>
      <source>草稿</source>
      <translation>Draft</translation>
    </message>
    <message>
      <source>诉求分类</source>
      <translation>Category</translation>
    </message>
    <message>
      <source>请先在列表中选择要删除的同义词</source>
      <translation>Select the synonym to remove in the list first</translation>
    </message>
    <message>
      <source>负责单位(&amp;U)</source>
      <translation>Owning &amp;unit</translation>
    </message>
    <message>
      <source>负责解释的单位(可不填)</source>
      <translation>The unit answerable for it (optional)</translation>
    </message>
    <message numerus="yes">
      <source>近 {n} 个月受理的工单</source>
      <translation><numerusform>Cases received in the last {n} month</numerusform><numerusform>Cases received in the last {n} months</numerusform></translation>
    </message>
    <message>
      <source>适用分类</source>
      <translation>Categories</translation>
    </message>
    <message>
      <source>适用分类(&amp;C)</source>
      <translation>&amp;Categories</translation>
    </message>
    <message>
      <source>长期</source>
      <translation>No end</translation>
    </message>
    <message>
      <source>长期有效</source>
      <translation>No end</translation>
    </message>
  </context>
  <context>
    <name>KnowledgePanel</name>
    <message>
      <source>{n} 条相关知识,最相关的在前</source>
      <translation>{n} related articles, most related first</translation>
    </message>
    <message>
      <source>{use} 采用所选条目的答复,{focus} 选择条目</source>
      <translation>{use}: use the selected article's answer; {focus}: choose an article</translation>
    </message>
    <message>
      <source>上下键选择,回车或 {use} 采用答复</source>
      <translation>Up/Down to choose, Enter or {use} to use the answer</translation>
    </message>
    <message>
      <source>依据:{source}(第 {version} 版)</source>
      <translation>Source: {source} (version {version})</translation>
    </message>
    <message>
      <source>已采用“{title}”(第 {version} 版)的答复,Ctrl+Shift+Enter 直接答复</source>
      <translation>Answer of "{title}" (version {version}) taken; Ctrl+Shift+Enter to answer now</translation>
    </message>
    <message>
      <source>有效至</source>
      <translation>Valid to</translation>
    </message>
    <message>
      <source>标题</source>
      <translation>Title</translation>
    </message>
    <message>
      <source>正在载入知识库…</source>
      <translation>Loading the knowledge base…</translation>
    </message>
    <message>
      <source>没有可采用的知识条目:先输入诉求内容或选择分类</source>
      <translation>No article to use: type the description or choose a category first</translation>
    </message>
    <message>
      <source>没有相关的知识条目</source>
      <translation>No related article</translation>
    </message>
    <message>
      <source>知识库</source>
      <translation>Knowledge base</translation>
    </message>
    <message>
      <source>知识库查询失败:{error}</source>
      <translation>Knowledge base search failed: {error}</translation>
    </message>
    <message>
      <source>输入诉求内容或选择分类后,显示可直接答复的知识条目</source>
      <translation>Type the description or choose a category to see articles for answering at once</translation>
    </message>
    <message>
      <source>长期</source>
      <translation>No end</translation>
    </message>
  </context>
</TS>
