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
