<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CardRows</name>
    <message>
        <source>Cards sold (%1)</source>
        <translation>售卡（%1 张）</translation>
    </message>
    <message>
        <source>Revenue recognised from uses (%1 paid, %2 gifted)</source>
        <translation>消费确认收入（付费 %1 次，赠送 %2 次）</translation>
    </message>
    <message>
        <source>Breakage: expired, unused (%1 cards)</source>
        <translation>过期未消费转收入（%1 张）</translation>
    </message>
    <message>
        <source>Owed on cards at the start</source>
        <translation>期初未消费余额</translation>
    </message>
    <message>
        <source>Opening balances brought in</source>
        <translation>期初导入</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>退卡</translation>
    </message>
    <message>
        <source>Owed on cards at the end</source>
        <translation>期末未消费余额</translation>
    </message>
</context>
<context>
    <name>ClassColumns</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Visit days</source>
        <translation>到店次数</translation>
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
    <name>CommissionTab</name>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>项目数</translation>
    </message>
    <message>
        <source>Service base</source>
        <translation>服务基数</translation>
    </message>
    <message>
        <source>Designated</source>
        <translation>指定</translation>
    </message>
    <message>
        <source>On services</source>
        <translation>服务提成</translation>
    </message>
    <message>
        <source>Cards &amp; top-ups</source>
        <translation>售卡及充值</translation>
    </message>
    <message>
        <source>On sales</source>
        <translation>销售提成</translation>
    </message>
    <message>
        <source>Taken back</source>
        <translation>冲回</translation>
    </message>
    <message>
        <source>Commission</source>
        <translation>提成</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>消费单</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>分成</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>基数</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>Each line earns under the rule in force when it was recorded. A visit voided in a later month is taken back in that month; this month never changes.</source>
        <translation>每个项目按记录时有效的规则计提成。以后月份作废的消费在作废当月冲回，本月数字不再改变。</translation>
    </message>
    <message>
        <source>Commission %1</source>
        <translation>%1 提成</translation>
    </message>
    <message>
        <source>Commission %1 · total %2</source>
        <translation>%1 提成 · 合计 %2</translation>
    </message>
    <message>
        <source>%1 (voided, taken back)</source>
        <translation>%1（已作废，冲回）</translation>
    </message>
    <message>
        <source>designated</source>
        <translation>指定</translation>
    </message>
    <message>
        <source>Top-up</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>Card sale</source>
        <translation>售卡</translation>
    </message>
</context>
<context>
    <name>LevelsTab</name>
    <message>
        <source>Member levels this month</source>
        <translation>本月会员等级</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Members now</source>
        <translation>当前会员数</translation>
    </message>
    <message>
        <source>Upgrades this month</source>
        <translation>本月升级</translation>
    </message>
    <message>
        <source>Discount given</source>
        <translation>折扣让利</translation>
    </message>
    <message>
        <source>No level</source>
        <translation>无等级</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
</context>
<context>
    <name>MoneyTab</name>
    <message>
        <source>Method</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>笔数</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>储值</translation>
    </message>
    <message>
        <source>Principal</source>
        <translation>本金</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>赠送</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Booked on</source>
        <translation>入账日期</translation>
    </message>
    <message>
        <source>Money</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>营业收入</translation>
    </message>
    <message>
        <source>Stored value: principal and bonus</source>
        <translation>储值：本金与赠送</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Uses</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Package cards</source>
        <translation>次卡</translation>
    </message>
    <message>
        <source>Package cards: owed on cards, in value and in uses</source>
        <translation>次卡：未消费余额（金额与次数）</translation>
    </message>
    <message>
        <source>%1 by method (visits, top-ups, sales, refunds)</source>
        <translation>%1（按付款方式：消费、充值、售卡、退款）</translation>
    </message>
    <message>
        <source>Prior-period adjustments booked in %1</source>
        <translation>%1 入账的以前期间调整</translation>
    </message>
    <message>
        <source>Total received</source>
        <translation>实收合计</translation>
    </message>
    <message>
        <source>Paid at visits (money)</source>
        <translation>消费实付（现金等）</translation>
    </message>
    <message>
        <source>Stored value used: principal</source>
        <translation>储值消费：本金部分</translation>
    </message>
    <message>
        <source>Bonus used</source>
        <translation>赠送金额消耗</translation>
    </message>
    <message>
        <source> (not revenue, like a discount)</source>
        <translation>（不计收入，视同折扣）</translation>
    </message>
    <message>
        <source>Points used</source>
        <translation>积分抵扣</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>期初</translation>
    </message>
    <message>
        <source>Added (top-ups / bonus given)</source>
        <translation>增加（充值 / 赠送）</translation>
    </message>
    <message>
        <source>Used at visits</source>
        <translation>消费使用</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Other (corrections, voids)</source>
        <translation>其他（更正、作废）</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>期末</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
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
        <source>No visits recorded in this month: the report fills in by itself as visits are recorded at the counter (F2 on a member&apos;s card).</source>
        <translation>本月还没有消费记录：在前台记录消费后（在会员资料上按 F2），报表会自动生成。</translation>
    </message>
    <message>
        <source>Go to the counter</source>
        <translation>前往前台</translation>
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
        <source>Money</source>
        <translation>资金</translation>
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
        <source>Commission</source>
        <translation>提成</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>会员等级</translation>
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
    <message>
        <source>R&amp;eopen month…</source>
        <translation>重新打开本月(&amp;E)…</translation>
    </message>
    <message>
        <source>C&amp;lose month…</source>
        <translation>月结(&amp;L)…</translation>
    </message>
    <message>
        <source>Reopen this month: its figures become live again (%1)</source>
        <translation>重新打开本月：数据恢复为实时计算（%1）</translation>
    </message>
    <message>
        <source>Close this month: its figures never change again (%1)</source>
        <translation>月结：结账后本月数据不再变动（%1）</translation>
    </message>
    <message>
        <source>the owner</source>
        <translation>店主</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 is closed&lt;/b&gt; — closed on %2 by %3. These figures are frozen; a later void, edit or correction appears as a prior-period adjustment in the open month.</source>
        <translation>&lt;b&gt;%1 已结账&lt;/b&gt; — %3 于 %2 结账。以下数据已冻结；之后的作废、修改或更正会作为以前期间调整记入未结账的月份。</translation>
    </message>
    <message>
        <source>Reopen month</source>
        <translation>重新打开月份</translation>
    </message>
    <message>
        <source>Reopen %1? Its figures become live again and the reopening is recorded in the audit log. Reason (required):</source>
        <translation>重新打开 %1？其数据将恢复为实时计算，此操作会记入操作日志。原因（必填）：</translation>
    </message>
    <message>
        <source>%1 reopened</source>
        <translation>%1 已重新打开</translation>
    </message>
    <message>
        <source>Close month</source>
        <translation>月结</translation>
    </message>
    <message>
        <source>Close %1? From then on its figures never change: voids and corrections of its visits are booked as adjustments in the open month.</source>
        <translation>结账 %1？结账后该月数据不再变动：该月消费的作废和更正将作为调整记入未结账的月份。</translation>
    </message>
    <message>
        <source>%1 closed</source>
        <translation>%1 已结账</translation>
    </message>
</context>
</TS>
