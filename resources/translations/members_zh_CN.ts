<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>FilterBar</name>
    <message>
        <source>All levels</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <source>Membership level</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>Members with this tag</source>
        <translation>带此标签的会员</translation>
    </message>
    <message>
        <source>ABC: all</source>
        <translation>ABC：全部</translation>
    </message>
    <message>
        <source>ABC: %1</source>
        <translation>ABC：%1</translation>
    </message>
    <message>
        <source>ABC class by lifetime spend: A = the few who bring most of the revenue</source>
        <translation>按累计消费的 ABC 分类：A 类为贡献大部分营业额的少数会员</translation>
    </message>
    <message>
        <source>All RFM segments</source>
        <translation>全部 RFM 分群</translation>
    </message>
    <message>
        <source>RFM segment (recency, frequency, money)</source>
        <translation>RFM 分群（最近到店、频次、消费额）</translation>
    </message>
    <message>
        <source>All lifecycle stages</source>
        <translation>全部生命周期</translation>
    </message>
    <message>
        <source>Lifecycle stage</source>
        <translation>生命周期阶段</translation>
    </message>
    <message>
        <source>Visited in the last %1 days</source>
        <translation>近 %1 天到过店</translation>
    </message>
    <message>
        <source>Not seen for %1+ days</source>
        <translation>%1 天以上未到店</translation>
    </message>
    <message>
        <source>Never visited</source>
        <translation>从未到店</translation>
    </message>
    <message>
        <source>Any last visit</source>
        <translation>不限最近到店</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>最近到店</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在册</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>Active and archived</source>
        <translation>在册及已归档</translation>
    </message>
    <message>
        <source>Active or archived members</source>
        <translation>在册或已归档的会员</translation>
    </message>
</context>
<context>
    <name>ImportSummaryDialog</name>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>未导入</translation>
    </message>
    <message>
        <source>Columns not recognised (ignored): %1</source>
        <translation>未识别的列（已忽略）：%1</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Save row-by-row report…</source>
        <translation>保存逐行导入报告…</translation>
    </message>
    <message>
        <source>An Excel file with the result of every row and the reason of each rejection</source>
        <translation>Excel 文件：每一行的导入结果及未导入的原因</translation>
    </message>
    <message>
        <source>Save import report</source>
        <translation>保存导入报告</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Report saved: %1</source>
        <translation>报告已保存：%1</translation>
    </message>
</context>
<context>
    <name>MemberColumns</name>
    <message>
        <source>Member #%1 · joined %2</source>
        <translation>会员 #%1 · %2 入会</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>最近到店</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>到店次数</translation>
    </message>
    <message>
        <source>Total spend</source>
        <translation>累计消费</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>储值余额</translation>
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
</context>
<context>
    <name>MembersEmptyHint</name>
    <message>
        <source>No members yet: add them at the counter as they come in, or import your existing list from Excel (get the template to see the columns).</source>
        <translation>还没有会员：顾客到店时在前台添加，或从 Excel 导入现有会员名单（先获取模板查看各列）。</translation>
    </message>
    <message>
        <source>New member</source>
        <translation>新会员</translation>
    </message>
    <message>
        <source>Get the template…</source>
        <translation>获取模板…</translation>
    </message>
    <message>
        <source>Import members…</source>
        <translation>导入会员…</translation>
    </message>
    <message>
        <source>Save a blank members workbook with the columns the import reads</source>
        <translation>保存一份空白会员表，包含导入时读取的各列</translation>
    </message>
    <message>
        <source>Get the template</source>
        <translation>获取模板</translation>
    </message>
    <message>
        <source>Template saved: %1</source>
        <translation>模板已保存：%1</translation>
    </message>
</context>
<context>
    <name>MembersScreen</name>
    <message>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Filter by name, pinyin, initials, phone digits or card (%1)</source>
        <translation>按姓名、拼音、首字母、手机号或卡号筛选（%1）</translation>
    </message>
    <message>
        <source>Open at the counter</source>
        <translation>在前台打开</translation>
    </message>
    <message>
        <source>Show this member on the Counter</source>
        <translation>在前台显示该会员</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Import members from Excel or CSV</source>
        <translation>从 Excel 或 CSV 导入会员</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the member list as an Excel workbook</source>
        <translation>把会员名单导出为 Excel 工作簿</translation>
    </message>
    <message>
        <source>Merge…</source>
        <translation>合并…</translation>
    </message>
    <message>
        <source>Merge the two selected members into one</source>
        <translation>把选中的两位会员合并为一位</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Archive the selected members</source>
        <translation>归档选中的会员</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Make the selected archived members active</source>
        <translation>把选中的已归档会员恢复为在册</translation>
    </message>
    <message>
        <source>Only the owner can export members</source>
        <translation>只有店主可以导出会员</translation>
    </message>
    <message>
        <source>%1 members</source>
        <translation>%1 位会员</translation>
    </message>
    <message>
        <source>Archive members</source>
        <translation>归档会员</translation>
    </message>
    <message>
        <source>Archive %1 member(s)? They leave the counter search and the lists, and can be restored at any time (filter “Archived”).</source>
        <translation>归档 %1 位会员？归档后不会出现在前台搜索和名单中，可随时恢复（筛选“已归档”）。</translation>
    </message>
    <message>
        <source>%1 member(s) archived</source>
        <translation>已归档 %1 位会员</translation>
    </message>
    <message>
        <source>%1 member(s) restored</source>
        <translation>已恢复 %1 位会员</translation>
    </message>
    <message>
        <source>Merge two members</source>
        <translation>合并两位会员</translation>
    </message>
    <message>
        <source>Select exactly two members first.</source>
        <translation>请先选中两位会员。</translation>
    </message>
    <message>
        <source>Merged: %1 visit(s) moved</source>
        <translation>已合并：转移了 %1 条到店记录</translation>
    </message>
    <message>
        <source>Import members</source>
        <translation>导入会员</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xlsm *.csv);;All files (*)</source>
        <translation>表格文件 (*.xlsx *.xlsm *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Importing members</source>
        <translation>正在导入会员</translation>
    </message>
    <message>
        <source>Import cancelled; no member was changed</source>
        <translation>导入已取消，没有修改任何会员</translation>
    </message>
    <message>
        <source>Export members</source>
        <translation>导出会员</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting members</source>
        <translation>正在导出会员</translation>
    </message>
    <message>
        <source>%1 members exported to %2</source>
        <translation>已导出 %1 位会员到 %2</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge two members</source>
        <translation>合并两位会员</translation>
    </message>
    <message>
        <source>Both records belong to one person? Choose the record to keep. Visits, follow-ups, tags and balances of the other move to it; its empty fields are filled from the other. The other record is kept as “merged”.</source>
        <translation>两条记录是同一个人？请选择保留哪一条。另一条的到店记录、回访、标签和余额都会转到保留的会员上，空白资料由另一条补全。另一条记录会保留为“已合并”。</translation>
    </message>
    <message>
        <source>Keep %1</source>
        <translation>保留 %1</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在册</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>Member no.</source>
        <translation>会员编号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>入会日期</translation>
    </message>
    <message>
        <source>Visits</source>
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
        <source>Tags</source>
        <translation>标签</translation>
    </message>
</context>
</TS>
