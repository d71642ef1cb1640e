<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BirthdayEdit</name>
    <message>
        <source>not known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>solar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lunar (农历)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>leap month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Born in the leap (闰) month of that lunar month</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CounterScreen</name>
    <message>
        <source>Counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone tail, name, pinyin initials or card no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↓ to pick a member, Enter to open the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New member from what was typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member matches “%1”. Ctrl+N makes a new member from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdlePanel</name>
    <message>
        <source>Today is %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-ups due today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on the Follow-ups screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New members this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value owed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>balance of all member cards (a liability)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phone tail, name, pinyin initials or card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pick a member and open the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new visit (a walk-in when no member is open)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>top up / edit the member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new member from what was typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>back to the search box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LinesTable</name>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this line (Del)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemberCardView</name>
    <message>
        <source>Stored value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open follow-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allergies: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>worth %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (voided)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No visits yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing noted yet (F4 to edit).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark this follow-up done (in person, at the counter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 more on the Follow-ups screen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>Edit member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Gender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Birthday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Card no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Greetings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>female</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>male</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>separated by commas, e.g. VIP, 学生</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 金卡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepts birthday greetings and offers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save (Enter; Ctrl+Enter in the notes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please enter the member&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed at another counter — reloaded. Check the member and make your change again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopupDialog</name>
    <message>
        <source>Top up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top up — %1 (balance %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Amount paid:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bonus:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid &amp;by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New balance:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the amount paid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topped up %1; balance %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>New visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;service:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type the name or pinyin initials, e.g. xjc; Enter adds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;taff:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban&amp;k card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mobile pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored &amp;value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the visit (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New visit — walk-in customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Walk-ins pay by cash, card or mobile pay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New visit — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value %1 · Points %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>balance %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 points = %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fully allocated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remaining to allocate: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocated %1 too much</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>takes %1 points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add at least one service (type its name above).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
