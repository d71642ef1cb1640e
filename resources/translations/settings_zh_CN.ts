<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AuditPage</name>
    <message>
        <source>Bookings</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>桌台</translation>
    </message>
    <message>
        <source>Package cards</source>
        <translation>次卡</translation>
    </message>
    <message>
        <source>Package card types</source>
        <translation>次卡类型</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Satisfaction scores</source>
        <translation>满意度评分</translation>
    </message>
    <message>
        <source>Member levels</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Top-up offers</source>
        <translation>充值赠送</translation>
    </message>
    <message>
        <source>Commission rules</source>
        <translation>提成规则</translation>
    </message>
    <message>
        <source>Payment methods</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>Month close</source>
        <translation>结账</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>到店消费</translation>
    </message>
    <message>
        <source>Wallet</source>
        <translation>储值与积分</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Follow-up rules</source>
        <translation>回访规则</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Member fields</source>
        <translation>会员字段</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>added</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>renamed</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>retired</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>shown again</source>
        <translation>重新显示</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>已隐藏</translation>
    </message>
    <message>
        <source>PIN set</source>
        <translation>设置 PIN 码</translation>
    </message>
    <message>
        <source>PIN cleared</source>
        <translation>清除 PIN 码</translation>
    </message>
    <message>
        <source>logged in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>wrong PIN</source>
        <translation>PIN 码错误</translation>
    </message>
    <message>
        <source>merged</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>erased</source>
        <translation>删除个人数据</translation>
    </message>
    <message>
        <source>exported</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>personal data exported</source>
        <translation>导出个人数据</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>tagged</source>
        <translation>加标签</translation>
    </message>
    <message>
        <source>tag removed</source>
        <translation>去标签</translation>
    </message>
    <message>
        <source>topped up</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>balance adjusted</source>
        <translation>调整余额</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>全部对象</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the filtered log as Excel (.xlsx) or CSV</source>
        <translation>将筛选后的日志保存为 Excel（.xlsx）或 CSV</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>经过</translation>
    </message>
    <message>
        <source>Showing the newest %1 entries; narrow the filter or export all.</source>
        <translation>仅显示最新 %1 条；请缩小筛选范围，或导出全部。</translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation>共 %1 条</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>导出操作日志</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Writing %1</source>
        <translation>正在写入 %1</translation>
    </message>
    <message>
        <source>Exporting the audit log</source>
        <translation>正在导出操作日志</translation>
    </message>
    <message>
        <source>%1 entries written to %2</source>
        <translation>已将 %1 条写入 %2</translation>
    </message>
</context>
<context>
    <name>BackupsPage</name>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>This shop uses a PostgreSQL server: back it up on the server with pg_dump and restore with pg_restore.</source>
        <translation>本店使用 PostgreSQL 服务器：请在服务器上用 pg_dump 备份、用 pg_restore 恢复。</translation>
    </message>
    <message>
        <source>Backup folder (a USB stick or a synced folder)</source>
        <translation>备份文件夹（可选 U 盘或同步文件夹）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Use this folder</source>
        <translation>使用此文件夹</translation>
    </message>
    <message>
        <source>Backups (made daily, on close and on demand)</source>
        <translation>备份（每天、关闭时及手动备份）</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore selected…</source>
        <translation>恢复所选备份…</translation>
    </message>
    <message>
        <source>Restore from file…</source>
        <translation>从文件恢复…</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Database check</source>
        <translation>数据库检查</translation>
    </message>
    <message>
        <source>Check the database</source>
        <translation>检查数据库</translation>
    </message>
    <message>
        <source>A quick check runs at every start; the full check reads every page.</source>
        <translation>每次启动都会快速检查；完整检查会读取全部数据页。</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>Copying the database…</source>
        <translation>正在复制数据库…</translation>
    </message>
    <message>
        <source>Backup saved: %1</source>
        <translation>备份已保存：%1</translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation>正在备份</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>ShopCRM backups (*.db);;All files (*)</source>
        <translation>ShopCRM 备份 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Replace the shop&apos;s data with the backup %1?

The current database is kept aside as a copy (…before-restore-….db), so nothing is lost. The backup is checked first; the window then reopens on the restored data.</source>
        <translation>用备份 %1 替换本店数据？

