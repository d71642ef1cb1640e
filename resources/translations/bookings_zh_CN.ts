<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BookingDetail</name>
    <message>
        <source>Booking #%1</source>
        <translation>预约 #%1</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>With: %1</source>
        <translation>服务人员：%1</translation>
    </message>
    <message>
        <source>anyone</source>
        <translation>不指定</translation>
    </message>
    <message>
        <source>Table: %1</source>
        <translation>桌位：%1</translation>
    </message>
    <message>
        <source>Guests: %1</source>
        <translation>人数：%1</translation>
    </message>
    <message>
        <source>Services: %1</source>
        <translation>服务：%1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>&amp;Arrived → visit</source>
        <translation>已到店 → 开单(&amp;A)</translation>
    </message>
    <message>
        <source>No-&amp;show</source>
        <translation>爽约(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Cancel booking</source>
        <translation>取消预约(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Move…</source>
        <translation>改约(&amp;M)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Reason for cancelling</source>
        <translation>取消原因</translation>
    </message>
    <message>
        <source>by the shop</source>
        <translation>店方取消</translation>
    </message>
    <message>
        <source>Type the reason for cancelling first.</source>
        <translation>请先填写取消原因。</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <source>New booking</source>
        <translation>新预约</translation>
    </message>
    <message>
        <source>&amp;Member</source>
        <translation>会员(&amp;M)</translation>
    </message>
    <message>
        <source>Phone tail, name or pinyin</source>
        <translation>手机尾号、姓名或拼音</translation>
    </message>
    <message>
        <source>or newcomer</source>
        <translation>或新顾客</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>&amp;Services</source>
        <translation>服务(&amp;S)</translation>
    </message>
    <message>
        <source>Type a service, Enter adds it</source>
        <translation>输入服务项目，回车添加</translation>
    </message>
    <message>
        <source>&amp;Time and minutes</source>
        <translation>时间和时长(&amp;T)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>S&amp;taff</source>
        <translation>员工(&amp;T)</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>不指定</translation>
    </message>
    <message>
        <source>Table and guests</source>
        <translation>桌位和人数</translation>
    </message>
    <message>
        <source>(no table)</source>
        <translation>（不指定桌位）</translation>
    </message>
    <message>
        <source> guests</source>
        <translation> 人</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>BookingsScreen</name>
    <message>
        <source>Bookings</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>New booking (N)</source>
        <translation>新预约 (N)</translation>
    </message>
    <message>
        <source>Find a member: phone tail, name or pinyin</source>
        <translation>查找会员：手机尾号、姓名或拼音</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>不指定</translation>
    </message>
    <message>
        <source>party of %1</source>
        <translation>%1 人</translation>
    </message>
    <message>
        <source>Arrows move, Shift+↑/↓ jump between bookings, Enter opens, N new booking, M moves it, PgUp/PgDn another day; type to find a member.</source>
        <translation>方向键移动，Shift+↑/↓ 在预约间跳转，回车打开，N 新预约，M 改约，PgUp/PgDn 换一天；直接输入可查找会员。</translation>
    </message>
    <message>
        <source>Moved to %1</source>
        <translation>已改约到 %1</translation>
    </message>
    <message>
        <source>%1: %2 booked, %3 here, %4 done</source>
        <translation>%1：已预约 %2，已到店 %3，已完成 %4</translation>
    </message>
    <message>
        <source> · closed (Settings → Opening hours and tables)</source>
        <translation> · 休息日（设置 → 营业时间与桌位）</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>已预约</translation>
    </message>
</context>
<context>
    <name>MemberBookingsLabel</name>
    <message>
        <source>Booked %1 %2</source>
        <translation>已预约 %1 %2</translation>
    </message>
    <message>
        <source>No upcoming booking</source>
        <translation>暂无预约</translation>
    </message>
    <message>
        <source>%1 no-show(s)</source>
        <translation>爽约 %1 次</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Move booking #%1</source>
        <translation>改约 #%1</translation>
    </message>
    <message>
        <source>Move %1&apos;s booking of %2 (same number)</source>
        <translation>改约：%1 原定 %2 的预约（编号不变）</translation>
    </message>
    <message>
        <source>New &amp;time:</source>
        <translation>新时间(&amp;T)：</translation>
    </message>
    <message>
        <source>Ta&amp;ble:</source>
        <translation>桌位(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;With:</source>
        <translation>员工(&amp;W)：</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（不指定桌位）</translation>
    </message>
    <message>
        <source>anyone</source>
        <translation>不指定</translation>
    </message>
    <message>
        <source>Move (Enter)</source>
        <translation>改约（回车）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
