<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AssessDialog</name>
    <message>
        <location filename="../../gui/orders/dialogs/opinion_dialogs.py" line="+63"/>
        <source>Assess: {ticket}</source>
        <translation>研判：{ticket}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>posted</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>registered</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clocks from</source>
        <translation>时限起算</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{time} ({basis})</source>
        <translation>{time}（按{basis}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose a risk level</source>
        <translation>请选择风险等级</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Risk level</source>
        <translation>风险等级(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clocks</source>
        <translation>处置时限</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Responsible &amp;department</source>
        <translation>责任单位(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional: the reasons for the level</source>
        <translation>选填：定级理由</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note</source>
        <translation>研判意见</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose a department</source>
        <translation>请选择责任单位</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Choose a level to see its clocks.</source>
        <translation>选择风险等级后显示相应的处置时限。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> (already past)</source>
        <translation>（已超期）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Please choose the risk level.</source>
        <translation>请选择风险等级。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Please choose the responsible department.</source>
        <translation>请选择责任单位。</translation>
    </message>
</context>
<context>
    <name>CallbackDialog</name>
    <message>
        <location filename="../../gui/orders/dialogs/callback_dialog.py" line="+24"/>
        <source>Callback: {ticket}</source>
        <translation>回访：{ticket}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(no name)</source>
        <translation>（未留姓名）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Caller</source>
        <translation>来电人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Replies</source>
        <translation>办理回复</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Not reached %n time(s) so far.</source>
        <translation>
            <numerusform>此前已 %n 次未接通。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Outcome</source>
        <translation>回访结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the caller said</source>
        <translation>市民的评价和意见</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>回访记录</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Please choose the outcome of the callback.</source>
        <translation>请选择回访结果。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Please note why the caller is unsatisfied.</source>
        <translation>请记录市民不满意的原因。</translation>
    </message>
</context>
<context>
    <name>DecideDialog</name>
    <message>
        <location filename="../../gui/orders/dialogs/decide_dialog.py" line="+31"/>
        <source>Decide on a return: {ticket}</source>
        <translation>审核退单：{ticket}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Decide on an extension: {ticket}</source>
        <translation>审核延期：{ticket}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Department</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requested</source>
        <translation>申请</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{time} by {user}</source>
        <translation>{time}，{user}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>申请理由</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>If approved, the order goes back for dispatch and its assisting departments are cancelled; the return is charged to nobody.</source>
        <translation>批准后工单回到待派单，协办单位一并撤销；退单不计入任何单位。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>If approved, only this assisting department&apos;s assignment ends.</source>
        <translation>批准后仅结束该协办单位的承办记录。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Extension</source>
        <translation>延期</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reply due now</source>
        <translation>当前办理时限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Working out the new due…</source>
        <translation>正在计算新的办理时限…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>If approved</source>
        <translation>批准后</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Approve</source>
        <translation>批准(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reject</source>
        <translation>驳回(&amp;R)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Decision</source>
        <translation>审核结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional when approving; required when rejecting</source>
        <translation>批准时可不填；驳回时必须填写理由</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note</source>
        <translation>审核意见</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The reply due moves to {due}.</source>
        <translation>办理时限延至 {due}。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Please give the reason for rejecting.</source>
        <translation>驳回须填写理由。</translation>
    </message>
</context>
<context>
    <name>DispatchDialog</name>
    <message>
        <location filename="../../gui/orders/dialogs/dispatch_dialog.py" line="+27"/>
        <source>Dispatch: {ticket}</source>
        <translation>派单：{ticket}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Category</source>
        <translation>事项分类</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(none)</source>
        <translation>（未分类）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last return</source>
        <translation>最近退单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{dept}: {reason}</source>
        <translation>{dept}：{reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Lead department</source>
        <translation>主办单位(&amp;L)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Assisting</source>
        <translation>协办单位(&amp;A)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Optional instructions for the departments</source>
        <translation>给承办单位的办理要求（可不填）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>派单说明</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Choose a department</source>
        <translation>请选择承办单位</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{dept} (returned it)</source>
        <translation>{dept}（曾退单）</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Please choose the lead department.</source>
        <translation>请选择主办单位。</translation>
    </message>
</context>
<context>
    <name>DuplicateDialog</name>
    <message>
        <location filename="../../gui/orders/dialogs/duplicate_dialog.py" line="+34"/>
        <source>Link as a duplicate: {ticket}</source>
        <translation>关联重复件：{ticket}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A duplicate follows the original&apos;s outcome and is counted once.</source>
        <translation>重复件随原件办理结果办结，统计时只计一次。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Original&apos;s ticket no.</source>
        <translation>原件工单编号</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Please enter the original&apos;s ticket number.</source>
        <translation>请输入原件的工单编号。</translation>
    </message>
</context>
<context>
    <name>EventText</name>
    <message>
        <location filename="../../gui/orders/event_text.py" line="+40"/>
        <source>{clock} published {at} via {channel}</source>
        <translation>{clock}：{at} 通过{channel}发布</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> (on time)</source>
        <translation>（按时）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (late)</source>
        <translation>（超时）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>corrects {at}</source>
        <translation>更正原登记时间 {at}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>due soon</source>
        <translation>临期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{clock} {level}: due {due}</source>
        <translation>{clock}{level}：时限 {due}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{clock} by {due}</source>
        <translation>{clock}须在 {due} 前</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Risk level {level}; department {department}; {clocks}</source>
        <translation>风险等级：{level}；责任单位：{department}；{clocks}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Note: {note}</source>
        <translation>研判意见：{note}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Category</source>
        <translation>事项分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request type</source>
        <translation>诉求类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Caller name</source>
        <translation>来电人姓名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{field}: {old} → {new}</source>
        <translation>{field}：{old} → {new}</translation>
    </message>
</context>
<context>
    <name>ExtensionDialog</name>
    <message>
        <location filename="../../gui/orders/dialogs/extension_dialog.py" line="+28"/>
        <source>Request an extension: {ticket}</source>
        <translation>申请延期：{ticket}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Department</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply due now</source>
        <translation>当前办理时限</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> working day(s)</source>
        <translation> 个工作日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extend by</source>
        <translation>延期天数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Working out the new due…</source>
        <translation>正在计算新的办理时限…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New reply due</source>
        <translation>延期后时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why more time is needed</source>
        <translation>需要延期的原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>延期理由</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Extensions are capped at {cap} working days per assignment; {used} already granted, at most {left} more.</source>
        <translation>每个承办记录累计延期不超过 {cap} 个工作日；已延期 {used} 个工作日，最多还可申请 {left} 个工作日。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{due} (if approved)</source>
        <translation>{due}（审核通过后生效）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>At most {left} more working day(s) can be asked for.</source>
        <translation>最多还可申请 {left} 个工作日。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Please give the reason for the extension.</source>
        <translation>请填写延期理由。</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <location filename="../../gui/orders/dialogs/followup_dialog.py" line="+18"/>
        <source>Unsatisfied callback: {ticket}</source>
        <translation>回访不满意：{ticket}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Callback</source>
        <translation>回访记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;open: dispatch the order again</source>
        <translation>重办：重新派单(&amp;O)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Close with a reason</source>
        <translation>说明理由后办结(&amp;C)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Next step</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why the order is reopened or closed</source>
        <translation>重办或办结的理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Please give the reason.</source>
        <translation>请填写理由。</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <location filename="../../gui/orders/dialogs/notice_dialog.py" line="+19"/>
        <source>Remind or supervise: {ticket}</source>
        <translation>催办/督办：{ticket}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Department</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>办理状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply due</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the department must do, by when</source>
        <translation>要求承办单位做什么、何时完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Please write the notice.</source>
        <translation>请填写催督办内容。</translation>
    </message>
</context>
<context>
    <name>OpinionPane</name>
    <message>
        <location filename="../../gui/orders/opinion_pane.py" line="+81"/>
        <source>Public opinion</source>
        <translation>舆情</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Assess…</source>
        <translation>研判…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Record response…</source>
        <translation>登记回应…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Required</source>
        <translation>处置要求</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due</source>
        <translation>时限</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Response</source>
        <translation>回应类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Channel</source>
        <translation>发布渠道</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+18"/>
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>On time</source>
        <translation>是否按时</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recorded</source>
        <translation>登记</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Platform</source>
        <translation>发布平台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Posted</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reposts and comments</source>
        <translation>转发评论量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Department</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assessed</source>
        <translation>研判</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Clocks from</source>
        <translation>时限起算</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>{time} by {user}</source>
        <translation>{time}，{user}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>posted</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>registered</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown</source>
        <translation>不详</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not assessed yet</source>
        <translation>待研判</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{time} ({basis})</source>
        <translation>{time}（按{basis}）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>yes</source>
        <translation>按时</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+18"/>
        <source>late</source>
        <translation>超时</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>No clock is late</source>
        <translation>无临期、超期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due soon</source>
        <translation>临期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not assessed: the 48-hour response clock runs</source>
        <translation>待研判：按48小时回应时限计时</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>on time</source>
        <translation>按时</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>overdue, not published</source>
        <translation>超期未发布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>due soon</source>
        <translation>临期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open</source>
        <translation>未到期</translation>
    </message>
</context>
<context>
    <name>OrderActions</name>
    <message>
        <location filename="../../gui/orders/actions.py" line="+55"/>
        <location line="+156"/>
        <source>Dispatch</source>
        <translation>派单</translation>
    </message>
    <message>
        <location line="-155"/>
        <source>Close directly</source>
        <translation>直接办结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Link as duplicate</source>
        <translation>关联重复件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign for (F2)</source>
        <translation>签收 (F2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply (Ctrl+R)</source>
        <translation>回复 (Ctrl+R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request return</source>
        <translation>申请退单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request extension</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decide return</source>
        <translation>审核退单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decide extension</source>
        <translation>审核延期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remind / supervise</source>
        <translation>催办/督办</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+37"/>
        <source>Accept reply</source>
        <translation>回复审核通过</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>Send reply back</source>
        <translation>驳回回复</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+126"/>
        <source>Record callback</source>
        <translation>登记回访</translation>
    </message>
    <message>
        <location line="-125"/>
        <source>Reopen</source>
        <translation>重办</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close with a reason</source>
        <translation>说明理由办结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revise / complete</source>
        <translation>修改/补充</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Accept the departments&apos; replies to {ticket}? The callback clock starts.</source>
        <translation>确认工单 {ticket} 的办理回复审核通过吗？随后开始计算回访时限。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Request return: {ticket}</source>
        <translation>申请退单：{ticket}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return the order if it is not your department&apos;s duty; a return may be asked for until {until}. A supervisor decides; until then the clocks run on.</source>
        <translation>不属于本单位职责的工单可申请退单，退单申请须在 {until} 前提出。由班长审核；审核前办理时限照常计算。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+10"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Please give the reason for the return.</source>
        <translation>请填写退单理由。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why this is not your department&apos;s duty, and whose it is</source>
        <translation>说明不属于本单位职责的原因，以及应由哪个单位办理</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Send reply back: {ticket}</source>
        <translation>驳回回复：{ticket}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The replying departments work on the order again; their clocks are unchanged.</source>
        <translation>已回复的承办单位需重新办理，办理时限不变。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Please give the reason for sending the reply back.</source>
        <translation>请填写驳回理由。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Close directly: {ticket}</source>
        <translation>直接办结：{ticket}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer the caller at once (for example from the knowledge base) and close the order without dispatching it.</source>
        <translation>当场（例如依据知识库）答复市民，不派单直接办结。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answer</source>
        <translation>答复内容</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Please write the answer given.</source>
        <translation>请填写答复内容。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The return is approved and the order is back at dispatch. Dispatch it again now?</source>
        <translation>退单已批准，工单回到待派单。现在重新派单吗？</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The caller is unsatisfied. A supervisor decides whether the order is reopened or closed with a reason.</source>
        <translation>市民不满意。由班长决定重办，或说明理由后办结。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The order is reopened and waits for dispatch. Dispatch it now?</source>
        <translation>工单已重办，等待派单。现在派单吗？</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>This order has no category yet, and the department follows from the category. Choose one (and correct the rest if needed); the dispatch dialog follows.</source>
        <translation>该工单尚未选择事项分类，承办单位按事项分类确定。请先选择分类（如有需要一并修改其他内容），随后进入派单。</translation>
    </message>
</context>
<context>
    <name>OrderColumns</name>
    <message>
        <location filename="../../gui/orders/columns.py" line="+57"/>
        <source>Ticket no.</source>
        <translation>工单编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registered</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request type</source>
        <translation>诉求类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Departments</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply due</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Callback due</source>
        <translation>回访时限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (overdue)</source>
        <translation>（已超期）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Due soon: less than a quarter of the time limit is left</source>
        <translation>临期：剩余时间不足办理时限的四分之一</translation>
    </message>
</context>
<context>
    <name>OrderFilterBar</name>
    <message>
        <location filename="../../gui/orders/filter_bar.py" line="+48"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open (not closed)</source>
        <translation>未办结</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Any urgency</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Ticket no., title, content, phone, name or address</source>
        <translation>工单编号、标题、内容、电话、姓名或地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Department</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Registered</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>any date</source>
        <translation>不限</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>All departments</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
</context>
<context>
    <name>OrderListPage</name>
    <message>
        <location filename="../../gui/orders/list_page.py" line="+71"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the selected order (Enter)</source>
        <translation>打开所选工单（回车）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign for ({key})</source>
        <translation>签收 ({key})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign for the selected order for your department</source>
        <translation>以本单位名义签收所选工单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign for the selected order</source>
        <translation>签收所选工单</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Take next ({key})</source>
        <translation>取下一条 ({key})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the oldest online message nobody is working on; it stays yours until you dispatch or close it, or for 10 minutes</source>
        <translation>打开最早一条无人处理的网络留言；在您派单或办结之前（最长10分钟）由您专门处理</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search the list</source>
        <translation>搜索列表</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>Sign for</source>
        <translation>签收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This order has nothing for your department to sign.</source>
        <translation>该工单没有需要本单位签收的承办记录。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Take next</source>
        <translation>取下一条</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No online message is waiting.</source>
        <translation>当前没有待处理的网络留言。</translation>
    </message>
    <message numerus="yes">
        <location line="+33"/>
        <source>%n order(s)</source>
        <translation>
            <numerusform>共 %n 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrderPanes</name>
    <message>
        <location filename="../../gui/orders/detail_panes.py" line="+107"/>
        <source>Show in full</source>
        <translation>显示完整信息</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the caller&apos;s full name and phone number. This is recorded in the access log.</source>
        <translation>显示来电人的完整姓名和电话号码。此操作将记入访问日志。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Order</source>
        <translation>工单信息</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Content</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+16"/>
        <location line="+7"/>
        <location line="+3"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="-26"/>
        <location line="+16"/>
        <location line="+3"/>
        <location line="+4"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Event</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <location line="+13"/>
        <location line="+3"/>
        <location line="+7"/>
        <source>Department</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location line="-25"/>
        <location line="+2"/>
        <location line="+35"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-37"/>
        <location line="+4"/>
        <source>Dwell</source>
        <translation>停留时长</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>主办/协办</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dispatched</source>
        <translation>派单时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sign-for due</source>
        <translation>签收时限</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Signed</source>
        <translation>签收时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply due</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Replied</source>
        <translation>回复时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Extended</source>
        <translation>已延期</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reply</source>
        <translation>回复内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Requested</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decision</source>
        <translation>审核结果</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+4"/>
        <source>Note</source>
        <translation>意见/说明</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Decided at, by</source>
        <translation>审核时间、审核人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Outcome</source>
        <translation>回访结果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Charged to</source>
        <translation>计入单位</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Issued by</source>
        <translation>发起</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Ticket no.</source>
        <translation>工单编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Channel</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registered</source>
        <translation>登记</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Caller</source>
        <translation>来电人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Category</source>
        <translation>事项分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request type</source>
        <translation>诉求类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Callback</source>
        <translation>回访</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Closed</source>
        <translation>办结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicates</source>
        <translation>重复件</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>due {due}</source>
        <translation>时限 {due}</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>reopened %n time(s)</source>
        <translation>
            <numerusform>已重办 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>duplicate of {ticket}</source>
        <translation>为 {ticket} 的重复件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>has duplicates: {tickets}</source>
        <translation>重复件：{tickets}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{time} by {user}</source>
        <translation>{time}，{user}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Answer: {answer}</source>
        <translation>答复：{answer}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>sent back: {reason}</source>
        <translation>已驳回：{reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>automatic</source>
        <translation>系统自动</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Timeline ({n})</source>
        <translation>时间线 ({n})</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Assignments ({n})</source>
        <translation>承办记录 ({n})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replies ({n})</source>
        <translation>回复 ({n})</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Returns and extensions ({n})</source>
        <translation>退单与延期 ({n})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Callbacks ({n})</source>
        <translation>回访 ({n})</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reminders ({n})</source>
        <translation>催办督办 ({n})</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>lead</source>
        <translation>主办</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>assisting</source>
        <translation>协办</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Time with each department: {totals}</source>
        <translation>各单位停留时长：{totals}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>pending</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>return</source>
        <translation>退单</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>extension, %n working day(s)</source>
        <translation>
            <numerusform>延期 %n 个工作日</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrderWindow</name>
    <message>
        <location filename="../../gui/orders/order_window.py" line="+53"/>
        <source>Order (loading…)</source>
        <translation>工单（正在加载…）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Refresh (F5)</source>
        <translation>刷新 (F5)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No action for you on this order now.</source>
        <translation>当前没有您可办理的操作。</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Order {ticket}: {title}</source>
        <translation>工单 {ticket}：{title}</translation>
    </message>
</context>
<context>
    <name>ReplyDialog</name>
    <message>
        <location filename="../../gui/orders/dialogs/reply_dialog.py" line="+24"/>
        <source>Reply: {ticket}</source>
        <translation>回复：{ticket}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>lead</source>
        <translation>主办</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>assisting</source>
        <translation>协办</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{dept} ({role})</source>
        <translation>{dept}（{role}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply due</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Assisting departments</source>
        <translation>协办单位</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>The lead department replies last, after every assisting department: %n assisting department(s) have not replied yet. Your reply can be sent once they have.</source>
        <translation>
            <numerusform>主办单位须在所有协办单位回复后最后回复：尚有 %n 个协办单位尚未回复，待其回复后方可提交。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>You assist on this order; the lead department replies after every assisting department, and the replies together make the order&apos;s reply.</source>
        <translation>本单位为协办单位；主办单位在所有协办单位回复后回复，各单位回复共同构成工单的办理结果。</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Every assisting department has replied: your reply completes the order&apos;s reply and it goes to the hotline for review.</source>
        <translation>全部协办单位均已回复：主办回复后工单即为已回复，提交热线审核。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>What was done and the result</source>
        <translation>办理经过和结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply</source>
        <translation>回复内容</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{dept}: {state} at {time}</source>
        <translation>{dept}：{state}（{time}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{dept}: {state}</source>
        <translation>{dept}：{state}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Wait for the assisting departments&apos; replies before the lead replies.</source>
        <translation>请等待协办单位全部回复后，主办单位再回复。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Please write the reply.</source>
        <translation>请填写回复内容。</translation>
    </message>
</context>
<context>
    <name>ResponseDialog</name>
    <message>
        <location filename="../../gui/orders/dialogs/opinion_dialogs.py" line="+13"/>
        <source>Record response: {ticket}</source>
        <translation>登记回应：{ticket}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Response &amp;kind</source>
        <translation>回应类型(&amp;K)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Due</source>
        <translation>时限</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Published &amp;at</source>
        <translation>发布时间(&amp;A)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Government website</source>
        <translation>政府门户网站</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Official Weibo</source>
        <translation>政务微博</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Official WeChat account</source>
        <translation>政务微信公众号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Press conference</source>
        <translation>新闻发布会</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>News media</source>
        <translation>新闻媒体</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Where it was published</source>
        <translation>在何处发布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Channel</source>
        <translation>发布渠道(&amp;C)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Optional: the address of the response</source>
        <translation>选填：回应的网址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Link</source>
        <translation>链接(&amp;L)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>on time</source>
        <translation>按时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>late</source>
        <translation>超时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{due} — published then, it is {verdict}</source>
        <translation>{due}；按所填时间发布为{verdict}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Already recorded as published {at}; this corrects it.</source>
        <translation>已登记发布时间 {at}，本次登记将更正该记录。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This item has no clock to answer.</source>
        <translation>该舆情没有需要回应的时限。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Please give the channel the response was published through.</source>
        <translation>请填写回应的发布渠道。</translation>
    </message>
</context>
<context>
    <name>ReviseDialog</name>
    <message>
        <location filename="../../gui/orders/dialogs/revise_dialog.py" line="+33"/>
        <source>Revise: {ticket}</source>
        <translation>修改/补充：{ticket}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Current category</source>
        <translation>当前分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(none)</source>
        <translation>（未选择）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Category</source>
        <translation>事项分类(&amp;C)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Request &amp;type</source>
        <translation>诉求类型(&amp;T)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Urgency</source>
        <translation>紧急程度(&amp;U)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>T&amp;itle</source>
        <translation>标题(&amp;I)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A&amp;ddress</source>
        <translation>地址(&amp;D)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The title must not be empty.</source>
        <translation>标题不能为空。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a category (a third-level leaf).</source>
        <translation>请选择事项分类（第三级）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was changed.</source>
        <translation>没有任何修改。</translation>
    </message>
</context>
<context>
    <name>TimelineText</name>
    <message>
        <location filename="../../gui/orders/timeline.py" line="+51"/>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Channel: {channel}</source>
        <translation>来源：{channel}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>on time</source>
        <translation>按时签收</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>signed late</source>
        <translation>超时签收</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason: {reason}</source>
        <translation>理由：{reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The assisting departments were cancelled.</source>
        <translation>协办单位一并撤销。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reason for rejecting: {note}</source>
        <translation>驳回理由：{note}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{days} working day(s); reason: {reason}</source>
        <translation>{days} 个工作日；理由：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{days} working day(s): reply due {old} → {new}</source>
        <translation>延期 {days} 个工作日：办理时限 {old} → {new}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(late) </source>
        <translation>（超期回复）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Callback due {due}</source>
        <translation>回访时限 {due}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason: {reason} (reopened {n} time(s))</source>
        <translation>理由：{reason}（第 {n} 次重办）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Answer: {answer}</source>
        <translation>答复：{answer}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duplicate of {ticket}</source>
        <translation>原件：{ticket}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed with its original {ticket}</source>
        <translation>随原件 {ticket} 办结</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Note: {note}</source>
        <translation>意见：{note}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>lead</source>
        <translation>主办</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>assisting</source>
        <translation>协办</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{role}; sign for by {sign}; reply by {reply}</source>
        <translation>{role}；签收时限 {sign}；办理时限 {reply}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (reply due set by hand)</source>
        <translation>（办理时限人工指定）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{outcome} (attempt {n} of {max})</source>
        <translation>{outcome}（第 {n} 次，最多 {max} 次）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; {note}</source>
        <translation>；{note}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>automatic</source>
        <translation>系统自动</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>by hand</source>
        <translation>人工</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{kind} ({how}): {text}</source>
        <translation>{kind}（{how}）：{text}</translation>
    </message>
</context>
</TS>
