<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>FollowupsScreen</name>
    <message>
        <source>Follow-ups</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Nothing to follow up on this day. Calls appear here by themselves: birthdays, care calls a few days after a service, regulars who stop coming.</source>
        <translation>这一天没有需要回访的会员。回访会自动出现在这里：生日、服务后几天的服务后回访、久未到店的老会员。</translation>
    </message>
    <message>
        <source>Follow-up rules…</source>
        <translation>回访规则…</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Back to today (Ctrl+T)</source>
        <translation>回到今天（Ctrl+T）</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save this day&apos;s list as Excel or CSV (Ctrl+E)</source>
        <translation>将当天列表导出为 Excel 或 CSV（Ctrl+E）</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息内容</translation>
    </message>
    <message>
        <source>Copy message  C</source>
        <translation>复制消息  C</translation>
    </message>
    <message>
        <source>Copy the message text (C or Ctrl+C in the list)</source>
        <translation>复制消息内容（在列表中按 C 或 Ctrl+C）</translation>
    </message>
    <message>
        <source>Note with the outcome (optional)</source>
        <translation>回访备注（可选）</translation>
    </message>
    <message>
        <source>Satisfaction sco&amp;re:</source>
        <translation>满意度(&amp;R)：</translation>
    </message>
    <message>
        <source>R in the list; Enter goes back to the list. Kept when you record Done.</source>
        <translation>在名单中按 R 输入；回车回到名单。记录“已完成”时一并保存。</translation>
    </message>
    <message>
        <source>kept with Done (R); a low score raises a care call</source>
        <translation>随“已完成”保存（R）；低分会生成一条回访</translation>
    </message>
    <message>
        <source>Done: call</source>
        <translation>已完成：电话</translation>
    </message>
    <message>
        <source>Called the member</source>
        <translation>已给会员打电话</translation>
    </message>
    <message>
        <source>Done: message</source>
        <translation>已完成：消息</translation>
    </message>
    <message>
        <source>Sent the message</source>
        <translation>已发送消息</translation>
    </message>
    <message>
        <source>Done: in person</source>
        <translation>已完成：当面</translation>
    </message>
    <message>
        <source>Spoke at the counter</source>
        <translation>已在店内当面沟通</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>未接通</translation>
    </message>
    <message>
        <source>Stays on the list; counts an attempt</source>
        <translation>保留在列表中，记一次尝试</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>不再回访</translation>
    </message>
    <message>
        <source>Take it off the list without doing it</source>
        <translation>不回访，直接移出名单</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>推迟</translation>
    </message>
    <message>
        <source>Hide it until the chosen date</source>
        <translation>隐藏到所选日期</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>%1 to follow up on %2</source>
        <translation>%2 共 %1 位会员待回访</translation>
    </message>
    <message>
        <source>preview: these become due on that day; outcomes can be recorded from then</source>
        <translation>预览：这些将在当天到期，届时才能记录结果</translation>
    </message>
    <message>
        <source>Nothing to follow up on %1.</source>
        <translation>%1 没有待回访事项。</translation>
    </message>
    <message>
        <source>Message: %1</source>
        <translation>消息：%1</translation>
    </message>
    <message>
        <source>Choose a member in the list.</source>
        <translation>请在名单中选择一位会员。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>%1 到期</translation>
    </message>
    <message>
        <source>no answer %1×</source>
        <translation>未接通 %1 次</translation>
    </message>
    <message>
        <source>not due yet</source>
        <translation>尚未到期</translation>
    </message>
    <message>
        <source>Message copied</source>
        <translation>消息已复制</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>已完成：%1</translation>
    </message>
    <message>
        <source>No answer noted: %1</source>
        <translation>已记录未接通：%1</translation>
    </message>
    <message>
        <source>Snoozed: %1</source>
        <translation>已推迟：%1</translation>
    </message>
    <message>
        <source>Dismissed: %1</source>
        <translation>已不再回访：%1</translation>
    </message>
    <message>
        <source>low score: a care follow-up is due today</source>
        <translation>低分：今天需要回访</translation>
    </message>
    <message>
        <source>Export follow-ups</source>
        <translation>导出回访名单</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV file (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Writing %1</source>
        <translation>正在写入 %1</translation>
    </message>
    <message>
        <source>Exporting follow-ups</source>
        <translation>正在导出回访名单</translation>
    </message>
    <message>
        <source>%1 rows saved to %2</source>
        <translation>已保存 %1 行到 %2</translation>
    </message>
</context>
</TS>
