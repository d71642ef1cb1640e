<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BirthdayEdit</name>
    <message>
        <source>not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>solar</source>
        <translation>公历</translation>
    </message>
    <message>
        <source>lunar (农历)</source>
        <translation>农历</translation>
    </message>
    <message>
        <source>month %1</source>
        <translation>%1月</translation>
    </message>
    <message>
        <source>day %1</source>
        <translation>%1日</translation>
    </message>
    <message>
        <source>born %1</source>
        <translation>%1年生</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不详</translation>
    </message>
    <message>
        <source>leap month</source>
        <translation>闰月</translation>
    </message>
    <message>
        <source>Born in the leap (闰) month of that lunar month</source>
        <translation>生于该农历月的闰月</translation>
    </message>
</context>
<context>
    <name>CardLines</name>
    <message>
        <source>(pay)</source>
        <translation>（付款）</translation>
    </message>
    <message>
        <source>%1 (%2 left)</source>
        <translation>%1（剩 %2 次）</translation>
    </message>
    <message>
        <source>Pay this line with the member&apos;s card</source>
        <translation>用会员的次卡支付此项</translation>
    </message>
    <message>
        <source>No card</source>
        <translation>无可用次卡</translation>
    </message>
    <message>
        <source>not enough uses</source>
        <translation>次数不足</translation>
    </message>
</context>
<context>
    <name>CardsBox</name>
    <message>
        <source>Cards</source>
        <translation>次卡</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>至 %1</translation>
    </message>
    <message>
        <source>no expiry</source>
        <translation>不限期</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>余值 %1</translation>
    </message>
    <message>
        <source>ends in %1 days</source>
        <translation>%1 天后到期</translation>
    </message>
    <message>
        <source>No card with uses left.</source>
        <translation>没有剩余次数的次卡。</translation>
    </message>
</context>
<context>
    <name>CardsSection</name>
    <message>
        <source>Sell card</source>
        <translation>售卡</translation>
    </message>
    <message>
        <source>Sell a count card</source>
        <translation>出售次卡</translation>
    </message>
</context>
<context>
    <name>CareFields</name>
    <message>
        <source>Sat&amp;isfaction:</source>
        <translation>满意度(&amp;I)：</translation>
    </message>
    <message>
        <source>— (not asked)</source>
        <translation>—（未询问）</translation>
    </message>
    <message>
        <source>The customer&apos;s score, 1 (bad) to 5 (very good)</source>
        <translation>顾客打分，1（差）到 5（很好）</translation>
    </message>
    <message>
        <source>Compl&amp;aint:</source>
        <translation>投诉(&amp;A)：</translation>
    </message>
    <message>
        <source>what the customer complained about</source>
        <translation>顾客投诉的内容</translation>
    </message>
    <message>
        <source>Alt+I score (type 1–5) · Alt+A complaint: opens a complaint to resolve</source>
        <translation>Alt+I 满意度（输入 1–5）· Alt+A 投诉：保存后开一条待处理的投诉</translation>
    </message>
    <message>
        <source>A walk-in&apos;s complaint is kept on the visit; no follow-up is opened.</source>
        <translation>散客的投诉只记在这次消费上，不开回访。</translation>
    </message>
