<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Errors</name>
    <message>
        <source>Sorry, something went wrong.</source>
        <translation>抱歉，出了点问题。</translation>
    </message>
    <message>
        <source>Your data is safe: the unfinished change was not saved. If this happens again, send the log file to your support person:
%1</source>
        <translation>您的数据是安全的：未完成的修改没有保存。如果再次发生，请把日志文件发给为您提供支持的人：
%1</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Writing members, visits and cards…</source>
        <translation>正在写入会员、消费记录和储值…</translation>
    </message>
    <message>
        <source>Making the demo shop</source>
        <translation>正在生成演示店</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to ShopCRM</source>
        <translation>欢迎使用 ShopCRM</translation>
    </message>
    <message>
        <source>Tell us the shop&apos;s name and type to start. You can change both later in Settings. Or look around the demo shop first: it is a separate file, your shop stays empty.</source>
        <translation>填写店名和店铺类型即可开始，之后可在“设置”中修改。也可以先看看演示店：它是单独的文件，您自己的店保持空白。</translation>
    </message>
    <message>
        <source>Shop &amp;name</source>
        <translation>店名(&amp;N)</translation>
    </message>
    <message>
        <source>e.g. 悦色发型沙龙</source>
        <translation>例如：悦色发型沙龙</translation>
    </message>
    <message>
        <source>Shop &amp;type</source>
        <translation>店铺类型(&amp;T)</translation>
    </message>
    <message>
        <source>Start with a typical price list for this type</source>
        <translation>使用此类店铺的常用价目表开始</translation>
    </message>
    <message>
        <source>Untick what you do not offer and type your prices (Enter moves down). Everything can be changed later in Settings → Services &amp; prices.</source>
        <translation>取消勾选不提供的项目，输入您的价格（回车跳到下一行）。以后都可以在 设置 → 服务项目与价格 中修改。</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Open the &amp;demo shop</source>
        <translation>打开演示店(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>Please enter the shop&apos;s name.</source>
        <translation>请填写店名。</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>ShopCRM guide</source>
        <translation>ShopCRM 指南</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>“%1” is already running. Please wait for it to finish.</source>
        <translation>“%1”正在进行，请等它完成。</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>已取消：%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About ShopCRM</source>
        <translation>关于 ShopCRM(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Guide</source>
        <translation>指南(&amp;G)</translation>
    </message>
    <message>
        <source>Staff: %1</source>
        <translation>当前员工：%1</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>店主</translation>
    </message>
    <message>
        <source>(shop name not set)</source>
        <translation>（未设置店名）</translation>
    </message>
    <message>
        <source>This shop uses a database server; back it up on the server (pg_dump).</source>
        <translation>本店使用数据库服务器，请在服务器上备份（pg_dump）。</translation>
    </message>
    <message>
        <source>Copying the database…</source>
        <translation>正在复制数据库…</translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation>正在备份</translation>
    </message>
    <message>
        <source>Backup saved: %1</source>
        <translation>备份已保存：%1</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>ShopCRM databases (*.db *.sqlite);;All files (*)</source>
        <translation>ShopCRM 数据库 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Members, visits, follow-ups and monthly figures for a small shop.</source>
        <translation>为小店管理会员、消费、回访和月度数据。</translation>
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
        <source>About ShopCRM</source>
        <translation>关于 ShopCRM</translation>
    </message>
</context>
<context>
    <name>ShopKinds</name>
    <message>
        <source>Hair salon</source>
        <translation>美发店</translation>
    </message>
    <message>
        <source>Beauty salon</source>
        <translation>美容院</translation>
    </message>
    <message>
        <source>Nail &amp; lash bar</source>
        <translation>美甲美睫</translation>
    </message>
    <message>
        <source>Massage / foot spa</source>
        <translation>按摩 / 足疗</translation>
    </message>
    <message>
        <source>Restaurant</source>
        <translation>餐厅</translation>
    </message>
</context>
<context>
    <name>StarterTable</name>
    <message>
        <source>Service</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>时长（分钟）</translation>
    </message>
    <message>
        <source>Care (days)</source>
        <translation>回访（天）</translation>
    </message>
    <message>
        <source>Price (¥)</source>
        <translation>价格（¥）</translation>
    </message>
</context>
</TS>
