<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>PeriodChooser</name>
    <message>
        <location filename="../../gui/stats/period.py" line="+51"/>
        <source>Week</source>
        <translation>按周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This week so far</source>
        <translation>本周至今</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date range</source>
        <translation>日期区间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A week runs from Monday 00:00 to the next Monday 00:00, Beijing time</source>
        <translation>每周自周一 00:00 至下周一 00:00（北京时间）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Period:</source>
        <translation>统计周期(&amp;P)：</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{year}-W{week:02d} ({first} to {last})</source>
        <translation>{year}年第{week}周（{first} 至 {last}）</translation>
    </message>
</context>
<context>
    <name>SatisfactionChart</name>
    <message>
        <location filename="../../gui/stats/charts.py" line="+85"/>
        <source>Satisfaction rate by department</source>
        <translation>各承办单位满意率</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Satisfaction rate</source>
        <translation>满意率</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>No callback with an outcome in this period.</source>
        <translation>本期没有满意、基本满意或不满意的回访结果。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n department(s) had no callback with an outcome and have no bar (hover to see which).</source>
        <translation>
            <numerusform>另有 %n 个单位本期无有效回访，不计满意率（鼠标停留可查看名单）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>StatsColumns</name>
    <message>
        <location filename="../../gui/stats/columns.py" line="+53"/>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By satisfaction rate, then by on-time reply rate</source>
        <translation>按满意率排名，满意率相同时按按时办结率</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+80"/>
        <location line="+53"/>
        <source>Department</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{week} (from {first:%m-%d})</source>
        <translation>{week}（{first:%m-%d} 起）</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+55"/>
        <source>Ticket</source>
        <translation>工单编号</translation>
    </message>
    <message>
        <location line="-52"/>
        <location line="+54"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Lead / assisting</source>
        <translation>主办/协办</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lead</source>
        <translation>主办</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assisting</source>
        <translation>协办</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dispatched</source>
        <translation>派单时间</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reply due</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The reply due in force at the end of the period</source>
        <translation>期末有效的办理时限（含延期）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Days overdue</source>
        <translation>超期天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Natural days from the reply due to the end of the period (or to now, for a period still running)</source>
        <translation>自办理时限至期末的自然天数（统计期尚未结束的，算至当前）</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+33"/>
        <source>Caller</source>
        <translation>来电人</translation>
    </message>
    <message>
        <location line="-32"/>
        <location line="+33"/>
        <source>Partly hidden</source>
        <translation>已部分隐去（脱敏）</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>The lead department of the order&apos;s latest replied assignment</source>
        <translation>该工单最近一次已回复承办记录的主办单位</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Category</source>
        <translation>事项分类</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Callback time</source>
        <translation>回访时间</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Callback note</source>
        <translation>回访记录</translation>
    </message>
</context>
<context>
    <name>StatsFigures</name>
    <message>
        <location filename="../../gui/stats/figures.py" line="+70"/>
        <source>{name}: {formula}</source>
        <translation>{name}：{formula}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Received</source>
        <translation>受理量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders registered in the period</source>
        <translation>本期登记的工单数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Closed directly</source>
        <translation>直接办结量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Of the orders received, those closed directly by the hotline</source>
        <translation>本期受理的工单中由热线直接办结的数量</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Direct closure rate</source>
        <translation>直办率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed directly ÷ received</source>
        <translation>直接办结量 ÷ 受理量</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Dispatched</source>
        <translation>派单量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignments created in the period</source>
        <translation>本期生成的承办记录数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signed for</source>
        <translation>签收量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignments signed for in the period</source>
        <translation>本期签收的承办记录数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signed for on time</source>
        <translation>按时签收量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignments signed for in the period on or before the sign-for due</source>
        <translation>本期签收且不晚于签收时限的承办记录数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>On-time sign-for rate</source>
        <translation>按时签收率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignments signed for in the period on or before the sign-for due ÷ assignments signed for in the period</source>
        <translation>本期签收且不晚于签收时限的承办记录数 ÷ 本期签收的承办记录数</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Replied</source>
        <translation>办结量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignments replied in the period</source>
        <translation>本期回复的承办记录数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Replied on time</source>
        <translation>按时办结量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignments replied in the period on or before the reply due in force (extensions included)</source>
        <translation>本期回复且不晚于当时有效办理时限（含延期）的承办记录数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>On-time reply rate</source>
        <translation>按时办结率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignments replied in the period on or before the reply due in force (extensions included) ÷ assignments replied in the period</source>
        <translation>本期回复且不晚于当时有效办理时限（含延期）的承办记录数 ÷ 本期回复的承办记录数</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Overdue open</source>
        <translation>超期未办</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignments still open at the end of the period whose reply due has passed (snapshot at the end of the period)</source>
        <translation>期末仍未办结且办理时限已过的承办记录数（期末快照）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Returns</source>
        <translation>退单量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return requests approved in the period</source>
        <translation>本期审核通过的退单申请数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Extensions</source>
        <translation>延期量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extension requests approved in the period</source>
        <translation>本期审核通过的延期申请数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Callbacks</source>
        <translation>回访量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Callbacks recorded in the period with the outcome satisfied, basically satisfied or unsatisfied</source>
        <translation>本期回访结果为满意、基本满意、不满意的次数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Callbacks recorded in the period as satisfied</source>
        <translation>本期回访结果为满意的次数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Callbacks recorded in the period as basically satisfied</source>
        <translation>本期回访结果为基本满意的次数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unsatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Callbacks recorded in the period as unsatisfied</source>
        <translation>本期回访结果为不满意的次数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not reached</source>
        <translation>未接通</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Callback attempts in the period that did not reach the caller; not counted in the satisfaction rate</source>
        <translation>本期回访未接通的次数，不计入满意率</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Declined</source>
        <translation>拒绝评价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Callbacks in the period where the caller declined to rate; not counted in the satisfaction rate</source>
        <translation>本期来电人拒绝评价的回访次数，不计入满意率</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Satisfaction rate</source>
        <translation>满意率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(satisfied + basically satisfied) ÷ (satisfied + basically satisfied + unsatisfied); not reached and declined are left out and shown as their own counts</source>
        <translation>（满意＋基本满意）÷（满意＋基本满意＋不满意）；未接通、拒绝评价不计入，单独列示</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reopened</source>
        <translation>重办量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders reopened in the period after an unsatisfied callback</source>
        <translation>本期因回访不满意而重办的工单数</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Period</source>
        <translation>统计周期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A week runs from Monday 00:00 to the next Monday 00:00, Beijing time; all times are Beijing time</source>
        <translation>每周自周一 00:00 至下周一 00:00（北京时间）；表中时间均为北京时间</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Empty rates</source>
        <translation>比率为空</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A rate whose denominator is zero is shown as “—”, not as 0%</source>
        <translation>分母为零（本期无相应记录）时比率显示为“—”，不计为 0%</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Callback attribution</source>
        <translation>回访归属</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A callback counts for the lead department of the order&apos;s latest replied assignment</source>
        <translation>回访计入该工单最近一次已回复承办记录的主办单位</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Department ranking</source>
        <translation>单位排名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By satisfaction rate, then by on-time reply rate, both from high to low</source>
        <translation>按满意率从高到低排列，满意率相同时按按时办结率从高到低</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Duplicates</source>
        <translation>重复件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A duplicate order follows its original and is counted once in the department figures</source>
        <translation>重复件随原工单办理，在承办单位统计中只计一次</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Personal data</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Callers&apos; names and phone numbers in the lists and exports are partly hidden; exporting them in full is a deliberate choice and is logged</source>
        <translation>清单和导出文件中来电人姓名、电话号码已部分隐去；如需导出完整信息须专门确认，并记入日志</translation>
    </message>
