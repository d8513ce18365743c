<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Admin</name>
    <message>
        <location filename="../../gui/admin/common.py" line="+56"/>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../gui/admin/page.py" line="+34"/>
        <source>Departments</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Categories and routing</source>
        <translation>事项分类与派单规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time limits</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holiday calendar</source>
        <translation>节假日日历</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Users and roles</source>
        <translation>用户与角色</translation>
    </message>
</context>
<context>
    <name>CalendarTab</name>
    <message>
        <location filename="../../gui/admin/calendar_tab.py" line="+42"/>
        <location line="+115"/>
        <source>Working day</source>
        <translation>工作日</translation>
    </message>
    <message>
        <location line="-114"/>
        <location line="+113"/>
        <source>Weekend</source>
        <translation>周末</translation>
    </message>
    <message>
        <location line="-112"/>
        <source>Holiday</source>
        <translation>法定节假日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make-up working day</source>
        <translation>调休上班</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>chinese-calendar package ({first}–{last})</source>
        <translation>chinese-calendar 软件包数据（{first}–{last}年）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>imported from {file}</source>
        <translation>导入自 {file}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>entered by an administrator</source>
        <translation>管理员录入的年度安排</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>set by hand by an administrator</source>
        <translation>管理员手工设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no holiday data: Monday to Friday assumed</source>
        <translation>无节假日数据，按周一至周五计算</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source: {origin}</source>
        <translation>来源：{origin}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set on {time}</source>
        <translation>设置时间：{time}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a working day</source>
        <translation>工作日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a day off</source>
        <translation>休息日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Without the administrator&apos;s entry it would be {base}.</source>
        <translation>若无管理员设置，此日为{base}。</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Holiday (H)</source>
        <translation>法定节假日（休）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make-up working day (W)</source>
        <translation>调休上班（班）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Set by hand by an administrator</source>
        <translation>管理员手工设置</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>◀ Previous year</source>
        <translation>◀ 上一年</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next year ▶</source>
        <translation>下一年 ▶</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import holiday file…</source>
        <translation>导入节假日文件…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>All holidays of this year are entered</source>
        <translation>本年节假日已全部录入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>After setting every holiday and make-up working day of the year by hand: the year then counts as entered and the warning goes away.</source>
        <translation>逐日设置完本年全部放假日和调休上班日后点击：该年即视为已录入，不再显示警告。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Click a day (or select it with the arrow keys and press Enter) to make it a working day or a day off. Holiday files are CSV (date,kind,note; kind 休 or 班) or JSON ({&quot;year&quot;: 2027, &quot;holidays&quot;: [...], &quot;workdays&quot;: [...]}).</source>
        <translation>点击某一天（或用方向键选中后按回车）可将其设为工作日或休息日。节假日文件可为 CSV（列为 date,kind,note，kind 填“休”或“班”）或 JSON（{&quot;year&quot;: 2027, &quot;holidays&quot;: [...], &quot;workdays&quot;: [...]}）。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{year} has no holiday data: working days are counted Monday to Friday, so deadlines may be wrong. When the State Council publishes the holidays (usually in November), import them or set the days here.</source>
        <translation>{year}年没有节假日数据：工作日暂按周一至周五计算，办理期限可能不准确。国务院公布放假安排后（通常在11月），请导入节假日文件或在此逐日设置。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Data: chinese-calendar package (covers {first}–{last})</source>
        <translation>数据来源：chinese-calendar 软件包（收录 {first}–{last} 年）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>imported from {file} on {time}</source>
        <translation>{time} 导入自 {file}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>entered by an administrator on {time}</source>
        <translation>{time} 由管理员录入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data: none (Monday to Friday)</source>
        <translation>数据来源：无（按周一至周五计算）</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n holiday(s)</source>
        <translation>
            <numerusform>放假 %n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n make-up working day(s)</source>
        <translation>
            <numerusform>调休上班 %n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n day(s) set by hand</source>
        <translation>
            <numerusform>管理员手工设置 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Year entered</source>
        <translation>确认已录入全年安排</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Have all holidays and make-up working days of {year} been set? Its other days will count Monday to Friday without a warning.</source>
        <translation>{year}年的放假日和调休上班日是否已全部设置？其余日期将按周一至周五计算，不再显示警告。</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+23"/>
        <source>Import holiday file</source>
        <translation>导入节假日文件</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Holiday files (*.csv *.json);;All files (*)</source>
        <translation>节假日文件 (*.csv *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Import {file}: {holidays} holiday(s) and {makeup} make-up working day(s) for {years}? Entries already stored for these dates are replaced, and the years count as entered in full.</source>
        <translation>导入 {file}：{years}年放假 {holidays} 天、调休上班 {makeup} 天？这些日期已有的设置将被替换，并视为已录入这些年份的完整安排。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Holiday file imported</source>
        <translation>节假日文件已导入</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n day(s) imported from {file}.</source>
        <translation>
            <numerusform>已从 {file} 导入 %n 天。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CategoriesTab</name>
    <message>
        <location filename="../../gui/admin/categories.py" line="+226"/>
        <source>Add top-level category…</source>
        <translation>新增一级分类…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add subcategory…</source>
        <translation>新增下级分类…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Default department…</source>
        <translation>默认承办单位…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reactivate</source>
        <translation>启用</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Three levels, e.g. 城乡建设 &gt; 物业管理 &gt; 电梯故障. Each leaf (third level) names the department its orders are dispatched to by default. Deactivating a category deactivates everything below it.</source>
        <translation>分类共三级，例如 城乡建设 &gt; 物业管理 &gt; 电梯故障。每个末级（第三级）分类指定默认承办单位，该类工单默认派往此单位。停用某一分类时，其下级分类一并停用。</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Rename category</source>
        <translation>重命名事项分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New name of {code}:</source>
        <translation>{code} 的新名称：</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Deactivate category</source>
        <translation>停用事项分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deactivate {name} and everything below it? New orders can no longer use them.</source>
        <translation>停用“{name}”及其全部下级分类？新登记的工单将不能再选用。</translation>
    </message>
</context>
<context>
    <name>CategoryDialog</name>
    <message>
        <location line="-197"/>
        <source>New category</source>
        <translation>新增事项分类</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(top level)</source>
        <translation>（一级分类）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Under:</source>
        <translation>上级分类：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Default department:</source>
        <translation>默认承办单位：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New orders in this category are dispatched to its default department.</source>
        <translation>此分类的新工单默认派往该承办单位。</translation>
    </message>
</context>
<context>
    <name>CategoryModel</name>
    <message>
        <location line="-63"/>
        <source>(missing)</source>
        <translation>（未指定）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} (deactivated)</source>
        <translation>{name}（已停用）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Category</source>
        <translation>事项分类</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Default department</source>
        <translation>默认承办单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>DayDialog</name>
    <message>
        <location filename="../../gui/admin/calendar_tab.py" line="-260"/>
        <source>Working day or day off</source>
        <translation>设置工作日或休息日</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Working day (staff at work)</source>
        <translation>工作日（上班）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Day off (holiday)</source>
        <translation>休息日（放假）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>e.g. the State Council&apos;s notice</source>
        <translation>例如：国务院办公厅通知</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set as:</source>
        <translation>设为：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear this day&apos;s entry</source>
        <translation>清除此日设置</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove the administrator&apos;s entry: the package data or the Monday-to-Friday rule decides again.</source>
        <translation>删除管理员对此日的设置，重新按软件包数据或周一至周五规则计算。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Deadlines computed from now on follow this date; deadlines already set stay.</source>
        <translation>此后计算的办理期限按新设置执行；已生成的期限不变。</translation>
    </message>