</context>
<context>
    <name>CounterScreen</name>
    <message>
        <source>Counter</source>
        <translation>前台</translation>
    </message>
    <message>
        <source>Phone, name, pinyin or card no.</source>
        <translation>手机尾号、姓名、拼音或卡号</translation>
    </message>
    <message>
        <source>↓ to pick a member, Enter to open the card.</source>
        <translation>按 ↓ 选择会员，回车打开会员资料。</translation>
    </message>
    <message>
        <source>Members appear here as you type: the last digits of the phone are enough.</source>
        <translation>边输入边显示会员：输入手机号后几位即可。</translation>
    </message>
    <message>
        <source>New visit</source>
        <translation>新增消费</translation>
    </message>
    <message>
        <source>Top up</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>Edit member</source>
        <translation>编辑会员</translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation>退款…</translation>
    </message>
    <message>
        <source>Refund stored value: principal only (owner)</source>
        <translation>储值退款：只退本金（店主）</translation>
    </message>
    <message>
        <source>New member</source>
        <translation>新会员</translation>
    </message>
    <message>
        <source>New member from what was typed</source>
        <translation>用输入的内容新建会员</translation>
    </message>
    <message>
        <source>Back to search</source>
        <translation>返回搜索</translation>
    </message>
    <message>
        <source>Level history</source>
        <translation>等级记录</translation>
    </message>
    <message>
        <source>No member matches “%1”. Ctrl+N makes a new member from it.</source>
        <translation>没有会员匹配“%1”。按 Ctrl+N 用它新建会员。</translation>
    </message>
    <message>
        <source>Quick bill</source>
        <translation>快速记账</translation>
    </message>
    <message>
        <source>New visit with services</source>
        <translation>按服务项目记录消费</translation>
    </message>
    <message>
        <source>Find the member, then F3 enters what is on their card.</source>
        <translation>先找到会员，再按 F3 录入卡上的余额。</translation>
    </message>
    <message>
        <source>Find the member (or press F2 for a walk-in), then F2 records the visit.</source>
        <translation>先找到会员（散客直接按 F2），再按 F2 记录消费。</translation>
    </message>
    <message>
        <source>Follow-up done</source>
        <translation>回访已完成</translation>
    </message>
</context>
<context>
    <name>FirstStepsBox</name>
    <message>
        <source>First steps</source>
        <translation>入门步骤</translation>
    </message>
    <message>
        <source>Hide this list</source>
        <translation>隐藏此清单</translation>
    </message>
    <message>
        <source>%1 of %2 done</source>
        <translation>已完成 %1 / %2</translation>
    </message>
</context>
<context>
    <name>IdlePanel</name>
    <message>
        <source>Today is %1</source>
        <translation>今天是 %1</translation>
    </message>
    <message>
        <source>Visits today</source>
        <translation>今日到店</translation>
    </message>
    <message>
        <source>Follow-ups due today</source>
        <translation>今日待回访</translation>
    </message>
    <message>
        <source>on the Follow-ups screen</source>
        <translation>见“回访”页面</translation>
    </message>
    <message>
        <source>New members this month</source>
        <translation>本月新会员</translation>
    </message>
    <message>
        <source>Bookings today</source>
        <translation>今日预约</translation>
    </message>
    <message>
        <source>arrived / booked</source>
        <translation>已到店 / 预约数</translation>
    </message>
    <message>
        <source>Stored value owed</source>
        <translation>储值余额总计</translation>
    </message>
    <message>
        <source>balance of all member cards (a liability)</source>
        <translation>全部会员的储值余额（负债）</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>phone tail, name, pinyin initials or card number</source>
        <translation>手机尾号、姓名、拼音首字母或卡号</translation>
    </message>
    <message>
        <source>pick a member and open the card</source>
        <translation>选择会员并打开会员资料</translation>
    </message>
    <message>
        <source>new visit or quick bill (a walk-in when no member is open)</source>
        <translation>新增消费或快速记账（未选会员时为散客）</translation>
    </message>
    <message>
        <source>top up / edit the member</source>
        <translation>充值 / 编辑会员</translation>
    </message>
    <message>
        <source>new member from what was typed</source>
        <translation>用输入的内容新建会员</translation>
    </message>
    <message>
        <source>back to the search box</source>
        <translation>回到搜索框</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>前台</translation>
    </message>
</context>
<context>
    <name>LevelHistoryDialog</name>
    <message>
        <source>Level history</source>
        <translation>等级记录</translation>
    </message>
    <message>
        <source>Level history — %1</source>
        <translation>等级记录 — %1</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>原等级</translation>
    </message>
    <message>
        <source>To</source>
        <translation>新等级</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>No level changes yet.</source>
        <translation>暂无等级变动。</translation>
    </message>