</context>
<context>
    <name>StatsPage</name>
    <message>
        <location filename="../../gui/stats/page.py" line="+76"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Count the figures again (F5)</source>
        <translation>重新统计（F5）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De-identify callers</source>
        <translation>来电人信息脱敏</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Callers&apos; names and phone numbers in the exported lists are partly hidden. Exporting them in full needs a confirmation and is logged.</source>
        <translation>导出清单中来电人姓名、电话号码将部分隐去。如需导出完整信息须另行确认，并记入日志。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Callers&apos; names and phone numbers in the exported lists are partly hidden. Only a supervisor may export them in full.</source>
        <translation>导出清单中来电人的姓名和电话号码已部分隐藏。只有班长可以导出完整信息。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+250"/>
        <source>&amp;Export to Excel…</source>
        <translation>导出 Excel(&amp;E)…</translation>
    </message>
    <message>
        <location line="-242"/>
        <source>Category</source>
        <translation>事项分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Departments</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Satisfaction chart</source>
        <translation>满意率图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Categories</source>
        <translation>事项分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channels</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Definitions</source>
        <translation>统计口径</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>Overdue open (%n)</source>
        <translation>
            <numerusform>超期未办（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Unsatisfied callbacks (%n)</source>
        <translation>
            <numerusform>回访不满意（%n）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>How each figure is counted</source>
        <translation>各项指标计算方法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rules</source>
        <translation>统计规则</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Counting the figures for {period}…</source>
        <translation>正在统计 {period}…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Counting the figures…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The statistics are not available in this desk: no statistics reader is set up.</source>
        <translation>本工作台未配置统计数据来源，无法统计。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{period}, counted at {made}. Hover a figure or a column header for its definition.</source>
        <translation>{period}，统计于 {made}。鼠标停在数字或列标题上可查看统计口径。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{first} to {last}</source>
        <translation>{first} 至 {last}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{label} ({dates})</source>
        <translation>{label}（{dates}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, so far</source>
        <translation>，截至目前</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Export the weekly sheet</source>
        <translation>导出统计周报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Export callers in full?</source>
        <translation>导出完整来电人信息？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sheet will show callers&apos; full names and phone numbers. Keep it inside the centre. Your name is recorded in the log. Go on?</source>
        <translation>周报将包含来电人完整姓名和电话号码，仅限中心内部使用，本次导出将记入日志。是否继续？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exporting {period} to {path}…</source>
        <translation>正在导出 {period} 至 {path}…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exporting the weekly sheet…</source>
        <translation>正在导出统计周报…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The export was cancelled; no file was written.</source>
        <translation>已取消导出，未生成文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The weekly sheet for {period} was saved to {path}</source>
        <translation>{period} 统计周报已保存至 {path}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <location filename="../../gui/stats/charts.py" line="+20"/>
        <source>Trend of the last 8 weeks</source>
        <translation>近8周趋势</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Week beginning</source>
        <translation>周（起始日）</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>{week}: received {received}, satisfaction {satisfaction}, on-time reply {on_time}</source>
        <translation>{week}：受理 {received}，满意率 {satisfaction}，按时办结率 {on_time}</translation>
    </message>
</context>
</TS>