</context>
<context>
    <name>DepartmentDialog</name>
    <message>
        <location filename="../../gui/admin/departments.py" line="+89"/>
        <source>New department</source>
        <translation>新增承办单位</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. ZJJ</source>
        <translation>例如：ZJJ</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(none: top level)</source>
        <translation>（无，为一级单位）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Code:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Belongs to:</source>
        <translation>上级单位：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The code is fixed once saved: letters, digits, &apos;_&apos; or &apos;-&apos;.</source>
        <translation>编码保存后不能修改，只能使用字母、数字、_ 或 -。</translation>
    </message>
</context>
<context>
    <name>DepartmentModel</name>
    <message>
        <location line="-26"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Parent department</source>
        <translation>上级单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>DepartmentsTab</name>
    <message>
        <location line="+53"/>
        <source>Add department…</source>
        <translation>新增承办单位…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reactivate</source>
        <translation>启用</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A deactivated department is no longer offered for dispatch; orders it already holds carry on. A department that is the default of a category cannot be deactivated until that routing rule is changed.</source>
        <translation>停用的承办单位不再出现在派单选项中，已派给该单位的工单照常办理。作为事项分类默认承办单位的单位，须先修改相应派单规则才能停用。</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Rename department</source>
        <translation>重命名承办单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New name of {code}:</source>
        <translation>{code} 的新名称：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Deactivate department</source>
        <translation>停用承办单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deactivate {name}? It will no longer be offered for dispatch.</source>
        <translation>停用“{name}”？停用后不能再向其派单。</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../gui/admin/common.py" line="+48"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>LimitEditor</name>
    <message>
        <location filename="../../gui/admin/policies.py" line="+183"/>
        <source>working days</source>
        <translation>个工作日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>minutes</source>
        <translation>分钟</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../gui/admin/users.py" line="+166"/>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New password again:</source>
        <translation>再次输入新密码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At least {n} characters. Tell the user the new password in person.</source>
        <translation>至少 {n} 个字符。请当面告知用户新密码。</translation>
    </message>
