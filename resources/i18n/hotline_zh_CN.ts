<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ConnectionBanner</name>
    <message>
        <location filename="../../gui/live_refresh.py" line="+52"/>
        <source>The connection to the database server was lost; reconnecting… Nothing you have typed is lost.</source>
        <translation>与数据库服务器的连接已断开，正在重连…已输入的内容不会丢失。</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <location filename="../../gui/idle_lock.py" line="+264"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign out and close the desk? What you typed in open forms is lost.</source>
        <translation>退出登录并关闭工单系统？已打开的表单中尚未保存的内容将会丢失。</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <location line="-179"/>
        <source>Desk locked</source>
        <translation>系统已锁定</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>The desk locked itself after %n minute(s) without use.</source>
        <translation>
            <numerusform>系统已 %n 分钟无操作，已自动锁定。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The desk locked itself after a while without use.</source>
        <translation>系统长时间无操作，已自动锁定。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the password of {user} to go on where you left off.</source>
        <translation>请输入 {user} 的密码解锁，解锁后可继续之前的工作。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../gui/login.py" line="+33"/>
        <source>Sign in to the 8890 desk</source>
        <translation>登录 8890 工作台</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Database: {db}</source>
        <translation>数据库：{db}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="+46"/>
        <source>My work</source>
        <translation>我的待办</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To sign for</source>
        <translation>待签收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returns and extensions</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Callbacks due</source>
        <translation>待回访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due soon / overdue</source>
        <translation>临期/超期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All orders</source>
        <translation>全部工单</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>8890 Hotline Desk</source>
        <translation>8890 热线工作台</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Register a call</source>
        <translation>来电登记</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Administration</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;New order</source>
        <translation>新建工单(&amp;N)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Import messages…</source>
        <translation>导入留言(&amp;I)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Working-day calendar</source>
        <translation>工作日历</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User: {user}</source>
        <translation>用户：{user}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Database in use</source>
        <translation>当前使用的数据库</translation>
    </message>
    <message>
        <location line="+14"/>
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
    <name>Ops</name>
    <message>
        <location filename="../../gui/ops.py" line="+159"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Prompts</name>
    <message>
        <location filename="../../gui/prompts.py" line="+25"/>
        <source>Something went wrong; nothing was changed. Details are in the log: {detail}</source>
        <translation>操作出错，未做任何更改。详情见日志：{detail}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>_Curtain</name>
    <message>
        <location filename="../../gui/idle_lock.py" line="-79"/>
        <source>The desk is locked</source>
        <translation>系统已锁定</translation>
    </message>
</context>
</TS>
