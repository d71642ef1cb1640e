<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ClassColumns</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Visit days</source>
        <translation>到店天数</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>最近到店</translation>
    </message>
    <message>
        <source>Lifetime spend</source>
        <translation>累计消费</translation>
    </message>
    <message>
        <source>ABC</source>
        <translation>ABC</translation>
    </message>
    <message>
        <source>RFM segment</source>
        <translation>RFM 分群</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Still active</source>
        <translation>仍活跃概率</translation>
    </message>
    <message>
        <source>Visits next 90 days</source>
        <translation>未来 90 天到店</translation>
    </message>
</context>
<context>
    <name>ClassesTab</name>
    <message>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <source>All members</source>
        <translation>全部会员</translation>
    </message>
    <message>
        <source>ABC class %1</source>
        <translation>ABC %1 类</translation>
    </message>
    <message>
        <source>RFM: %1</source>
        <translation>RFM：%1</translation>
    </message>
    <message>
        <source>Stage: %1</source>
        <translation>阶段：%1</translation>
    </message>
    <message>
        <source>Select a member to read why they are in each class.</source>
        <translation>选中一位会员，查看其分类原因。</translation>
    </message>
    <message>
        <source>Sorting members into classes…</source>
        <translation>正在为会员分类…</translation>
    </message>
    <message>
        <source>ABC</source>
        <translation>ABC</translation>
    </message>
    <message>
        <source>RFM</source>
        <translation>RFM</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Will they come back? %1</source>
        <translation>会员会回来吗？%1</translation>
    </message>
    <message>
        <source>%1 members</source>
        <translation>%1 位会员</translation>
    </message>
</context>
<context>
    <name>ReportExport</name>
    <message>
        <source>Export the month to Excel</source>
        <translation>导出本月 Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting the month to Excel</source>
        <translation>正在导出本月 Excel</translation>
    </message>
    <message>
        <source>Workbook saved: %1</source>
        <translation>工作簿已保存：%1</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written</source>
        <translation>导出已取消，未写入任何文件</translation>
    </message>
</context>
<context>
    <name>ReportsScreen</name>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <source>Previous month (%1)</source>
        <translation>上个月（%1）</translation>
    </message>
    <message>
        <source>Next month (%1)</source>
        <translation>下个月（%1）</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Save the month&apos;s workbook: summary, daily sales, ledger, members, follow-ups, segments (%1)</source>
        <translation>保存本月工作簿：汇总、每日销售、流水、会员、回访、分群（%1）</translation>
    </message>
    <message>
        <source>Only the owner can see reports</source>
        <translation>只有店主可以查看报表</translation>
    </message>
    <message>
        <source>Revenue, stored value and member segments are for the owner&apos;s eyes. Ask the owner to sign in to see this month&apos;s figures.</source>
        <translation>营业额、储值和会员分群仅供店主查看。请店主登录后查看本月数据。</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Breakdowns</source>
        <translation>明细</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Revenue by day</source>
        <translation>每日营业额</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>Busy hours</source>
        <translation>繁忙时段</translation>
    </message>
    <message>
        <source>New and returning</source>
        <translation>新客与回头客</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>留存</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>分群</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>到店次数</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>服务项数</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Calculating %1…</source>
        <translation>正在计算 %1…</translation>
    </message>
    <message>
        <source>%1 · %2 visits · figures compared with %3 and %4</source>
        <translation>%1 · 到店 %2 次 · 与 %3 及 %4 对比</translation>
    </message>
    <message>
        <source>vs previous month</source>
        <translation>环比上月</translation>
    </message>
    <message>
        <source>vs same month last year</source>
        <translation>同比去年同月</translation>
    </message>
</context>
</TS>
