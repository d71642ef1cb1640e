<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CampaignsTab</name>
    <message>
        <source>Class A (the best customers)</source>
        <translation>A类会员（最有价值）</translation>
    </message>
    <message>
        <source>RFM: champions</source>
        <translation>RFM：核心会员</translation>
    </message>
    <message>
        <source>RFM: at risk</source>
        <translation>RFM：有流失风险</translation>
    </message>
    <message>
        <source>Lifecycle: declining</source>
        <translation>生命周期：衰退期</translation>
    </message>
    <message>
        <source>Not seen for 60 days</source>
        <translation>60天未到店</translation>
    </message>
    <message>
        <source>Points above 500</source>
        <translation>积分高于500</translation>
    </message>
    <message>
        <source>Package card ending within 30 days</source>
        <translation>次卡30天内到期</translation>
    </message>
    <message>
        <source>Level… (type its name)</source>
        <translation>等级…（输入等级名）</translation>
    </message>
    <message>
        <source>Tag… (type it)</source>
        <translation>标签…（输入标签）</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全部会员</translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>新建营销活动</translation>
    </message>
    <message>
        <source>Campaigns and their outcomes</source>
        <translation>营销活动与效果</translation>
    </message>
    <message>
        <source>Pick a &amp;segment</source>
        <translation>选择客群(&amp;S)</translation>
    </message>
    <message>
        <source>Se&amp;gment</source>
        <translation>客群条件(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Message</source>
        <translation>消息内容(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>发送日期(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>活动名称(&amp;N)</translation>
    </message>
    <message>
        <source>e.g. abc:A, tag:VIP, lapsed:60, card:30 (joined by commas)</source>
        <translation>如 abc:A、tag:VIP、lapsed:60、card:30（多个条件用逗号分隔）</translation>
    </message>
    <message>
        <source>Placeholders: {name} member, {shop} shop, {points} points, {level} level, {days} days since the last visit; with card:N {card} package card, {card_ends} its last day, {card_uses} uses left</source>
        <translation>可用占位符：{name} 会员姓名，{shop} 店名，{points} 积分，{level} 等级，{days} 距上次到店的天数；客群含 card:N 时另有 {card} 次卡名称，{card_ends} 到期日，{card_uses} 剩余次数</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可不填</translation>
    </message>
    <message>
        <source>&amp;Preview (Ctrl+Enter)</source>
        <translation>预览(&amp;P)（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>&amp;Launch (Ctrl+L)</source>
        <translation>发起活动(&amp;L)（Ctrl+L）</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>入选原因</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>已联系</translation>
    </message>
    <message>
        <source>Visited in 30 days</source>
        <translation>30天内到店</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>%1 member(s) get this message; %2 left out (no consent to offers).</source>
        <translation>将有 %1 位会员收到这条消息；%2 位未同意接收优惠，已排除。</translation>
    </message>
    <message>
        <source>Launch campaign</source>
        <translation>发起营销活动</translation>
    </message>
    <message>
        <source>Make %1 follow-up(s) with this message?</source>
        <translation>用这条消息生成 %1 条回访？</translation>
    </message>
    <message>
        <source>Campaign launched: %1 follow-up(s) made</source>
        <translation>活动已发起：生成 %1 条回访</translation>
    </message>
</context>
<context>
    <name>CareScreen</name>
    <message>
        <source>Care</source>
        <translation>会员关怀</translation>
    </message>
    <message>
        <source>Customer care</source>
        <translation>会员关怀</translation>
    </message>
    <message>
        <source>&amp;Campaigns</source>
        <translation>营销活动(&amp;C)</translation>
    </message>
    <message>
        <source>Com&amp;plaints</source>
        <translation>投诉处理(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Satisfaction</source>
        <translation>满意度(&amp;S)</translation>
    </message>
</context>
<context>
    <name>ComplaintsTab</name>
    <message>
        <source>Redo</source>
        <translation>返工</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Apology</source>
        <translation>道歉</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>代金券</translation>
    </message>
    <message>
        <source>Show &amp;resolved and dropped</source>
        <translation>显示已解决和已放弃的(&amp;R)</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>投诉时间</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <source>About</source>
        <translation>涉及项目/员工</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Con&amp;tacted (Ctrl+K)</source>
        <translation>已联系(&amp;T)（Ctrl+K）</translation>
    </message>
    <message>
        <source>What was done (kept with the complaint)</source>
        <translation>处理说明（随投诉保存）</translation>
    </message>
    <message>
        <source>Resol&amp;ve (Ctrl+R)</source>
        <translation>已解决(&amp;V)（Ctrl+R）</translation>
    </message>
    <message>
        <source>&amp;Drop</source>
        <translation>放弃(&amp;D)</translation>
    </message>
    <message>
        <source>New complaint (Ctrl+N)</source>
        <translation>登记投诉（Ctrl+N）</translation>
    </message>
    <message>
        <source>M&amp;ember</source>
        <translation>会员(&amp;E)</translation>
    </message>
    <message>
        <source>phone, card or #id</source>
        <translation>手机号、卡号或 #编号</translation>
    </message>
    <message>
        <source>Comp&amp;laint</source>
        <translation>投诉内容(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>登记(&amp;A)</translation>
    </message>
    <message>
        <source>From the follow-up list: choose how it was resolved, write what was done and press Ctrl+R (or Drop); then you are back on the list.</source>
        <translation>来自回访名单：选择处理方式，写下做了什么，按 Ctrl+R（或点“放弃”），完成后自动回到回访名单。</translation>
    </message>
    <message>
        <source>Back to follow-ups (Esc)</source>
        <translation>返回回访名单（Esc）</translation>
    </message>
    <message>
        <source>%1 complaint(s) not resolved yet</source>
        <translation>%1 条投诉尚未解决</translation>
    </message>
    <message>
        <source>Marked contacted</source>
        <translation>已标记为已联系</translation>
    </message>
    <message>
        <source>Complaint resolved</source>
        <translation>投诉已解决</translation>
    </message>
    <message>
        <source>Complaint dropped</source>
        <translation>投诉已放弃</translation>
    </message>
    <message>
        <source>Complaint added: a follow-up is due today</source>
        <translation>投诉已登记：今天需要回访</translation>
    </message>
</context>
<context>
    <name>SatisfactionTab</name>
    <message>
        <source>Staff / service</source>
        <translation>员工 / 项目</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>评分数</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均分</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低分数</translation>
    </message>
    <message>
        <source>Score for &amp;member</source>
        <translation>评分会员(&amp;M)</translation>
    </message>
    <message>
        <source>phone, card or #id</source>
        <translation>手机号、卡号或 #编号</translation>
    </message>
    <message>
        <source>S&amp;core (1–5)</source>
        <translation>满意度(&amp;C)（1–5）</translation>
    </message>
    <message>
        <source>Sa&amp;ve score (Ctrl+S)</source>
        <translation>保存评分(&amp;V)（Ctrl+S）</translation>
    </message>
    <message>
        <source>This month: %1 score(s), average %2, low (≤ %3) %4</source>
        <translation>本月：%1 条评分，平均 %2 分，低分（≤ %3）占 %4</translation>
    </message>
    <message>
        <source>No scores this month yet.</source>
        <translation>本月还没有评分。</translation>
    </message>
    <message>
        <source>By staff</source>
        <translation>按员工</translation>
    </message>
    <message>
        <source>By service</source>
        <translation>按项目</translation>
    </message>
    <message>
        <source>Low score kept: a care follow-up is due today</source>
        <translation>已记录低分：今天需要回访</translation>
    </message>
    <message>
        <source>Score kept</source>
        <translation>评分已保存</translation>
    </message>
</context>
</TS>