当前数据库会另存一份副本（…before-restore-….db），数据不会丢失。恢复前会先检查备份，完成后窗口将重新打开恢复后的数据。</translation>
    </message>
    <message>
        <source>Checking the backup and restoring…</source>
        <translation>正在检查备份并恢复…</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>备份已恢复</translation>
    </message>
    <message>
        <source>Restored %1: %2 members, %3 visits.
The previous database is kept as %4.</source>
        <translation>已恢复 %1：%2 位会员，%3 次到店。
原数据库另存为 %4。</translation>
    </message>
    <message>
        <source>Restoring</source>
        <translation>正在恢复</translation>
    </message>
    <message>
        <source>Checking the database</source>
        <translation>正在检查数据库</translation>
    </message>
</context>
<context>
    <name>CardTypesPage</name>
    <message>
        <source>Cards and packages</source>
        <translation>次卡与套餐</translation>
    </message>
    <message>
        <source>Card types for sale</source>
        <translation>在售的次卡类型</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>次卡</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>Uses (paid + gifted)</source>
        <translation>次数（付费 + 赠送）</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Value per paid use</source>
        <translation>每次确认收入</translation>
    </message>
    <message>
        <source>Stop selling</source>
        <translation>停售</translation>
    </message>
    <message>
        <source>New card type</source>
        <translation>新增次卡类型</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Price ¥</source>
        <translation>售价 ¥(&amp;P)</translation>
    </message>
    <message>
        <source>Paid &amp;uses</source>
        <translation>付费次数(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Gifted uses</source>
        <translation>赠送次数(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Valid</source>
        <translation>有效期(&amp;V)</translation>
    </message>
    <message>
        <source>days after the sale</source>
        <translation>售出后天数</translation>
    </message>
    <message>
        <source>until a date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>no expiry</source>
        <translation>不限期</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Each paid use recognises its share of the price (by list price); gifted uses recognise ¥0. Unused value at expiry becomes breakage income in the report.</source>
        <translation>每次付费使用按标价比例确认售价的一份收入；赠送次数确认 ¥0。到期未用完的余值在报表中转为过期收入。</translation>
    </message>
    <message>
        <source>Add card type</source>
        <translation>添加次卡类型</translation>
    </message>
    <message>
        <source>Card type added</source>
        <translation>已添加次卡类型</translation>
    </message>
    <message>
        <source>Card type retired</source>
        <translation>次卡类型已停售</translation>
    </message>
</context>
<context>
    <name>CatalogPage</name>
    <message>
        <source>Services &amp; prices</source>
        <translation>服务与价格</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>List price</source>
        <translation>标价</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>Care (days)</source>
        <translation>回访（天）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Category</source>
        <translation>分类(&amp;C)</translation>
    </message>
    <message>
        <source>List &amp;price (¥)</source>
        <translation>标价(&amp;P)（元）</translation>
    </message>
    <message>
        <source>&amp;Duration (min)</source>
        <translation>时长(&amp;D)（分钟）</translation>
    </message>
    <message>
        <source>Care c&amp;alls after (days)</source>
        <translation>服务后回访(&amp;A)（天）</translation>
    </message>
    <message>
        <source>e.g. 3, 30</source>
        <translation>例如 3, 30</translation>
    </message>
    <message>
        <source>A care call is raised this many days after a visit with this service. A retired service stays in old visits.</source>
        <translation>做过此项目的顾客，会在这些天数后生成回访提醒。停用的项目仍保留在历史记录中。</translation>
    </message>
    <message>
        <source>In use (untick to retire)</source>
        <translation>使用中（取消勾选即停用）</translation>
    </message>
    <message>
        <source>New service</source>
        <translation>新服务项目</translation>
    </message>
    <message>
        <source>Save service</source>
        <translation>保存服务项目</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Add category…</source>
        <translation>添加分类…</translation>
    </message>
    <message>
        <source>Rename category…</source>
        <translation>重命名分类…</translation>
    </message>
    <message>
        <source>Add a starter catalogue…</source>
        <translation>添加入门价目表…</translation>
    </message>
    <message>
        <source>No services yet: start from a typical price list for your kind of shop, or import yours from Excel.</source>
        <translation>还没有服务项目：可以从本类店铺的常用价目表开始，或从 Excel 导入您自己的价目表。</translation>
    </message>
    <message>
        <source>Import from Excel…</source>
        <translation>从 Excel 导入…</translation>
    </message>
    <message>
        <source>(no category)</source>
        <translation>（未分类）</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>retired</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Care calls are whole numbers of days separated by commas, e.g. 3, 30.</source>
        <translation>回访天数须为整数，用逗号分隔，例如 3, 30。</translation>
    </message>
    <message>
        <source>Service saved</source>
        <translation>服务项目已保存</translation>
    </message>
    <message>
        <source>Add category</source>
        <translation>添加分类</translation>
    </message>
    <message>
        <source>Category name</source>
        <translation>分类名称</translation>
    </message>
    <message>
        <source>Rename category</source>
        <translation>重命名分类</translation>
    </message>
</context>
<context>
    <name>CommissionPage</name>
    <message>
        <source>Commission</source>
        <translation>提成</translation>
    </message>
    <message>
        <source>Commission rules in force</source>
        <translation>有效的提成规则</translation>
    </message>
    <message>
        <source>The most specific rule wins: a person over a role, a service over a category, designated or rotation over either. Saving a rule with the same who / on / mode replaces it from now; lines already recorded keep their rate.</source>
        <translation>最具体的规则优先：个人优先于岗位，项目优先于分类，指定/轮牌优先于不限。保存员工、项目、方式都相同的规则会从现在起替换原规则；已记录的项目保持原比例。</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>On</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Designated / rotation</source>
        <translation>指定/轮牌</translation>
    </message>
    <message>
        <source>Pays</source>
        <translation>提成</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>基数</translation>
    </message>
    <message>
        <source>Monthly tiers</source>
        <translation>月度阶梯</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>生效</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>&amp;Who</source>
        <translation>员工(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;On</source>
        <translation>项目(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Mode</source>
        <translation>方式(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Pays</source>
        <translation>提成(&amp;P)</translation>
    </message>
    <message>
        <source>Monthly &amp;tiers</source>
        <translation>月度阶梯(&amp;T)</translation>
    </message>
    <message>
        <source>either</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>designated (指定)</source>
        <translation>指定</translation>
    </message>
    <message>
        <source>rotation (轮牌)</source>
        <translation>轮牌</translation>
    </message>
    <message>
        <source>rate %</source>
        <translation>比例 %</translation>
    </message>
    <message>
        <source>fixed ¥ each</source>
        <translation>每项固定 ¥</translation>
    </message>
    <message>
        <source>of the amount paid (实收)</source>
        <translation>按实收</translation>
    </message>
    <message>
        <source>of the list price</source>
        <translation>按标价</translation>
    </message>
    <message>
        <source>zero-based: whole month at the rate reached</source>
        <translation>全额累进：全月按达到的比例</translation>
    </message>
    <message>
        <source>progressive: each band at its rate</source>
        <translation>超额累进：各段按各自比例</translation>
    </message>
    <message>
        <source>Retire rule</source>
        <translation>停用规则</translation>
    </message>
    <message>
        <source>Save rule</source>
        <translation>保存规则</translation>
    </message>
    <message>
        <source>everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>role: %1</source>
        <translation>岗位：%1</translation>
    </message>
    <message>
        <source>any service</source>
        <translation>所有项目</translation>
    </message>
    <message>
        <source>category: %1</source>
        <translation>分类：%1</translation>
    </message>
    <message>
        <source>card sales</source>
        <translation>售卡</translation>
    </message>
    <message>
        <source>top-ups</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>Rule saved</source>
        <translation>规则已保存</translation>
    </message>
    <message>
        <source>Rule retired</source>
        <translation>规则已停用</translation>
    </message>
</context>
<context>
    <name>FieldsPage</name>
    <message>
        <source>Member fields</source>
        <translation>会员字段</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Choices</source>
        <translation>可选项</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Add a custom field</source>
        <translation>添加自定义字段</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Type</source>
        <translation>类型(&amp;T)</translation>
    </message>
    <message>
        <source>C&amp;hoices</source>
        <translation>可选项(&amp;H)</translation>
    </message>
    <message>
        <source>e.g. Nail shape</source>
        <translation>例如 甲形</translation>
    </message>
    <message>
        <source>e.g. round, square, almond</source>
        <translation>例如 圆形、方形、杏仁形</translation>
    </message>
    <message>
        <source>Add field</source>
        <translation>添加字段</translation>
    </message>
    <message>
        <source>The shop type&apos;s fields come with the type. Hiding a custom field keeps what members already have in it.</source>
        <translation>店铺类型自带的字段随类型而定。隐藏自定义字段不会删除会员已填写的内容。</translation>
    </message>
    <message>
        <source>Show again</source>
        <translation>重新显示</translation>
    </message>
    <message>
        <source>Hide field</source>
        <translation>隐藏字段</translation>
    </message>
    <message>
        <source>yes (shop type)</source>
        <translation>是（店铺类型）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>已隐藏</translation>
    </message>
    <message>
        <source>Field added</source>
        <translation>字段已添加</translation>
    </message>
</context>
<context>
    <name>HoursPage</name>
    <message>
        <source>Opening hours and tables</source>
        <translation>营业时间与桌位</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>营业时间</translation>
    </message>
    <message>
        <source>Opens</source>
        <translation>开门</translation>
    </message>
    <message>
        <source>Closes</source>
        <translation>关门</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>休息</translation>
    </message>
    <message>
        <source>The Bookings day view runs from opening to closing time; utilisation in the month report counts these hours, and no hours on a closed day. Ctrl+S saves.</source>
        <translation>预约的日视图从开门显示到关门；月报的员工利用率按这些时间计算，休息日不计。Ctrl+S 保存。</translation>
    </message>
    <message>
        <source>Save hours</source>
        <translation>保存营业时间</translation>
    </message>
    <message>
        <source>Tables and rooms</source>
        <translation>桌位与包间</translation>
    </message>
    <message>
        <source>For restaurants: with tables set up, the day view has one column per table. Enter in the name adds a table; Del retires the selected one or brings it back.</source>
        <translation>餐厅用：设置桌位后，预约日视图每张桌一列。在名称框按 Enter 新增桌位；Del 停用所选桌位，再按一次恢复使用。</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>桌位</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Seats</source>
        <translation>座位数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>A&amp;rea</source>
        <translation>区域(&amp;R)</translation>
    </message>
    <message>
        <source>S&amp;eats</source>
        <translation>座位数(&amp;E)</translation>
    </message>
    <message>
        <source>Add table</source>
        <translation>新增桌位</translation>
    </message>
    <message>
        <source>Bring back</source>
        <translation>恢复使用</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Opening hours saved</source>
        <translation>营业时间已保存</translation>
    </message>
    <message>
        <source>No changes</source>
        <translation>没有修改</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>retired</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Table %1 added</source>
        <translation>已新增桌位 %1</translation>
    </message>
</context>
<context>
    <name>ImportButtons</name>
    <message>
        <source>Import from Excel…</source>
        <translation>从 Excel 导入…</translation>
    </message>
    <message>
        <source>Get the template…</source>
        <translation>获取模板…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Excel or CSV (*.xlsx *.csv);;All files (*)</source>
        <translation>Excel 或 CSV (*.xlsx *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>Get the template</source>
        <translation>获取模板</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Template saved: %1</source>
        <translation>模板已保存：%1</translation>
    </message>
</context>
<context>
    <name>LevelsPage</name>
    <message>
        <source>Member levels</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Levels (lowest first)</source>
        <translation>等级（由低到高）</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>分类折扣</translation>
    </message>
    <message>
        <source>Points ×</source>
        <translation>积分倍率</translation>
    </message>
    <message>
        <source>Upgrade rule</source>
        <translation>升级条件</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员数</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Discount (rate paid)</source>
        <translation>折扣(&amp;D)（实付比例）</translation>
    </message>
    <message>
        <source>By &amp;category</source>
        <translation>分类折扣(&amp;C)</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Rate (blank: default)</source>
        <translation>折扣（空白：按默认）</translation>
    </message>
    <message>
        <source>&amp;Upgrade when</source>
        <translation>升级条件(&amp;U)</translation>
    </message>
    <message>
        <source>no automatic upgrade</source>
        <translation>不自动升级</translation>
    </message>
    <message>
        <source>cumulative top-ups ≥ ¥</source>
        <translation>累计充值 ≥ ¥</translation>
    </message>
    <message>
        <source>cumulative spend ≥ ¥</source>
        <translation>累计消费 ≥ ¥</translation>
    </message>
    <message>
        <source>one top-up ≥ ¥</source>
        <translation>单次充值 ≥ ¥</translation>
    </message>
    <message>
        <source>all time</source>
        <translation>不限期</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Step down at the window&apos;s end</source>
        <translation>周期结束未达标则降级</translation>
    </message>
    <message>
        <source>&amp;Points ×</source>
        <translation>积分倍率(&amp;P)</translation>
    </message>
    <message>
        <source>New level</source>
        <translation>新等级</translation>
    </message>
    <message>
        <source>Save level</source>
        <translation>保存等级</translation>
    </message>
    <message>
        <source>Top-up offers (best tier applies)</source>
        <translation>充值赠送（按可达到的最高档）</translation>
    </message>
    <message>
        <source>Top up</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>赠送</translation>
    </message>
    <message>
        <source>Level given</source>
        <translation>升级至</translation>
    </message>
    <message>
        <source>&amp;Top up ¥</source>
        <translation>充值(&amp;T) ¥</translation>
    </message>
    <message>
        <source>&amp;Bonus ¥</source>
        <translation>赠送(&amp;B) ¥</translation>
    </message>
    <message>
        <source>Add offer</source>
        <translation>添加方案</translation>
    </message>
    <message>
        <source>Retire offer</source>
        <translation>停用方案</translation>
    </message>
    <message>
        <source>(no level)</source>
        <translation>（不升级）</translation>
    </message>
    <message>
        <source>Level saved</source>
        <translation>等级已保存</translation>
    </message>
    <message>
        <source>Offer added</source>
        <translation>充值赠送已添加</translation>
    </message>
    <message>
        <source>Offer retired</source>
        <translation>充值赠送已停用</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in — %1</source>
        <translation>登录 — %1</translation>
    </message>
    <message>
        <source>Who is at the counter?</source>
        <translation>现在是谁在前台？</translation>
    </message>
    <message>
        <source>Choose your name and type your PIN, then press Enter.</source>
        <translation>请选择您的姓名并输入 PIN 码，然后按回车。</translation>
    </message>
    <message>
        <source>Your &amp;name</source>
        <translation>您的姓名(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;PIN</source>
        <translation>PIN 码(&amp;P)</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>店主</translation>
    </message>
</context>
<context>
    <name>MethodsPage</name>
    <message>
        <source>Payment methods</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>The ways the shop takes money, in the order the visit and top-up dialogs list them. WeChat Pay and Alipay are kept apart: they arrive on different statements. A retired method is no longer offered; old payments keep it.</source>
        <translation>店里收款的方式，按消费和充值窗口中的显示顺序排列。微信支付和支付宝分开记录：它们的到账对账单不同。停用的方式不再出现在收款选项中，旧的付款记录保留原方式。</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Chinese &amp;name</source>
        <translation>中文名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;English name</source>
        <translation>英文名称(&amp;E)</translation>
    </message>
    <message>
        <source>New method</source>
        <translation>新增方式</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Order and use</source>
        <translation>顺序与启用</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move up (%1)</source>
        <translation>上移（%1）</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Move down (%1)</source>
        <translation>下移（%1）</translation>
    </message>
    <message>
        <source>Retire or restore the method (%1)</source>
        <translation>停用或恢复此方式（%1）</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>member&apos;s balance</source>
        <translation>会员余额</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>retired</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>New payment method</source>
        <translation>新付款方式</translation>
    </message>
    <message>
        <source>Code %1 (kept on every payment; it never changes)</source>
        <translation>代码 %1（记录在每笔付款上，永不改变）</translation>
    </message>
    <message>
        <source>A code is made from the English name when you save.</source>
        <translation>保存时根据英文名称生成代码。</translation>
    </message>
    <message>
        <source>Payment method added</source>
        <translation>已新增付款方式</translation>
    </message>
    <message>
        <source>Payment method renamed</source>
        <translation>已重命名付款方式</translation>
    </message>
    <message>
        <source>Payment method restored</source>
        <translation>已恢复付款方式</translation>
    </message>
    <message>
        <source>Payment method retired</source>
        <translation>已停用付款方式</translation>
    </message>
    <message>
        <source>Order saved</source>
        <translation>顺序已保存</translation>
    </message>
</context>
<context>
    <name>PointsPage</name>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Points rule</source>
        <translation>积分规则</translation>
    </message>
    <message>
        <source>Points &amp;earned per ¥1 spent</source>
        <translation>每消费 1 元获得积分(&amp;E)</translation>
    </message>
    <message>
        <source>Points that &amp;pay ¥1</source>
        <translation>抵扣 1 元所需积分(&amp;P)</translation>
    </message>
    <message>
        <source>Paying from stored value also earns points</source>
        <translation>用储值支付也获得积分</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Example: a ¥100 visit earns %1 points; %2 points pay ¥1.</source>
        <translation>例如：消费 100 元获得 %1 积分；%2 积分可抵 1 元。</translation>
    </message>
    <message>
        <source>Points rule saved</source>
        <translation>积分规则已保存</translation>
    </message>
    <message>
        <source>No changes</source>
        <translation>没有修改</translation>
    </message>
</context>
<context>
    <name>RulesPage</name>
    <message>
        <source>Follow-up rules</source>
        <translation>回访规则</translation>
    </message>
    <message>
        <source>Raise this many days before</source>
        <translation>提前几天提醒</translation>
    </message>
    <message>
        <source>Keep on the list for (days)</source>
        <translation>在回访名单中保留（天）</translation>
    </message>
    <message>
        <source>Lapsed after at least (days)</source>
        <translation>至少多少天未到店算流失</translation>
    </message>
    <message>
        <source>…or this many times their usual gap</source>
        <translation>…或超过平时间隔的倍数</translation>
    </message>
    <message>
        <source>Only members with at least (visits)</source>
        <translation>仅限到店次数不少于</translation>
    </message>
    <message>
        <source>Call after (days; empty: each service&apos;s own)</source>
        <translation>服务后几天回访（留空：按各项目设置）</translation>
    </message>
    <message>
        <source>Anniversaries (years)</source>
        <translation>周年（年）</translation>
    </message>
    <message>
        <source>member&apos;s name</source>
        <translation>会员姓名</translation>
    </message>
    <message>
        <source>shop name</source>
        <translation>店名</translation>
    </message>
    <message>
        <source>the date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>years</source>
        <translation>年数</translation>
    </message>
    <message>
        <source>lunar birthday</source>
        <translation>农历生日</translation>
    </message>
    <message>
        <source>services</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>who served</source>
        <translation>服务员工</translation>
    </message>
    <message>
        <source>usual gap in days</source>
        <translation>平时到店间隔天数</translation>
    </message>
    <message>
        <source>booked time</source>
        <translation>预约时间</translation>
    </message>
    <message>
        <source>Add a rule…</source>
        <translation>添加规则…</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Message templates and preview</source>
        <translation>消息模板与预览</translation>
    </message>
    <message>
        <source>Chinese template → preview</source>
        <translation>中文模板 → 预览</translation>
    </message>
    <message>
        <source>English template → preview</source>
        <translation>英文模板 → 预览</translation>
    </message>
    <message>
        <source>Save rule</source>
        <translation>保存规则</translation>
    </message>
    <message>
        <source>e.g. 3, 30</source>
        <translation>例如 3, 30</translation>
    </message>
    <message>
        <source>Placeholders: %1</source>
        <translation>占位符：%1</translation>
    </message>
    <message>
        <source>Days and years are whole numbers, e.g. 3, 30.</source>
        <translation>天数和年数须为整数，例如 3, 30。</translation>
    </message>
    <message>
        <source>Rule saved</source>
        <translation>规则已保存</translation>
    </message>
    <message>
        <source>Add a rule</source>
        <translation>添加规则</translation>
    </message>
    <message>
        <source>Kind of rule</source>
        <translation>规则类型</translation>
    </message>
    <message>
        <source>Name of the new rule</source>
        <translation>新规则名称</translation>
    </message>
</context>
<context>
    <name>SecurityPage</name>
    <message>
        <source>Security</source>
        <translation>安全</translation>
    </message>
    <message>
        <source>Find members</source>
        <translation>查找会员</translation>
    </message>
    <message>
        <source>Add and edit members</source>
        <translation>添加和编辑会员</translation>
    </message>
    <message>
        <source>Log visits, top up, take payments</source>
        <translation>登记消费、充值、收款</translation>
    </message>
    <message>
        <source>Work the follow-up list</source>
        <translation>处理回访名单</translation>
    </message>
    <message>
        <source>See reports and charts</source>
        <translation>查看报表和图表</translation>
    </message>
    <message>
        <source>Export data to Excel</source>
        <translation>导出数据到 Excel</translation>
    </message>
    <message>
        <source>Edit services and prices</source>
        <translation>修改服务项目和价格</translation>
    </message>
    <message>
        <source>Adjust balances</source>
        <translation>调整余额</translation>
    </message>
    <message>
        <source>Erase a member</source>
        <translation>删除会员个人数据</translation>
    </message>
    <message>
        <source>Export a member&apos;s personal data</source>
        <translation>导出会员个人数据</translation>
    </message>
    <message>
        <source>Change settings</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <source>See the audit log</source>
        <translation>查看操作日志</translation>
    </message>
    <message>
        <source>Make backups</source>
        <translation>备份数据</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Manage staff and PINs</source>
        <translation>管理员工和 PIN 码</translation>
    </message>
    <message>
        <source>Switch roles on or off</source>
        <translation>启用或关闭角色</translation>
    </message>
    <message>
        <source>Roles and PINs</source>
        <translation>角色与 PIN 码</translation>
    </message>
    <message>
        <source>Staff and PINs…</source>
        <translation>员工与 PIN 码…</translation>
    </message>
    <message>
        <source>Who may do what</source>
        <translation>权限一览</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>店主</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Roles are on: ShopCRM asks for a name and PIN at start, and staff cannot open the owner&apos;s screens. Switch user with Ctrl+L.</source>
        <translation>角色已启用：启动时需选择姓名并输入 PIN 码，员工无法打开店主专用页面。按 Ctrl+L 切换用户。</translation>
    </message>
    <message>
        <source>Switch roles off</source>
        <translation>关闭角色</translation>
    </message>
    <message>
        <source>Roles are off: everyone at this computer acts as the owner.</source>
        <translation>角色未启用：使用这台电脑的人都以店主身份操作。</translation>
    </message>
    <message>
        <source>Switch roles on</source>
        <translation>启用角色</translation>
    </message>
    <message>
        <source>To switch roles on, first set the owner&apos;s PIN on the Staff page.</source>
        <translation>启用角色前，请先在“员工”页为店主设置 PIN 码。</translation>
    </message>
    <message>
        <source>Each person logs in with their own PIN; set them on the Staff page.</source>
        <translation>每人用自己的 PIN 码登录，可在“员工”页设置。</translation>
    </message>
    <message>
        <source>Roles are on. Switch user (Ctrl+L) to log in.</source>
        <translation>角色已启用。请切换用户（Ctrl+L）登录。</translation>
    </message>
    <message>
        <source>Roles are off.</source>
        <translation>角色已关闭。</translation>
    </message>
</context>
<context>
    <name>SessionUi</name>
    <message>
        <source>S&amp;witch user…</source>
        <translation>切换用户(&amp;W)…</translation>
    </message>
    <message>
        <source>Switch user (%1)</source>
        <translation>切换用户（%1）</translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation>切换用户</translation>
    </message>
    <message>
        <source>Roles are off: everyone acts as the owner. Switch them on in Settings › Security.</source>
        <translation>角色未启用：所有人都以店主身份操作。可在“设置 › 安全”中启用。</translation>
    </message>
    <message>
        <source>Logged in: %1</source>
        <translation>已登录：%1</translation>
    </message>
    <message>
        <source>The database is damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <source>Restore the newest backup on the Backups page; the damaged file is kept aside.</source>
        <translation>请在“备份”页恢复最新备份；损坏的文件会另存保留。</translation>
    </message>
    <message>
        <source>Open Backups</source>
        <translation>打开备份页</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>Backing up before closing…</source>
        <translation>关闭前正在备份…</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Owner only</source>
        <translation>仅限店主</translation>
    </message>
    <message>
        <source>Only the owner can change this. You are logged in as %1.</source>
        <translation>只有店主可以修改此处。当前登录：%1。</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>ShopPage</name>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>The shop</source>
        <translation>本店</translation>
    </message>
    <message>
        <source>Shop &amp;name</source>
        <translation>店名(&amp;N)</translation>
    </message>
    <message>
        <source>Shop &amp;type</source>
        <translation>店铺类型(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Open another database…</source>
        <translation>打开其他数据库…</translation>
    </message>
    <message>
        <source>Close this shop and open another database file</source>
        <translation>关闭当前店铺，打开另一个数据库文件</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save the settings (%1)</source>
        <translation>保存设置（%1）</translation>
    </message>
    <message>
        <source>The type sets the profile fields on member cards: %1.</source>
        <translation>店铺类型决定会员资料上的档案字段：%1。</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Backup folder: %1</source>
        <translation>备份文件夹：%1</translation>
    </message>
    <message>
        <source>Log files: %1</source>
        <translation>日志文件：%1</translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation>设置已保存</translation>
    </message>
    <message>
        <source>Nothing to save</source>
        <translation>没有需要保存的修改</translation>
    </message>
    <message>
        <source>Open another database</source>
        <translation>打开其他数据库</translation>
    </message>
    <message>
        <source>ShopCRM databases (*.db *.sqlite);;All files (*)</source>
        <translation>ShopCRM 数据库 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>店主</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>No staff yet: add who serves your customers (PINs only if you want roles), or import your team from Excel.</source>
        <translation>还没有员工：添加为顾客服务的员工（需要分权限时再设置 PIN 码），或从 Excel 导入员工名单。</translation>
    </message>
    <message>
        <source>Add a staff member</source>
        <translation>添加员工</translation>
    </message>
    <message>
        <source>Import from Excel…</source>
        <translation>从 Excel 导入…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职位</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>角色(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>职位(&amp;T)</translation>
    </message>
    <message>
        <source>e.g. senior stylist</source>
        <translation>例如 资深发型师</translation>
    </message>
    <message>
        <source>Active (can serve and log in)</source>
        <translation>在职（可服务、可登录）</translation>
    </message>
    <message>
        <source>New staff member</source>
        <translation>新员工</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>PIN for logging in</source>
        <translation>登录 PIN 码</translation>
    </message>
    <message>
        <source>Set PIN…</source>
        <translation>设置 PIN 码…</translation>
    </message>
    <message>
        <source>Clear PIN</source>
        <translation>清除 PIN 码</translation>
    </message>
    <message>
        <source>set</source>
        <translation>已设置</translation>
    </message>
    <message>
        <source>none</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>active</source>
        <translation>在职</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Save the staff member first, then set a PIN.</source>
        <translation>请先保存员工，再设置 PIN 码。</translation>
    </message>
    <message>
        <source>%1 has a PIN and can log in when roles are on.</source>
        <translation>%1 已设置 PIN 码，启用角色后可登录。</translation>
    </message>
    <message>
        <source>%1 has no PIN yet and cannot log in when roles are on.</source>
        <translation>%1 还没有 PIN 码，启用角色后无法登录。</translation>
    </message>
    <message>
        <source>Staff member saved</source>
        <translation>员工已保存</translation>
    </message>
    <message>
        <source>Set PIN</source>
        <translation>设置 PIN 码</translation>
    </message>
    <message>
        <source>New PIN for %1 (4 to 12 digits)</source>
        <translation>%1 的新 PIN 码（4 到 12 位数字）</translation>
    </message>
    <message>
        <source>The same PIN again</source>
        <translation>再次输入 PIN 码</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>两次输入的 PIN 码不一致。</translation>
    </message>
    <message>
        <source>PIN set for %1</source>
        <translation>已为 %1 设置 PIN 码</translation>
    </message>
    <message>
        <source>Remove %1&apos;s PIN? They cannot log in until a new PIN is set.</source>
        <translation>清除 %1 的 PIN 码？重新设置前，此人将无法登录。</translation>
    </message>
    <message>
        <source>PIN cleared for %1</source>
        <translation>已清除 %1 的 PIN 码</translation>
    </message>
</context>
<context>
    <name>StarterDialog</name>
    <message>
        <source>Add a starter catalogue</source>
        <translation>添加入门价目表</translation>
    </message>
    <message>
        <source>Shop &amp;type</source>
        <translation>店铺类型(&amp;T)</translation>
    </message>
    <message>
        <source>Untick what you do not offer and type your prices (Enter moves down). Services the shop already has are left as they are.</source>
        <translation>取消勾选不提供的项目，输入您的价格（回车跳到下一行）。店里已有的项目保持不变。</translation>
    </message>
    <message>
        <source>Add to the catalogue</source>
        <translation>加入价目表</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
