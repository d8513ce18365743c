<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CallerPanel</name>
    <message>
        <location filename="../../gui/register/side_panel.py" line="+144"/>
        <source>Caller&apos;s earlier orders</source>
        <translation>来电人历史工单</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open orders that may be the same problem (last 30 days)</source>
        <translation>疑似同一问题的未办结工单（近30天）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter or double-click opens an order; Ctrl+L registers the call as a duplicate of the selected open order.</source>
        <translation>按回车或双击打开工单；按 Ctrl+L 将本次来电登记为所选未办结工单的重复件。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Type the caller&apos;s phone number to see their earlier orders.</source>
        <translation>输入来电号码后显示该来电人的历史工单。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No earlier orders from {phone}.</source>
        <translation>号码 {phone} 没有历史工单。</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Repeat caller: %n earlier order(s) from this number.</source>
        <translation>
            <numerusform>重复来电：该号码已有 %n 件历史工单。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n earlier order(s) from this number.</source>
        <translation>
            <numerusform>该号码已有 %n 件历史工单。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose a category or type the address to look for open orders about the same problem.</source>
        <translation>选择事项分类或填写地址后，查找同一问题的未办结工单。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No open order looks like this one.</source>
        <translation>没有疑似同一问题的未办结工单。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>same category</source>
        <translation>同分类</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>same address</source>
        <translation>同地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>same caller</source>
        <translation>同来电人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{matches} {percent}%</source>
        <translation>{matches} {percent}%</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>CategoryPicker</name>
    <message>
        <location filename="../../gui/register/category_picker.py" line="+78"/>
        <source>Search: 电梯 / dt / dianti</source>
        <translation>搜索：电梯 / dt / dianti</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Category</source>
        <translation>事项分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default department</source>
        <translation>默认承办单位</translation>
    </message>
    <message>
        <location line="+143"/>
        <source>No category chosen (a leaf of the third level).</source>
        <translation>尚未选择事项分类（须选到第三级）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chosen: {path} — goes to {department}</source>
        <translation>已选：{path}，默认承办单位：{department}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chosen: {path} — no default department</source>
        <translation>已选：{path}，该分类未设默认承办单位</translation>
    </message>