</context>
<context>
    <name>LinesTable</name>
    <message>
        <source>Service</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>List price</source>
        <translation>标价</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>次卡</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Remove this line (Del)</source>
        <translation>删除此行（Del）</translation>
    </message>
    <message>
        <source>Ticked: designated (指定), the member asked for this person; otherwise rotation (轮牌). %1 flips the current line.</source>
        <translation>勾选：指定（顾客点名此员工）；不勾选：轮牌。%1 切换当前项目。</translation>
    </message>
    <message>
        <source>%1 · ☑ designated (%2)</source>
        <translation>%1 · ☑ 指定（%2）</translation>
    </message>
    <message>
        <source>%1 shares the line with other staff.</source>
        <translation>%1：此项目由多名员工分成。</translation>
    </message>
</context>
<context>
    <name>MemberCardView</name>
    <message>
        <source>Stored value</source>
        <translation>储值余额</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Last visits</source>
        <translation>最近到店</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>会员档案</translation>
    </message>
    <message>
        <source>Open follow-ups</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>Allergies: %1</source>
        <translation>过敏：%1</translation>
    </message>
    <message>
        <source>no phone</source>
        <translation>无手机号</translation>
    </message>
    <message>
        <source>Card %1</source>
        <translation>卡号 %1</translation>
    </message>
    <message>
        <source>no card</source>
        <translation>无卡号</translation>
    </message>
    <message>
        <source>Birthday %1</source>
        <translation>生日 %1</translation>
    </message>
    <message>
        <source>%1 visits</source>
        <translation>到店 %1 次</translation>
    </message>
    <message>
        <source>last %1</source>
        <translation>上次 %1</translation>
    </message>
    <message>
        <source>Principal is money paid in; bonus was given by the shop. Spending draws both in proportion; a refund returns principal only.</source>
        <translation>本金是顾客实付的钱，赠送是店里送的。消费时按比例同时扣本金和赠送；退款只退本金。</translation>
    </message>
    <message>
        <source>worth %1</source>
        <translation>可抵 %1</translation>
    </message>
    <message>
        <source>(principal %1 + bonus %2)</source>
        <translation>（本金 %1 + 赠送 %2）</translation>
    </message>
    <message>
        <source>%1 (voided)</source>
        <translation>%1（已作废）</translation>
    </message>
    <message>
        <source>No visits yet</source>
        <translation>还没有消费记录</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>Nothing noted yet (F4 to edit).</source>
        <translation>尚无记录（按 F4 编辑）。</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <source>None open.</source>
        <translation>没有待回访事项。</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Mark this follow-up done (in person, at the counter)</source>
        <translation>标记此回访已完成（到店当面）</translation>
    </message>
    <message>
        <source>%1 more on the Follow-ups screen</source>
        <translation>另有 %1 条，见“回访”页面</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>Edit member</source>
        <translation>编辑会员</translation>
    </message>
    <message>
        <source>New member</source>
        <translation>新会员</translation>
    </message>
    <message>
        <source>&amp;Name *</source>
        <translation>姓名(&amp;N) *</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>手机(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Gender</source>
        <translation>性别(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Birthday</source>
        <translation>生日(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Card no.</source>
        <translation>卡号(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Level</source>
        <translation>等级(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation>标签(&amp;T)</translation>
    </message>
    <message>
        <source>Greetings</source>
        <translation>祝福与优惠</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>separated by commas, e.g. VIP, 学生</source>
        <translation>用逗号分隔，例如：VIP，学生</translation>
    </message>
    <message>
        <source>e.g. 金卡</source>
        <translation>例如：金卡</translation>
    </message>
    <message>
        <source>accepts birthday greetings and offers</source>
        <translation>接受生日祝福和优惠信息</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>会员档案</translation>
    </message>
    <message>
        <source>Save (Enter)</source>
        <translation>保存（回车）</translation>
    </message>
    <message>
        <source>Save (Enter; Ctrl+Enter in the notes)</source>
        <translation>保存（回车；在备注中按 Ctrl+回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Please enter the member&apos;s name.</source>
        <translation>请填写会员姓名。</translation>
    </message>
    <message>
        <source>Member saved: %1</source>
        <translation>会员已保存：%1</translation>
    </message>
    <message>
        <source>Changed at another counter — reloaded. Check the member and make your change again.</source>
        <translation>该会员已在另一台前台电脑上被修改——已重新载入。请核对后再修改一次。</translation>
    </message>
</context>
<context>
    <name>QuickBillDialog</name>
    <message>
        <source>Quick bill</source>
        <translation>快速记账</translation>
    </message>
    <message>
        <source>&amp;Amount (¥)</source>
        <translation>金额（¥）(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Party size</source>
        <translation>人数(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Table</source>
        <translation>桌号(&amp;T)</translation>
    </message>
    <message>
        <source>Pa&amp;yment</source>
        <translation>付款方式(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可不填</translation>
    </message>
    <message>
        <source>e.g. 5 or A3</source>
        <translation>例如 5 或 A3</translation>
    </message>
    <message>
        <source>Save (Enter)</source>
        <translation>保存（回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Quick bill — walk-in customer</source>
        <translation>快速记账 — 散客</translation>
    </message>
    <message>
        <source>Quick bill — %1</source>
        <translation>快速记账 — %1</translation>
    </message>
    <message>
        <source>Stored value %1 · Points %2</source>
        <translation>储值 %1 · 积分 %2</translation>
    </message>
    <message>
        <source>Type the bill&apos;s amount.</source>
        <translation>请输入账单金额。</translation>
    </message>
    <message>
        <source>Bill saved: %1</source>
        <translation>已记账：%1</translation>
    </message>
</context>
<context>
    <name>RebookBar</name>
    <message>
        <source>Book (Enter)</source>
        <translation>预约 (Enter)</translation>
    </message>
    <message>
        <source>Skip (Esc)</source>
        <translation>跳过 (Esc)</translation>
    </message>
    <message>
        <source>Rebook %1? Next %2 with %3:</source>
        <translation>给 %1 约下次吗？下次%2，%3：</translation>
    </message>
    <message>
        <source>Rebook %1? Next %2:</source>
        <translation>给 %1 约下次吗？下次%2：</translation>
    </message>
    <message>
        <source>in about %1 weeks, as usual for them (every %2 days)</source>
        <translation>约 %1 周后，按其习惯（每 %2 天）</translation>
    </message>
    <message>
        <source>in about %1 weeks (no usual interval yet)</source>
        <translation>约 %1 周后（尚无到店规律）</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>the nearest free time</source>
        <translation>最近的空闲时间</translation>
    </message>
    <message>
        <source>Booked: %1 %2</source>
        <translation>已预约：%1 %2</translation>
    </message>
    <message>
        <source>Nearest free: %1 %2 — Enter books it.</source>
        <translation>最近空闲：%1 %2 —— 按 Enter 预约。</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Refund stored value</source>
        <translation>储值退款</translation>
    </message>
    <message>
        <source>Refund stored value — %1</source>
        <translation>储值退款 — %1</translation>
    </message>
    <message>
        <source>&amp;Refund:</source>
        <translation>退款金额(&amp;R)：</translation>
    </message>
    <message>
        <source>Paid &amp;back by:</source>
        <translation>退款方式(&amp;B)：</translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation>原因(&amp;S)：</translation>
    </message>
    <message>
        <source>required, e.g. member moved away</source>
        <translation>必填，例如：会员搬家</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stored value %1 = principal %2 + bonus %3.&lt;br&gt;&lt;b&gt;Refundable = principal only = %4&lt;/b&gt;; the bonus was given by the shop and is not refunded.</source>
        <translation>储值余额 %1 = 本金 %2 + 赠送 %3。&lt;br&gt;&lt;b&gt;可退金额 = 仅本金 = %4&lt;/b&gt;；赠送金额是店里送的，不予退还。</translation>
    </message>
    <message>
        <source>After the refund: principal %1 − %2 = %3; bonus %4 stays on the card.</source>
        <translation>退款后：本金 %1 − %2 = %3；赠送 %4 仍留在卡上。</translation>
    </message>
    <message>
        <source>Enter the amount to refund.</source>
        <translation>请输入退款金额。</translation>
    </message>
    <message>
        <source>At most %1 can be refunded (the principal held).</source>
        <translation>最多可退 %1（现有本金）。</translation>
    </message>
    <message>
        <source>A refund needs a reason.</source>
        <translation>退款必须填写原因。</translation>
    </message>
    <message>
        <source>Choose how the money is paid back.</source>
        <translation>请选择退款方式。</translation>
    </message>
    <message>
        <source>Refunded %1</source>
        <translation>已退款 %1</translation>
    </message>
</context>
<context>
    <name>SellCardDialog</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Sell a card</source>
        <translation>售卡</translation>
    </message>
    <message>
        <source>Sell a card — %1</source>
        <translation>售卡 — %1</translation>
    </message>
    <message>
        <source>&amp;Card:</source>
        <translation>次卡(&amp;C)：</translation>
    </message>
    <message>
        <source>Paid &amp;by:</source>
        <translation>付款方式(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Sold by:</source>
        <translation>售卡员工(&amp;S)：</translation>
    </message>
    <message>
        <source>Sell (Enter)</source>
        <translation>售出（回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>No card types yet: add them in Settings → Cards and packages.</source>
        <translation>还没有次卡类型：请在“设置 → 次卡与套餐”中添加。</translation>
    </message>
    <message>
        <source>%1: %2 paid uses at %3 each</source>
        <translation>%1：付费 %2 次，每次确认 %3</translation>
    </message>
    <message>
        <source> + %1 gifted</source>
        <translation> + 赠送 %1 次</translation>
    </message>
    <message>
        <source>%1: %2 gifted uses</source>
        <translation>%1：赠送 %2 次</translation>
    </message>
    <message>
        <source>Valid: %1 (last day %2)</source>
        <translation>有效期：%1（到期日 %2）</translation>
    </message>
    <message>
        <source>Money received %1 is owed to the member until the uses are used.</source>
        <translation>实收 %1 在次数用完前是欠顾客的（负债），不计营业收入。</translation>
    </message>
    <message>
        <source>Choose a card.</source>
        <translation>请选择次卡。</translation>
    </message>
    <message>
        <source>Card sold: %1 (%2)</source>
        <translation>已售出：%1（%2）</translation>
    </message>
</context>
<context>
    <name>SplitDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Share the line</source>
        <translation>多人分成</translation>
    </message>
    <message>
        <source>%1 did this line with:</source>
        <translation>%1 与以下员工一起完成：</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Person &amp;%1:</source>
        <translation>员工 &amp;%1：</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（无人）</translation>
    </message>
    <message>
        <source>&amp;Equal shares</source>
        <translation>平均分成(&amp;E)</translation>
    </message>
</context>
<context>
    <name>TodayBox</name>
    <message>
        <source>Taken today</source>
        <translation>今日收款</translation>
    </message>
    <message>
        <source>Today&apos;s list</source>
        <translation>今日名单</translation>
    </message>
    <message>
        <source>No money taken yet</source>
        <translation>今天还没有收款</translation>
    </message>
    <message>
        <source>%1 more</source>
        <translation>还有 %1 条</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>散客</translation>
    </message>
    <message>
        <source>(arrived)</source>
        <translation>（已到店）</translation>
    </message>
    <message>
        <source>Visits so far</source>
        <translation>今日到店</translation>
    </message>
    <message>
        <source>No visits yet</source>
        <translation>今天还没有到店</translation>
    </message>
    <message>
        <source>Bookings due</source>
        <translation>待到店预约</translation>
    </message>
    <message>
        <source>No bookings due</source>
        <translation>今天没有待到店的预约</translation>
    </message>
</context>
<context>
    <name>TopupDialog</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Top up</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>Top up — %1 (balance %2)</source>
        <translation>充值 — %1（余额 %2）</translation>
    </message>
    <message>
        <source>&amp;Amount paid:</source>
        <translation>实收金额(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Bonus:</source>
        <translation>赠送(&amp;B)：</translation>
    </message>
    <message>
        <source>Paid &amp;by:</source>
        <translation>付款方式(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Sold by:</source>
        <translation>销售人(&amp;S)：</translation>
    </message>
    <message>
        <source>New balance:</source>
        <translation>充值后余额：</translation>
    </message>
    <message>
        <source>Save (Enter)</source>
        <translation>保存（回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Offer: top up %1, get %2 bonus</source>
        <translation>充值赠送：充 %1 送 %2</translation>
    </message>
    <message>
        <source> and the level %1</source>
        <translation>，并升级为 %1</translation>
    </message>
    <message>
        <source>Enter the amount paid.</source>
        <translation>请填写实收金额。</translation>
    </message>
    <message>
        <source>Choose how it was paid.</source>
        <translation>请选择付款方式。</translation>
    </message>
    <message>
        <source>Topped up %1; balance %2</source>
        <translation>已充值 %1，余额 %2</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>New visit</source>
        <translation>新增消费</translation>
    </message>
    <message>
        <source>Add &amp;service:</source>
        <translation>添加项目(&amp;S)：</translation>
    </message>
    <message>
        <source>type the name or pinyin initials, e.g. xjc; Enter adds</source>
        <translation>输入名称或拼音首字母，如 xjc；回车添加</translation>
    </message>
    <message>
        <source>S&amp;taff:</source>
        <translation>员工(&amp;T)：</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <source>Stored &amp;value</source>
        <translation>储值(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Points</source>
        <translation>积分(&amp;P)</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>备注（可选）</translation>
    </message>
    <message>
        <source>Save (Enter)</source>
        <translation>保存（回车）</translation>
    </message>
    <message>
        <source>Save the visit (Enter)</source>
        <translation>保存消费（回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>New visit — walk-in customer</source>
        <translation>新增消费 — 散客</translation>
    </message>
    <message>
        <source>%1 (&amp;%2)</source>
        <translation>%1(&amp;%2)</translation>
    </message>
    <message>
        <source>Walk-ins pay with money (cash, WeChat Pay, Alipay…), not from a card.</source>
        <translation>散客用现金、微信支付、支付宝等付款，不能用储值付款。</translation>
    </message>
    <message>
        <source>New visit — %1</source>
        <translation>新增消费 — %1</translation>
    </message>
    <message>
        <source>Stored value %1 · Points %2</source>
        <translation>储值 %1 · 积分 %2</translation>
    </message>
    <message>
        <source>balance %1</source>
        <translation>余额 %1</translation>
    </message>
    <message>
        <source>%1 points = %2</source>
        <translation>%1 积分 = %2</translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation>合计 %1</translation>
    </message>
    <message>
        <source> + cards %1</source>
        <translation> + 次卡 %1</translation>
    </message>
    <message>
        <source>Fully allocated</source>
        <translation>已全部分配</translation>
    </message>
    <message>
        <source>Remaining to allocate: %1</source>
        <translation>待分配：%1</translation>
    </message>
    <message>
        <source>Allocated %1 too much</source>
        <translation>多分配了 %1</translation>
    </message>
    <message>
        <source>takes %1 points</source>
        <translation>需扣 %1 积分</translation>
    </message>
    <message>
        <source>Add at least one service (type its name above).</source>
        <translation>请至少添加一个项目（在上方输入名称）。</translation>
    </message>
    <message>
        <source>Price override</source>
        <translation>改价</translation>
    </message>
    <message>
        <source>Why does %1 not get the member level&apos;s price?</source>
        <translation>%1 为什么不按会员等级价格收费？</translation>
    </message>
    <message>
        <source>A changed level price needs a reason.</source>
        <translation>修改等级价格需要填写原因。</translation>
    </message>
    <message>
        <source>Visit saved: %1</source>
        <translation>消费已保存：%1</translation>
    </message>
</context>
</TS>
