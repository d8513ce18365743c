<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../gui/intake/import_dialog.py" line="+64"/>
        <source>Import messages</source>
        <translation>导入留言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messages (*.xlsx *.csv *.json *.xml);;All files (*)</source>
        <translation>留言文件 (*.xlsx *.csv *.json *.xml);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save the rejected rows</source>
        <translation>保存拒收的行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Message number</source>
        <translation>留言编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Posted at</source>
        <translation>留言时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>留言标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content</source>
        <translation>留言内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Author</source>
        <translation>留言人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Platform (public opinion)</source>
        <translation>发布平台（舆情）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Link (public opinion)</source>
        <translation>原文链接（舆情）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reposts/comments (public opinion)</source>
        <translation>转发/评论量（舆情）</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Import online messages</source>
        <translation>导入网络留言</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a portal spreadsheet (.xlsx, .csv) or a saved Open311 response (.json, .xml).</source>
        <translation>请选择门户网站导出的留言表格（.xlsx、.csv）或保存的 Open311 响应文件（.json、.xml）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose &amp;file…</source>
        <translation>选择文件(&amp;F)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>sheet</source>
        <translation>默认：sheet（表格导入）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where the messages come from. The same message from the same source is imported once. For a spreadsheet: a channel code such as portal, people or opinion sends the orders to that channel. For an Open311 file: the name of its feed.</source>
        <translation>留言的来源。同一来源的同一条留言只导入一次。表格：填写渠道代码（如 portal、people、opinion），工单即归入该渠道；Open311 文件：填写其数据源名称。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Source:</source>
        <translation>来源名称：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Columns: what each column of the file holds</source>
        <translation>列对应：文件中每一列的内容</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>New orders:</source>
        <translation>新登记工单：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>of which dispatched at once:</source>
        <translation>其中直接派单：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Already known (not imported again):</source>
        <translation>已存在（不重复导入）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated at the source (recorded on the order):</source>
        <translation>来源已更新（已记入工单）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected:</source>
        <translation>拒收：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Save rejected rows as CSV…</source>
        <translation>将拒收的行另存为 CSV(&amp;S)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The rows as written, with the reason; fix them in Excel and import the file again</source>
        <translation>按原样保存拒收的行及原因；在 Excel 中修改后可再次导入</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Rejected rows:</source>
        <translation>拒收的行：</translation>
    </message>
    <message>
        <location line="+49"/>
        <location line="+3"/>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>This file cannot be imported as it is: {problem}</source>
        <translation>该文件不能按现状导入：{problem}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose above what each column holds.</source>
        <translation>请在上方为各列选择对应的内容。</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n item(s) read: </source>
        <translation>
            <numerusform>共读取 %n 条：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{ready} ready to import, {rejected} will be rejected.</source>
        <translation>{ready} 条可导入，{rejected} 条将被拒收。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The first %n are shown.</source>
        <translation>
            <numerusform>下表显示前 %n 条。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not recognised: choose what this column holds, or leave it out</source>
        <translation>未识别的列：请选择该列的内容，或不导入</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Importing {count} messages…</source>
        <translation>正在导入 {count} 条留言…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Import cancelled. What was imported before is kept; import the file again to take in the rest.</source>
        <translation>导入已取消。取消前已导入的部分已保留；再次导入该文件即可导入其余部分。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Import finished: {source}, %n item(s).</source>
        <translation>
            <numerusform>导入完成：{source}，共 %n 条。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Rejected rows saved</source>
        <translation>拒收的行已保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved to {path}. Fix the rows and import the file again; rows already imported are recognised and not imported twice.</source>
        <translation>已保存到 {path}。修改这些行后再次导入即可；已导入的留言会被识别，不会重复导入。</translation>
    </message>
</context>
<context>
    <name>IntakeModels</name>
    <message>
        <location filename="../../gui/intake/models.py" line="+97"/>
        <location line="+44"/>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Posted at</source>
        <translation>留言时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Author</source>
        <translation>留言人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status at source</source>
        <translation>来源状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ready</source>
        <translation>可导入</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Reason</source>
        <translation>拒收原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As written in the source</source>
        <translation>原始内容</translation>
    </message>
</context>
</TS>
