<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>NotificationBell</name>
    <message>
        <location filename="../../gui/notify/bell.py" line="+106"/>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>8890 notifications</source>
        <translation>8890 工作台通知</translation>
    </message>
    <message numerus="yes">
        <location line="+121"/>
        <source>%n unread notification(s)</source>
        <translation>
            <numerusform>%n 条未读通知</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No unread notifications</source>
        <translation>没有未读通知</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Overdue work order</source>
        <translation>超期工单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New overdue work order</source>
        <translation>新的超期工单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Overdue work orders</source>
        <translation>超期工单</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n overdue or supervised work order(s) need attention</source>
        <translation>
            <numerusform>%n 件超期或督办工单需要处理</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NotificationList</name>
    <message>
        <location filename="../../gui/notify/popup.py" line="+37"/>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Mark all read</source>
        <translation>全部标为已读</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No notifications in the last {days} days.</source>
        <translation>近 {days} 天没有通知。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Enter or double-click opens the order and marks it read.</source>
        <translation>回车或双击打开工单，并标为已读。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message numerus="yes">
        <location line="+42"/>
        <source>%n unread notification(s)</source>
        <translation>
            <numerusform>%n 条未读通知</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No notifications</source>
        <translation>暂无通知</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Everything is read.</source>
        <translation>全部已读。</translation>
    </message>
</context>
<context>
    <name>NotificationModel</name>
    <message>
        <location filename="../../gui/notify/model.py" line="+40"/>
        <source>New order for {department}</source>
        <translation>新工单派至{department}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New order for {department} (assisting)</source>
        <translation>新工单派至{department}（协办）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Due soon: {department}</source>
        <translation>临期预警：{department}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Overdue: {department}</source>
        <translation>超期：{department}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reminder: {department}</source>
        <translation>催办：{department}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Supervision notice: {department}</source>
        <translation>督办：{department}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Return request approved</source>
        <translation>退单申请已批准</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Return request rejected</source>
        <translation>退单申请已驳回</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Extension request approved</source>
        <translation>延期申请已批准</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Extension request rejected</source>
        <translation>延期申请已驳回</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reply sent back: {department}</source>
        <translation>回复被驳回：{department}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{department} asks to return the order</source>
        <translation>{department}申请退单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{department} asks for an extension</source>
        <translation>{department}申请延期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Replies in, waiting for review</source>
        <translation>回复已齐，待审核</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Callback unsatisfied</source>
        <translation>回访不满意</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Issued automatically by the deadline check</source>
        <translation>由系统时限检查自动发出</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ticket</source>
        <translation>工单编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Notification</source>
        <translation>通知内容</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Read</source>
        <translation>已读</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unread</source>
        <translation>未读</translation>
    </message>
</context>
</TS>