</context>
<context>
    <name>DispatchDialog</name>
    <message>
        <location filename="../../gui/register/dispatch_dialog.py" line="+49"/>
        <location line="+62"/>
        <source>Dispatch</source>
        <translation>派单</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>{type}, {urgency}</source>
        <translation>{type}，{urgency}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Suggested by the category&apos;s routing rule.</source>
        <translation>按事项分类的派单规则建议。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The category has no routing rule; choose the lead department.</source>
        <translation>该分类未设派单规则，请选择主办单位。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No holiday data for {years}: working days are counted Monday to Friday, so the dates are an estimate.</source>
        <translation>{years}年尚无节假日数据，工作日按周一至周五计算，以上时限仅为估算。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Optional note to the departments</source>
        <translation>给承办单位的说明（可不填）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Order:</source>
        <translation>工单：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category:</source>
        <translation>事项分类：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type and urgency:</source>
        <translation>诉求类型/紧急程度：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lead department:</source>
        <translation>主办单位(&amp;L)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Assisting:</source>
        <translation>协办单位(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-for due:</source>
        <translation>签收时限：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply due:</source>
        <translation>办理时限：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Note:</source>
        <translation>派单说明(&amp;N)：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{due} ({limit})</source>
        <translation>{due}（{limit}）</translation>
    </message>
</context>
<context>
    <name>OpinionFields</name>
    <message>
        <location filename="../../gui/register/opinion_fields.py" line="+42"/>
        <source>e.g. 微博</source>
        <translation>如：微博</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>https://… (the original post)</source>
        <translation>https://…（原帖地址）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Posted at:</source>
        <translation>发布时间：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave unticked when the posting time is not known: the clocks then run from the registration.</source>
        <translation>发布时间不详时不勾选，处置时限从登记时起算。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reposts and comments when the item was found</source>
        <translation>发现时的转发、评论数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Platfor&amp;m:</source>
        <translation>发布平台(&amp;M)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lin&amp;k:</source>
        <translation>原文链接(&amp;K)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reposts/comments:</source>
        <translation>转发/评论：</translation>
    </message>
</context>
<context>
    <name>OrderRowsModel</name>
    <message>
        <location filename="../../gui/register/side_panel.py" line="-152"/>
        <source>Ticket</source>
        <translation>工单编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Registered on</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Match</source>
        <translation>匹配情况</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <location filename="../../gui/register/page.py" line="+91"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dispatch…</source>
        <translation>派单…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close directly</source>
        <translation>直接办结</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+283"/>
        <source>Link duplicate</source>
        <translation>关联重复件</translation>
    </message>
    <message>
        <location line="-281"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the form for the next call (Ctrl+N)</source>
        <translation>清空表单，登记下一个来电（Ctrl+N）</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>New order</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The form holds a registration that is not saved. Clear it?</source>
        <translation>当前登记内容尚未保存，确定清空吗？</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Unsaved registration</source>
        <translation>未保存的登记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A registration typed at {time} was not saved (the desk may have closed unexpectedly). Restore it?</source>
        <translation>{time} 填写的登记内容尚未保存（工作台可能意外关闭），是否恢复？</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Choose a category (a third-level leaf) before dispatching.</source>
        <translation>派单前请选择事项分类（须选到第三级）。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>No department to dispatch to.</source>
        <translation>没有可派单的承办单位。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Registered {ticket} and dispatched to {department}</source>
        <translation>已登记 {ticket}，已派单至{department}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Registered {ticket}, but it could not be dispatched: {reason} It stays registered; dispatch it from the order list.</source>
        <translation>已登记 {ticket}，但派单未成功：{reason} 工单保持“已登记”，请在工单列表中派单。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Registered {ticket}, but it could not be closed directly: {reason} It stays registered; close or dispatch it from the order list.</source>
        <translation>已登记 {ticket}，但直接办结未成功：{reason} 工单保持“已登记”，请在工单列表中办结或派单。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Registered {ticket}, but it could not be linked as a duplicate: {reason} It stays registered; dispatch it from the order list.</source>
        <translation>已登记 {ticket}，但关联重复件未成功：{reason} 工单保持“已登记”，请在工单列表中派单。</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Choose a category (a third-level leaf) before closing directly.</source>
        <translation>直接办结前请选择事项分类（须选到第三级）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type the answer given to the caller before closing directly.</source>
        <translation>直接办结前请填写给来电人的答复内容。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Registered {ticket} and closed directly</source>
        <translation>已登记 {ticket}，已直接办结</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No open order to link to: the side panel lists none.</source>
        <translation>没有可关联的未办结工单：右侧列表中没有疑似重复的工单。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Register this call as a duplicate of {ticket} ({title})? It will follow that order&apos;s outcome.</source>
        <translation>将本次来电登记为 {ticket}（{title}）的重复件吗？重复件随原件办理结果办结。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Registered {ticket} as a duplicate of {original}</source>
        <translation>已登记 {ticket}，已关联为 {original} 的重复件</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Registered {ticket}</source>
        <translation>已登记 {ticket}</translation>
    </message>
</context>
<context>
    <name>RegistrationForm</name>
    <message>
        <location filename="../../gui/register/form.py" line="+47"/>
        <source>e.g. 13800001111</source>
        <translation>例如 13800001111</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Anon&amp;ymous</source>
        <translation>匿名(&amp;Y)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only a report (举报) may be anonymous.</source>
        <translation>只有举报类诉求可以匿名。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>What the caller asks or reports</source>
        <translation>来电人反映的问题或诉求</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Only to close directly (Ctrl+J): the answer given to the caller</source>
        <translation>仅直接办结时填写（Ctrl+J）：给来电人的答复</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Caller &amp;name:</source>
        <translation>来电人(&amp;N)：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Urgency:</source>
        <translation>紧急程度(&amp;U)：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>C&amp;hannel:</source>
        <translation>来源渠道(&amp;H)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public opinion:</source>
        <translation>舆情信息：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Phone:</source>
        <translation>来电号码(&amp;P)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A&amp;ddress:</source>
        <translation>地址(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ca&amp;tegory:</source>
        <translation>事项分类(&amp;T)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Request type:</source>
        <translation>诉求类型(&amp;R)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;ontent:</source>
        <translation>诉求内容(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;itle:</source>
        <translation>标题(&amp;I)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ans&amp;wer:</source>
        <translation>答复内容(&amp;W)：</translation>
    </message>
    <message>
        <location line="+171"/>
        <source>Taken from the content: {title}</source>
        <translation>留空则取自诉求内容：{title}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Left empty: the first line of the content</source>
        <translation>留空则取诉求内容第一行</translation>
    </message>
</context>
</TS>
