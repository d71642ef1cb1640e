<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>FollowupsScreen</name>
    <message>
        <source>Follow-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to today (Ctrl+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save this day&apos;s list as Excel or CSV (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy message  C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the message text (C or Ctrl+C in the list)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note with the outcome (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Called the member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: in person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spoke at the counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stays on the list; counts an attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take it off the list without doing it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide it until the chosen date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to follow up on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>preview: these become due on that day; outcomes can be recorded from then</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to follow up on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a follow-up in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer %1×</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not due yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer noted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snoozed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismissed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export follow-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV file (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting follow-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows saved to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
