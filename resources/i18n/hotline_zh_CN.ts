<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="+39"/>
        <source>8890 Hotline Desk</source>
        <translation>8890 热线工作台</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Close the desk</source>
        <translation>关闭工作台</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Version and purpose of the desk</source>
        <translation>工作台的版本与用途</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Working-day calendar</source>
        <translation>工作日历</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>User: {user}</source>
        <translation>用户：{user}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Database in use</source>
        <translation>当前使用的数据库</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>About 8890 Hotline Desk</source>
        <translation>关于 8890 热线工作台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>8890 hotline and public-opinion desk</source>
        <translation>8890 热线与舆情工作台</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version {version}</source>
        <translation>版本 {version}</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../../gui/placeholder_page.py" line="+17"/>
        <source>8890 hotline and public-opinion desk</source>
        <translation>8890 热线与舆情工作台</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Work orders in this database: %n</source>
        <translation>
            <numerusform>本数据库中的工单：%n 件</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The working screens arrive in the next release. Until then, the command line offers the whole work-order lifecycle:</source>
        <translation>业务操作界面将在下一版本提供。在此之前，可通过命令行完成工单从登记到办结的全部流程：</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Version {version}</source>
        <translation>版本 {version}</translation>
    </message>
</context>
</TS>