</context>
<context>
    <name>PoliciesTab</name>
    <message>
        <location filename="../../gui/admin/policies.py" line="+49"/>
        <source>Restore the defaults of this row</source>
        <translation>恢复本行默认时限</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> working days</source>
        <translation> 个工作日</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save rules</source>
        <translation>保存规则</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Desk rules</source>
        <translation>办理规则</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Total extension per assignment at most:</source>
        <translation>每个承办记录累计延期上限：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Callback attempts before closing as not reached:</source>
        <translation>回访未接通几次后按未回访办结：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A working day ends at:</source>
        <translation>每个工作日截止时间：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Double-click a limit to change it; it applies to orders dispatched from then on. Working-day limits end at the end of the N-th working day after the start (the start day never counts); hours and minutes are natural time that holidays do not stop. Bold: changed from the default.</source>
        <translation>双击时限即可修改，对此后派出的工单生效。按工作日计的时限截止于起算日之后第 N 个工作日的截止时间（起算当日不计）；按小时、分钟计的时限为自然时间，节假日不停止计时。粗体表示已改动过默认值。</translation>
    </message>
</context>
<context>
    <name>PolicyModel</name>
    <message>
        <location line="-146"/>
        <source>Default: {limit}. Double-click to change.</source>
        <translation>默认：{limit}。双击修改。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Request type</source>
        <translation>诉求类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sign for within</source>
        <translation>签收时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply within</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Return allowed within</source>
        <translation>可申请退单时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Callback within</source>
        <translation>回访时限</translation>
    </message>
</context>
<context>
    <name>RoutingDialog</name>
    <message>
        <location filename="../../gui/admin/categories.py" line="+65"/>
        <source>Default department</source>
        <translation>默认承办单位</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Category:</source>
        <translation>事项分类：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default department:</source>
        <translation>默认承办单位：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Orders dispatched from now on follow the new rule; orders already dispatched stay where they are.</source>
        <translation>此后派出的工单按新规则派往该单位；已派出的工单不受影响。</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../gui/admin/users.py" line="-76"/>
        <source>New user</source>
        <translation>新增用户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Roles and departments</source>
        <translation>角色与所属单位</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Roles:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Departments:</source>
        <translation>所属承办单位：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Department staff must belong to at least one department; they see and handle only their departments&apos; orders.</source>
        <translation>承办单位联络员至少要属于一个承办单位，只能查看和办理本单位的工单。</translation>
    </message>
</context>
<context>
    <name>UserModel</name>
    <message>
        <location line="-55"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Departments</source>
        <translation>所属承办单位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <location line="+112"/>
        <source>Add user…</source>
        <translation>新增用户…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles and departments…</source>
        <translation>角色与所属单位…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reactivate</source>
        <translation>启用</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A deactivated user can no longer sign in; their name stays in the orders&apos; history. The desk always keeps at least one active administrator.</source>
        <translation>停用的用户不能再登录，其姓名仍保留在工单记录中。系统始终至少保留一名在用的系统管理员。</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>Password reset</source>
        <translation>密码已重置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{user} can now sign in with the new password.</source>
        <translation>{user} 现在可以用新密码登录。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Deactivate user</source>
        <translation>停用用户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deactivate {user}? They can no longer sign in.</source>
        <translation>停用 {user}？停用后该用户不能再登录。</translation>
    </message>
</context>
<context>
    <name>YearView</name>
    <message>
        <location filename="../../gui/admin/year_view.py" line="+207"/>
        <source>H</source>
        <comment>mark of a holiday in a day cell</comment>
        <translation>休</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>W</source>
        <comment>mark of a make-up working day in a day cell</comment>
        <translation>班</translation>
    </message>
</context>
</TS>
